import {
  nameHistoryFeatures,
  nameLeft1Features,
  nameLeft2Features,
  nameOwnFeatures,
  nameRight1Features,
  nameRight2Features,
  nameTagFeatures,
  padTags,
  type SentenceContext,
} from './features.js';
import type { NameType } from './layers.js';
import { argmax, GroupScoreCache, PerceptronModel, type PerceptronModelData } from './perceptron.js';

/** Serialised name-tagger model: a perceptron over BIO labels. */
export interface NameModelData {
  perceptron: PerceptronModelData;
}

/** The entity types the tagger was trained on (CoreNLP's four classic types), mapped to ours. */
export const ENTITY_TYPES: Readonly<Record<string, NameType>> = {
  PERSON: 'person',
  ORGANIZATION: 'organisation',
  LOCATION: 'place',
  MISC: 'misc',
};

/** A name found in a sentence, as token indices (end exclusive). */
export interface TokenRangeMention {
  start: number;
  end: number;
  type: NameType;
}

/**
 * Greedy BIO tagger for names of people, organisations, places and other
 * proper names, using word, shape, affix, part-of-speech and label-history
 * features; no gazetteer.
 */
export class NameTagger {
  readonly #model: PerceptronModel;
  readonly #scores: Float64Array;
  readonly #features: string[] = [];
  /** For each label index: the index of the B- label of the same type, or -1 for O and B- labels. */
  readonly #beginOf: Int16Array;
  readonly #own: GroupScoreCache<SentenceContext>;
  readonly #left1: GroupScoreCache<SentenceContext>;
  readonly #left2: GroupScoreCache<SentenceContext>;
  readonly #right1: GroupScoreCache<SentenceContext>;
  readonly #right2: GroupScoreCache<SentenceContext>;
  readonly #tag: GroupScoreCache<string>;
  readonly #tagBefore: GroupScoreCache<string>;
  readonly #tagAfter: GroupScoreCache<string>;

  constructor(data: NameModelData) {
    this.#model = new PerceptronModel(data.perceptron);
    this.#own = new GroupScoreCache(this.#model, nameOwnFeatures);
    this.#left1 = new GroupScoreCache(this.#model, nameLeft1Features);
    this.#left2 = new GroupScoreCache(this.#model, nameLeft2Features);
    this.#right1 = new GroupScoreCache(this.#model, nameRight1Features);
    this.#right2 = new GroupScoreCache(this.#model, nameRight2Features);
    // Tag groups: the context is the tag itself.
    this.#tag = new GroupScoreCache(this.#model, (tag: string, _: number, out: string[]) => nameTagFeatures(tag, 0, out));
    this.#tagBefore = new GroupScoreCache(this.#model, (tag: string, _: number, out: string[]) => nameTagFeatures(tag, -1, out));
    this.#tagAfter = new GroupScoreCache(this.#model, (tag: string, _: number, out: string[]) => nameTagFeatures(tag, 1, out));
    this.#scores = new Float64Array(this.#model.classes.length);
    const classes = this.#model.classes;
    this.#beginOf = new Int16Array(classes.length).fill(-1);
    classes.forEach((label, c) => {
      if (label.startsWith('I-')) this.#beginOf[c] = classes.indexOf('B-' + label.slice(2));
    });
  }

  get featureCount(): number {
    return this.#model.featureCount;
  }

  /** BIO labels for one sentence; an I- label never follows O or another type (it becomes B-). */
  labels(ctx: SentenceContext, posTags: readonly string[]): string[] {
    const tags = padTags(posTags);
    const classes = this.#model.classes;
    const labels = new Array<string>(ctx.length);
    let prev = '-START-';
    let prev2 = '-START2-';
    const scores = this.#scores;
    const features = this.#features;
    for (let i = 0; i < ctx.length; i++) {
      // Same features as training's nameFeatures, with single-word and single-tag groups cached.
      const p = i + 2;
      scores.fill(0);
      this.#own.addTo(scores, ctx.words[p]!, ctx, p);
      this.#left1.addTo(scores, ctx.words[p - 1]!, ctx, p - 1);
      this.#right1.addTo(scores, ctx.words[p + 1]!, ctx, p + 1);
      this.#left2.addTo(scores, ctx.lower[p - 2]!, ctx, p - 2);
      this.#right2.addTo(scores, ctx.lower[p + 2]!, ctx, p + 2);
      this.#tag.addTo(scores, tags[p]!, tags[p]!, 0);
      this.#tagBefore.addTo(scores, tags[p - 1]!, tags[p - 1]!, 0);
      this.#tagAfter.addTo(scores, tags[p + 1]!, tags[p + 1]!, 0);
      features.length = 0;
      nameHistoryFeatures(ctx, tags, i, prev, prev2, features);
      this.#model.score(features, scores);
      let c = argmax(scores);
      const begin = this.#beginOf[c]!;
      if (begin !== -1) {
        const type = classes[c]!.slice(2);
        if (prev !== 'B-' + type && prev !== 'I-' + type) c = begin;
      }
      const label = classes[c]!;
      labels[i] = label;
      prev2 = prev;
      prev = label;
    }
    return labels;
  }

  /** Names in one sentence as token ranges. */
  mentions(ctx: SentenceContext, posTags: readonly string[]): TokenRangeMention[] {
    return labelsToMentions(this.labels(ctx, posTags));
  }
}

/** Groups BIO labels into mentions; labels of unknown types are ignored. */
export function labelsToMentions(labels: readonly string[]): TokenRangeMention[] {
  const mentions: TokenRangeMention[] = [];
  let open: TokenRangeMention | null = null;
  let openType = '';
  for (let i = 0; i <= labels.length; i++) {
    const label = i < labels.length ? labels[i]! : 'O';
    const continues = open !== null && label === 'I-' + openType;
    if (continues) {
      open!.end = i + 1;
      continue;
    }
    if (open !== null) mentions.push(open);
    open = null;
    if (label === 'O') continue;
    const type = ENTITY_TYPES[label.slice(2)];
    if (type === undefined) continue;
    open = { start: i, end: i + 1, type };
    openType = label.slice(2);
  }
  return mentions;
}
