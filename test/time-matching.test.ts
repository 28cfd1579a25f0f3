import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { findOfficeMentions, requiredEnding } from '../src/time/knowledge/find-offices.js';
import { OFFICE_TERMS } from '../src/time/knowledge/offices.js';
import { findExpressionMatches, findTimeExpressions, resolveExpressions } from '../src/time/timex.js';

const CAPTURE = new URL('../../examples/sputnik-2017-capture.txt', import.meta.url);

test('matches found once and resolved against two references equal two full readings', () => {
  const text = readFileSync(CAPTURE, 'utf8') + '\nLast year, on Sunday, three weeks ago, in 2015 and on January 6 the plan will be held by 2030.';
  const found = findExpressionMatches(text);
  assert.ok(found.matches.length >= 6, `${found.matches.length} expressions found`);
  for (const reference of [null, new Date('2017-01-10T12:00:00Z'), new Date('2021-04-12T00:00:00Z')]) {
    assert.deepEqual(resolveExpressions(found, reference), findTimeExpressions(text, { reference }));
  }
  // Resolving does not change the matches: a second resolution gives the same again.
  assert.deepEqual(resolveExpressions(found, null), findTimeExpressions(text));
});

test('an office pattern is skipped only when the text lacks letters every match of its name ends with', () => {
  assert.equal(requiredEnding(String.raw`(?:Barack\s+(?:H\.\s+)?)?Obama`), 'Obama');
  assert.equal(requiredEnding(String.raw`Theresa\s+May`), 'May');
  assert.equal(requiredEnding(String.raw`Ban\s+Ki-moon`), 'moon');
  assert.equal(requiredEnding(String.raw`(?:Xi\s+Jinping|Xi)`), null, 'ends in a group');
  assert.equal(requiredEnding(String.raw`Benedict(?:\s+XVI)?`), null, 'ends in an optional group');
  assert.equal(requiredEnding('Smith|Jones'), null, 'alternatives at the top level');
  assert.equal(requiredEnding('Bush?'), null, 'an optional last letter');
  // Every shipped name: each match of the name pattern ends with its required letters.
  for (const { name } of OFFICE_TERMS) {
    const ending = requiredEnding(name);
    if (ending !== null) assert.ok(new RegExp(`${ending}$`, 'u').test(name), `${name} → ${ending}`);
  }
  const nowDay = 20_000;
  const text = 'Secretary of State John Kerry met President Xi and Pope Benedict XVI; Prime Minister Theresa May spoke.';
  assert.deepEqual(
    findOfficeMentions(text, [], nowDay).map((m) => m.text),
    ['Secretary of State John Kerry', 'President Xi', 'Pope Benedict XVI', 'Prime Minister Theresa May'],
  );
});
