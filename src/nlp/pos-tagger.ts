import { buildContext, posFeatures, type SentenceContext } from './features.js';
import { PerceptronModel, type PerceptronModelData } from './perceptron.js';

/** Serialised part-of-speech model. */
export interface PosModelData {
  perceptron: PerceptronModelData;
  /** Frequent words that (almost) always take one tag: tagged without scoring. */
  tagDictionary: Record<string, string>;
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

  constructor(data: PosModelData) {
    this.#model = new PerceptronModel(data.perceptron);
    this.#dictionary = new Map(Object.entries(data.tagDictionary));
    this.#scores = new Float64Array(this.#model.classes.length);
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
      let tag = this.#dictionary.get(ctx.words[i + 2]!);
      if (tag === undefined) {
        const features = posFeatures(ctx, i, prev, prev2, this.#features);
        tag = this.#model.classes[this.#model.predict(features, this.#scores)]!;
      }
      tags[i] = tag;
      prev2 = prev;
      prev = tag;
    }
    return tags;
  }
}
