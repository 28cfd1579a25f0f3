import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractHtml } from '../src/extract/html/extract-html.js';
import type { Extraction } from '../src/extract/types.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const fixture = (name: string): string => readFileSync(join(root, 'test', 'fixtures', 'html', name), 'utf8');

const ARTICLE_URL = 'https://gazette.example.com/news/2024/ferry-route';

function blockTexts(result: Extraction, kind?: string): string[] {
  return result.blocks.filter((b) => kind === undefined || b.kind === kind).map((b) => result.text.slice(b.start, b.end));
}

test('an article keeps its body and drops navigation, share bar, related list, comments, newsletter and cookie banner', () => {
  const result = extractHtml(fixture('article-with-chrome.html'), { url: ARTICLE_URL });
  assert.match(result.text, /^The harbour council voted on Tuesday evening/);
  assert.match(result.text, /ask the regional court to review the decision\.$/);
  for (const chrome of ['Weather', 'Facebook', 'Island villages ask', 'waiting for this ferry', 'morning briefing', 'We use cookies', 'All rights reserved', 'Jane Morgan']) {
    assert.ok(!result.text.includes(chrome), `body should not contain "${chrome}"`);
  }
  assert.equal(result.pageType, 'article');
  assert.ok(result.pageTypeReason);
});

test('the title repeated as the first heading is not part of the body', () => {
  const result = extractHtml(fixture('article-with-chrome.html'), { url: ARTICLE_URL });
  assert.ok(!result.text.includes('Harbour council approves new ferry route'));
});

test('removed chrome is listed with its kind', () => {
  const result = extractHtml(fixture('article-with-chrome.html'), { url: ARTICLE_URL });
  const kinds = (text: string): string[] => result.chrome.filter((c) => c.text.includes(text)).map((c) => c.kind);
  assert.ok(kinds('We use cookies').includes('cookie'));
  assert.ok(kinds('Facebook').includes('share'));
  assert.ok(kinds('waiting for this ferry').includes('comments'));
  assert.ok(kinds('morning briefing').includes('newsletter'));
  assert.ok(kinds('Island villages ask').includes('related'));
  assert.ok(kinds('Weather').some((kind) => kind === 'navigation' || kind === 'header'));
  assert.ok(result.chrome.every((c) => c.text.length > 0 && c.text.length <= 300));
});

test('related links come from the related-stories box with absolute URLs', () => {
  const result = extractHtml(fixture('article-with-chrome.html'), { url: ARTICLE_URL });
  assert.deepEqual(result.related, [
    {
      title: 'Island villages ask for better connections to the mainland',
      url: 'https://gazette.example.com/news/2024/island-villages-ask-for-better-connections',
    },
    { title: 'The old ferry makes its final crossing after forty years', url: 'https://example.org/news/old-ferry-retired' },
  ]);
});

test('tag links become tags', () => {
  const result = extractHtml(fixture('article-with-chrome.html'), { url: ARTICLE_URL });
  assert.deepEqual(result.tags, ['Ferries', 'Harbour council']);
  assert.ok(!result.text.includes('Ferries'));
});

test('headings, list items, quotes and table rows are blocks of their own kind with exact offsets', () => {
  const result = extractHtml(fixture('article-with-chrome.html'), { url: ARTICLE_URL });
  for (const block of result.blocks) {
    const slice = result.text.slice(block.start, block.end);
    assert.equal(slice, slice.trim());
    assert.ok(slice.length > 0);
    assert.ok(!slice.includes('\n'));
  }
  assert.deepEqual(
    result.blocks.filter((b) => b.kind === 'heading').map((b) => [result.text.slice(b.start, b.end), b.level]),
    [['What changes for passengers', 2]],
  );
  assert.deepEqual(blockTexts(result, 'list-item'), [
    'Tickets will cost four euros for adults and two euros for children.',
    'Bicycles travel free of charge outside the morning rush.',
  ]);
  assert.deepEqual(blockTexts(result, 'quote'), [
    'This is the most important decision the council has taken in a decade, and the island will feel it every single day.',
  ]);
  assert.deepEqual(blockTexts(result, 'table-row'), ['Season | Crossings per day', 'Summer | 24', 'Winter | 14']);
  // Consecutive list items and table rows are one line apart; other blocks a blank line.
  assert.ok(result.text.includes('children.\nBicycles'));
  assert.ok(result.text.includes('Season | Crossings per day\nSummer | 24\nWinter | 14'));
  assert.ok(result.text.includes('decade.\n\nThe harbour') === false);
  assert.equal(blockTexts(result, 'paragraph').length, 5);
});

test('a page of headline links is a listing, with a reason', () => {
  const result = extractHtml(fixture('listing.html'), { url: 'https://gazette.example.com/news/' });
  assert.notEqual(result.pageType, 'article');
  assert.equal(result.pageType, 'listing');
  assert.match(result.pageTypeReason ?? '', /link/);
});

test('empty and whitespace-only HTML give an empty extraction', () => {
  for (const html of ['', '   \n\t ', '<html><head><title>x</title></head><body>  </body></html>', '<!-- only a comment -->']) {
    const result = extractHtml(html);
    assert.equal(result.text, '');
    assert.deepEqual(result.blocks, []);
    assert.equal(result.pageType, 'empty');
    assert.ok(result.pageTypeReason);
  }
});

test('100,000 nested divs are read without overflowing the stack', () => {
  const depth = 100_000;
  const html = `<html><body><p>Before the deep part there is a paragraph of ordinary text, long enough to count as prose.</p>${'<div>'.repeat(depth)}deep text${'</div>'.repeat(depth)}</body></html>`;
  const result = extractHtml(html);
  assert.match(result.text, /Before the deep part/);
});

test('text loose in a div, split by double line breaks, becomes paragraphs', () => {
  const sentence = 'The committee met again on Monday to discuss the budget, the schedule and the new rules for the market.';
  const html = `<html><body><div class="menu"><a href="/a">Home</a> <a href="/b">About</a></div><div>${sentence}<br><br>${sentence.replace('Monday', 'Friday')}</div></body></html>`;
  const result = extractHtml(html);
  assert.deepEqual(blockTexts(result), [sentence, sentence.replace('Monday', 'Friday')]);
  assert.ok(!result.text.includes('Home'));
});

test('preformatted text keeps one block per line', () => {
  const prose = 'Install the package and run the command below; it prints the version, the licence and the path of the binary.';
  const html = `<html><body><article><p>${prose}</p><pre>npm install whosaid\nnpx whosaid --version</pre><p>${prose}</p></article></body></html>`;
  const result = extractHtml(html);
  assert.deepEqual(blockTexts(result, 'preformatted'), ['npm install whosaid', 'npx whosaid --version']);
});

test('hidden boxes and scripts never reach the body', () => {
  const prose = 'The mayor opened the new library on Saturday, and hundreds of readers queued at the doors before nine in the morning.';
  const html = `<html><body><article><p>${prose}</p><div style="display:none">secret hidden text</div><script>var x = "script text";</script><p hidden>also hidden</p><p>${prose}</p></article></body></html>`;
  const result = extractHtml(html);
  assert.ok(!result.text.includes('secret'));
  assert.ok(!result.text.includes('script text'));
  assert.ok(!result.text.includes('also hidden'));
  assert.equal(blockTexts(result).length, 2);
});

test('a dateline before the text and a "you may also like" section after it are cut and reported', () => {
  const prose = 'The regional parliament passed the budget on Thursday after a debate that lasted well into the night, with two abstentions.';
  const html = `<html><body><article>
    <p>segunda-feira, 22 de janeiro de 2018 às 0:13</p>
    <p>${prose}</p><p>${prose.replace('Thursday', 'Friday')}</p>
    <h3>You may also like</h3>
    <p><a href="/a">Parliament elects a new speaker after weeks of talks</a></p>
    <p><a href="/b">Budget office warns of a deficit in the coming year</a></p>
  </article></body></html>`;
  const result = extractHtml(html);
  assert.deepEqual(blockTexts(result), [prose, prose.replace('Thursday', 'Friday')]);
  assert.ok(result.chrome.some((c) => c.kind === 'dateline' && c.text.startsWith('segunda-feira')));
  assert.ok(result.chrome.some((c) => c.kind === 'related' && c.text.includes('new speaker')));
});

test('a news-agency photo caption written as a paragraph is cut as a credit', () => {
  const prose = 'Astronauts could sleep through most of a long voyage, researchers said on Monday, which would save food, water and room on board.';
  const caption = 'In this Dec. 12, 2006, file photo, made available by the space agency, two astronauts work outside the station during a spacewalk.';
  const html = `<html><body><article><p>${caption}</p><p>${prose}</p><p>${prose.replace('Monday', 'Tuesday')}</p></article></body></html>`;
  const result = extractHtml(html);
  assert.ok(!result.text.includes('file photo'));
  assert.ok(result.chrome.some((c) => c.kind === 'credit' && c.text.startsWith('In this Dec. 12, 2006')));
});
