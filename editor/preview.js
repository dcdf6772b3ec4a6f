/*
 * The preview pane: the record's page as the site will show it, rendered by the project itself.
 *
 * Nothing of a page is rendered here. A moment after each edit the pane sends the draft (the
 * form's fields, what a save would write), its file name and the reader's clock (Date.now()) to
 * the project's preview service (POST xem-truoc beside this page: `site-builder edit`, or
 * `site-builder preview-server` behind the agency's nginx), which renders it with the build's
 * own templates and site model (site_builder/site/draft.py) and answers the page's HTML, escaped
 * by those templates, or the problems that stop the build. The pane shows that HTML inside the
 * theme's own elements with the site's own stylesheets, both as the build wrote them into
 * xem-truoc.json; scripts never run in it (innerHTML), and its links open the published site.
 * Where no service answers (a site on GitHub Pages), it says so and points to the pull request,
 * where the site built from the draft is previewed.
 */
(function () {
  'use strict';
  var CMS = window.CMS, h = window.h, R = window.TdktRulebook;
  if (!CMS || !h || !window.createClass) return;

  // The editor is one folder below the site's root (quan-tri/).
  var root = new URL('../', window.location.href);
  var DELAY = 400;

  var settings = null, waiting = [];
  fetch('xem-truoc.json', { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(function (value) {
      settings = value;
      value.styles.forEach(function (href) { CMS.registerPreviewStyle(new URL(href, root).href); });
    }, function () { settings = { address: 'xem-truoc', styles: [], frame: [], review: null }; })
    .then(function () { waiting.splice(0).forEach(function (fn) { fn(); }); });

  function ready() {
    if (settings) return Promise.resolve();
    return new Promise(function (resolve) { waiting.push(resolve); });
  }

  function request(entry) {
    var data = entry.get('data');
    data = data && data.toJS ? data.toJS() : data || {};
    // A new record's file is named from its title or name, as Decap will name it; before either is
    // typed, a name of the pane's own, so that what it says is about the fields.
    var slug = entry.get('slug') || (R ? R.slug(String(data.title || data.name || '')) : '') || 'ban-nhap';
    return { kind: entry.get('collection'), id: slug, record: data };
  }

  // The theme's attributes as props: class is className for React.
  function props(attributes, extra) {
    var out = {};
    Object.keys(attributes).forEach(function (name) { out[name === 'class' ? 'className' : name] = attributes[name]; });
    return Object.assign(out, extra || {});
  }

  // The theme's elements from <body> down to the one holding a page's content, around `inner`.
  function framed(inner) {
    var frame = (settings && settings.frame) || [];
    var inside = frame.filter(function (pair) { return pair[0] !== 'html' && pair[0] !== 'body'; });
    if (!inside.length) inside = [['article', { 'class': 'md-typeset' }]];
    var last = inside[inside.length - 1];
    var node = typeof inner === 'string'
      ? h(last[0], props(last[1], { dangerouslySetInnerHTML: { __html: inner } }))
      : h(last[0], props(last[1]), inner);
    for (var i = inside.length - 2; i >= 0; i--) node = h(inside[i][0], props(inside[i][1]), node);
    return node;
  }

  function reviewLink(slug, kind) {
    var review = settings && settings.review;
    if (!review || !slug) return null;
    var branch = 'cms/' + kind + '/' + slug;
    var href = review.host === 'gitlab'
      ? review.url + '/-/merge_requests?scope=all&source_branch=' + encodeURIComponent(branch)
      : review.url + '/pulls?q=' + encodeURIComponent('is:pr head:' + branch);
    return h('a', { href: href, target: '_blank', rel: 'noopener' }, 'yêu cầu hợp nhất của bản nháp này');
  }

  var Pane = window.createClass({
    getInitialState: function () { return { answer: null, failure: null, unserved: false }; },
    componentDidMount: function () { this.alive = true; this.seq = 0; this.sent = null; this.schedule(0); this.dress(); },
    componentDidUpdate: function () { this.schedule(DELAY); this.dress(); },
    componentWillUnmount: function () { this.alive = false; clearTimeout(this.timer); },

    // Only a change of the draft asks again, a moment after the last keystroke.
    schedule: function (delay) {
      var asked = request(this.props.entry), key = JSON.stringify(asked);
      if (key === this.sent) return;
      this.sent = key;
      clearTimeout(this.timer);
      var self = this;
      this.timer = setTimeout(function () { ready().then(function () { self.ask(asked); }); }, delay);
    },

    ask: function (asked) {
      var self = this, seq = ++this.seq;
      var body = JSON.stringify(Object.assign({}, asked, { now: Date.now() }));
      fetch(settings.address, {
        method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: body,
      })
        .then(function (response) {
          return response.json().catch(function () { return null; }).then(function (value) {
            return { status: response.status, value: value };
          });
        })
        .catch(function () { return { status: 0, value: null }; })
        .then(function (got) {
          if (!self.alive || seq !== self.seq) return;
          var value = got.value;
          if (got.status === 200 && value && (typeof value.html === 'string' || Array.isArray(value.problems))) {
            self.setState({ answer: value, failure: null, unserved: false });
          } else if (value && typeof value.error === 'string') {
            self.setState({ failure: value.error, unserved: false });
          } else {
            // Nothing of ours answered: a static host (404, 405), nginx without the service (502).
            self.setState({ failure: null, unserved: true });
          }
        });
    },

    // The frame's document as the theme's: <html> and <body> attributes (colours), and the page's
    // own address as its base, so that its links and images resolve as on the published page.
    dress: function () {
      var doc = this.props.document;
      if (!doc) return;
      // Decap's frame has no name of its own (axe-core: frame-title).
      var frame = doc.defaultView && doc.defaultView.frameElement;
      if (frame && !frame.getAttribute('title')) frame.setAttribute('title', 'Bản xem trước trang như bạn đọc sẽ thấy');
      if (!settings) return;
      (settings.frame || []).forEach(function (pair) {
        var element = pair[0] === 'html' ? doc.documentElement : pair[0] === 'body' ? doc.body : null;
        if (!element) return;
        Object.keys(pair[1]).forEach(function (name) { if (name !== 'class') element.setAttribute(name, pair[1][name]); });
      });
      var answer = this.state.answer, base = doc.querySelector('base');
      if (base && answer && answer.url !== undefined && !answer.problems) base.setAttribute('href', new URL(answer.url, root).href);
    },

    render: function () {
      var asked = request(this.props.entry), answer = this.state.answer;
      var note = function (kind, title, children) {
        return framed(h('div', { className: 'admonition ' + kind, role: kind === 'failure' ? 'alert' : 'status' },
          h('p', { className: 'admonition-title' }, title), children));
      };
      if (this.state.unserved) {
        var link = reviewLink(this.props.entry.get('slug'), asked.kind);  // a saved draft's branch only
        return note('warning', 'Chưa có bản xem trước ở đây', h('p', null,
          'Máy chủ của trang này không có dịch vụ xem trước (site-builder preview-server), nên trang chưa dựng được từ bản nháp. ',
          link ? h('span', null, 'Sau khi lưu, xem trang dựng từ bản nháp ở địa chỉ xem trước ghi trong ', link, '.')
            : 'Sau khi lưu, xem trang dựng từ bản nháp ở địa chỉ xem trước ghi trong yêu cầu hợp nhất (pull request) của bản nháp.'));
      }
      if (this.state.failure) return note('failure', 'Chưa dựng được bản xem trước', h('p', null, this.state.failure));
      if (!answer) return framed(h('p', { role: 'status' }, 'Đang dựng bản xem trước…'));
      if (answer.problems) {
        return note('failure', 'Chưa xem trước được: hồ sơ còn ' + answer.problems.length + ' lỗi', [
          h('p', { key: 'p' }, 'Trang chỉ dựng được khi hồ sơ hết lỗi (xem ô “Kiểm tra trước khi lưu” ở đầu biểu mẫu):'),
          h('ul', { key: 'ul' }, answer.problems.slice(0, 20).map(function (p, i) {
            return h('li', { key: i }, h('strong', null, p.label + ': '), p.message);
          })),
        ]);
      }
      return framed(answer.html);
    },
  });

  ['campaigns', 'exemplars', 'nominations'].forEach(function (name) { CMS.registerPreviewTemplate(name, Pane); });
})();
