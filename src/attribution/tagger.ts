import { buildContext, stackedFeatures, staticFeatures, type TokenContext } from './features.js';
import type { TokenTable } from './tokenize.js';

/** The tag set: outside, then begin/inside for source, cue and content. */
export const TAGS = ['O', 'B-SRC', 'I-SRC', 'B-CUE', 'I-CUE', 'B-CON', 'I-CON'] as const;
export type Tag = (typeof TAGS)[number];
export const TAG_COUNT = TAGS.length;

/** The learned model as stored in models/attribution.json.gz. */
export interface AttributionModelFile {
  format: 'whosaid-attribution-perceptron';
  version: number;
  tags: string[];
  /** Lower-cased words that often act as cues in the training data. */
  cueLexicon: string[];
  /** Word form → "POS NER", the usual classes of frequent words (from an automatic parse of the training text). */
  wordClasses: Record<string, string>;
  /** Feature → one weight per tag (averaged perceptron), first pass. */
  weights: Record<string, number[]>;
  /** Weights of the second pass, which also sees the first pass's tags; absent in a one-pass model. */
  stacked?: Record<string, number[]>;
  /** How the model was trained, for the record. */
  training: Record<string, string | number>;
}

/** State carried along while tagging left to right: the tags chosen so far. */
export interface TagHistory {
  prev1: number;
  prev2: number;
  /** Last non-O tag in the current sentence (0 when none). */
  lastInSentence: number;
  /** Last non-O tag in the current paragraph (0 when none). */
  lastInParagraph: number;
  /** Tokens since the current span began (0 outside a span). */
  spanLength: number;
  /** Whether the current span began at an opening quote mark. */
  spanOpenedWithQuote: boolean;
  /** Whether a closing quote has been passed inside the current span. */
  spanPassedClose: boolean;
}

/** The features of token `i` that depend on the tags already chosen. */
export function historyFeatures(tokens: TokenTable, ctx: TokenContext, i: number, h: TagHistory): string[] {
  const q = ctx.inQuote[i];
  return [
    `p1=${h.prev1}`,
    `p2=${h.prev2}|${h.prev1}`,
    `p1w=${h.prev1}|${ctx.lower[i]}`,
    `p1p=${h.prev1}|${ctx.pos[i]}`,
    `p1pp=${h.prev1}|${ctx.pos[i]}|${i + 1 < tokens.count ? ctx.pos[i + 1] : '<edge>'}`,
    `p1q=${h.prev1}|${q}|${ctx.quoteMark[i]}`,
    `ls=${h.lastInSentence}`,
    `lp=${h.lastInParagraph}|${q}`,
    `lsp1=${h.lastInSentence}|${h.prev1}|${ctx.cueWord[i]}`,
    `span=${h.prev1}|${h.spanOpenedWithQuote ? 1 : 0}|${h.spanPassedClose ? 1 : 0}|${ctx.quoteMark[i]}`,
    `spanlen=${h.prev1}|${h.spanLength > 8 ? 'long' : h.spanLength}`,
    `spanq=${h.prev1}|${h.spanOpenedWithQuote ? 1 : 0}|${q}|${ctx.pos[i]}`,
  ];
}

/** Advances the history past token `i`, which was given `tag`. */
export function advanceHistory(tokens: TokenTable, ctx: TokenContext, i: number, tag: number, h: TagHistory): void {
  const begins = tag === 1 || tag === 3 || tag === 5;
  const continues = tag !== 0 && !begins && (tag === h.prev1 || tag === h.prev1 + 1);
  if (tag === 0) {
    h.spanLength = 0;
    h.spanOpenedWithQuote = false;
    h.spanPassedClose = false;
  } else if (continues) {
    h.spanLength++;
    if (ctx.quoteMark[i] === 2) h.spanPassedClose = true;
  } else {
    h.spanLength = 1;
    h.spanOpenedWithQuote = ctx.quoteMark[i] === 1;
    h.spanPassedClose = false;
  }
  h.prev2 = h.prev1;
  h.prev1 = tag;
  const next = i + 1;
  const newSentence = next >= tokens.count || tokens.sentence[next] !== tokens.sentence[i];
  const newParagraph = next >= tokens.count || tokens.paragraph[next] !== tokens.paragraph[i];
  if (tag !== 0) {
    h.lastInSentence = tag;
    h.lastInParagraph = tag;
  }
  if (newSentence) h.lastInSentence = 0;
  if (newParagraph) {
    h.lastInParagraph = 0;
    // A paragraph break ends every span, so the next token starts fresh.
    h.prev1 = 0;
    h.prev2 = 0;
    h.spanLength = 0;
    h.spanOpenedWithQuote = false;
    h.spanPassedClose = false;
  }
}

export function freshHistory(): TagHistory {
  return { prev1: 0, prev2: 0, lastInSentence: 0, lastInParagraph: 0, spanLength: 0, spanOpenedWithQuote: false, spanPassedClose: false };
}

/**
 * The best-scoring tag that may follow `prev`: an inside tag only continues
 * a span of its own role, so the tagger cannot open a span in the middle.
 */
export function bestAllowed(scores: Float64Array, prev: number): number {
  let best = -1;
  for (let t = 0; t < TAG_COUNT; t++) {
    const inside = t === 2 || t === 4 || t === 6;
    if (inside && prev !== t && prev !== t - 1) continue;
    if (best < 0 || (scores[t] as number) > (scores[best] as number)) best = t;
  }
  return best;
}

/** A greedy left-to-right averaged-perceptron tagger over the stage's tokens. */
export class AttributionTagger {
  readonly cueLexicon: ReadonlySet<string>;
  readonly wordClasses: ReadonlyMap<string, string>;
  readonly #weights: Map<string, Float32Array>;
  readonly #stacked: Map<string, Float32Array> | null;

  constructor(model: AttributionModelFile) {
    if (model.format !== 'whosaid-attribution-perceptron' || model.tags.join() !== TAGS.join()) {
      throw new Error('the model file is not an attribution model this version can read');
    }
    this.cueLexicon = new Set(model.cueLexicon);
    this.wordClasses = new Map(Object.entries(model.wordClasses));
    this.#weights = new Map();
    for (const [feature, w] of Object.entries(model.weights)) this.#weights.set(feature, Float32Array.from(w));
    this.#stacked = null;
    if (model.stacked) {
      this.#stacked = new Map();
      for (const [feature, w] of Object.entries(model.stacked)) this.#stacked.set(feature, Float32Array.from(w));
    }
  }

  context(tokens: TokenTable): TokenContext {
    return buildContext(tokens, this.cueLexicon, this.wordClasses);
  }

  /** Tags every token; returns tag indices into TAGS. */
  tag(tokens: TokenTable, ctx: TokenContext): Uint8Array {
    const first = this.#pass(tokens, ctx, this.#weights, null);
    return this.#stacked ? this.#pass(tokens, ctx, this.#stacked, first) : first;
  }

  /** The first pass alone (what the second pass is trained on). */
  tagFirstPass(tokens: TokenTable, ctx: TokenContext): Uint8Array {
    return this.#pass(tokens, ctx, this.#weights, null);
  }

  #pass(tokens: TokenTable, ctx: TokenContext, weights: Map<string, Float32Array>, prior: Uint8Array | null): Uint8Array {
    const out = new Uint8Array(tokens.count);
    const h = freshHistory();
    const scores = new Float64Array(TAG_COUNT);
    for (let i = 0; i < tokens.count; i++) {
      scores.fill(0);
      this.#add(scores, weights, staticFeatures(tokens, ctx, i));
      this.#add(scores, weights, historyFeatures(tokens, ctx, i, h));
      if (prior) this.#add(scores, weights, stackedFeatures(tokens, prior, i));
      const best = bestAllowed(scores, h.prev1);
      out[i] = best;
      advanceHistory(tokens, ctx, i, best, h);
    }
    return out;
  }

  #add(scores: Float64Array, weights: Map<string, Float32Array>, features: string[]): void {
    for (const f of features) {
      const w = weights.get(f);
      if (w === undefined) continue;
      for (let t = 0; t < TAG_COUNT; t++) scores[t] = (scores[t] as number) + (w[t] as number);
    }
  }
}
