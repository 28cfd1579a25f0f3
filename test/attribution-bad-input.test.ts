import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WhosaidDocument } from '../src/model/document.js';
import { attribute, attributionsToJson } from '../src/attribution/index.js';

function run(text: string, maxTokens?: number): { doc: WhosaidDocument; notes: string[] } {
  const doc = new WhosaidDocument(text);
  const report = attribute(doc, maxTokens === undefined ? {} : { maxTokens });
  return { doc, notes: report.notes };
}

test('empty and blank text: an empty layer, no notes', () => {
  for (const text of ['', '   \n\n ']) {
    const { doc, notes } = run(text);
    assert.ok(doc.hasLayer('attributions'));
    assert.equal(doc.layer('attributions').length, 0);
    assert.deepEqual(notes, []);
  }
});

test('text without a single quotation or speech verb yields no attributions', () => {
  const { doc } = run('The bridge is four hundred metres long. It opened in 1932 and carries two lanes of traffic and a railway line.');
  assert.equal(doc.layer('attributions').length, 0);
});

test('a wall of quotation marks is read within the token bound and says so', () => {
  const wall = '"'.repeat(1_000_000);
  const { doc, notes } = run(wall, 50_000);
  assert.ok(notes.some((n) => /only the first 50000 tokens/.test(n)), notes.join('; '));
  for (const a of doc.layer('attributions')) assert.ok(a.end <= 50_000);
});

test('a megabyte of quoted speech is bounded by the default token limit', () => {
  const sentence = '"We will win," she said. ';
  const text = sentence.repeat(Math.ceil(1_000_000 / sentence.length));
  const { doc, notes } = run(text);
  assert.ok(notes.length === 1 && /only the first/.test(notes[0] as string));
  assert.ok(doc.layer('attributions').length > 100);
});

test('unbalanced quotation marks do not swallow the rest of the text', () => {
  const text = '“We will win this, the candidate said on Monday.\n\nThe weather was cold. The hall was half empty.\n\nOfficials said that turnout was low.';
  const { doc } = run(text);
  const json = attributionsToJson(doc, { resolveSpeakers: false });
  const officials = json.find((a) => /Officials/.test(a.source?.text ?? ''));
  assert.ok(officials, JSON.stringify(json.map((a) => a.cue.text)));
  for (const a of json) assert.ok(!/hall was half empty/.test(a.content.text) || a.content.text.length < 200);
});

test('all-caps text is read without crashing and offsets stay inside the text', () => {
  const text = 'THE PRESIDENT SAID THAT THE WALL WILL BE BUILT. "WE WILL WIN," HE ADDED.';
  const { doc } = run(text);
  for (const a of doc.layer('attributions')) assert.ok(a.end <= text.length && a.start >= 0);
});

test('non-English text: no attributions and a note that it is unsupported', () => {
  for (const text of [
    'Der Sprecher der Regierung sagte am Montag, dass die Verhandlungen fortgesetzt würden. „Wir sind zuversichtlich“, erklärte er.',
    'Le porte-parole a déclaré lundi que les négociations se poursuivraient. « Nous sommes confiants », a-t-il ajouté.',
    'Пресс-секретарь президента заявил, что Москва ничего не знает о целях доклада.',
  ]) {
    const { doc, notes } = run(text);
    assert.equal(doc.layer('attributions').length, 0, text);
    assert.ok(notes.some((n) => /not look like English/.test(n)), text);
  }
});
