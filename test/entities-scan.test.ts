import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanDocument } from '../src/attribution/entities/scan.js';
import { WhosaidDocument } from '../src/model/document.js';

test('the scan reads letters by their Unicode case, ASCII or not', () => {
  const upper = scanDocument(new WhosaidDocument('ÉMILE ZOLA ÉCRIT À L’ÉTAT: ΑΘΗΝΑ ΣΗΜΕΡΑ, 𝐀𝐁𝐂 DÉJÀ VU ENCORE.'));
  assert.equal(upper.allCaps, true, 'capitals outside ASCII count as capitals');
  const mixed = scanDocument(new WhosaidDocument('Émile wrote élan and ßtraße for the état, then Ölkrise came: 𝐀𝐁𝐂 was here.'));
  assert.equal(mixed.allCaps, false);
  assert.ok(mixed.lowerCaseWords.has('élan') && mixed.lowerCaseWords.has('état') && mixed.lowerCaseWords.has('wrote'));
  assert.ok(!mixed.lowerCaseWords.has('émile') && !mixed.lowerCaseWords.has('ölkrise'), 'capitalised words are not evidence of common words');
  const byText = new Map(mixed.tokens.map((t) => [t.text, t]));
  assert.deepEqual([byText.get('Émile')?.capitalised, byText.get('élan')?.capitalised, byText.get('Ölkrise')?.word], [true, false, true]);
  assert.deepEqual([byText.get(':')?.word, byText.get('Émile')?.lower], [false, 'émile']);
});
