// Search box in the header, on Pagefind's JavaScript API. Nothing of the index is fetched
// until the reader focuses the box or types: the page itself stays light on slow phones.
(function () {
  "use strict";
  var root = document.querySelector("[data-tdkt-search]");
  if (!root) return;
  var input = root.querySelector("input");
  var form = root.querySelector("form");
  var panel = root.querySelector(".tdkt-search__panel");
  // The panel's first line says how many results there are; screen readers speak it when it
  // changes (role=status). It stays in place while the rest of the panel is redrawn: a live
  // region that is itself replaced is not announced, and a live list would be read out whole.
  var status = el("p", "tdkt-search__status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.setAttribute("aria-atomic", "true");
  var body = el("div", "tdkt-search__body");
  panel.replaceChildren(status, body);
  var base = new URL(root.getAttribute("data-base") || ".", document.baseURI).href;

  var FILTERS = [
    ["loai", "Loại"],
    ["trang_thai", "Trạng thái lấy ý kiến"],
    ["tinh", "Tỉnh, thành phố"],
    ["phong_trao", "Phong trào"],
    ["linh_vuc", "Lĩnh vực"],
    ["nam", "Năm"],
    ["khen_thuong", "Khen thưởng"],
    ["doi_tuong", "Đối tượng"]
  ];
  var PAGE = 10;
  var SETTLE = 400;  // ms without a key after the quick index's first screen (search)
  var pagefind = null;
  var loading = null;
  var state = { query: "", filters: {}, sort: "", shown: PAGE, token: 0, keys: 0, refine: null, refocus: null };

  function open() {
    panel.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close(refocus) {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    if (refocus) input.focus();
  }

  // On large sites the index comes in parts (pagefind/shards.json), each a run of dates, part 0
  // the newest, that Pagefind builds separately and merges here (mergeIndex). A filter of
  // Pagefind's own making (mergeFilter) names each page's part, so that results sorted by date
  // can be read part by part.
  var PART = "phan";
  var parts = 1;
  var allFilters = null;
  var rendered = 0;  // the search whose final results are on screen

  // Pagefind asks for its WebAssembly and an index's metadata only once its script and worker
  // are here and have read the index's pagefind-entry.json: four round trips one after the
  // other, on a slow network most of the time a reader takes to type. Asked for at once, beside
  // the script, they are in the browser's cache (or on their way) when Pagefind's worker asks.
  function warmIndex(folder, wasm) {
    fetch(folder + "pagefind-entry.json").then(function (response) { return response.json(); }).then(function (entry) {
      var languages = entry.languages || {};
      var language = languages[document.documentElement.lang] || languages[Object.keys(languages)[0]];
      if (!language) return;
      if (wasm) fetch(folder + "wasm." + (language.wasm || "unknown") + ".pagefind");
      fetch(folder + "pagefind." + language.hash + ".pf_meta");
    }).catch(function () { return null; });
  }

  function load() {
    if (!loading) {
      var root = new URL(base).pathname;
      warmIndex(base + "pagefind/", true);
      var manifest = fetch(base + "pagefind/shards.json")
        .then(function (response) { return response.ok ? response.json() : { shards: ["pagefind/"] }; })
        .catch(function () { return { shards: ["pagefind/"] }; });
      manifest.then(function (given) { given.shards.slice(1).forEach(function (folder) { warmIndex(base + folder, false); }); });
      loading = Promise.all([import(base + "pagefind/pagefind.js"), manifest]).then(function (loaded) {
        var module = loaded[0];
        var folders = loaded[1].shards;
        parts = folders.length;
        function settings(part) {
          var given = { baseUrl: root, excerptLength: 24 };
          if (parts > 1) { given.mergeFilter = {}; given.mergeFilter[PART] = String(part); }
          return given;
        }
        return module.options(settings(0)).then(function () {
          return Promise.all(folders.slice(1).map(function (folder, i) {
            return module.mergeIndex(root + folder, settings(i + 1));
          }));
        }).then(function () {
          // The engine (WebAssembly) and the index's metadata load now, while the reader is still
          // typing, not at the first search: on a slow phone that was most of the wait.
          return module.init();
        }).then(function () {
          pagefind = module;
          return module;
        });
      });
    }
    return loading;
  }

  // The quick index (data-quick, engines/search.py): every searchable page's title only, with
  // the same filters. Its chunks are a fraction of the whole index's (which at
  // 10,000 exemplars took a phone 10-17 s to fetch for a first search), so it answers the
  // first screen; the whole index's ranking replaces it. It runs on its own copy of Pagefind,
  // loaded from its own folder: a second module, worker and WebAssembly, not merged into the
  // whole index (its answers would then wait for the whole index's chunks).
  var quickFolder = root.getAttribute("data-quick");
  var quickLoading = null;
  var quick = null;

  function loadQuick() {
    if (!quickLoading) {
      if (quickFolder) warmIndex(base + quickFolder, true);
      quickLoading = !quickFolder ? Promise.resolve(null) : import(base + quickFolder + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: new URL(base).pathname, excerptLength: 24 }).then(function () {
          return module.init();
        }).then(function () {
          quick = module;
          return module;
        });
      }).catch(function () { return null; });  // a site built without it: the whole index alone
    }
    return quickLoading;
  }

  // The quick index first; the whole index after the first screen (search below), or at once
  // where there is no quick index. On a slow network both at once would share it, and the
  // whole index's bytes are ten times the quick one's.
  function warm() {
    return loadQuick().then(function (q) { return q || load(); });
  }

  // The first screen from the quick index: its best results (the engine's order), ranked among
  // themselves as the whole ranking ranks, while the status still says the search goes on.
  // Titles rarely hold every word of a long query ("thanh nien tinh nguyen"): then the titles
  // that hold its first words, the longest run of two or more that finds any (their chunks are
  // loaded already); one word alone ("thanh") would show pages beside the point. Pagefind leaves
  // out the words no title holds, so the run stops before the first of them.
  function quickScreen(q, query, token) {
    return quickFind(q, query, token).then(function (merged) {
      // A search overtaken by a later key asks for no fragments: they would share the network
      // with the later search's.
      if (token !== state.token) return null;
      return Promise.all(merged.slice(0, state.shown).map(function (item) {
        return item.result.data().then(function (data) { item.data = data; return item; });
      })).then(function (items) {
        if (token !== state.token || !items.length) return false;
        render(rank(items, query), merged.length, {}, null, true);
        return true;
      });
    });
  }

  // The quick index's results for a query, as above ([] when it has none); token null: not a
  // search of the reader's but a look ahead while typing.
  function quickFind(q, query, token) {
    var options = { filters: state.filters };
    var words = query.split(/\s+/).filter(Boolean);
    var least = Math.min(2, words.length);
    function held(word) {
      return Promise.all(variants(word).map(function (v) { return q.search(v, {}); })).then(function (answers) {
        return answers.some(function (r) { return r && r.results.length > 0; });
      });
    }
    function attempt(n) {
      if (n < least || (token !== null && token !== state.token)) return Promise.resolve([]);
      var asked = words.slice(0, n).join(" ");
      return Promise.all(variants(asked).map(function (v) { return q.search(v, options); })).then(function (answers) {
        var seen = {};
        var merged = [];
        answers.forEach(function (r) {
          (r ? r.results : []).forEach(function (result) {
            if (!seen[result.id]) { seen[result.id] = true; merged.push({ result: result, quick: true }); }
          });
        });
        return merged.length ? merged : attempt(n - 1);
      });
    }
    return Promise.all(words.length > 1 ? words.map(held) : [true]).then(function (holds) {
      var n = 0;
      while (n < words.length && holds[n]) n++;
      return attempt(n);
    });
  }

  // Pagefind leaves out of a search the words its index holds nowhere. A part may lack a word
  // that other parts hold, and would then answer with pages that lack it; one index would give
  // none of them. So the parts that lack a word another part holds are left out of the search.
  function partsHolding(pf, query) {
    var words = query.split(/\s+/).filter(Boolean);
    if (parts < 2 || words.length < 2) return Promise.resolve(null);
    return Promise.all(words.map(function (word) { return pf.search(word, {}); })).then(function (answers) {
      var kept = [];
      for (var part = 0; part < parts; part++) {
        var holds = answers.every(function (r) {
          return !r || !r.results.length || (((r.filters || {})[PART] || {})[String(part)] || 0) > 0;
        });
        if (holds) kept.push(String(part));
      }
      return kept;
    });
  }

  function searchIn(pf, query, options) {
    return partsHolding(pf, query).then(function (kept) {
      if (!kept) return pf.search(query, options);
      var filters = Object.assign({}, options.filters);
      // No part at all: a value no page has.
      filters[PART] = { any: kept.length ? kept : ["-"] };
      return pf.search(query, Object.assign({}, options, { filters: filters }));
    });
  }

  // Sorted by date, Pagefind orders each part's results but merges parts by a score that means
  // nothing across parts. The parts are runs of dates, newest first: search the first parts
  // that hold enough results, one by one, and put their lists end to end.
  function inDateOrder(pf, answers, need) {
    if (!state.sort || parts < 2) return Promise.resolve(answers);
    var chosen = [];
    var found = 0;
    for (var part = 0; part < parts && found < need; part++) {
      var inPart = 0;
      answers.forEach(function (answer) { inPart += ((answer.r.filters || {})[PART] || {})[String(part)] || 0; });
      if (inPart) chosen.push(part);
      found += inPart;
    }
    return Promise.all(answers.map(function (answer) {
      return Promise.all(chosen.map(function (part) {
        var filters = Object.assign({}, state.filters);
        filters[PART] = String(part);
        return pf.search(answer.q, { filters: filters, sort: { date: "desc" } });
      })).then(function (lists) {
        answer.ordered = [].concat.apply([], lists.map(function (r) { return r.results; }));
        return answer;
      });
    }));
  }

  function nfc(text) { return (text || "").normalize("NFC"); }

  // Readers often type without diacritics. Pagefind folds tone marks itself but "đ" has no
  // decomposition, so a word typed with "d" is also searched with "đ" (Vietnamese uses đ only
  // as the first letter of a syllable).
  function variants(query) {
    var words = query.split(/\s+/).filter(Boolean);
    var out = [""];
    words.forEach(function (word) {
      var next = [];
      var forms = /^[dD]/.test(word) ? [word, (word[0] === "D" ? "Đ" : "đ") + word.slice(1)] : [word];
      out.forEach(function (prefix) {
        forms.forEach(function (form) { next.push(prefix ? prefix + " " + form : form); });
      });
      out = next.slice(0, 16);
    });
    return out;
  }

  function exactHits(words, content) {
    var text = " " + nfc(content).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ") + " ";
    return words.filter(function (w) { return text.indexOf(" " + w + " ") >= 0; }).length;
  }

  // A match inside a nominee list lands on that nominee's row, not on the top of the list:
  // the row (an anchor on a <tr>) whose text holds every word of the query, the whole phrase
  // first. A query that is the page's own subject (all words in its title) stays at the top.
  function anchorFor(data, words) {
    if (words.every(function (w) { return fold(data.meta.title || "").indexOf(w) >= 0; })) return null;
    var phrase = words.join(" ");
    var best = null;
    var bestScore = 0;
    // Pagefind gives each anchor's position in the page's words; a row runs to the next anchor.
    var contentWords = (data.content || "").split(/\s+/);
    var anchors = (data.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    anchors.forEach(function (anchor, i) {
      if (anchor.element !== "tr") return;
      var end = i + 1 < anchors.length ? anchors[i + 1].location : contentWords.length;
      // A row starts with the nominee's number in the list, the one the page, notice and CSV show.
      var raw = contentWords.slice(anchor.location, end).join(" ");
      var number = /^(\d+)\.?\s*/.exec(raw);
      anchor.rowNumber = number ? number[1] : "";
      anchor.rowText = number ? raw.slice(number[0].length) : raw;
      var text = fold(anchor.rowText);
      if (!words.every(function (w) { return text.indexOf(w) >= 0; })) return;
      var score = text.indexOf(phrase) >= 0 ? 2 : 1;
      if (score > bestScore) { best = anchor; bestScore = score; }
    });
    return best;
  }

  function fold(text) {
    return nfc(text).toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // Pagefind's excerpt marks matches with <mark>; keep only text and those marks.
  function excerptNode(html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createElement("p");
    out.className = "tdkt-result__excerpt";
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === 3) out.appendChild(document.createTextNode(node.textContent));
      else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else out.appendChild(document.createTextNode(node.textContent || ""));
    });
    return out;
  }

  function shorten(text, size) {
    return text.length > size ? text.slice(0, size).replace(/\s+\S*$/, "") + "…" : text;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function search() {
    var query = nfc(input.value).trim();
    state.query = query;
    var token = ++state.token;
    var keys = state.keys;
    if (!query) { close(false); status.textContent = ""; body.textContent = ""; return; }
    open();
    if (!pagefind && !quick) { status.textContent = "Đang tải công cụ tìm kiếm…"; body.textContent = ""; }
    var first = !state.sort && state.shown === PAGE ?
      loadQuick().then(function (q) { return q && quickScreen(q, query, token); }).catch(function () { return null; }) :
      Promise.resolve(null);
    first.then(function (shown) {
      // After a first screen the whole index waits a moment for another key: a reader who goes
      // on typing (or a search the pause started between two slow keys) does not set its
      // megabytes loading in front of the next search's. A key abandons it: the key's own
      // search follows.
      return new Promise(function (resolve) { setTimeout(resolve, shown ? SETTLE : 0); });
    }).then(function () {
      return token === state.token && keys === state.keys ? load() : null;
    }).then(function (pf) {
      if (!pf || token !== state.token) return null;
      var options = { filters: state.filters };
      if (state.sort) options.sort = { date: "desc" };
      // By relevance, the best 30 are re-ranked below; by date, the first shown (and one more,
      // to know whether there are more) of each spelling's list in date order.
      var need = state.sort ? state.shown + 1 : Math.max(state.shown, 30);
      return Promise.all(variants(query).map(function (q, i) {
        return searchIn(pf, q, options).then(function (r) { return { r: r, rank: i, q: q }; });
      })).then(function (answers) {
        return inDateOrder(pf, answers.filter(function (answer) { return answer && answer.r; }), need);
      }).then(function (answers) { return { pf: pf, answers: answers, need: need }; });
    }).then(function (res) {
      if (!res || token !== state.token) return;
      var seen = {};
      var counted = {};
      var total = 0;
      var merged = [];
      var remaining = null;
      res.answers.forEach(function (answer) {
        if (answer.rank === 0) remaining = answer.r.filters;
        answer.r.results.forEach(function (result) {
          if (!counted[result.id]) { counted[result.id] = true; total++; }
        });
        (answer.ordered || answer.r.results).forEach(function (result, position) {
          if (!seen[result.id]) { seen[result.id] = true; merged.push({ result: result, rank: answer.rank, position: position }); }
        });
      });
      var need = res.need;
      // Each spelling's list is in date order: the newest `need` of all are among the first
      // `need` of each list.
      var top = state.sort ? merged.filter(function (item) { return item.position < need; }) : merged.slice(0, need);
      var loaded = top.map(function (item) {
        return item.result.data().then(function (data) { item.data = data; return item; });
      });
      var settled = false;
      // A phone waits most for the fragments of the results, one request each. As soon as the
      // first screen's fragments are here (in the engine's order), they are shown, ranked among
      // themselves, while the status still says the search goes on; the whole window, ranked
      // as below, replaces them when it is complete.
      if (!state.sort && top.length > state.shown) {
        Promise.all(loaded.slice(0, state.shown)).then(function (items) {
          if (token !== state.token || settled) return;
          render(rank(items.slice(), query), total, remaining || {}, res.pf, true);
        });
      }
      return Promise.all(loaded).then(function (items) {
        settled = true;
        if (token !== state.token) return;
        render(rank(items, query), total, remaining || {}, res.pf, false);
      });
    });
  }

  // The whole ranking's order, over the items whose fragments are here.
  function rank(items, query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var folded = words.map(fold);
    var phrase = folded.join(" ");
    // Only words typed with diacritics can be matched "exactly"; a bare "van" says nothing.
    var marked = words.filter(function (w) { return fold(w) !== w; });
    items.forEach(function (item) {
      var content = item.data.content;
      item.exactPhrase = words.length > 1 && nfc(content).toLowerCase().indexOf(words.join(" ")) >= 0 ? 1 : 0;
      item.exact = exactHits(marked, content);
      item.phrase = fold(content).indexOf(phrase) >= 0 ? 1 : 0;
      item.title = exactHits(folded, fold(item.data.meta.title));
      item.anchor = anchorFor(item.data, folded);
    });
    if (!state.sort) {
      // The exact phrase first, then the phrase without diacritics, then words spelt exactly
      // as typed, then matches in the title, then Pagefind's own score.
      items.sort(function (a, b) {
        return (b.exactPhrase - a.exactPhrase) || (b.phrase - a.phrase) || (b.exact - a.exact) ||
          (b.title - a.title) || (b.result.score - a.result.score);
      });
    } else {
      items.sort(function (a, b) {
        return (b.data.meta.date || "").localeCompare(a.data.meta.date || "");
      });
    }
    return items;
  }

  function renderFilters(pf, remaining) {
    var details = el("details", "tdkt-search__refine");
    details.open = state.refine !== null ? state.refine :
      Object.keys(state.filters).length > 0 || state.sort !== "" || window.innerWidth > 960;
    details.addEventListener("toggle", function () { state.refine = details.open; });
    details.appendChild(el("summary", "", "Lọc và sắp xếp kết quả"));
    var box = el("div", "tdkt-search__filters");
    details.appendChild(box);
    // Every filter's values, once, asked for after the first search so as not to delay it.
    allFilters = allFilters || pf.filters();
    return allFilters.then(function (all) {
      FILTERS.forEach(function (pair) {
        var key = pair[0];
        var values = Object.keys(all[key] || {});
        if (!values.length) return;
        var label = el("label", "tdkt-search__filter");
        label.appendChild(el("span", "", pair[1]));
        var select = el("select");
        select.name = key;
        select.appendChild(new Option("Tất cả", ""));
        values.sort(function (a, b) { return a.localeCompare(b, "vi"); });
        if (key === "nam") values.reverse();
        values.forEach(function (value) {
          var count = (remaining[key] || {})[value];
          var option = new Option(value + (count !== undefined ? " (" + count + ")" : ""), value);
          option.selected = state.filters[key] === value;
          select.appendChild(option);
        });
        select.addEventListener("change", function () {
          if (select.value) state.filters[key] = select.value; else delete state.filters[key];
          state.shown = PAGE;
          state.refocus = "select[name=" + key + "]";
          search();
        });
        label.appendChild(select);
        box.appendChild(label);
      });
      var sortLabel = el("label", "tdkt-search__filter");
      sortLabel.appendChild(el("span", "", "Sắp xếp"));
      var sort = el("select");
      sort.name = "sap_xep";
      sort.appendChild(new Option("Phù hợp nhất", "", false, !state.sort));
      sort.appendChild(new Option("Mới nhất", "date", false, state.sort === "date"));
      sort.addEventListener("change", function () { state.sort = sort.value; state.refocus = "select[name=sap_xep]"; search(); });
      sortLabel.appendChild(sort);
      box.appendChild(sortLabel);
      return details;
    });
  }

  function render(items, total, remaining, pf, early) {
    var token = state.token;
    // The first screen comes without the filter menus, which need every filter's values (more
    // requests on a slow network); the final one has them.
    (early ? Promise.resolve(null) : renderFilters(pf, remaining)).then(function (filters) {
      if (token !== state.token || (early && rendered === token)) return;
      if (!early) rendered = token;
      var list = el("ol", "tdkt-search__results");
      items.slice(0, state.shown).forEach(function (item) {
        var data = item.data;
        var li = el("li", "tdkt-result");
        var anchor = item.anchor;
        var link = el("a", "tdkt-result__title", data.meta.title || data.url);
        link.href = data.url + (anchor ? "#" + anchor.id : "");
        if (data.meta.image) {
          var img = el("img", "tdkt-result__image");
          img.src = data.meta.image;
          img.alt = "";
          img.loading = "lazy";
          li.appendChild(img);
        }
        li.appendChild(link);
        var bits = [];
        if (data.filters && data.filters.loai) bits.push(data.filters.loai[0]);
        if (data.meta.date) bits.push(data.meta.date.split("-").reverse().join("/"));
        if (bits.length) li.appendChild(el("p", "tdkt-result__meta", bits.join(" · ")));
        if (anchor) li.appendChild(el("p", "tdkt-result__row", "Trong danh sách" + (anchor.rowNumber ? ", số " + anchor.rowNumber : "") + ": " + shorten(anchor.rowText, 160)));
        else if (data.meta.summary) li.appendChild(el("p", "tdkt-result__summary", data.meta.summary));
        // A quick result's text is its title only (quickScreen): no excerpt to show.
        if (!item.quick) li.appendChild(excerptNode(data.excerpt));
        list.appendChild(li);
      });
      // The first screen leaves the status line as it was ("Đang tìm…"): the count is said once,
      // with the final ranking.
      if (!early) {
        status.textContent = total ? total + " kết quả cho “" + state.query + "”" : "Không tìm thấy kết quả cho “" + state.query + "”.";
      }
      list.setAttribute("data-query", state.query);
      var children = filters ? [filters, list] : [list];
      if (total > state.shown && items.length > state.shown) {
        var more = el("button", "md-button tdkt-search__more", "Xem thêm kết quả");
        more.type = "button";
        more.addEventListener("click", function () {
          // Focus goes on to the first of the new results, not back to the top of the page.
          state.refocus = ".tdkt-result:nth-child(" + (state.shown + 1) + ") a";
          state.shown += PAGE;
          search();
        });
        children.push(more);
      }
      body.replaceChildren.apply(body, children);
      // A redrawn control keeps the keyboard focus (a filter just changed, more results).
      if (state.refocus) {
        var again = body.querySelector(state.refocus);
        state.refocus = null;
        if (again) again.focus();
      }
    });
  }

  var timer = null;
  input.addEventListener("focus", function () { warm(); }, { once: true });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    state.keys++;
    state.shown = PAGE;
    var query = nfc(input.value).trim();
    if (query) {
      // The reader sees at once that the search is under way; the results replace this line.
      open();
      status.textContent = pagefind || quick ? "Đang tìm…" : "Đang tải công cụ tìm kiếm…";
      // The index's chunks for the words already typed whole (followed by a space) start loading
      // before the pause ends. Not the word being typed: each of its prefixes can fall in another
      // chunk ("n", "no" and "nong"), 270 KB each at 10,000 exemplars.
      var whole = /\s$/.test(input.value) ? query : query.replace(/\s*\S+$/, "");
      // With a quick index, only its chunks: the whole index's are asked for after its first
      // screen. Unless the quick index has nothing for the words typed whole so far: then it
      // will have nothing for the query either (quickFind keeps the first words), and the whole
      // index, which will answer, loads now instead of after the pause.
      warm().then(function (pf) {
        if (!whole) return;
        variants(whole).forEach(function (q) { pf.preload(q); });
        if (pf !== quick || loading) return;
        quickFind(pf, whole, null).then(function (found) {
          if (!found.length) load().then(function (full) { variants(whole).forEach(function (q) { full.preload(q); }); });
        });
      });
    }
    timer = setTimeout(search, 150);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); search(); });
  // Escape closes the results and puts the focus back in the box, with the query kept.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { event.preventDefault(); close(true); return; }
    if (event.key === "/" && document.activeElement !== input && !/INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) {
      event.preventDefault();
      input.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!root.contains(event.target) && !panel.hidden) close(false);
  });
  // Leaving the box and its results with the keyboard closes them, so they cover nothing the
  // focus goes to.
  root.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !root.contains(event.relatedTarget) && !panel.hidden) close(false);
  });
  // Down arrow from the box goes to the first result.
  input.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" || panel.hidden) return;
    var first = body.querySelector(".tdkt-result a");
    if (first) { event.preventDefault(); first.focus(); }
  });
  input.addEventListener("click", function () { if (state.query) open(); });
})();
