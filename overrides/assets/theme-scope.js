// What mkdocs-material writes inline at the top of every page (partials/javascripts/base.html),
// as a file: the site runs no inline script (Content-Security-Policy in overrides/main.html).
// The theme's version takes the site root from the page's base URL; this file is at
// assets/theme-scope.js, so the site root is one level up from its own address.
__md_scope = new URL("..", document.currentScript.src);
__md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
__md_set = (e, _, t = localStorage, a = __md_scope) => {
  try {
    t.setItem(a.pathname + "." + e, JSON.stringify(_));
  } catch (e) {}
};
