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
  /** Milliseconds spent inside the attribution stage, summed over articles. */
  stageMs: number;
  tokensPerSecond: number;
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
  const pairs = articles.map((article) => {
    const doc = new WhosaidDocument(article.text);
    const started = performance.now();
    attribute(doc, { tagger: model });
    stageMs += performance.now() - started;
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
    tokensPerSecond: stageMs > 0 ? (tokens / stageMs) * 1000 : 0,
  };
}
