import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { analyzePage } from '../src/analyze.js';

const BODY = '<p>The harbour reopened on Monday after three weeks of repairs to the sea wall, officials said.</p>'.repeat(4);

test('a publication date given with the input is used, marked external, when the page states none', () => {
  const { result } = analyzePage({ input: 'a.html', bytes: Buffer.from(`<html><body><article>${BODY}</article></body></html>`), published: '2024-05-06' });
  assert.deepEqual(
    { stated: result.published.stated, source: result.published.source, precision: result.published.precision },
    { stated: '2024-05-06', source: 'external', precision: 'date' },
  );
});

test('a date the page states wins over one given from outside', () => {
  const html = `<html><head><meta property="article:published_time" content="2023-01-02T10:00:00Z"></head><body><article>${BODY}</article></body></html>`;
  const { result } = analyzePage({ input: 'b.html', bytes: Buffer.from(html), published: '2024-05-06' });
  assert.notEqual(result.published.source, 'external');
  assert.match(result.published.stated ?? '', /^2023-01-02/);
});

test('an external date that is not a date is ignored with a warning', () => {
  const { result } = analyzePage({ input: 'c.html', bytes: Buffer.from(`<html><body><article>${BODY}</article></body></html>`), published: 'last Tuesday-ish' });
  assert.notEqual(result.published.source, 'external');
  assert.ok(result.warnings.some((warning) => /publication date given with the input .* is not a date/.test(warning)));
});

test('gzip, charset and format are all worked out from the bytes of a page', () => {
  const html = Buffer.concat([Buffer.from('<html><head><meta charset="koi8-r"><title>x</title></head><body><article><p>'), Buffer.from([0xed, 0xcf, 0xd3, 0xcb, 0xd7, 0xc1]), Buffer.from(` ${'and more words in this paragraph '.repeat(10)}</p></article></body></html>`)]);
  const { result } = analyzePage({ input: 'page-without-extension', bytes: gzipSync(html) });
  assert.match(result.text, /^Москва and more words/);
});

test('the page URL and input name are carried into the result', () => {
  const { result } = analyzePage({ input: 'saved.html', url: 'https://news.example/2024/05/06/harbour', bytes: Buffer.from(`<html><body><article>${BODY}</article></body></html>`) });
  assert.equal(result.input, 'saved.html');
  assert.equal(result.url, 'https://news.example/2024/05/06/harbour');
});
