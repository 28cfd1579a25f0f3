import {
  buildContext,
  posHistoryFeatures,
  posLeft1Features,
  posLeft2Features,
  posOwnFeatures,
  posRight1Features,
  posRight2Features,
  type SentenceContext,
} from './features.js';
import { argmax, GroupScoreCache, PerceptronModel, type PerceptronModelData } from './perceptron.js';

/** Serialised part-of-speech model. */
export interface PosModelData {
  perceptron: PerceptronModelData;
  /** Frequent words that (almost) always take one tag: tagged without scoring. */
  tagDictionary: Record<string, string>;
}

/**
 * The dictionary tag of word `i`, if any. In an all-capitals sentence the
 * lower-case form is tried too, so "SAID" and "THE" are still known words.
 */
export function lookupTagDictionary(dictionary: ReadonlyMap<string, string>, ctx: SentenceContext, i: number): string | undefined {
  const tag = dictionary.get(ctx.words[i + 2]!);
  if (tag !== undefined || ctx.caseMode !== 'upper') return tag;
  return dictionary.get(ctx.lower[i + 2]!);
}

/**
 * Greedy left-to-right averaged-perceptron tagger over Penn Treebank tags,
 * in the manner of Collins (2002) and Honnibal's "A good POS tagger in about
 * 200 lines". Frequent unambiguous words are looked up, not scored.
 */
export class PosTagger {
  readonly #model: PerceptronModel;
  readonly #dictionary: Map<string, string>;
  readonly #scores: Float64Array;
  readonly #features: string[] = [];
  readonly #own: GroupScoreCache<SentenceContext>;
  readonly #left1: GroupScoreCache<SentenceContext>;
  readonly #left2: GroupScoreCache<SentenceContext>;
  readonly #right1: GroupScoreCache<SentenceContext>;
  readonly #right2: GroupScoreCache<SentenceContext>;

  constructor(data: PosModelData) {
    this.#model = new PerceptronModel(data.perceptron);
    this.#dictionary = new Map(Object.entries(data.tagDictionary));
    this.#scores = new Float64Array(this.#model.classes.length);
    this.#own = new GroupScoreCache(this.#model, posOwnFeatures);
    this.#left1 = new GroupScoreCache(this.#model, posLeft1Features);
    this.#left2 = new GroupScoreCache(this.#model, posLeft2Features);
    this.#right1 = new GroupScoreCache(this.#model, posRight1Features);
    this.#right2 = new GroupScoreCache(this.#model, posRight2Features);
  }

  get tags(): readonly string[] {
    return this.#model.classes;
  }

  get featureCount(): number {
    return this.#model.featureCount;
  }

  /** Tags one sentence given as token texts. */
  tag(words: readonly string[]): string[] {
    return this.tagContext(buildContext(words));
  }

  tagContext(ctx: SentenceContext): string[] {
    const tags = new Array<string>(ctx.length);
    let prev = '-START-';
    let prev2 = '-START2-';
    for (let i = 0; i < ctx.length; i++) {
      let tag = lookupTagDictionary(this.#dictionary, ctx, i);
      if (tag === undefined) {
        // Same features as training's posFeatures, with the word-only groups cached per word.
        const p = i + 2;
        const scores = this.#scores;
        scores.fill(0);
        this.#own.addTo(scores, ctx.words[p]!, ctx, p);
        this.#left1.addTo(scores, ctx.lower[p - 1]!, ctx, p - 1);
        this.#left2.addTo(scores, ctx.lower[p - 2]!, ctx, p - 2);
        this.#right1.addTo(scores, ctx.words[p + 1]!, ctx, p + 1);
        this.#right2.addTo(scores, ctx.lower[p + 2]!, ctx, p + 2);
        const features = this.#features;
        features.length = 0;
        posHistoryFeatures(ctx, i, prev, prev2, features);
        this.#model.score(features, scores);
        tag = this.#model.classes[argmax(scores)]!;
      }
      tags[i] = tag;
      prev2 = prev;
      prev = tag;
    }
    return tags;
  }
}
