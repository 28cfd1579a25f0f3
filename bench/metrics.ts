/**
 * The scoring functions of the extraction benchmarks, written from their
 * published definitions so every tool's output is scored by the same code.
 */

/** Unicode `\w+` runs, as Python's `re.findall(r'\w+', text)` with Unicode matching. */
const WORD = /[\p{L}\p{N}\p{M}\p{Pc}]+/gu;

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
 * Benchmark-level figures: precision is the mean over pages with tp+fp>0,
 * recall over pages with tp+fn>0, a page with fp=fn=0 scoring 1 on both; F1
 * is the harmonic mean of the two means.
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
    if (fp === 0 && fn === 0) {
      precisionSum += 1;
      precisionPages++;
      recallSum += 1;
      recallPages++;
      continue;
    }
    if (tp + fp > 0) {
      precisionSum += tp / (tp + fp);
      precisionPages++;
    }
    if (tp + fn > 0) {
      recallSum += tp / (tp + fn);
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

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** WCXB snippet test: a whitespace-normalised substring check. */
export function containsSnippet(output: string, snippet: string): boolean {
  return normaliseSpace(output).includes(normaliseSpace(snippet));
}
