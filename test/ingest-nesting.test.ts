import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limitNesting } from '../src/ingest/nesting.js';
import { parseHtml } from '../src/extract/html/parse.js';
import type { ChildNode } from 'domhandler';

/** The deepest element in a parsed tree, found without recursion. */
function treeDepth(html: string): number {
  const { document } = parseHtml(html);
  let deepest = 0;
  const stack: [ChildNode, number][] = document.children.map((child) => [child, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [ChildNode, number];
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    deepest = Math.max(deepest, depth);
    for (const child of node.children) stack.push([child, depth + 1]);
  }
  return deepest;
}

test('ordinary pages pass through untouched, as the same string', () => {
  const page = `<html><body>${'<div class="row"><p>Para <b>bold</b> <i>it</i><br>line</p><img src=x><input/></div>'.repeat(800)}</body></html>`;
  const limited = limitNesting(page, 50);
  assert.equal(limited.dropped, 0);
  assert.equal(limited.html, page);
});

test('elements a start tag closes implicitly (p, li, td, option) do not count as nesting', () => {
  const unclosed = `<html><body>${'<p>para'.repeat(500)}<ul>${'<li>item'.repeat(500)}</ul><table>${'<tr><td>a<td>b'.repeat(300)}</table><select>${'<option>o'.repeat(300)}</select></body></html>`;
  assert.equal(limitNesting(unclosed, 50).dropped, 0);
});

test('markup inside script, style and comments is not counted', () => {
  const fake = `<html><body><script>var s = "${'<div>'.repeat(400)}";</script><style>/* ${'<span>'.repeat(400)} */</style><!-- ${'<b>'.repeat(400)} --><p>ok</p></body></html>`;
  const limited = limitNesting(fake, 50);
  assert.equal(limited.dropped, 0);
  assert.equal(limited.html, fake);
});

test('tags past the limit are dropped with their end tags; the text stays and the tree is bounded', () => {
  const deep = `<html><body>${'<div>'.repeat(5000)}<p>the words</p>${'</div>'.repeat(5000)}<footer>after</footer></body></html>`;
  const limited = limitNesting(deep, 100);
  assert.ok(limited.dropped > 4800);
  assert.ok(treeDepth(limited.html) <= 101, `depth ${treeDepth(limited.html)}`);
  assert.match(limited.html, /<p>the words<\/p>|the words/);
  // The element after the deep part is still a sibling at the top, not swallowed by dropped ends.
  assert.match(limited.html, /<\/div><footer>after<\/footer><\/body><\/html>$/);
});

test('self-closing tags and unclosed inline tags are handled without drift', () => {
  const inline = `<html><body>${'<font>x'.repeat(3000)}<br/>tail</body></html>`;
  const limited = limitNesting(inline, 200);
  assert.ok(limited.dropped > 2700);
  assert.ok(treeDepth(limited.html) <= 201);
  assert.match(limited.html, /tail<\/body><\/html>$/);
});
