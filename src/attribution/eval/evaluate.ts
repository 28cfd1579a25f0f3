import { WhosaidDocument } from '../../model/document.js';
import { attribute } from '../attribute.js';
import { defaultAttributionTagger } from '../model.js';
import type { AttributionTagger } from '../tagger.js';
import { tokenize } from '../tokenize.js';
import { readPolnearSplit, type SpanTriple } from './brat.js';
import { scoreAttributions, type AttributionScores } from './score.js';

export interface EvaluationReport {
  scores: AttributionScores;
  split: string;
  articles: number;
  tokens: number;
  /** Wall-clock milliseconds spent inside the attribution stage, summed over articles. */
  stageMs: number;
  /** CPU milliseconds (user + system) of this process inside the stage: what one core spent, however busy the machine. */
  stageCpuMs: number;
  /** Tokens per wall-clock second. */
  tokensPerSecond: number;
  /** Tokens per CPU second of one core. */
  tokensPerCpuSecond: number;
}

/**
 * Runs the attribution stage over a PolNeAR split and scores it. PolNeAR
 * marks only the outermost attribution, so only attributions without a
 * parent are scored; nested ones found by the stage are left out rather
 * than counted as false positives.
 */
export function evaluatePolnear(root: string, split: string, tagger?: AttributionTagger): EvaluationReport {
  const articles = readPolnearSplit(root, split);
  // Loading the model is a one-off cost per process, not part of the stage's throughput.
  const model = tagger ?? defaultAttributionTagger();
  let tokens = 0;
  let stageMs = 0;
  let stageCpuMs = 0;
  const pairs = articles.map((article) => {
    const doc = new WhosaidDocument(article.text);
    const started = performance.now();
    const cpu = process.cpuUsage();
    attribute(doc, { tagger: model });
    const spent = process.cpuUsage(cpu);
    stageMs += performance.now() - started;
    stageCpuMs += (spent.user + spent.system) / 1000;
    tokens += tokenize(article.text).count;
    const predicted: SpanTriple[] = doc
      .layer('attributions')
      .filter((a) => a.parent === null)
      .map((a) => ({ source: a.source ? [a.source] : null, cue: [a.cue], content: a.content.length > 0 ? a.content.map((c) => ({ ...c })) : null }));
    return { text: article.text, gold: article.attributions, predicted };
  });
  return {
    scores: scoreAttributions(pairs),
    split,
    articles: articles.length,
    tokens,
    stageMs,
    stageCpuMs,
    tokensPerSecond: stageMs > 0 ? (tokens / stageMs) * 1000 : 0,
    tokensPerCpuSecond: stageCpuMs > 0 ? (tokens / stageCpuMs) * 1000 : 0,
  };
}
