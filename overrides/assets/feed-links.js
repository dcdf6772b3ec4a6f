// The theme's script (integrations/alternate) fetches "sitemap.xml" beside every
// <link rel="alternate"> once the page has loaded, meaning to find pages in other languages;
// beside a feed (nguon-tin/.../sitemap.xml) there is none, so every page made 3-6 failed
// requests. The feed links stay in the HTML for feed readers; in the page they are renamed
// until the theme has looked (its listener runs first, being added first: this file is loaded
// after the theme's bundle) and named back. A file, not an inline script: see the
// Content-Security-Policy in overrides/main.html.
(function () {
  var links = document.querySelectorAll("link[rel=alternate][type]");
  links.forEach(function (link) {
    link.rel = "tdkt-alternate";
  });
  document.addEventListener(
    "DOMContentLoaded",
    function () {
      links.forEach(function (link) {
        link.rel = "alternate";
      });
    },
    { once: true }
  );
})();
