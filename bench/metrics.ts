/**
 * The scoring functions of the extraction benchmarks, written from their
 * published definitions so every tool's output is scored by the same code.
 */

/**
 * Unicode `\w+` runs exactly as Python's `re.findall(r'\w+', text)` finds them
 * (both benchmarks' evaluators are Python): Python's `\w` is letters, numbers
 * and the underscore only. Combining marks and other connector punctuation
 * split words there, so they split them here too, or scores would drift from
 * the published ones on Devanagari, Arabic or decomposed accents.
 */
const WORD = /[\p{L}\p{N}_]+/gu;

export function wordTokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
}

function multiset(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

function overlap(predicted: Map<string, number>, gold: Map<string, number>): PageScore {
  let tp = 0;
  let predictedTotal = 0;
  let goldTotal = 0;
  for (const [key, count] of predicted) {
    predictedTotal += count;
    tp += Math.min(count, gold.get(key) ?? 0);
  }
  for (const count of gold.values()) goldTotal += count;
  return { tp, fp: predictedTotal - tp, fn: goldTotal - tp };
}

/** 4-token shingles; a text shorter than 4 tokens is one shingle (an empty text has none). */
export function shingles(tokens: readonly string[], size = 4): string[] {
  if (tokens.length === 0) return [];
  if (tokens.length < size) return [tokens.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + size <= tokens.length; i++) out.push(tokens.slice(i, i + size).join(' '));
  return out;
}

/**
 * The article-extraction-benchmark page score: multiset overlap of 4-token
 * shingles, normalised so tp+fp+fn sums to 1.
 */
export function aebPageScore(predicted: string, gold: string): PageScore {
  const score = overlap(multiset(shingles(wordTokens(predicted))), multiset(shingles(wordTokens(gold))));
  const total = score.tp + score.fp + score.fn;
  if (total === 0) return { tp: 0, fp: 0, fn: 0 };
  return { tp: score.tp / total, fp: score.fp / total, fn: score.fn / total };
}

export interface AebSummary {
  precision: number;
  recall: number;
  f1: number;
  /** Share of pages whose token lists are identical. */
  accuracy: number;
  pages: number;
}

/**
 * Benchmark-level figures as the benchmark's evaluate.py computes them:
 * precision is the mean over pages with tp+fp>0, recall over pages with
 * tp+fn>0, a page with fp=fn=0 scoring 1 on both; F1 is the harmonic mean of
 * the two means (not a mean of per-page F1s).
 */
export function aebSummary(pairs: ReadonlyArray<{ predicted: string; gold: string }>): AebSummary {
  let precisionSum = 0;
  let precisionPages = 0;
  let recallSum = 0;
  let recallPages = 0;
  let identical = 0;
  for (const { predicted, gold } of pairs) {
    const predictedTokens = wordTokens(predicted);
    const goldTokens = wordTokens(gold);
    if (predictedTokens.length === goldTokens.length && predictedTokens.every((t, i) => t === goldTokens[i])) identical++;
    const { tp, fp, fn } = aebPageScore(predicted, gold);
    // As evaluate.py: the page filter comes first, so a page where both texts
    // are empty (tp=fp=fn=0) counts in neither mean.
    if (tp + fp > 0) {
      precisionSum += fp === 0 && fn === 0 ? 1 : tp / (tp + fp);
      precisionPages++;
    }
    if (tp + fn > 0) {
      recallSum += fp === 0 && fn === 0 ? 1 : tp / (tp + fn);
      recallPages++;
    }
  }
  const precision = precisionPages ? precisionSum / precisionPages : 0;
  const recall = recallPages ? recallSum / recallPages : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, accuracy: pairs.length ? identical / pairs.length : 0, pages: pairs.length };
}

/** WCXB page score: F1 of lower-cased `\w+` bags (multiset overlap). Both empty scores 1. */
export function wordF1(predicted: string, gold: string): { precision: number; recall: number; f1: number } {
  const score = overlap(multiset(wordTokens(predicted.toLowerCase())), multiset(wordTokens(gold.toLowerCase())));
  const predictedTotal = score.tp + score.fp;
  const goldTotal = score.tp + score.fn;
  if (predictedTotal === 0 && goldTotal === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = predictedTotal ? score.tp / predictedTotal : 0;
  const recall = goldTotal ? score.tp / goldTotal : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** WCXB snippet test: a whitespace-normalised substring check. */
export function containsSnippet(output: string, snippet: string): boolean {
  return normaliseSpace(output).includes(normaliseSpace(snippet));
}

// ---------------------------------------------------------------------------
// Metadata scoring against WCXB's gold title, author and publish_date.
// ---------------------------------------------------------------------------

/** Words of a string after compatibility folding, accent stripping and lower-casing. */
function foldedWords(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A title's comparison key: compatibility-folded, accents and case dropped,
 * punctuation and whitespace reduced to single spaces. "Normalised equality"
 * forgives typography (curly quotes, dashes, NBSP) but not a site-name suffix
 * or a missing word.
 */
export function normaliseTitle(title: string): string {
  return foldedWords(title).join(' ');
}

export function titleMatches(predicted: string | null, gold: string): boolean {
  if (predicted === null) return false;
  const key = normaliseTitle(gold);
  return key !== '' && normaliseTitle(predicted) === key;
}

/** Splits a byline-like string into names: on , ; | / & and the word "and". */
export function splitAuthorNames(text: string): string[] {
  return text
    .split(/\s*(?:[,;|/&]|\band\b)\s*/iu)
    .map((name) => foldedWords(name).filter((word, i) => !(i === 0 && word === 'by')).join(' '))
    .filter((name) => name !== '');
}

function containsWords(haystack: string, needle: string): boolean {
  return needle !== '' && ` ${haystack} `.includes(` ${needle} `);
}

/**
 * An author answer is correct when, after folding (see `splitAuthorNames`),
 * the predicted names and the gold names are the same set, or when one side's
 * names, joined in order, appear as a whole-word run inside the other's.
 * Containment forgives credentials and roles the gold keeps or drops
 * ("Dylan Bailey, MS, RD" against "Dylan Bailey") and a leading "By"; it also
 * accepts a leading run of a longer author list, which this metric therefore
 * does not penalise.
 */
export function authorsMatch(predicted: readonly string[], gold: string): boolean {
  const predictedNames = predicted.flatMap(splitAuthorNames);
  const goldNames = splitAuthorNames(gold);
  if (predictedNames.length === 0 || goldNames.length === 0) return false;
  const predictedSet = new Set(predictedNames);
  const goldSet = new Set(goldNames);
  if (predictedSet.size === goldSet.size && [...goldSet].every((name) => predictedSet.has(name))) return true;
  const predictedRun = predictedNames.join(' ');
  const goldRun = goldNames.join(' ');
  return containsWords(predictedRun, goldRun) || containsWords(goldRun, predictedRun);
}

/**
 * Same day as the gold date, read from the date as the page states it (the
 * first ten characters of the ISO value, in the page's own offset). A gold
 * value that only gives a month ("2025-09") is matched to the month.
 */
export function sameDay(predicted: string | null, gold: string): boolean {
  if (predicted === null) return false;
  const goldDay = /^\d{4}-\d{2}(?:-\d{2})?/.exec(gold.trim())?.[0];
  if (!goldDay) return false;
  return predicted.trim().slice(0, goldDay.length) === goldDay;
}

/** htmldate's counting: right = TP, wrong = FP, nothing when there is gold = FN, nothing when there is none = TN. */
export interface FieldCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function emptyFieldCounts(): FieldCounts {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

/** Adds one page to `counts`. An answer given where the gold has none is wrong (FP), as in htmldate's evaluation. */
export function countField(counts: FieldCounts, answered: boolean, goldPresent: boolean, correct: boolean): void {
  if (!answered) {
    if (goldPresent) counts.fn++;
    else counts.tn++;
  } else if (goldPresent && correct) counts.tp++;
  else counts.fp++;
}

export interface FieldScores extends FieldCounts {
  precision: number;
  recall: number;
  /** (TP + TN) / all pages. */
  accuracy: number;
  f1: number;
}

export function fieldScores(counts: FieldCounts): FieldScores {
  const { tp, fp, fn, tn } = counts;
  const all = tp + fp + fn + tn;
  return {
    ...counts,
    precision: tp + fp > 0 ? tp / (tp + fp) : 0,
    recall: tp + fn > 0 ? tp / (tp + fn) : 0,
    accuracy: all > 0 ? (tp + tn) / all : 0,
    f1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0,
  };
}
