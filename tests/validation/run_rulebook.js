// The parity test's side in JavaScript: editor/rulebook.js over a corpus, in Node.
// Reads {book, items: [{kind, id, entry, today, lines, published?}]} on stdin, prints each item's
// problems: a record's own (check), or against the list as published when `published` is given.
'use strict';
const path = require('path');
const rulebook = require(path.join(__dirname, '..', '..', 'editor', 'rulebook.js'));

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const { book, items } = JSON.parse(input);
  const out = items.map((item) => {
    const locate = (loc) => item.lines[rulebook.fieldName(loc)];
    try {
      const found = item.published
        ? rulebook.checkPublished(book, item.entry, item.published, item.today)
        : rulebook.check(book, item.kind, item.id, item.entry, item.today, { locate });
      return found.map((p) => [p.field, p.message, p.severity]);
    } catch (error) {
      return [['(lỗi)', String(error && error.stack || error), 'error']];
    }
  });
  process.stdout.write(JSON.stringify(out));
});
