import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aebPageScore,
  aebSummary,
  authorsMatch,
  containsSnippet,
  countField,
  emptyFieldCounts,
  fieldScores,
  normaliseSpace,
  normaliseTitle,
  sameDay,
  shingles,
  splitAuthorNames,
  titleMatches,
  wordF1,
  wordTokens,
} from '../bench/metrics.js';

const close = (actual: number, expected: number, message?: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${message ?? 'value'}: expected ${expected}, got ${actual}`);

describe('wordTokens (Python re \\w+ with Unicode)', () => {
  it('splits on punctuation, hyphens and apostrophes, keeps underscores and digits', () => {
    assert.deepEqual(wordTokens("It's a well-known fact_1, 3.5%!"), ['It', 's', 'a', 'well', 'known', 'fact_1', '3', '5']);
  });
  it('keeps letters of every script and precomposed accents', () => {
    assert.deepEqual(wordTokens('naïve Ünïcödé 東京都 Москва ½'), ['naïve', 'Ünïcödé', '東京都', 'Москва', '½']);
  });
  it('splits at combining marks as Python does', () => {
    // "cafe" + COMBINING ACUTE ACCENT: Python's \w does not match the mark.
    assert.deepEqual(wordTokens('cafe\u0301 au lait'), ['cafe', 'au', 'lait']);
    assert.deepEqual(wordTokens('हिन्दी'), ['ह', 'न', 'द']);
  });
  it('returns nothing for text without words', () => {
    assert.deepEqual(wordTokens(' — … '), []);
  });
});

describe('shingles', () => {
  it('makes overlapping 4-token shingles', () => {
    assert.deepEqual(shingles(['a', 'b', 'c', 'd', 'e']), ['a b c d', 'b c d e']);
  });
  it('makes one shingle of a text shorter than 4 tokens, none of an empty one', () => {
    assert.deepEqual(shingles(['a', 'b']), ['a b']);
    assert.deepEqual(shingles([]), []);
  });
});

describe('aebPageScore', () => {
  it('scores identical texts as all true positives', () => {
    assert.deepEqual(aebPageScore('The cat sat on the mat today.', 'The cat sat on the mat today'), { tp: 1, fp: 0, fn: 0 });
  });
  it('scores disjoint texts with no true positives', () => {
    const score = aebPageScore('one two three four five', 'six seven eight nine ten');
    assert.equal(score.tp, 0);
    close(score.fp, 0.5);
    close(score.fn, 0.5);
  });
  it('compares short texts (< 4 tokens) as a single shingle', () => {
    assert.deepEqual(aebPageScore('hello world', 'hello world'), { tp: 1, fp: 0, fn: 0 });
    const differ = aebPageScore('hello world', 'hello there');
    assert.equal(differ.tp, 0);
    close(differ.fp, 0.5);
  });
  it('counts repeated shingles as a multiset and normalises to sum 1', () => {
    const score = aebPageScore('x y z w v x y z w v', 'x y z w v');
    close(score.tp, 2 / 7);
    close(score.fp, 5 / 7);
    assert.equal(score.fn, 0);
  });
  it('is case-sensitive, as the benchmark is', () => {
    assert.equal(aebPageScore('Hello World', 'hello world').tp, 0);
  });
});

describe('aebSummary averaging rules (as evaluate.py)', () => {
  it('averages precision and recall over their own pages and takes F1 of the means', () => {
    const summary = aebSummary([
      { predicted: 'one two three four five', gold: 'one two three four five' }, // P = R = 1
      { predicted: '', gold: 'alpha beta gamma delta' }, // no prediction: recall 0, not in precision
      { predicted: '', gold: '' }, // nothing on either side: in neither mean
      { predicted: 'a b c d e f g h', gold: 'a b c d e' }, // P = 2/5, R = 1
    ]);
    close(summary.precision, 0.7, 'precision');
    close(summary.recall, 2 / 3, 'recall');
    close(summary.f1, (2 * 0.7 * (2 / 3)) / (0.7 + 2 / 3), 'F1 of the means');
    close(summary.accuracy, 0.5, 'accuracy');
    assert.equal(summary.pages, 4);
  });
  it('gives 1 to identical texts and 0 to disjoint ones', () => {
    const same = aebSummary([{ predicted: 'Some words, in order here.', gold: 'Some words in order here' }]);
    assert.deepEqual([same.precision, same.recall, same.f1, same.accuracy], [1, 1, 1, 1]);
    const disjoint = aebSummary([{ predicted: 'one two three four', gold: 'five six seven eight' }]);
    assert.deepEqual([disjoint.precision, disjoint.recall, disjoint.f1, disjoint.accuracy], [0, 0, 0, 0]);
  });
  it('counts accuracy on token lists, so extra words break it', () => {
    const summary = aebSummary([{ predicted: 'a b c d e Share this', gold: 'a b c d e' }]);
    assert.equal(summary.accuracy, 0);
    assert.equal(summary.recall, 1);
  });
});

describe('wordF1 (WCXB)', () => {
  it('is 1 for identical texts whatever the case and punctuation', () => {
    assert.deepEqual(wordF1('The Quick, brown fox.', 'the quick brown FOX'), { precision: 1, recall: 1, f1: 1 });
  });
  it('is 0 for disjoint texts', () => {
    assert.equal(wordF1('alpha beta', 'gamma delta').f1, 0);
  });
  it('counts words as a multiset', () => {
    const score = wordF1('news news news', 'news');
    close(score.precision, 1 / 3);
    assert.equal(score.recall, 1);
    close(score.f1, 0.5);
  });
  it('handles empty sides: both empty is a match, one empty scores 0', () => {
    assert.equal(wordF1('', '').f1, 1);
    assert.equal(wordF1('', 'words here').f1, 0);
    assert.equal(wordF1('words here', '').f1, 0);
  });
  it('scores short texts word by word, without shingles', () => {
    close(wordF1('hello world', 'hello there').f1, 0.5);
  });
});

describe('snippet test (WCXB with/without)', () => {
  it('normalises runs of whitespace, including NBSP and newlines, before the substring test', () => {
    assert.equal(normaliseSpace('  a \u00a0 b\n\n c\t'), 'a b c');
    assert.ok(containsSnippet('The first line\n\nand   the\u00a0second', 'first line and the second'));
  });
  it('is a plain substring test otherwise: case and punctuation matter', () => {
    assert.ok(!containsSnippet('The first line', 'the first line'));
    assert.ok(!containsSnippet('Subscribe now', 'Share this'));
  });
});

describe('metadata matching', () => {
  it('titles: equal after folding typography, case and accents', () => {
    assert.equal(normaliseTitle('  “Café” — Déjà vu\u00a0again! '), 'cafe deja vu again');
    assert.ok(titleMatches('Why the ‘Fed’ waits', "why the 'fed' waits"));
    assert.ok(!titleMatches('Why the Fed waits | Example News', 'Why the Fed waits'));
    assert.ok(!titleMatches(null, 'Why the Fed waits'));
  });
  it('authors: splits names and drops a leading "By"', () => {
    assert.deepEqual(splitAuthorNames('By Jane Doe, John Smith & Ana Pérez and Li Wei'), ['jane doe', 'john smith', 'ana perez', 'li wei']);
  });
  it('authors: set match in any order, containment either way', () => {
    assert.ok(authorsMatch(['John Smith', 'Jane Doe'], 'Jane Doe and John Smith'));
    assert.ok(authorsMatch(['Dylan Bailey'], 'Dylan Bailey, MS, RD, FAND'));
    assert.ok(authorsMatch(['By Jane Doe, Senior Editor'], 'Jane Doe'));
    assert.ok(!authorsMatch(['Jane Doe'], 'John Smith'));
    assert.ok(!authorsMatch(['Jan'], 'Jane Doe'), 'containment is by whole words');
    assert.ok(!authorsMatch([], 'Jane Doe'));
  });
  it('dates: same day as stated by the page; month-only gold matches the month', () => {
    assert.ok(sameDay('2025-09-04T23:30:00-05:00', '2025-09-04'));
    assert.ok(!sameDay('2025-09-05T04:30:00Z', '2025-09-04'));
    assert.ok(sameDay('2025-09-17', '2025-09'));
    assert.ok(!sameDay(null, '2025-09-04'));
  });
  it('counts as htmldate does: wrong = FP, none = FN, none without gold = TN, answer without gold = FP', () => {
    const counts = emptyFieldCounts();
    countField(counts, true, true, true); // TP
    countField(counts, true, true, false); // FP
    countField(counts, false, true, false); // FN
    countField(counts, false, false, false); // TN
    countField(counts, true, false, false); // FP
    assert.deepEqual(counts, { tp: 1, fp: 2, fn: 1, tn: 1 });
    const scores = fieldScores(counts);
    close(scores.precision, 1 / 3);
    close(scores.recall, 1 / 2);
    close(scores.accuracy, 2 / 5);
    close(scores.f1, 2 / 5);
  });
});
