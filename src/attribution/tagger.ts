import { bucket, buildContext, roleOfTag, shape, type TokenContext } from './features.js';
import { FeatureIndex, SECOND_PASS, TEMPLATE } from './feature-index.js';
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

/**
 * A greedy left-to-right averaged-perceptron tagger over the stage's tokens.
 *
 * Its features are those of `staticFeatures`, `historyFeatures` and
 * `stackedFeatures`, which training uses as strings; tagging computes the same
 * features as integer tuples (see feature-index.ts) and adds their weights
 * in the same order, so the scores are the very same numbers. The static
 * features are summed once per token for both passes.
 */
export class AttributionTagger {
  readonly cueLexicon: ReadonlySet<string>;
  readonly wordClasses: ReadonlyMap<string, string>;
  readonly #index: FeatureIndex;
  readonly #twoPass: boolean;
  /** Value ids of the numbers 0…63 as the features write them. */
  readonly #number: Int32Array;
  readonly #edge: number;
  readonly #otherSentence: number;
  readonly #none: number;
  readonly #far: number;
  readonly #long: number;
  readonly #noRole: number;
  /** Value ids of `bucket(d)` for d = -1 … 40 (index d + 1). */
  readonly #bucket: Int32Array;

  constructor(model: AttributionModelFile) {
    if (model.format !== 'whosaid-attribution-perceptron' || model.tags.join() !== TAGS.join()) {
      throw new Error('the model file is not an attribution model this version can read');
    }
    this.cueLexicon = new Set(model.cueLexicon);
    this.wordClasses = new Map(Object.entries(model.wordClasses));
    this.#index = new FeatureIndex(TAG_COUNT, model.weights, model.stacked ?? null);
    this.#twoPass = model.stacked !== undefined;
    const index = this.#index;
    this.#number = Int32Array.from({ length: 64 }, (_, k) => index.value(String(k)));
    this.#edge = index.value('<edge>');
    this.#otherSentence = index.value('<s>');
    this.#none = index.value('none');
    this.#far = index.value('far');
    this.#long = index.value('long');
    this.#noRole = index.value('x');
    this.#bucket = Int32Array.from({ length: MAX_CUE_DISTANCE + 2 }, (_, k) => index.value(bucket(k - 1)));
  }

  context(tokens: TokenTable): TokenContext {
    return buildContext(tokens, this.cueLexicon, this.wordClasses);
  }

  /** Tags every token; returns tag indices into TAGS. */
  tag(tokens: TokenTable, ctx: TokenContext): Uint8Array {
    const prepared = this.#prepare(tokens, ctx, this.#twoPass);
    const first = this.#pass(tokens, ctx, prepared, false, null);
    return this.#twoPass ? this.#pass(tokens, ctx, prepared, true, first) : first;
  }

  /** The first pass alone (what the second pass is trained on). */
  tagFirstPass(tokens: TokenTable, ctx: TokenContext): Uint8Array {
    return this.#pass(tokens, ctx, this.#prepare(tokens, ctx, false), false, null);
  }

  /** Value ids per token and the static features' summed weights, as `staticFeatures` lists them. */
  #prepare(tokens: TokenTable, ctx: TokenContext, withSecond: boolean): PreparedTokens {
    const index = this.#index;
    const n = tokens.count;
    const sentence = tokens.sentence;
    const lowerId = new Int32Array(n);
    const shapeId = new Int32Array(n);
    const posId = new Int32Array(n);
    const nerId = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      lowerId[i] = index.value(ctx.lower[i] as string);
      shapeId[i] = index.value(shape(tokens.words[i] as string));
      posId[i] = index.value(ctx.pos[i] as string);
      nerId[i] = index.value(ctx.ner[i] as string);
    }
    // Distance to the nearest cue word within the sentence on either side (at most 40 tokens away), or -1.
    const leftCue = new Int32Array(n);
    const rightCue = new Int32Array(n);
    for (let i = 0, last = -1; i < n; i++) {
      if (i > 0 && sentence[i] !== sentence[i - 1]) last = -1;
      leftCue[i] = last >= 0 && i - last <= MAX_CUE_DISTANCE ? i - last : -1;
      if (ctx.cueWord[i]) last = i;
    }
    for (let i = n - 1, next = -1; i >= 0; i--) {
      if (i < n - 1 && sentence[i] !== sentence[i + 1]) next = -1;
      rightCue[i] = next >= 0 && next - i <= MAX_CUE_DISTANCE ? next - i : -1;
      if (ctx.cueWord[i]) next = i;
    }
    const first = new Float64Array(n * TAG_COUNT);
    const second = withSecond ? new Float64Array(n * TAG_COUNT) : null;
    const rows = index.rows;
    let base = 0;
    // A pass without the feature has zeros in its half of the row: adding them changes nothing.
    const add = (template: number, a: number, b: number, c: number, d: number): void => {
      if ((a | b | c | d) < 0) return;
      const row = index.find(template, a, b, c, d);
      if (row < 0) return;
      for (let t = 0; t < TAG_COUNT; t++) first[base + t]! += rows[row + t]!;
      if (second !== null) for (let t = 0; t < TAG_COUNT; t++) second[base + t]! += rows[row + SECOND_PASS + t]!;
    };
    const num = this.#number;
    const edge = this.#edge;
    const buckets = this.#bucket;
    const otherSentence = this.#otherSentence;
    // `at(k)` of staticFeatures: the word, '<s>' across a sentence break, '<edge>' beyond the text.
    const at = (k: number, sent: number): number => (k < 0 || k >= n ? edge : sentence[k] === sent ? lowerId[k]! : otherSentence);
    const posAt = (k: number): number => (k >= 0 && k < n ? posId[k]! : edge);
    let sentenceStart = 0;
    for (let i = 0; i < n; i++) {
      base = i * TAG_COUNT;
      const sent = sentence[i]!;
      if (i > 0 && sentence[i - 1] !== sent) sentenceStart = i;
      const w = lowerId[i]!;
      const lower = ctx.lower[i] as string;
      const q = num[ctx.inQuote[i]!]!;
      const left = leftCue[i]!;
      const right = rightCue[i]!;
      const lastInSentence = i + 1 >= n || sentence[i + 1] !== sent;
      add(T.b, 0, 0, 0, 0);
      add(T.w, w, 0, 0, 0);
      add(T.s, shapeId[i]!, 0, 0, 0);
      add(T.x3, index.value(lower.slice(-3)), 0, 0, 0);
      add(T.x2, index.value(lower.slice(-2)), 0, 0, 0);
      add(T['w-1'], at(i - 1, sent), 0, 0, 0);
      add(T['w+1'], at(i + 1, sent), 0, 0, 0);
      add(T['w-2'], at(i - 2, sent), 0, 0, 0);
      add(T['w+2'], at(i + 2, sent), 0, 0, 0);
      add(T['w-1w'], at(i - 1, sent), w, 0, 0);
      add(T['ww+1'], w, at(i + 1, sent), 0, 0);
      add(T['s-1'], i > 0 ? shapeId[i - 1]! : edge, 0, 0, 0);
      add(T['s+1'], i + 1 < n ? shapeId[i + 1]! : edge, 0, 0, 0);
      add(T.q, q, 0, 0, 0);
      add(T.qm, num[ctx.quoteMark[i]!]!, 0, 0, 0);
      add(T['qm-1'], num[i > 0 ? ctx.quoteMark[i - 1]! : 0]!, 0, 0, 0);
      add(T['qm+1'], num[i + 1 < n ? ctx.quoteMark[i + 1]! : 0]!, 0, 0, 0);
      add(T.opq, num[ctx.openParagraphQuote[i]!]!, 0, 0, 0);
      add(T.cw, num[ctx.cueWord[i]!]!, 0, 0, 0);
      add(T.cl, buckets[left + 1]!, 0, 0, 0);
      add(T.cr, buckets[right + 1]!, 0, 0, 0);
      add(T.clr, buckets[left + 1]!, buckets[right + 1]!, q, 0);
      add(T.sp, num[Math.min(4, i - sentenceStart)]!, 0, 0, 0);
      add(T.last, num[lastInSentence ? 1 : 0]!, 0, 0, 0);
      add(T.qw, q, w, 0, 0);
      const p = posId[i]!;
      add(T.p, p, 0, 0, 0);
      add(T['p-1'], posAt(i - 1), 0, 0, 0);
      add(T['p+1'], posAt(i + 1), 0, 0, 0);
      add(T['p-1p'], posAt(i - 1), p, 0, 0);
      add(T['pp+1'], p, posAt(i + 1), 0, 0);
      add(T['p-2p-1p'], posAt(i - 2), posAt(i - 1), p, 0);
      add(T['pp+1p+2'], p, posAt(i + 1), posAt(i + 2), 0);
      add(T.n, nerId[i]!, 0, 0, 0);
      add(T['n-1n'], i > 0 ? nerId[i - 1]! : edge, nerId[i]!, 0, 0);
      add(T.pq, p, q, buckets[left + 1]!, 0);
      add(T.sc, num[ctx.sentenceHasCue[sent]!]!, num[ctx.sentenceOpensQuote[sent]!]!, q, 0);
      add(T['s-1s'], i > 0 ? shapeId[i - 1]! : edge, shapeId[i]!, 0, 0);
      if (left > 0) {
        add(T.lcw, lowerId[i - left]!, 0, 0, 0);
        add(T['lcw+q'], lowerId[i - left]!, q, 0, 0);
        add(T.lcw1, lowerId[i - left + 1]!, left > 6 ? this.#far : num[left]!, 0, 0);
      }
      if (right > 0) add(T.rcw, lowerId[i + right]!, 0, 0, 0);
    }
    return { lowerId, posId, first, second };
  }

  #pass(tokens: TokenTable, ctx: TokenContext, prepared: PreparedTokens, secondPass: boolean, prior: Uint8Array | null): Uint8Array {
    const n = tokens.count;
    const out = new Uint8Array(n);
    const h = freshHistory();
    const scores = new Float64Array(TAG_COUNT);
    const index = this.#index;
    const rows = index.rows;
    const half = secondPass ? SECOND_PASS : 0;
    const sums = (secondPass ? prepared.second : prepared.first)!;
    const { lowerId, posId } = prepared;
    const num = this.#number;
    const sentence = tokens.sentence;
    const add = (template: number, a: number, b: number, c: number, d: number): void => {
      if ((a | b | c | d) < 0) return;
      const row = index.find(template, a, b, c, d);
      if (row >= 0) for (let t = 0; t < TAG_COUNT; t++) scores[t]! += rows[row + half + t]!;
    };
    const noRole = this.#noRole;
    const roleAt = (k: number, sent: number): number =>
      prior !== null && k >= 0 && k < n && sentence[k] === sent ? num[roleOfTag(prior[k]!)]! : noRole;
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < TAG_COUNT; t++) scores[t] = sums[i * TAG_COUNT + t]!;
      // historyFeatures, in its order.
      const prev1 = num[h.prev1]!;
      const q = num[ctx.inQuote[i]!]!;
      const p = posId[i]!;
      const opened = num[h.spanOpenedWithQuote ? 1 : 0]!;
      add(T.p1, prev1, 0, 0, 0);
      add(T.p2, num[h.prev2]!, prev1, 0, 0);
      add(T.p1w, prev1, lowerId[i]!, 0, 0);
      add(T.p1p, prev1, p, 0, 0);
      add(T.p1pp, prev1, p, i + 1 < n ? posId[i + 1]! : this.#edge, 0);
      add(T.p1q, prev1, q, num[ctx.quoteMark[i]!]!, 0);
      add(T.ls, num[h.lastInSentence]!, 0, 0, 0);
      add(T.lp, num[h.lastInParagraph]!, q, 0, 0);
      add(T.lsp1, num[h.lastInSentence]!, prev1, num[ctx.cueWord[i]!]!, 0);
      add(T.span, prev1, opened, num[h.spanPassedClose ? 1 : 0]!, num[ctx.quoteMark[i]!]!);
      add(T.spanlen, prev1, h.spanLength > 8 ? this.#long : num[h.spanLength]!, 0, 0);
      add(T.spanq, prev1, opened, q, p);
      if (prior !== null) {
        // stackedFeatures, in its order.
        const sent = sentence[i];
        const here = roleOfTag(prior[i]!);
        let runEnd = i;
        while (runEnd + 1 < n && runEnd - i < 60 && roleOfTag(prior[runEnd + 1]!) === here && sentence[runEnd + 1] === sent) runEnd++;
        let nextRole = this.#none;
        let nextDistance = -1;
        for (let k = i + 1; k < n && k - i <= 30 && sentence[k] === sent; k++) {
          const r = roleOfTag(prior[k]!);
          if (r !== here && r !== 0) {
            nextRole = num[r]!;
            nextDistance = k - i;
            break;
          }
        }
        const toEnd = runEnd - i;
        const role = num[here]!;
        add(T.t, num[prior[i]!]!, 0, 0, 0);
        add(T['r-1r'], roleAt(i - 1, sent), role, 0, 0);
        add(T['rr+1'], role, roleAt(i + 1, sent), 0, 0);
        add(T['r-1rr+1'], roleAt(i - 1, sent), role, roleAt(i + 1, sent), 0);
        add(T['r+2'], roleAt(i + 2, sent), 0, 0, 0);
        add(T['r-2'], roleAt(i - 2, sent), 0, 0, 0);
        add(T.rend, role, toEnd > 5 ? this.#far : num[toEnd]!, 0, 0);
        add(T.rnext, role, nextRole, nextDistance < 0 ? this.#none : nextDistance > 5 ? this.#far : num[nextDistance]!, 0);
        add(T.rw, role, lowerId[i]!, 0, 0);
      }
      const best = bestAllowed(scores, h.prev1);
      out[i] = best;
      advanceHistory(tokens, ctx, i, best, h);
    }
    return out;
  }
}

/** Farthest a cue word may lie from a token and still count as near (see staticFeatures). */
const MAX_CUE_DISTANCE = 40;

/** Template ids by name. */
const T = TEMPLATE;

/** What tagging needs per token, computed once per document for both passes. */
interface PreparedTokens {
  lowerId: Int32Array;
  posId: Int32Array;
  /** Per token, TAG_COUNT sums of the static features' first-pass weights. */
  first: Float64Array;
  /** The same for the second pass; null for a one-pass model. */
  second: Float64Array | null;
}
