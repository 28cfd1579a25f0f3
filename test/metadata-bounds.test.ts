import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHtml } from '../src/extract/html/parse.js';
import { readHtmlMetadata } from '../src/extract/metadata/index.js';

const reference = new Date('2021-06-01T00:00:00Z');
const read = (html: string) => readHtmlMetadata(parseHtml(html).document, { reference });

test('100,000 nested elements do not overflow the stack', () => {
  const html = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(100_000)}<h1>Lost</h1>${'</div>'.repeat(100_000)}</body></html>`;
  const meta = read(html);
  assert.equal(meta.title, 'Deep');
});

test('a page with thousands of dates keeps a bounded candidate list', () => {
  const times = Array.from({ length: 5000 }, (_, i) => `<time datetime="2021-0${(i % 9) + 1}-1${i % 10}T10:00:00Z">x</time>`).join('');
  const meta = read(`<html><head><meta property="article:published_time" content="2021-04-12T10:00:00Z"></head><body><h1>Many</h1><p>${'Words of the story. '.repeat(200)}</p>${times}</body></html>`);
  assert.equal(meta.published.stated, '2021-04-12T10:00:00Z');
  assert.ok((meta.published.candidates?.length ?? 0) <= 60);
});

test('megabytes of JSON-LD and hundreds of meta tags are read within their caps', () => {
  const items = Array.from({ length: 40_000 }, (_, i) => ({ '@type': 'ListItem', position: i, name: `Item ${i}` }));
  const big = JSON.stringify({ '@type': 'ItemList', itemListElement: items });
  const metas = Array.from({ length: 2000 }, (_, i) => `<meta name="keywords" content="k${i}">`).join('');
  const meta = read(
    `<html><head>${metas}<script type="application/ld+json">${big}</script>
     <script type="application/ld+json">{"@type":"Article","headline":"After the big one","datePublished":"2021-04-12"}</script></head><body></body></html>`,
  );
  assert.ok(meta.tags.length <= 50);
  assert.equal(meta.published.stated, '2021-04-12');
});

test('garbage input gives empty metadata, not an exception', () => {
  for (const html of ['', '<<<>>>', '<html', '\u0000'.repeat(1000), '<script type="application/ld+json">{"a":</script>']) {
    const meta = read(html);
    assert.equal(meta.published.stated, null);
    assert.deepEqual(meta.authors, []);
  }
});
