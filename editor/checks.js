/*
 * The web editor refuses what `site-builder validate` refuses, before a save.
 *
 * editor/rulebook.js holds the rules' logic; /quan-tri/rulebook.json, written by every build,
 * holds their data and the form's labels; /quan-tri/da-cong-bo/<id>.json holds each nominee
 * list as the site published it. Three things use them here:
 * - a "kiem-tra" widget at the top of every form, which shows, as the editor types, whether the
 *   record can be saved and what to change, each problem under the form's own label; for a list
 *   open for comment by the reader's clock it says so first, with the amendment rule;
 * - Decap's preSave and prePublish events, which refuse the save (or the publication of a
 *   draft saved before) with the same messages: nothing is committed, no branch is made;
 * - the clock is the reader's, in Vietnam time, as on the site's pages.
 */
(function () {
  'use strict';
  var CMS = window.CMS, R = window.TdktRulebook, h = window.h;
  if (!CMS || !R) return;

  var book = null, bookError = null, waiting = [];
  fetch('rulebook.json', { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(function (value) { book = value; }, function (error) { bookError = error; })
    .then(function () { waiting.splice(0).forEach(function (fn) { fn(); }); });

  function ready() {
    if (book || bookError) return Promise.resolve();
    return new Promise(function (resolve) { waiting.push(resolve); });
  }

  var published = {};
  function publishedList(slug) {
    if (!slug) return Promise.resolve(null);
    if (!published[slug]) {
      // Only the lists this build published have a file: a new list's address would answer 404.
      if (book && book.published.lists.indexOf(slug) < 0) return Promise.resolve(null);
      published[slug] = fetch('da-cong-bo/' + encodeURIComponent(slug) + '.json', { credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; });
    }
    return published[slug];
  }

  // The reader's day in Vietnam (UTC+7, no summer time), as the site's pages count it.
  function today() { return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); }

  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  // "groups[1].nominees[0].name" as the form names it: "Nhóm khen thưởng 2 › Người, tập thể 1 › Họ tên…".
  function labelPath(kind, loc) {
    var tree = (book && book.labels[kind]) || {}, parts = [], node = null;
    for (var i = 0; i < loc.length; i++) {
      var part = loc[i];
      if (typeof part === 'number') {
        if (node && node.item) parts[parts.length - 1] = capital(node.item) + ' ' + (part + 1);
        else parts.push('mục ' + (part + 1));
        continue;
      }
      node = tree[part];
      if (!node) { parts.push(String(part)); tree = {}; continue; }
      parts.push(node.label);
      tree = node.fields || {};
    }
    return parts.join(' › ') || 'Cả hồ sơ';
  }

  function entryFacts(entry) {
    var kind = entry.get('collection');
    var data = entry.get('data');
    data = data && data.toJS ? data.toJS() : data || {};
    var slug = entry.get('slug') || '';
    var fresh = !!entry.get('newRecord');
    if (!slug) slug = R.slug(String(data.title || data.name || ''));
    return { kind: kind, data: data, slug: slug, fresh: fresh };
  }

  function problemsOf(facts, publishedOne) {
    if (!book || !book.schemas[facts.kind]) return [];
    var day = today();
    var locate = function (loc) { return labelPath(facts.kind, loc); };
    var list = R.check(book, facts.kind, facts.slug, facts.data, day, { locate: locate });
    if (facts.kind === 'nominations' && !facts.fresh) list = list.concat(R.checkPublished(book, facts.data, publishedOne, day));
    return list.map(function (p) {
      // validate names "the line" of a file; the form names the field.
      return Object.assign({}, p, { label: labelPath(facts.kind, p.loc), message: p.message.replace(/ở dòng /g, 'ở mục ') });
    });
  }

  function openState(record, day) {
    if (!record) return null;
    var w = record.consultation;
    if (day < w.opens) return null;
    var decided = record.outcome !== null || (record.feedback && record.feedback.status === 'đã công bố');
    if (decided) {
      return 'Danh sách này đã có kết quả. Mọi thay đổi điều người dân thấy (kết quả, tên, thành tích…) phải kèm một mục ' +
        '“Đính chính kết quả” mới ghi ngày hôm nay, nội dung thay đổi và lý do; không xóa, không sửa đính chính đã công bố.';
    }
    var span = 'từ ngày ' + R.shortDate(w.opens) + ' đến hết ngày ' + R.shortDate(w.closes);
    var now = day <= w.closes ? 'đang công khai lấy ý kiến nhân dân ' + span : 'đã công khai lấy ý kiến nhân dân ' + span;
    return 'Danh sách này ' + now + '. Mọi thay đổi điều người dân thấy (tên, chức vụ, thành tích, thời gian…) phải kèm ' +
      'một mục “Đính chính” mới trong cùng lần lưu: ghi ngày hôm nay (' + R.shortDate(day) + '), nội dung thay đổi và lý do. ' +
      'Không xóa, không sửa đính chính đã công bố.';
  }

  // Each error also at its field: an attribute on the field's block, which the styles below show
  // under it. Attributes only: the blocks are React's, and React keeps what it did not write.
  var MARK = 'data-tdkt-loi';
  function block(scope, part) {
    if (typeof part === 'number') {
      var items = Array.prototype.filter.call(scope.querySelectorAll('[class*="-ListItem"]'), function (item) {
        return item.parentElement && item.parentElement.closest('[class*="-ControlContainer"]') === scope;
      });
      return items[part] || null;
    }
    var control = scope.querySelector('[id^="' + part + '-field-"]');
    return control ? control.closest('[class*="-ControlContainer"]') || control : null;
  }
  function markFields(list) {
    Array.prototype.forEach.call(document.querySelectorAll('[' + MARK + ']'), function (el) { el.removeAttribute(MARK); });
    var pane = document.querySelector('[class*="-ControlPaneContainer"]');
    if (!pane) return;
    list.forEach(function (p) {
      if (p.severity !== 'error') return;
      var found = null, scope = pane;
      for (var i = 0; i < p.loc.length; i++) {
        var next = block(scope, p.loc[i]);
        if (!next) break;
        found = scope = next;
      }
      if (!found) return;
      var before = found.getAttribute(MARK);
      found.setAttribute(MARK, (before ? before + '\n' : '') + p.message);
    });
  }
  var style = document.createElement('style');
  style.textContent = '[' + MARK + ']{outline:2px solid #b00020;outline-offset:2px}' +
    '[' + MARK + ']::after{content:attr(' + MARK + ');display:block;white-space:pre-line;color:#b00020;' +
    'font-size:.875rem;line-height:1.4;padding:.25rem 0}';
  document.head.appendChild(style);

  function summary(errors) {
    var first = errors[0];
    return 'Chưa lưu: hồ sơ còn ' + errors.length + ' lỗi cần sửa. ' + first.label + ': ' + first.message +
      (errors.length > 1 ? ' (xem đủ danh sách ở ô “Kiểm tra trước khi lưu” đầu biểu mẫu)' : '');
  }

  async function gate(payload) {
    var facts = entryFacts(payload.entry);
    if (facts.kind === 'withdrawn') return undefined;
    await ready();
    if (book && !book.schemas[facts.kind]) return undefined;
    if (!book) {
      throw new Error('Chưa lưu: không tải được bộ quy tắc kiểm tra (rulebook.json); tải lại trang rồi lưu lại.');
    }
    var record = facts.kind === 'nominations' && !facts.fresh ? await publishedList(facts.slug) : null;
    var errors = problemsOf(facts, record).filter(function (p) { return p.severity === 'error'; });
    markFields(errors);
    if (errors.length) {
      // Decap shows the error's text in its notice; without "Error:" in front.
      var refusal = new Error(summary(errors));
      refusal.toString = function () { return refusal.message; };
      throw refusal;
    }
    return undefined;
  }

  CMS.registerEventListener({ name: 'preSave', handler: gate });
  CMS.registerEventListener({ name: 'prePublish', handler: gate });

  // -- the widget at the top of the form ------------------------------------------------------

  var Control = window.createClass({
    getInitialState: function () { return { ready: !!(book || bookError), published: null }; },
    componentDidMount: function () {
      var self = this;
      this.alive = true;
      ready().then(function () { if (self.alive) self.setState({ ready: true }); });
      var facts = entryFacts(this.props.entry);
      if (facts.kind === 'nominations' && !facts.fresh) {
        ready().then(function () { return publishedList(facts.slug); }).then(function (value) { if (self.alive) self.setState({ published: value }); });
      }
    },
    componentDidUpdate: function () { markFields(this.shown || []); },
    componentWillUnmount: function () {
      this.alive = false;
      markFields([]);
      ['input', 'change', 'click', 'keyup'].forEach(function (name) { document.removeEventListener(name, this.later, true); }, this);
    },
    // Decap re-renders a widget only when its own value changes, and hands it the entry as it
    // was loaded: this one reads the draft (getEntry) again a moment after each edit.
    componentWillMount: function () {
      var self = this, timer = null;
      this.later = function () {
        clearTimeout(timer);
        timer = setTimeout(function () { if (self.alive) self.setState({ tick: (self.state.tick || 0) + 1 }); }, 250);
      };
      ['input', 'change', 'click', 'keyup'].forEach(function (name) { document.addEventListener(name, self.later, true); });
    },
    current: function () { return this.props.getEntry ? this.props.getEntry() : this.props.entry; },
    render: function () {
      var facts = entryFacts(this.current());
      var children = [];
      var state = openState(this.state.published && this.state.published.record, today());
      if (state) children.push(h('p', { key: 'open', className: 'tdkt-open', role: 'note' }, state));
      if (!this.state.ready) {
        children.push(h('p', { key: 'wait' }, 'Đang tải bộ quy tắc kiểm tra…'));
      } else if (!book) {
        children.push(h('p', { key: 'fail', role: 'alert' }, 'Không tải được bộ quy tắc kiểm tra; tải lại trang trước khi lưu.'));
      } else {
        var list = problemsOf(facts, this.state.published);
        this.shown = list;
        var errors = list.filter(function (p) { return p.severity === 'error'; });
        var warnings = list.filter(function (p) { return p.severity !== 'error'; });
        children.push(h('p', { key: 'verdict', className: errors.length ? 'tdkt-bad' : 'tdkt-good', role: 'status' },
          errors.length
            ? 'Chưa lưu được: còn ' + errors.length + ' lỗi, ghi dưới đây và ở từng trường trên biểu mẫu.'
            : 'Không thấy lỗi theo các quy tắc của trang' + (warnings.length ? ' (có ' + warnings.length + ' điều cần lưu ý).' : '.')));
        if (list.length) {
          children.push(h('ul', { key: 'list', className: 'tdkt-problems' }, list.slice(0, 50).map(function (p, i) {
            return h('li', { key: i, 'data-field': p.field, className: p.severity === 'error' ? 'tdkt-error' : 'tdkt-warning' },
              h('strong', null, (p.severity === 'error' ? '' : 'Lưu ý — ') + p.label + ': '), p.message);
          })));
          if (list.length > 50) children.push(h('p', { key: 'more' }, 'và ' + (list.length - 50) + ' điều khác.'));
        }
      }
      return h('div', { id: this.props.forID, className: (this.props.classNameWrapper || '') + ' tdkt-check', 'aria-live': 'polite' }, children);
    },
  });

  var Preview = window.createClass({ render: function () { return null; } });
  CMS.registerWidget('kiem-tra', Control, Preview);
})();
