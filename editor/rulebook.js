/*
 * The rulebook's evaluator: what `site-builder validate` refuses in one record, refused in the
 * web editor before a save, with the same Vietnamese message at the same field.
 *
 * It holds no table, bound or pattern of its own: every one comes from /quan-tri/rulebook.json,
 * which the build writes from the record types and the data's reference files
 * (site_builder/validation/rulebook.py). What it holds is the logic of each rule, and
 * tests/validation/test_rulebook_parity.py proves it gives validate's verdict and message on a
 * corpus of records: every refusal of the tests, the malformed and hostile corpora and every
 * valid sample record. Runs in the page (window.TdktRulebook) and in Node (the parity test).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.TdktRulebook = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';


  // -- text, as Python writes it -------------------------------------------------------------

  function chars(text) { return Array.from(text); }
  function len(text) { return chars(text).length; }

  function number(value) {
    var digits = String(Math.abs(value));
    var out = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return (value < 0 ? '-' : '') + out;
  }

  function clip(text, room) {
    room = room || 80;
    var list = chars(text);
    return list.length <= room ? text : list.slice(0, room - 20).join('') + '… (' + number(list.length) + ' ký tự)';
  }

  function fieldName(loc) {
    var out = '';
    loc.forEach(function (part) {
      if (typeof part === 'number') out += '[' + part + ']';
      else out += (out ? '.' : '') + clip(String(part));
    });
    return out || '(tệp)';
  }

  // Python's str() of a value, where a message quotes it.
  function pyStr(value) {
    if (value === null || value === undefined) return 'None';
    if (value === true) return 'True';
    if (value === false) return 'False';
    if (typeof value === 'number') return pyNumber(value);
    if (Array.isArray(value)) return '[' + value.map(pyRepr).join(', ') + ']';
    if (typeof value === 'object') {
      return '{' + Object.keys(value).map(function (k) { return pyRepr(k) + ': ' + pyRepr(value[k]); }).join(', ') + '}';
    }
    return String(value);
  }
  function pyRepr(value) {
    if (typeof value !== 'string') return pyStr(value);
    var quote = value.indexOf("'") >= 0 && value.indexOf('"') < 0 ? '"' : "'";
    var body = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
    if (quote === "'") body = body.replace(/'/g, "\\'");
    return quote + body + quote;
  }
  function pyNumber(value) {
    if (Number.isInteger(value)) return String(value);
    var text = String(value);
    return text.indexOf('.') < 0 && text.indexOf('e') < 0 ? text + '.0' : text;
  }
  function locRepr(loc) {
    return loc.length === 1 ? '(' + pyRepr(loc[0]) + ',)' : '(' + loc.map(pyRepr).join(', ') + ')';
  }

  function isDict(value) { return value !== null && typeof value === 'object' && !Array.isArray(value); }

  // Python's str.strip() and pydantic's: Unicode white space, not the byte-order mark that
  // JavaScript's trim() takes too.
  var SPACE = '[\\t\\n\\v\\f\\r \\u001c-\\u001f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
  var STRIP = new RegExp('^' + SPACE + '+|' + SPACE + '+$', 'gu');
  function strip(text) { return text.replace(STRIP, ''); }
  function lstrip(text) { return text.replace(new RegExp('^' + SPACE + '+', 'u'), ''); }

  // python-slugify with đ as d, as vietnamese.slug: letters without marks, digits, hyphens.
  function slug(text) {
    var out = text.replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFKD').replace(/\p{M}/gu, '');
    out = out.toLowerCase().replace(/['"]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    return out || 'khac';
  }

  function shortDate(iso) { var p = iso.split('-'); return p[2] + '/' + p[1] + '/' + p[0]; }

  // -- difflib.get_close_matches, as Python computes it ---------------------------------------

  function Matcher(a, b) {
    this.a = a; this.b = b;
    var b2j = new Map();
    b.forEach(function (ch, i) { if (!b2j.has(ch)) b2j.set(ch, []); b2j.get(ch).push(i); });
    var n = b.length;
    if (n >= 200) {
      var ntest = Math.floor(n / 100) + 1;
      Array.from(b2j.keys()).forEach(function (ch) { if (b2j.get(ch).length > ntest) b2j.delete(ch); });
    }
    this.b2j = b2j;
  }
  Matcher.prototype.longest = function (alo, ahi, blo, bhi) {
    var a = this.a, b = this.b, b2j = this.b2j;
    var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
    for (var i = alo; i < ahi; i++) {
      var newj2len = new Map();
      var js = b2j.get(a[i]) || [];
      for (var x = 0; x < js.length; x++) {
        var j = js[x];
        if (j < blo) continue;
        if (j >= bhi) break;
        var k = (j2len.get(j - 1) || 0) + 1;
        newj2len.set(j, k);
        if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
      }
      j2len = newj2len;
    }
    // Junk is only what autojunk left out of b2j: extend the match over equal "popular" elements.
    while (besti > alo && bestj > blo && !b2j.has(b[bestj - 1]) && a[besti - 1] === b[bestj - 1]) {
      besti--; bestj--; bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && !b2j.has(b[bestj + bestsize]) &&
           a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  };
  Matcher.prototype.matches = function () {
    var queue = [[0, this.a.length, 0, this.b.length]], total = 0;
    while (queue.length) {
      var q = queue.pop();
      var m = this.longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        total += m[2];
        if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
      }
    }
    return total;
  };
  function ratio(matches, la, lb) { return la + lb ? (2 * matches) / (la + lb) : 1; }

  function closeMatch(word, possibilities, cutoff) {
    var b = chars(word), best = null;
    possibilities.forEach(function (candidate) {
      var a = chars(candidate);
      if (ratio(Math.min(a.length, b.length), a.length, b.length) < cutoff) return;
      var counts = new Map(), hits = 0;
      b.forEach(function (ch) { counts.set(ch, (counts.get(ch) || 0) + 1); });
      a.forEach(function (ch) { var c = counts.get(ch) || 0; if (c > 0) hits++; counts.set(ch, c - 1); });
      if (ratio(hits, a.length, b.length) < cutoff) return;
      var score = ratio(new Matcher(a, b).matches(), a.length, b.length);
      if (score < cutoff) return;
      if (best === null || score > best[0] || (score === best[0] && candidate > best[1])) best = [score, candidate];
    });
    return best === null ? null : best[1];
  }

  // -- the record's shape: pydantic's errors from the record type's JSON Schema ---------------

  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var DMY = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/;
  var YMD = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/;

  function realDate(year, month, day) {
    if (month < 1 || month > 12 || day < 1 || year < 1) return null;
    var last = new Date(Date.UTC(2000, month, 0)).getUTCDate();
    if (month === 2) last = (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
    if (day > last) return null;
    return String(year).padStart(4, '0') + '-' + String(month).padStart(2, '0') + '-' + String(day).padStart(2, '0');
  }

  function parseDate(value) {
    if (typeof value !== 'string') return null;
    var m = DATE.exec(value);
    return m ? realDate(+m[1], +m[2], +m[3]) : null;
  }

  function typeName(value) {
    if (typeof value === 'boolean') return 'giá trị đúng/sai';
    if (typeof value === 'number') {
      if (Number.isInteger(value) && Math.abs(value) >= Math.pow(2, 128)) return 'một số quá lớn';
      return 'số ' + pyNumber(value);
    }
    if (Array.isArray(value)) return 'một danh sách';
    if (isDict(value)) return 'các trường con';
    if (value === null || value === undefined) return 'giá trị trống';
    return "'" + clip(String(value)) + "'";
  }

  function dateHint(value) {
    if (typeof value === 'string') {
      var tries = [[DMY, [3, 2, 1], '; viết ngày theo dạng năm-tháng-ngày, ví dụ 2021-12-31'],
        [YMD, [1, 2, 3], ' (tháng từ 1 đến 12, ngày không quá số ngày của tháng)']];
      for (var t = 0; t < tries.length; t++) {
        var m = tries[t][0].exec(value);
        if (m) {
          var order = tries[t][1];
          var iso = realDate(+m[order[0]], +m[order[1]], +m[order[2]]);
          return iso ? 'viết ngày theo dạng ' + iso : 'ngày ' + value + ' không có thật' + tries[t][2];
        }
      }
    }
    return 'viết ngày theo dạng năm-tháng-ngày, ví dụ 2021-12-31';
  }

  function Shape(book, kind) {
    this.book = book;
    this.schema = book.schemas[kind];
    this.defs = this.schema.$defs || {};
    this.regexes = {};
  }
  Shape.prototype.regex = function (pattern) {
    if (!this.regexes[pattern]) this.regexes[pattern] = new RegExp(pattern, 'u');
    return this.regexes[pattern];
  };
  Shape.prototype.resolve = function (node) {
    while (node && node.$ref) node = this.defs[node.$ref.split('/').pop()];
    return node;
  };

  // One pydantic error: {type, loc, input, ctx}. Returns the value as the record holds it, or
  // FAIL. Errors are pushed in pydantic's order: fields in the type's order, depth first, then
  // unknown keys in the order written.
  var FAIL = {};

  Shape.prototype.value = function (node, value, loc, errors) {
    var options = node.anyOf;
    if (options) {
      var inner = options.filter(function (o) { return o.type !== 'null'; });
      if (value === null) return null;
      node = inner.length === 1 ? Object.assign({}, node, inner[0], { anyOf: undefined }) : inner[0];
    }
    if (node.$ref) return this.model(this.resolve(node), value, loc, errors);
    if (node.enum || node.const !== undefined) {
      var allowed = node.enum || [node.const];
      if (allowed.indexOf(value) >= 0 && typeof value === 'string') return value;
      errors.push({ type: 'literal_error', loc: loc, input: value, ctx: { options: allowed } });
      return FAIL;
    }
    switch (node.type) {
      case 'string': return node.format === 'date' ? this.date(value, loc, errors) : this.text(node, value, loc, errors);
      case 'integer': return this.integer(node, value, loc, errors);
      case 'boolean': return this.boolean(value, loc, errors);
      case 'array': return this.list(node, value, loc, errors);
      default: return value;
    }
  };

  Shape.prototype.model = function (schema, value, loc, errors) {
    var properties = schema.properties || {}, required = schema.required || [];
    if (!isDict(value)) {
      errors.push({ type: 'model_type', loc: loc, input: value });
      return FAIL;
    }
    // records.Model._empty_is_absent: an optional field written "" is a field left empty.
    var data = {};
    Object.keys(value).forEach(function (key) {
      if (!(value[key] === '' && properties[key] && required.indexOf(key) < 0)) data[key] = value[key];
    });
    var out = {}, failed = false, self = this;
    Object.keys(properties).forEach(function (key) {
      var node = properties[key];
      if (Object.prototype.hasOwnProperty.call(data, key)) {
        var got = self.value(node, data[key], loc.concat([key]), errors);
        if (got === FAIL) failed = true;
        else out[key] = got;
      } else if (required.indexOf(key) >= 0) {
        errors.push({ type: 'missing', loc: loc.concat([key]), input: data });
        failed = true;
      } else if (node.default !== undefined) {
        out[key] = JSON.parse(JSON.stringify(node.default));
      } else {
        // A group with a default of its own (default_factory: the counts of comments received, all 0).
        out[key] = node.$ref ? self.model(self.resolve(node), {}, loc.concat([key]), []) : null;
      }
    });
    Object.keys(data).forEach(function (key) {
      if (!properties[key]) {
        errors.push({ type: 'extra_forbidden', loc: loc.concat([key]), input: data[key], schema: schema });
        failed = true;
      }
    });
    return failed ? FAIL : out;
  };

  Shape.prototype.text = function (node, value, loc, errors) {
    if (typeof value !== 'string') {
      errors.push({ type: 'string_type', loc: loc, input: value });
      return FAIL;
    }
    var text = node['x-strip'] ? strip(value) : value, size = len(text);
    if (node.minLength !== undefined && size < node.minLength) {
      errors.push({ type: 'string_too_short', loc: loc, input: value });
      return FAIL;
    }
    if (node.maxLength !== undefined && size > node.maxLength) {
      errors.push({ type: 'string_too_long', loc: loc, input: value, ctx: { max_length: node.maxLength } });
      return FAIL;
    }
    if (node.pattern !== undefined && !this.regex(node.pattern).test(text)) {
      errors.push({ type: 'string_pattern_mismatch', loc: loc, input: value, ctx: { pattern: node.pattern } });
      return FAIL;
    }
    return text;
  };

  Shape.prototype.date = function (value, loc, errors) {
    var iso = parseDate(value);
    if (iso === null) {
      errors.push({ type: 'date_parsing', loc: loc, input: value });
      return FAIL;
    }
    return iso;
  };

  Shape.prototype.integer = function (node, value, loc, errors) {
    var got = value;
    if (typeof value === 'boolean') got = value ? 1 : 0;
    else if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) got = parseInt(value, 10);
    else if (typeof value === 'number' && !Number.isInteger(value)) {
      errors.push({ type: 'int_from_float', loc: loc, input: value });
      return FAIL;
    } else if (typeof value !== 'number') {
      errors.push({ type: typeof value === 'string' ? 'int_parsing' : 'int_type', loc: loc, input: value });
      return FAIL;
    }
    if (node.minimum !== undefined && got < node.minimum) {
      errors.push({ type: 'greater_than_equal', loc: loc, input: value, ctx: { ge: node.minimum } });
      return FAIL;
    }
    if (node.maximum !== undefined && got > node.maximum) {
      errors.push({ type: 'less_than_equal', loc: loc, input: value, ctx: { le: node.maximum } });
      return FAIL;
    }
    return got;
  };

  Shape.prototype.boolean = function (value, loc, errors) {
    if (typeof value === 'boolean') return value;
    if (value === 0 || value === 1) return value === 1;
    if (typeof value === 'string') {
      var word = value.trim().toLowerCase();
      if (['1', 'on', 't', 'true', 'y', 'yes'].indexOf(word) >= 0) return true;
      if (['0', 'off', 'f', 'false', 'n', 'no'].indexOf(word) >= 0) return false;
    }
    errors.push({ type: value === null || typeof value === 'object' ? 'bool_type' : 'bool_parsing', loc: loc, input: value });
    return FAIL;
  };

  Shape.prototype.list = function (node, value, loc, errors) {
    if (!Array.isArray(value)) {
      errors.push({ type: 'list_type', loc: loc, input: value });
      return FAIL;
    }
    if (node.maxItems !== undefined && value.length > node.maxItems) {
      errors.push({ type: 'too_long', loc: loc, input: value, ctx: { max_length: node.maxItems, actual_length: value.length } });
      return FAIL;
    }
    var out = [], failed = false, self = this;
    value.forEach(function (item, index) {
      var got = self.value(node.items || {}, item, loc.concat([index]), errors);
      if (got === FAIL) failed = true;
      else out.push(got);
    });
    if (failed) return FAIL;
    if (node.minItems !== undefined && value.length < node.minItems) {
      errors.push({ type: 'too_short', loc: loc, input: value, ctx: { min_length: node.minItems } });
      return FAIL;
    }
    return out;
  };

  Shape.prototype.allowedKeys = function (loc) {
    var node = this.schema;
    for (var i = 0; i < loc.length; i++) {
      if (typeof loc[i] === 'number') continue;
      var model = this.resolve(node);
      var field = model && model.properties && model.properties[loc[i]];
      if (!field) return [];
      node = innerModel(field);
      if (!node) return [];
    }
    var found = this.resolve(node);
    return found && found.properties ? Object.keys(found.properties) : [];
  };
  function innerModel(node) {
    if (!node) return null;
    if (node.$ref) return node;
    var parts = (node.anyOf || []).concat(node.items ? [node.items] : []);
    for (var i = 0; i < parts.length; i++) {
      var found = innerModel(parts[i]);
      if (found) return found;
    }
    return null;
  }

  // load._message: the Vietnamese text of one error, and whether it points at the key.
  function message(shape, error) {
    var book = shape.book, value = error.input, loc = error.loc, kind = error.type;
    var found = 'tìm thấy ' + typeName(value);
    var last = String(loc[loc.length - 1]);
    if (kind === 'missing') return "thiếu trường bắt buộc '" + last + "'";
    var personal = book.privacy.keys[last.toLowerCase()];
    if (kind === 'extra_forbidden' && personal) {
      return 'không được đăng ' + personal + " (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15); bỏ trường '" + last + "'";
    }
    if (kind === 'extra_forbidden') {
      var allowed = shape.allowedKeys(loc.slice(0, -1));
      var near = closeMatch(last, allowed, 0.5);
      var hint = near !== null ? "; có phải ý bạn là '" + near + "'?" : '; các trường hợp lệ: ' + allowed.join(', ');
      return "không có trường '" + clip(last) + "'" + hint;
    }
    if (kind.indexOf('date') === 0) return found + '; ' + dateHint(value);
    if (kind === 'literal_error') {
      var options = error.ctx.options;
      var close = closeMatch(pyStr(value), options, 0.4);
      return found + '; giá trị phải là một trong: ' + options.map(function (o) { return "'" + o + "'"; }).join(', ') +
        (close !== null ? "; có phải ý bạn là '" + close + "'?" : '');
    }
    if (kind === 'string_pattern_mismatch') {
      var pattern = error.ctx.pattern, patterns = book.patterns;
      if (pattern === patterns.image && typeof value === 'string') {
        var renamed = imageName(shape, value);
        if (renamed) {
          return found + '; tên ảnh chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang: đổi tên tệp thành ' +
            "'" + renamed.replace(/^images\//, '') + "' trong data/images/ và viết " + renamed;
        }
      }
      var hints = patterns.hints;
      if (hints[pattern]) return found + '; ' + hints[pattern];
      if (pattern.indexOf('https?') >= 0) return found + '; địa chỉ phải bắt đầu bằng https:// hoặc http://';
      if (pattern.indexOf('@') >= 0) return found + '; cần một địa chỉ thư điện tử, ví dụ gopy@example.gov.vn';
      return found + '; không đúng dạng quy định';
    }
    if (kind === 'string_too_short') return 'không được để trống';
    if (kind === 'string_too_long') {
      return 'dài ' + number(len(strip(value))) + ' ký tự; tối đa ' + number(error.ctx.max_length) + ' ký tự';
    }
    if (kind === 'too_short') return 'cần ít nhất ' + error.ctx.min_length + ' mục';
    if (kind === 'too_long') return 'có ' + number(error.ctx.actual_length) + ' mục; tối đa ' + number(error.ctx.max_length) + ' mục';
    if (kind === 'string_type') return found + '; cần một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)';
    if (kind === 'int_parsing' || kind === 'int_type' || kind === 'int_from_float') return found + '; cần một số nguyên';
    if (kind === 'greater_than_equal') return found + '; cần lớn hơn hoặc bằng ' + error.ctx.ge;
    if (kind === 'less_than_equal') return found + '; cần nhỏ hơn hoặc bằng ' + error.ctx.le;
    if (kind === 'list_type') return found + "; cần một danh sách, mỗi mục trên một dòng bắt đầu bằng '- '";
    if (kind === 'model_type') return found + "; cần các trường con dạng 'khóa: giá trị'";
    if (kind === 'bool_parsing' || kind === 'bool_type') return found + '; cần true hoặc false';
    return found + '; giá trị không hợp lệ';
  }

  function imageName(shape, src) {
    if (src.indexOf('://') >= 0 || src.indexOf('..') >= 0) return null;
    var rest = src.replace(/^images\//, ''), cut = rest.lastIndexOf('/');
    var folder = cut >= 0 ? rest.slice(0, cut) : '', name = cut >= 0 ? rest.slice(cut + 1) : rest;
    var dot = name.lastIndexOf('.');
    if (dot <= 0) return null;
    var parts = folder ? folder.split('/').filter(Boolean).map(slug) : [];
    var renamed = ['images'].concat(parts, [slug(name.slice(0, dot)) + '.' + name.slice(dot + 1).toLowerCase()]).join('/');
    return shape.regex(shape.book.patterns.image).test(renamed) ? renamed : null;
  }

  // -- the problems of one record ------------------------------------------------------------

  function Problems() { this.list = []; }
  Problems.prototype.add = function (loc, text, warning) {
    this.list.push({ loc: loc, field: fieldName(loc), message: text, severity: warning ? 'warning' : 'error' });
  };

  function missing(label, value, known, where) {
    var near = closeMatch(value, known, 0.6);
    return 'không tìm thấy ' + label + " '" + value + "'" + (near !== null ? "; có phải ý bạn là '" + near + "'?" : '; xem ' + where);
  }

  function provinceHint(book, value) {
    var key = slug(value);
    ['tinh-', 'thanh-pho-', 'tp-'].forEach(function (prefix) { if (key.indexOf(prefix) === 0) key = key.slice(prefix.length); });
    var provinces = book.provinces;
    if (provinces[key]) return "'" + value + "' là tên; viết mã '" + key + "' (" + provinces[key].kind + ' ' + provinces[key].name + ')';
    var ids = Object.keys(provinces);
    for (var i = 0; i < ids.length; i++) {
      var p = provinces[ids[i]];
      for (var f = 0; f < p.former.length; f++) {
        if (slug(p.former[f]) === key) {
          return 'tỉnh ' + p.former[f] + ' đã nhập vào ' + p.kind + ' ' + p.name + ' từ ngày 01/07/2025; dùng mã ' +
            "'" + ids[i] + "' (ghi tên cũ trong locality.name nếu hồ sơ thuộc thời trước)";
        }
      }
    }
    var near = closeMatch(key, ids, 0.6);
    return near !== null ? "có phải ý bạn là '" + near + "'?" : 'xem mã các tỉnh, thành phố trong data/provinces.yml';
  }

  function Checker(book, problems) {
    this.book = book;
    this.out = problems;
  }
  Checker.prototype.province = function (loc, value) {
    if (value !== null && value !== undefined && !this.book.provinces[value]) {
      this.out.add(loc, "không tìm thấy tỉnh, thành phố '" + value + "'; " + provinceHint(this.book, value));
    }
  };
  Checker.prototype.campaignKnown = function (id) {
    return !!this.book.campaigns[id] || this.book.failed_campaigns.indexOf(id) >= 0;
  };
  Checker.prototype.award = function (loc, awardId, recipient, who) {
    var award = this.book.awards[awardId];
    if (!award) {
      this.out.add(loc, missing('hình thức khen thưởng', awardId, Object.keys(this.book.awards), 'data/awards.yml'));
    } else if (award.recipients.indexOf(recipient) < 0) {
      this.out.add(loc, "'" + award.name + "' không trao cho " + recipient + (who || '') + '; hình thức này chỉ dành cho: ' +
        award.recipients.join(', '));
    }
  };
  Checker.prototype.honorific = function (loc, honorific, recipient) {
    if (honorific !== null && recipient !== 'cá nhân') {
      this.out.add(loc, "danh xưng '" + honorific + "' chỉ dùng cho cá nhân, không dùng cho " + recipient + '; bỏ trường này');
    }
  };

  Checker.prototype.campaign = function (id, c) {
    this.province(['province'], c.province);
    if (c.parent !== null) {
      if (c.parent === id) this.out.add(['parent'], 'phong trào không thể là cấp trên của chính nó');
      else if (!this.campaignKnown(c.parent)) {
        this.out.add(['parent'], missing('phong trào', c.parent, Object.keys(this.book.campaigns), 'data/campaigns/'));
      } else {
        var seen = [id], current = c.parent, campaigns = this.book.campaigns;
        while (current !== null && campaigns[current]) {
          if (seen.indexOf(current) >= 0) {
            this.out.add(['parent'], "các phong trào cấp trên tạo thành vòng lặp qua '" + current + "'");
            break;
          }
          seen.push(current);
          current = current === id ? c.parent : campaigns[current].parent;
        }
      }
    }
    if (c.period.end !== null && c.period.end < c.period.start) {
      this.out.add(['period', 'end'], 'ngày kết thúc ' + c.period.end + ' trước ngày bắt đầu ' + c.period.start);
    }
    if (c.updated !== null && c.updated < c.published) this.out.add(['updated'], 'ngày cập nhật trước ngày đăng');
  };

  Checker.prototype.exemplar = function (id, e) {
    var self = this, book = this.book;
    this.province(['locality', 'province'], e.locality.province);
    this.honorific(['honorific'], e.honorific, e.recipient_kind);
    if (book.fields.indexOf(e.field) < 0) {
      this.out.add(['field'], missing('lĩnh vực', e.field, book.fields, 'danh sách fields trong data/site.yml'));
    }
    e.campaigns.forEach(function (campaign, index) {
      if (!self.campaignKnown(campaign)) {
        self.out.add(['campaigns', index], missing('phong trào', campaign, Object.keys(book.campaigns), 'data/campaigns/'));
      }
    });
    e.awards.forEach(function (received, index) {
      self.award(['awards', index, 'award'], received.award, e.recipient_kind);
    });
    if (e.updated !== null && e.updated < e.published) this.out.add(['updated'], 'ngày cập nhật trước ngày đăng');
  };

  Checker.prototype.nominations = function (id, n) {
    var self = this, book = this.book;
    this.province(['province'], n.province);
    if (n.campaign !== null && !this.campaignKnown(n.campaign)) {
      this.out.add(['campaign'], missing('phong trào', n.campaign, Object.keys(book.campaigns), 'data/campaigns/'));
    }
    var w = n.consultation;
    if (w.closes < w.opens) {
      this.out.add(['consultation', 'closes'], 'ngày kết thúc lấy ý kiến ' + w.closes + ' trước ngày bắt đầu ' + w.opens);
    }
    var seen = {};
    n.groups.forEach(function (group, g) {
      if (!book.awards[group.award]) self.award(['groups', g, 'award'], group.award, '');
      group.nominees.forEach(function (nominee, i) {
        var loc = ['groups', g, 'nominees', i];
        if (book.awards[group.award]) {
          self.award(loc.concat(['recipient_kind']), group.award, nominee.recipient_kind, " ('" + nominee.id + "', " + nominee.name + ')');
        }
        self.honorific(loc.concat(['honorific']), nominee.honorific, nominee.recipient_kind);
        if (Object.prototype.hasOwnProperty.call(seen, nominee.id)) {
          self.out.add(loc.concat(['id']), "mã '" + nominee.id + "' đã dùng ở dòng " + seen[nominee.id] +
            '; mỗi người trong danh sách cần một mã riêng');
        } else seen[nominee.id] = self.line(loc.concat(['id']));
      });
    });
    if (n.proposing_document.date > n.published) {
      this.out.add(['proposing_document', 'date'], 'tờ trình ghi ngày ' + n.proposing_document.date + ', sau ngày đăng danh sách ' +
        n.published + '; danh sách chỉ công khai sau khi có tờ trình — kiểm tra lại ngày của tờ trình hoặc ngày đăng (published)', true);
    }
    this.window(n);
  };

  // A message that names "the line" of an earlier field names, in the form, where it is.
  Checker.prototype.line = function (loc) { return this.locate ? this.locate(loc) : fieldName(loc); };

  function addDays(iso, days) {
    var d = new Date(iso + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }
  function weekday(iso) { return (new Date(iso + 'T00:00:00Z').getUTCDay() + 6) % 7; }
  function workingDays(book, start, end) {
    var count = 0;
    for (var day = start; day <= end; day = addDays(day, 1)) {
      if (weekday(day) < 5 && book.holidays.indexOf(day) < 0) count++;
    }
    return count;
  }
  function inForce(rule, day) {
    return rule.in_force_from <= day && (rule.in_force_until === null || day <= rule.in_force_until);
  }
  function covering(rules, id, award) {
    var named = rules.filter(function (r) { return r.awards.indexOf(id) >= 0; });
    return named.length ? named : rules.filter(function (r) { return !r.awards.length && r.levels.indexOf(award.level) >= 0; });
  }
  function ruleFor(book, n) {
    var best = null, opens = n.consultation.opens, begun = n.proposing_document.date;
    n.groups.forEach(function (group) {
      var award = book.awards[group.award];
      if (!award) return;
      var current = book.rules.filter(function (r) { return inForce(r, opens); });
      // A transitional rule (files begun under the old decree) wins for the files it covers.
      var transitional = current.filter(function (r) { return r.files_begun_before !== null && begun < r.files_begun_before; });
      var found = covering(transitional, group.award, award);
      if (!found.length) found = covering(current.filter(function (r) { return r.files_begun_before === null; }), group.award, award);
      found.forEach(function (r) { if (best === null || r.min_working_days > best.min_working_days) best = r; });
    });
    return best;
  }

  Checker.prototype.window = function (n) {
    var w = n.consultation, rule = ruleFor(this.book, n);
    if (w.closes < w.opens || rule === null) return;
    var days = workingDays(this.book, w.opens, w.closes);
    if (days < rule.min_working_days && w.short_window_reason === null) {
      this.out.add(['consultation', 'closes'], 'thời gian lấy ý kiến từ ' + w.opens + ' đến ' + w.closes + ' chỉ có ' + days +
        ' ngày làm việc (đã trừ thứ Bảy, Chủ nhật và ngày nghỉ trong data/holidays.yml); cần ít nhất ' + rule.min_working_days +
        ' ngày làm việc theo ' + rule.label + " (quy định '" + rule.id + "' trong data/rules.yml, áp dụng cho danh sách mở từ " +
        rule.in_force_from + '), hoặc ghi lý do rút ngắn vào consultation.short_window_reason');
    }
  };

  // -- personal data (inputs/privacy.py) ------------------------------------------------------

  function Privacy(book) {
    var p = book.privacy, r = {};
    ['id_number', 'phone', 'birth', 'street', 'digit_run', 'birth_gate', 'street_after_number', 'lane_number', 'email', 'quote']
      .forEach(function (name) { r[name] = new RegExp(p[name].source, p[name].flags); });
    this.r = r;
    this.lanes = p.lane_words;
  }
  function masked(found) {
    if (found.indexOf('@') >= 0) {
      var at = found.indexOf('@');
      return chars(found.slice(0, at)).slice(0, 1).join('') + '***@' + found.slice(at + 1);
    }
    var list = chars(found), digits = [];
    list.forEach(function (ch, i) { if (/\p{Nd}/u.test(ch)) digits.push(i); });
    var keep = digits.length > 2 ? [digits[0], digits[digits.length - 1]] : digits;
    return list.map(function (ch, i) { return /\p{Nd}/u.test(ch) && keep.indexOf(i) < 0 ? '*' : ch; }).join('');
  }
  Privacy.prototype.findings = function (text) {
    var r = this.r, out = [], folded = text.toLowerCase(), m;
    if (r.birth_gate.test(folded) && (m = r.birth.exec(text))) out.push(['ngày sinh', m[0]]);
    if (r.digit_run.test(text)) {
      if ((m = r.phone.exec(text))) out.push(['số điện thoại', m[0]]);
      else if ((m = r.id_number.exec(text))) out.push(['dãy số giống số căn cước, chứng minh nhân dân', m[0]]);
    }
    var street = r.street_after_number.test(folded) ||
      (this.lanes.some(function (w) { return folded.indexOf(w) >= 0; }) && r.lane_number.test(folded));
    if (street && (m = r.street.exec(text))) out.push(['địa chỉ nhà riêng', m[0]]);
    return out;
  };
  Privacy.prototype.commenter = function (text) {
    var out = this.findings(text), m;
    if (text.indexOf('@') >= 0 && (m = this.r.email.exec(text))) out.push(['địa chỉ thư điện tử', m[0]]);
    if ((m = this.r.quote.exec(text))) out.push(['trích nguyên văn ý kiến', chars(m[0]).slice(0, 40).join('')]);
    return out;
  };
  function finding(f) { return 'có ' + f[0] + " ('" + masked(f[1]) + "')"; }

  var NOMINEE_TEXT = ['name', 'position', 'unit', 'locality', 'achievement'];
  var EXEMPLAR_TEXT = ['name', 'role', 'unit', 'summary', 'story'];

  Checker.prototype.personal = function (kind, record) {
    var self = this, privacy = this.privacy;
    if (kind === 'nominations') {
      record.groups.forEach(function (group, g) {
        group.nominees.forEach(function (nominee, i) {
          NOMINEE_TEXT.forEach(function (name) {
            privacy.findings(nominee[name] || '').forEach(function (f) {
              self.out.add(['groups', g, 'nominees', i, name], finding(f) + ': không được đăng dữ liệu cá nhân của người được đề nghị ' +
                '(Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15); chỉ ghi họ tên, chức vụ, đơn vị, địa phương (xã, tỉnh) và thành tích');
            });
          });
        });
      });
    } else if (kind === 'exemplars') {
      var texts = EXEMPLAR_TEXT.map(function (name) { return [[name], record[name]]; });
      texts.push([['locality', 'name'], record.locality.name]);
      texts.forEach(function (t) {
        privacy.findings(t[1] || '').forEach(function (f) {
          self.out.add(t[0], finding(f) + ': không được đăng dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15); ' +
            'bỏ thông tin này khỏi bài');
        });
      });
    }
  };

  // -- comment channels, dated entries, outcome and feedback ----------------------------------

  function formPlaceholders(template) {
    var names = [], re = /\{\{|\}\}|\{([^{}]*)\}/g, m;
    while ((m = re.exec(template))) if (m[1] !== undefined) names.push(m[1].split(/[!:]/)[0].split(/[.[]/)[0]);
    return names;
  }

  Checker.prototype.channels = function (n) {
    var book = this.book, channels = n.channels;
    if (channels !== null) {
      var self = this;
      formPlaceholders(channels.form_url || '').forEach(function (name) {
        if (book.form_placeholders.indexOf(name) < 0) {
          self.out.add(['channels', 'form_url'], "chỗ điền '{" + name + "}' không có; chỉ dùng được: " +
            book.form_placeholders.map(function (p) { return '{' + p + '}'; }).join(', '));
        }
      });
    }
    var resolved = channels || book.channels;
    if (!(resolved.form_url || resolved.email || resolved.postal_address || resolved.phone)) {
      this.out.add(channels !== null ? ['channels'] : [], 'danh sách chưa có cách nào để gửi góp ý; ghi ít nhất một trong form_url, email, ' +
        'postal_address, phone (ở đây hoặc trong consultation.channels của data/site.yml)');
    }
  };

  Checker.prototype.dated = function (key, label, entries, earliest, today) {
    var self = this;
    entries.forEach(function (entry, index) {
      var loc = [key, index, 'date'];
      if (entry.date < earliest) {
        self.out.add(loc, key === 'amendments'
          ? 'đính chính ghi ngày ' + entry.date + ', trước khi mở lấy ý kiến (' + earliest + '); trước ngày mở, sửa thẳng danh sách, không cần đính chính'
          : 'đính chính kết quả ghi ngày ' + entry.date + ', trước ngày quyết định khen thưởng ' + earliest + '; ghi ngày đính chính thật');
      } else if (entry.date > today) {
        self.out.add(loc, label + ' ghi ngày ' + entry.date + ', sau hôm nay (' + today + '); chỉ ghi ' + label + ' đã làm, với ngày thật');
      } else if (index && entry.date < entries[index - 1].date) {
        self.out.add(loc, label + ' thứ ' + (index + 1) + ' ghi ngày ' + entry.date + ', trước ' + label + ' thứ ' + index + ' (' +
          entries[index - 1].date + '); thêm ' + label + ' mới vào cuối danh sách, theo thứ tự ngày');
      }
    });
  };

  Checker.prototype.entries = function (n, today) {
    this.dated('amendments', 'đính chính', n.amendments, n.consultation.opens, today);
    var f = n.feedback;
    var settled = n.outcome !== null ? n.outcome.decision.date : f !== null && f.status === 'đã công bố' ? f.published : null;
    if (settled !== null) this.dated('corrections', 'đính chính kết quả', n.corrections, settled, today);
    else if (n.corrections.length) {
      this.out.add(['corrections'], 'chưa có kết quả (outcome) hay kết quả tổng hợp ý kiến đã công bố nên chưa có gì để đính chính; ' +
        'trước đó, thay đổi danh sách bằng một mục amendments');
    }
    var first = n.first_published;
    if (first !== null && first.date > n.consultation.opens) {
      this.out.add(['first_published', 'date'], 'ngày công khai lần đầu ' + first.date + ' sau ngày mở lấy ý kiến ' + n.consultation.opens +
        ': danh sách phải công khai từ ngày đầu lấy ý kiến; ghi đúng ngày, hoặc mở lại thời gian lấy ý kiến');
    }
  };

  function nomineeNames(n) {
    var names = {};
    n.groups.forEach(function (g) { g.nominees.forEach(function (x) { if (!(x.id in names)) names[x.id] = x.name; }); });
    return names;
  }

  Checker.prototype.outcome = function (n, today) {
    var o = n.outcome, self = this;
    if (o === null) return;
    var w = n.consultation;
    if (today <= w.closes) {
      this.out.add(['outcome'], 'danh sách còn đang hoặc sắp lấy ý kiến (đến hết ngày ' + shortDate(w.closes) + ') nên chưa thể có kết quả; ' +
        'chỉ thêm outcome sau khi hết thời gian lấy ý kiến');
    }
    if (o.decision.date < w.closes) {
      this.out.add(['outcome', 'decision', 'date'], 'quyết định ghi ngày ' + o.decision.date + ', trước ngày cuối lấy ý kiến ' + w.closes +
        '; quyết định khen thưởng phải ghi ngày từ ' + w.closes + ' trở đi');
    }
    var names = nomineeNames(n), given = {};
    o.results.forEach(function (result, index) {
      var loc = ['outcome', 'results', index, 'nominee'];
      if (!(result.nominee in names)) {
        self.out.add(loc, missing('người được đề nghị', result.nominee, Object.keys(names), 'các mã id trong groups'));
      } else if (result.nominee in given) {
        self.out.add(loc, "kết quả của '" + result.nominee + "' đã ghi ở dòng " + self.line(['outcome', 'results', given[result.nominee], 'nominee']) +
          '; mỗi người chỉ ghi một kết quả');
      } else given[result.nominee] = index;
    });
    var absent = Object.keys(names).filter(function (id) { return !(id in given); });
    if (absent.length) {
      var shown = absent.slice(0, 10).map(function (id) { return "'" + id + "' (" + names[id] + ')'; }).join(', ');
      var more = absent.length > 10 ? ' và ' + (absent.length - 10) + ' người khác' : '';
      this.out.add(['outcome', 'results'], 'thiếu kết quả của ' + shown + more + '; ghi kết quả cho mọi người, tập thể trong danh sách ' +
        '(được khen thưởng, không được khen thưởng, rút khỏi danh sách hoặc chưa xét)');
    }
  };

  Checker.prototype.feedback = function (n, today) {
    var f = n.feedback, self = this;
    if (f === null) return;
    var closes = n.consultation.closes;
    if (today <= closes) {
      this.out.add(['feedback'], 'thời gian lấy ý kiến chưa kết thúc (hết ngày ' + closes + '); chỉ thêm feedback khi đã hết hạn góp ý');
      return;
    }
    if (f.expected < closes) this.out.add(['feedback', 'expected'], 'ngày dự kiến ' + f.expected + ' trước ngày hết hạn góp ý ' + closes);
    if (f.status === 'đã công bố' && f.published === null) {
      this.out.add(['feedback', 'status'], 'đã công bố thì ghi ngày công bố vào feedback.published, dạng 2026-12-15');
    }
    if (f.published !== null && !(closes < f.published && f.published <= today)) {
      this.out.add(['feedback', 'published'], 'ngày công bố ' + f.published + ' phải sau ngày hết hạn góp ý ' + closes +
        ' và không sau hôm nay (' + today + ')');
    }
    var r = f.received, total = r.form + r.email + r.post + r.phone + r.in_person + r.forwarded;
    if (f.about_list + f.not_considered > total) {
      this.out.add(['feedback', 'about_list'], 'số ý kiến về cả danh sách (' + f.about_list + ') và không được xem xét (' + f.not_considered +
        ') nhiều hơn số ý kiến nhận được (' + total + ', tổng các mục trong received)');
    }
    var names = nomineeNames(n), known = Object.keys(names), results = {}, seen = {};
    if (n.outcome !== null) n.outcome.results.forEach(function (x) { results[x.nominee] = x.result; });
    f.nominees.forEach(function (entry, index) {
      var loc = ['feedback', 'nominees', index];
      if (!(entry.nominee in names)) {
        self.out.add(loc.concat(['nominee']), missing('người, tập thể', entry.nominee, known, 'groups'));
        return;
      }
      if (entry.nominee in seen) self.out.add(loc.concat(['nominee']), "'" + entry.nominee + "' đã có ở mục trước; gộp ý kiến vào một mục");
      seen[entry.nominee] = true;
      if (entry.comments > total - f.not_considered) {
        self.out.add(loc.concat(['comments']), entry.comments + " ý kiến về '" + entry.nominee + "', nhiều hơn số ý kiến được xem xét (" +
          (total - f.not_considered) + ')');
      }
      if (entry.verification === 'đang xác minh' && entry.decision !== null && entry.decision !== 'tạm dừng chờ kết luận') {
        self.out.add(loc.concat(['decision']), "đang xác minh thì chưa có hướng xử lý '" + entry.decision +
          "'; bỏ trống hoặc ghi 'tạm dừng chờ kết luận'");
      }
      if (entry.decision === 'điều chỉnh thông tin' && (entry.amendment === null || entry.amendment > n.amendments.length)) {
        self.out.add(loc.concat(['amendment']), n.amendments.length
          ? 'điều chỉnh thông tin thì ghi số thứ tự đính chính đã làm (1 đến ' + n.amendments.length + ') vào amendment'
          : 'điều chỉnh thông tin thì phải có một đính chính (amendments) nói rõ điều chỉnh; thêm đính chính rồi ghi số thứ tự của nó vào amendment');
      }
      if (entry.decision === 'rút khỏi danh sách' && entry.nominee in results && results[entry.nominee] !== entry.decision) {
        self.out.add(loc.concat(['decision']), "ý kiến dẫn tới rút '" + entry.nominee + "' khỏi danh sách nhưng kết quả (outcome) ghi '" +
          results[entry.nominee] + "'; ghi kết quả 'rút khỏi danh sách'");
      }
    });
    var texts = [[['feedback', 'late_reason'], f.late_reason]];
    f.nominees.forEach(function (entry, index) {
      texts.push([['feedback', 'nominees', index, 'summary'], entry.summary]);
      texts.push([['feedback', 'nominees', index, 'answer'], entry.answer]);
    });
    texts.forEach(function (t) {
      self.privacy.commenter(t[1] || '').forEach(function (x) {
        self.out.add(t[0], finding(x) + ': không được công bố gì cho phép nhận ra người đã góp ý (họ tên, liên lạc, ngày của từng ý kiến, ' +
          'trích nguyên văn); viết tóm tắt trung lập nội dung ý kiến');
      });
    });
  };

  // -- plausible dates (validate.check_plausible_dates) ---------------------------------------

  function latestDate(today, years) {
    var year = +today.slice(0, 4) + years, rest = today.slice(4);
    return rest === '-02-29' && !realDate(year, 2, 29) ? year + '-02-28' : String(year).padStart(4, '0') + rest;
  }

  Checker.prototype.dates = function (record, shape, today) {
    var bounds = this.book.dates, self = this;
    function under(keys, loc) { return keys.some(function (k) { return loc.indexOf(k) >= 0; }); }
    function walk(node, value, loc) {
      node = shape.resolve(node);
      if (value === null || value === undefined || !node) return;
      if (node.anyOf) {
        var inner = node.anyOf.filter(function (o) { return o.type !== 'null'; })[0];
        return walk(inner, value, loc);
      }
      if (node.properties) {
        Object.keys(node.properties).forEach(function (key) { walk(node.properties[key], value[key], loc.concat([key])); });
      } else if (node.type === 'array') {
        value.forEach(function (item, i) { walk(node.items || {}, item, loc.concat([i])); });
      } else if (node.format === 'date') {
        var earliest = under(bounds.historic_keys, loc) ? bounds.earliest_historic : bounds.earliest;
        var years = under(bounds.period_keys, loc) ? bounds.years_ahead_period : bounds.years_ahead;
        var latest = latestDate(today, years);
        if (value < earliest) {
          self.out.add(loc, 'ngày ' + shortDate(value) + ' trước ngày ' + shortDate(earliest) + ', không thể đúng với hồ sơ này; ' +
            'kiểm tra lại năm, và thứ tự ngày/tháng/năm (ví dụ 16/11/2026)');
        } else if (value > latest) {
          self.out.add(loc, 'ngày ' + shortDate(value) + ' sau hôm nay hơn ' + years + ' năm (muộn nhất ' + shortDate(latest) +
            '); kiểm tra lại năm, và thứ tự ngày/tháng/năm (ví dụ 16/11/2026)');
        }
      }
    }
    walk(shape.schema, record, []);
  };

  // -- one record, from the form to its problems ----------------------------------------------

  function nfc(value) {
    if (typeof value === 'string') return value.normalize('NFC');
    if (Array.isArray(value)) return value.map(nfc);
    if (isDict(value)) {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k.normalize('NFC')] = nfc(value[k]); });
      return out;
    }
    return value;
  }

  function firstControl(book, value, loc) {
    if (!book._control) book._control = new RegExp(book.control.source, book.control.flags);
    if (typeof value === 'string') {
      var m = book._control.exec(value);
      return m ? [loc, m[0]] : null;
    }
    var keys = Array.isArray(value) ? value.map(function (_, i) { return i; }) : isDict(value) ? Object.keys(value) : [];
    for (var i = 0; i < keys.length; i++) {
      var found = firstControl(book, keys[i], loc.concat([keys[i]])) || firstControl(book, value[keys[i]], loc.concat([keys[i]]));
      if (found) return found;
    }
    return null;
  }

  function holes(book, value, loc, out) {
    if (typeof value === 'string') {
      if (lstrip(value).indexOf(book.placeholder) === 0) {
        var hint = strip(strip(value).slice(book.placeholder.length));
        out.add(loc, "chưa điền: thay '" + book.placeholder + ' ' + hint + "' bằng giá trị thật, hoặc xóa trường nếu không bắt buộc");
      }
    } else if (Array.isArray(value)) value.forEach(function (v, i) { holes(book, v, loc.concat([i]), out); });
    else if (isDict(value)) Object.keys(value).forEach(function (k) { holes(book, value[k], loc.concat([k]), out); });
  }

  function at(data, loc) {
    for (var i = 0; i < loc.length; i++) {
      var part = loc[i];
      if ((isDict(data) && Object.prototype.hasOwnProperty.call(data, part)) ||
          (Array.isArray(data) && typeof part === 'number' && part >= 0 && part < data.length)) data = data[part];
      else return undefined;
    }
    return data;
  }

  // load.salvage: the record without the wrong values it can do without, for the rules.
  function salvage(shape, data) {
    var current = JSON.parse(JSON.stringify(data));
    for (var round = 0; round < 3; round++) {
      var errors = [], value = shape.model(shape.schema, current, [], errors);
      if (!errors.length) return value;
      if (errors.some(function (e) { return e.type === 'missing'; })) return null;
      var seen = {}, locs = [];
      errors.forEach(function (e) { var k = locRepr(e.loc); if (!seen[k]) { seen[k] = true; locs.push([k, e.loc]); } });
      locs.sort(function (x, y) { return x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : 0; });
      for (var i = 0; i < locs.length; i++) {
        var loc = locs[i][1], parent = loc.length ? at(current, loc.slice(0, -1)) : undefined;
        if (!isDict(parent) || !Object.prototype.hasOwnProperty.call(parent, loc[loc.length - 1])) return null;
        delete parent[loc[loc.length - 1]];
      }
    }
    return null;
  }

  /**
   * The problems of one record of `kind` ("campaigns", "exemplars", "nominations") called `id`
   * (its file name), as the form holds it, on `today` (YYYY-MM-DD, Vietnam time): a list of
   * {loc, field, message, severity}. `options.locate(loc)` names where an earlier field is, for
   * the messages that point at one ("đã dùng ở dòng …"); validate gives a file's line there.
   */
  function check(book, kind, id, entry, today, options) {
    var problems = new Problems(), shape = new Shape(book, kind);
    var data = nfc(entry);
    var control = firstControl(book, data, []);
    if (control) {
      var code = control[1].codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
      problems.add(control[0], 'ký tự điều khiển U+' + code + ' không được phép (thường lẫn vào khi chép từ Word, PDF hay ' +
        'trang web); xóa ký tự này');
      return problems.list;
    }
    var errors = [], record = shape.model(shape.schema, data, [], errors);
    var holed = new Problems();
    holes(book, data, [], holed);
    var shown = errors.slice(0, book.max_problems).map(function (e) {
      var item = { loc: e.loc, field: fieldName(e.loc), message: message(shape, e), severity: 'error' };
      return item;
    });
    if (errors.length > book.max_problems) {
      var rest = errors[book.max_problems].loc;
      shown.push({ loc: rest, field: fieldName(rest), severity: 'error',
        message: 'từ đây còn ' + number(errors.length - book.max_problems) + ' lỗi nữa chưa kể ra; sửa các lỗi trên rồi kiểm tra lại' });
    }
    if (holed.list.length) {
      var filled = holed.list.map(function (p) { return p.field; });
      return holed.list.concat(shown.filter(function (p) { return filled.indexOf(p.field) < 0; }));
    }
    problems.list = problems.list.concat(shown);
    if (errors.length) record = salvage(shape, data);
    if (record === null || record === FAIL) return problems.list;
    var checker = new Checker(book, problems);
    checker.privacy = new Privacy(book);
    checker.locate = options && options.locate;
    if (kind === 'campaigns') checker.campaign(id, record);
    else if (kind === 'exemplars') checker.exemplar(id, record);
    else if (kind === 'nominations') {
      checker.channels(record);
      checker.nominations(id, record);
      checker.outcome(record, today);
      checker.entries(record, today);
      checker.feedback(record, today);
    }
    checker.personal(kind, record);
    checker.dates(record, shape, today);
    return problems.list;
  }


  // -- a list already public: what the public was shown changes only with an amendment -------

  function same(a, b) { return JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b); }

  function shownValue(record, key) {
    if (key === 'consultation') return [record.consultation.opens, record.consultation.closes];
    if (key === 'short_window_reason') return record.consultation.short_window_reason;
    return record[key];
  }

  function settled(record) {
    var f = record.feedback && record.feedback.status === 'đã công bố' ? record.feedback : null;
    return record.outcome === null && f === null ? null : { outcome: record.outcome, feedback: f };
  }

  /**
   * The problems of a nominee list as the form holds it against the list as the site published
   * it (`published`: {record} from /quan-tri/da-cong-bo/<id>.json), on `today`: once its window
   * has opened, what the public was shown changes only with a new amendment in the same save,
   * and published amendments stay as they were; once decided, the same with corrections.
   * Before the window opens (by the reader's clock) a list changes freely.
   */
  function checkPublished(book, entry, published, today) {
    var out = new Problems(), shape = new Shape(book, 'nominations'), errors = [];
    var now = shape.model(shape.schema, nfc(entry), [], errors);
    var before = published && published.record;
    if (!before || errors.length || now === FAIL || today < before.consultation.opens) return out.list;
    var shown = book.published.shown;
    kept(out, 'amendments', 'đính chính', before.amendments, now.amendments);
    kept(out, 'corrections', 'đính chính kết quả', before.corrections, now.corrections);
    var changed = Object.keys(shown).filter(function (key) { return !same(shownValue(before, key), shownValue(now, key)); });
    var then = settled(before), after = settled(now) || {};
    var outcomeChanged = then !== null && ['outcome', 'feedback'].some(function (key) {
      return then[key] !== null && !same(then[key], after[key]);
    });
    if (!changed.length && !outcomeChanged) return out.list;
    var named = changed.map(function (key) { return shown[key]; });
    if (outcomeChanged) named.push('kết quả');
    var where = changed.length ? (changed[0] === 'consultation' ? ['consultation', 'opens'] : changed[0] === 'short_window_reason'
      ? ['consultation', 'short_window_reason'] : [changed[0]]) : ['outcome'];
    var added = function (key) {
      return now[key].slice(before[key].length).filter(function (item) { return item.date === today; }).length > 0;
    };
    if (then !== null) {
      if (!added('corrections')) {
        out.add(where, 'danh sách đã có kết quả nhưng đã thay đổi so với bản đã công bố trên trang: ' + named.join('; ') +
          '; mà không có đính chính kết quả mới. Thêm một mục đính chính kết quả ghi ngày hôm nay (' + shortDate(today) +
          '), nội dung thay đổi và lý do, hoặc trả lại như đã công bố');
      }
    } else if (!added('amendments')) {
      out.add(where, 'danh sách đã công khai lấy ý kiến từ ' + shortDate(before.consultation.opens) + ' nhưng đã thay đổi so với bản đã ' +
        'công bố trên trang: ' + named.join('; ') + '; mà không có đính chính mới. Thêm một mục đính chính ghi ngày hôm nay (' +
        shortDate(today) + '), nội dung thay đổi và lý do, hoặc trả danh sách về như đã công bố');
    }
    return out.list;
  }

  // history._kept: published entries stay as they were, and new ones come after them.
  function kept(out, key, label, before, after) {
    var index;
    if (before.every(function (entry, i) { return i < after.length && same(entry, after[i]); })) return;
    var rest = 0;
    if (before.every(function (entry) {
      while (rest < after.length && !same(entry, after[rest])) rest++;
      return rest++ < after.length;
    })) {
      for (index = 0; index < after.length; index++) if (index >= before.length || !same(after[index], before[index])) break;
      out.add([key, index], label + ' thứ ' + (index + 1) + ' (ngày ' + after[index].date + ') được chèn vào trước ' + label +
        ' đã công bố; ' + label + ' mới chỉ thêm vào cuối danh sách');
      return;
    }
    for (index = 0; index < before.length; index++) {
      if (index >= after.length) {
        out.add(after.length ? [key] : [], label + ' thứ ' + (index + 1) + ' (ngày ' + before[index].date + ') đã công bố nhưng bị xóa; ' +
          label + ' đã công bố chỉ được giữ nguyên, muốn sửa thì thêm một ' + label + ' mới');
        return;
      }
      if (!same(before[index], after[index])) {
        var edited = Object.keys(before[index]).filter(function (name) { return !same(before[index][name], after[index][name]); })[0];
        out.add([key, index, edited], label + ' thứ ' + (index + 1) + ' (ngày ' + before[index].date + ') đã công bố nhưng bị sửa; ' +
          'trả lại nội dung cũ, muốn sửa thì thêm một ' + label + ' mới');
        return;
      }
    }
  }

  return { check: check, checkPublished: checkPublished, fieldName: fieldName, slug: slug, shortDate: shortDate };
});
