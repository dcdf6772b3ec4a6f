// Keeps consultation states right between rebuilds: recomputes each window's state from the
// reader's clock, withdraws comment links after the deadline and shows them once it opens.
// The threshold for "closing soon", the holidays and the state labels come from the page
// (data-rules, data-holidays, written by the build from site_builder/consultation.py).
(function () {
  "use strict";
  var DAY = 86400000;
  var VN_OFFSET = 7 * 3600000;

  // The calendar date in Vietnam (UTC+7, no daylight saving) as YYYY-MM-DD.
  function vnDate(ms) {
    return new Date(ms + VN_OFFSET).toISOString().slice(0, 10);
  }

  function workingDaysLeft(now, closesMs, holidays) {
    var count = 0;
    for (var ms = now; vnDate(ms) < vnDate(closesMs); ms += DAY) {
      var day = vnDate(ms);
      var weekday = new Date(day + "T00:00:00Z").getUTCDay();
      if (weekday !== 0 && weekday !== 6 && holidays.indexOf(day) < 0) count += 1;
    }
    return count;
  }

  function stateOf(el, now) {
    var opens = Date.parse(el.getAttribute("data-opens"));
    var closes = Date.parse(el.getAttribute("data-closes"));
    if (now < opens) return { state: "upcoming", left: 0, days: Math.ceil((opens - now) / DAY) };
    if (now >= closes) return { state: el.getAttribute("data-decided") ? "decided" : "closed", left: 0 };
    var holidays = (el.getAttribute("data-holidays") || "").split(",");
    var left = workingDaysLeft(now, closes, holidays);
    return { state: left <= rules(el).closing_soon ? "closing" : "open", left: left };
  }

  function rules(el) {
    return JSON.parse(el.getAttribute("data-rules"));
  }

  function apply(el, now) {
    var s = stateOf(el, now);
    var labels = rules(el).labels;
    var accepting = s.state === "open" || s.state === "closing";
    var finished = s.state === "closed" || s.state === "decided";
    el.setAttribute("data-state", s.state);
    el.querySelectorAll("[data-tdkt-state]").forEach(function (badge) {
      badge.setAttribute("data-tdkt-state", s.state);
      badge.className = "tdkt-state tdkt-state--" + s.state;
      badge.textContent = labels[s.state];
    });
    el.querySelectorAll(".tdkt-days-left").forEach(function (span) {
      var inList = span.closest("li") !== null;
      if (accepting) span.textContent = (inList ? " · còn " : ", còn ") + s.left + " ngày làm việc";
      else if (s.state === "upcoming") span.textContent = inList ? " · bắt đầu sau " + s.days + " ngày" : "";
      else span.textContent = "";
    });
    el.querySelectorAll(".tdkt-when-open").forEach(function (node) { node.hidden = !accepting; });
    el.querySelectorAll(".tdkt-when-upcoming").forEach(function (node) { node.hidden = s.state !== "upcoming"; });
    el.querySelectorAll(".tdkt-when-closed").forEach(function (node) { node.hidden = !finished; });
    if (finished) {
      // Withdraw the links themselves, not only their display, so nothing can still be tapped.
      el.querySelectorAll("a.tdkt-comment").forEach(function (a) { a.remove(); });
    }
  }

  // Lists of lists (home page, /lay-y-kien/): each row goes to the group its state has reached,
  // in the group's order; a page without that group drops the row. Counts and the "none" lines follow.
  var GROUP = { open: "open", closing: "open", upcoming: "upcoming", closed: "closed", decided: "closed" };

  function order(group, row) {
    return group === "upcoming" ? row.getAttribute("data-opens") : row.getAttribute("data-closes");
  }

  function regroup() {
    var containers = {};
    var before = {};
    document.querySelectorAll("[data-tdkt-group]").forEach(function (ul) {
      containers[ul.getAttribute("data-tdkt-group")] = ul;
      before[ul.getAttribute("data-tdkt-group")] = ul.children.length;
    });
    Object.keys(containers).forEach(function (name) {
      Array.prototype.slice.call(containers[name].children).forEach(function (row) {
        var group = GROUP[row.getAttribute("data-state")];
        if (!group || group === name) return;
        var target = containers[group];
        if (!target) { row.remove(); return; }
        var key = order(group, row);
        var before = Array.prototype.find.call(target.children, function (other) {
          var otherKey = order(group, other);
          return group === "closed" ? otherKey < key : otherKey > key;
        });
        target.insertBefore(row, before || null);
      });
    });
    Object.keys(containers).forEach(function (name) {
      var shown = containers[name].children.length;
      // A page may show only the first lists of a group: the count is the group's whole number at
      // the build, plus the rows that moved in by the reader's clock, less those that moved out.
      var total = containers[name].getAttribute("data-tdkt-total");
      var count = total === null ? shown : Number(total) + shown - before[name];
      containers[name].hidden = shown === 0;
      document.querySelectorAll('[data-tdkt-count="' + name + '"]').forEach(function (n) { n.textContent = String(count); });
      document.querySelectorAll('[data-tdkt-empty="' + name + '"]').forEach(function (n) { n.hidden = count > 0; });
      document.querySelectorAll('[data-tdkt-section="' + name + '"]').forEach(function (n) { n.hidden = count === 0; });
    });
  }

  function run() {
    var now = Date.now();
    document.querySelectorAll("[data-tdkt-window]").forEach(function (el) { apply(el, now); });
    regroup();
  }

  run();
  // A page left open across the deadline changes state without a reload.
  setInterval(run, 60000);
})();
