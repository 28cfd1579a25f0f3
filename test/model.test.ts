import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WhosaidDocument, DocumentModelError } from '../src/model/document.js';
import { assembleBody, normalizeSpacesInPlace } from '../src/extract/blocks.js';

test('a layer is kept sorted and read back in document order', () => {
  const doc = new WhosaidDocument('Alpha beta.\n\nGamma.');
  doc.addLayer('blocks', [
    { start: 13, end: 19, kind: 'paragraph' },
    { start: 0, end: 11, kind: 'paragraph' },
  ]);
  assert.deepEqual(
    doc.layer('blocks').map((b) => doc.slice(b)),
    ['Alpha beta.', 'Gamma.'],
  );
});

test('stages add layers but never rewrite one', () => {
  const doc = new WhosaidDocument('text');
  doc.addLayer('blocks', [{ start: 0, end: 4, kind: 'paragraph' }]);
  assert.throws(() => doc.addLayer('blocks', []), DocumentModelError);
});

test('a span outside the text is refused', () => {
  const doc = new WhosaidDocument('short');
  assert.throws(() => doc.addLayer('blocks', [{ start: 2, end: 9, kind: 'paragraph' }]), /outside a text of length 5/);
  assert.throws(() => doc.addLayer('blocks', [{ start: 3, end: 1, kind: 'paragraph' }]), DocumentModelError);
});

test('layers are frozen so no stage can edit another stage’s spans', () => {
  const doc = new WhosaidDocument('abc');
  doc.addLayer('blocks', [{ start: 0, end: 3, kind: 'paragraph' }]);
  assert.throws(() => (doc.layer('blocks') as unknown as unknown[]).push({ start: 0, end: 1 }), TypeError);
});

test('within() returns only the spans inside a container', () => {
  const doc = new WhosaidDocument('one two three');
  doc.addLayer('blocks', [
    { start: 0, end: 3, kind: 'paragraph' },
    { start: 4, end: 7, kind: 'paragraph' },
    { start: 8, end: 13, kind: 'paragraph' },
  ]);
  assert.deepEqual(doc.within('blocks', { start: 3, end: 13 }).map((s) => doc.slice(s)), ['two', 'three']);
});

test('assembleBody separates paragraphs by a blank line and list items by one newline', () => {
  const { text, blocks } = assembleBody([
    { kind: 'heading', text: 'Title', level: 2 },
    { kind: 'paragraph', text: 'First paragraph.' },
    { kind: 'list-item', text: 'one' },
    { kind: 'list-item', text: 'two' },
    { kind: 'paragraph', text: '   ' },
    { kind: 'paragraph', text: 'Last.' },
  ]);
  assert.equal(text, 'Title\n\nFirst paragraph.\n\none\ntwo\n\nLast.');
  assert.deepEqual(blocks.map((b) => text.slice(b.start, b.end)), ['Title', 'First paragraph.', 'one', 'two', 'Last.']);
  assert.equal(blocks[0]?.level, 2);
});

test('odd spaces are normalised one for one, so offsets never move', () => {
  const raw = 'between\u00a0Washington and\u202fMoscow\u2009now';
  const normalised = normalizeSpacesInPlace(raw);
  assert.equal(normalised.length, raw.length);
  assert.equal(normalised, 'between Washington and Moscow now');
});
