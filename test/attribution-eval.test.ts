import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBrat, readPolnearSplit, splitAnnotationName } from '../src/attribution/eval/brat.js';
import { normaliseFragments, scoreAttributions } from '../src/attribution/eval/score.js';
import { sharedDataDir } from '../bench/data.js';
import { NEEDS_SHARED_DATA } from './support/shared-data.js';

const ANN = [
  'T1\tSource 0 5\tSmith',
  'T2\tCue 6 10\tsaid',
  'T3\tContent 11 20;25 31\tthe plan  works',
  'T4\tAttribution 6 10\tsaid',
  'E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3',
  'T5\tDiscuss 0 10\tSmith said',
  'T6\tCue 40 52\taccording to',
  'T7\tContent 32 39\tmultiline',
  'text continued on the next line of the file',
  'T8\tAttribution-no-source 40 52\taccording to',
  'E2\tAttribution-no-source:T8 Cue:T6 Content:T7 Content2:T9',
  'T9\tContent 60 65\textra',
  '#1\tAnnotatorNotes T2\tnote',
].join('\n');

test('brat reader: discontinuous spans, Content2, no-source relations, Discuss ignored', () => {
  const triples = parseBrat(ANN);
  assert.equal(triples.length, 2);
  assert.deepEqual(triples[0], {
    source: [{ start: 0, end: 5 }],
    cue: [{ start: 6, end: 10 }],
    content: [
      { start: 11, end: 20 },
      { start: 25, end: 31 },
    ],
  });
  assert.equal(triples[1]?.source, null);
  assert.deepEqual(triples[1]?.content, [
    { start: 32, end: 39 },
    { start: 60, end: 65 },
  ]);
});

test('brat reader pins the annotator whose id sorts first', () => {
  const root = mkdtempSync(join(tmpdir(), 'polnear-'));
  mkdirSync(join(root, 'dev', 'text'), { recursive: true });
  mkdirSync(join(root, 'dev', 'attributions'), { recursive: true });
  writeFileSync(join(root, 'dev', 'text', 'story_one.txt'), 'Smith said the plan works today.');
  writeFileSync(join(root, 'dev', 'attributions', 'story_one_zz99.ann'), 'T1\tCue 6 10\tsaid\nT2\tAttribution 6 10\tsaid\nE1\tAttribution:T2 Cue:T1\n');
  writeFileSync(join(root, 'dev', 'attributions', 'story_one_ab12.ann'), 'T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tAttribution 6 10\tsaid\nE1\tAttribution:T3 Cue:T2 Source:T1\n');
  const articles = readPolnearSplit(root, 'dev');
  assert.equal(articles.length, 1);
  assert.equal(articles[0]?.name, 'story_one');
  assert.equal(articles[0]?.annotator, 'ab12');
  assert.deepEqual(articles[0]?.attributions[0]?.source, [{ start: 0, end: 5 }]);
  assert.deepEqual(splitAnnotationName('a_b_c_x1.ann'), { name: 'a_b_c', annotator: 'x1' });
  assert.throws(() => readPolnearSplit(root, 'test'), /not found/);
});

test('normalised fragments ignore surrounding whitespace and merge touching pieces', () => {
  const text = '  ab cd  ';
  assert.deepEqual(normaliseFragments(text, [{ start: 0, end: 5 }, { start: 4, end: 9 }]), [
    { start: 2, end: 4 },
    { start: 5, end: 7 },
  ]);
  assert.deepEqual(normaliseFragments(text, [{ start: 0, end: 2 }]), []);
  assert.deepEqual(normaliseFragments('abcd', [{ start: 2, end: 4 }, { start: 0, end: 2 }]), [{ start: 0, end: 4 }]);
});

test('scorer: exact, overlap and triple scores on a hand-made pair', () => {
  //           0         1         2         3         4
  //           0123456789012345678901234567890123456789012345
  const text = 'Smith said the plan works. Jones told us no.';
  const gold = [
    { source: [{ start: 0, end: 5 }], cue: [{ start: 6, end: 10 }], content: [{ start: 11, end: 25 }] },
    { source: [{ start: 27, end: 32 }], cue: [{ start: 33, end: 37 }], content: [{ start: 38, end: 43 }] },
  ];
  const predicted = [
    // Exact on every role.
    { source: [{ start: 0, end: 5 }], cue: [{ start: 6, end: 10 }], content: [{ start: 11, end: 25 }] },
    // Source exact (with stray whitespace), cue exact, content too short, an overlap only.
    { source: [{ start: 26, end: 32 }], cue: [{ start: 33, end: 37 }], content: [{ start: 41, end: 43 }] },
    // A cue alone where gold has nothing.
    { source: null, cue: [{ start: 15, end: 19 }], content: null },
  ];
  const s = scoreAttributions([{ text, gold, predicted }]);
  assert.equal(s.source.exact.f1, 1);
  assert.equal(s.cue.exact.precision, 2 / 3);
  assert.equal(s.cue.exact.recall, 1);
  assert.equal(s.content.exact.precision, 1 / 2);
  assert.equal(s.content.exact.recall, 1 / 2);
  assert.equal(s.content.overlap.f1, 1);
  assert.equal(s.cue.overlap.precision, 2 / 3);
  assert.equal(s.tripleExact.matchedGold, 1);
  assert.equal(s.tripleExact.precision, 1 / 3);
  assert.equal(s.tripleOverlap.matchedGold, 2);
  assert.equal(s.tripleOverlap.recall, 1);
});

test('scorer: nothing predicted scores zero, not NaN', () => {
  const s = scoreAttributions([{ text: 'a b', gold: [{ source: null, cue: [{ start: 0, end: 1 }], content: null }], predicted: [] }]);
  assert.equal(s.cue.exact.f1, 0);
  assert.equal(s.cue.exact.gold, 1);
});

test('PolNeAR dev is read with one annotation per article', NEEDS_SHARED_DATA, () => {
  const root = join(sharedDataDir(), 'polnear');
  assert.ok(existsSync(join(root, 'dev')), `PolNeAR data missing at ${root}: this test needs ../shared/data/polnear`);
  const articles = readPolnearSplit(root, 'dev');
  assert.equal(articles.length, 84);
  const names = new Set(articles.map((a) => a.name));
  assert.equal(names.size, articles.length);
  for (const a of articles) {
    for (const t of a.attributions) {
      for (const f of [...(t.source ?? []), ...(t.cue ?? []), ...(t.content ?? [])]) {
        assert.ok(f.start >= 0 && f.end <= a.text.length && f.start < f.end, `${a.name}: bad fragment`);
      }
    }
  }
});
