import { nameFeatures, padTags, type SentenceContext } from './features.js';
import { FeatureTable, type Template } from './feature-table.js';
import type { NameType } from './layers.js';
import { argmax, PerceptronModel, type PerceptronModelData } from './perceptron.js';

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

/** The name templates in the order `FeatureTable` numbers them (see nameFeatures). */
const NAME_TEMPLATES: readonly Template[] = [
  ['b', 0], ['w', 1], ['W', 1], ['sh', 1], ['s3', 1], ['p3', 1], ['w-1', 1], ['sh-1', 1], ['w+1', 1], ['sh+1', 1],
  ['w-2', 1], ['w+2', 1], ['t', 1], ['t-1', 1], ['t+1', 1], ['tt', 3], ['bg-', 2], ['bg+', 2], ['l1', 1], ['l12', 2],
  ['l1sh', 2], ['l1w', 2], ['l1t', 2], ['first', 1], ['mid', 0], ['cm', 2], ['cmw', 2],
];
const enum NameTemplate {
  Bias, Lower, Word, Shape, Suffix3, Prefix3, Left1Word, Left1Shape, Right1Word, Right1Shape,
  Left2Word, Right2Word, Tag, TagBefore, TagAfter, Tags, BigramBefore, BigramAfter, Label1, Labels12,
  Label1Shape, Label1Word, Label1Tag, First, Middle, CaseShape, CaseWord,
}

/** Value ids a word contributes, by slot. */
const enum Slot { Lower, Word, Shape, Suffix3, Prefix3, HasSeparator, Width }

/** Words whose value ids are remembered at most; the memory is emptied when full. */
const WORD_MEMORY = 50_000;

/**
 * Greedy BIO tagger for names of people, organisations, places and other
 * proper names, using word, shape, affix, part-of-speech and label-history
 * features; no gazetteer.
 *
 * Scoring uses the features of `nameFeatures` (what training uses) as
 * integer tuples, each word's value ids found once and remembered. The
 * weights are multiples of 2^-24 far from overflow, so their sums are exact
 * in any order and the scores equal the training ones.
 */
export class NameTagger {
  readonly #model: PerceptronModel;
  readonly #table: FeatureTable;
  readonly #scores: Float64Array;
  readonly #features: string[] = [];
  /** For each label index: the index of the B- label of the same type, or -1 for O and B- labels. */
  readonly #beginOf: Int16Array;
  readonly #words = new Map<string, Int32Array>();
  readonly #sentinels = new Map<string, Int32Array>();
  /** Value ids of part-of-speech tags and labels, remembered per string. */
  readonly #valueOf = new Map<string, number>();
  readonly #labelValue: Int32Array;

  constructor(data: NameModelData) {
    this.#model = new PerceptronModel(data.perceptron);
    this.#table = new FeatureTable(this.#model, NAME_TEMPLATES);
    this.#scores = new Float64Array(this.#model.classes.length);
    const classes = this.#model.classes;
    this.#beginOf = new Int16Array(classes.length).fill(-1);
    classes.forEach((label, c) => {
      if (label.startsWith('I-')) this.#beginOf[c] = classes.indexOf('B-' + label.slice(2));
    });
    this.#labelValue = Int32Array.from(classes, (c) => this.#table.value(c));
  }

  get featureCount(): number {
    return this.#model.featureCount;
  }

  /** BIO labels for one sentence; an I- label never follows O or another type (it becomes B-). */
  labels(ctx: SentenceContext, posTags: readonly string[]): string[] {
    const tags = padTags(posTags);
    const tagIds = Int32Array.from(tags, (t) => this.#idOf(t));
    const values = this.#values(ctx);
    const table = this.#table;
    const classes = this.#model.classes;
    const labels = new Array<string>(ctx.length);
    const cased = ctx.caseMode !== 'normal';
    const mode = cased ? table.value(ctx.caseMode) : -1;
    let prev = '-START-';
    let prev2 = '-START2-';
    let prevId = this.#idOf(prev);
    let prev2Id = this.#idOf(prev2);
    const scores = this.#scores;
    for (let i = 0; i < ctx.length; i++) {
      const p = i + 2;
      scores.fill(0);
      const own = values[p]!;
      const left1 = values[p - 1]!;
      const right1 = values[p + 1]!;
      const left2 = values[p - 2]!;
      const right2 = values[p + 2]!;
      if (own[Slot.HasSeparator] || left1[Slot.HasSeparator] || right1[Slot.HasSeparator] || left2[Slot.HasSeparator] || right2[Slot.HasSeparator]) {
        // A value holding '|' is only found as a feature string.
        this.#model.score(nameFeatures(ctx, tags, i, prev, prev2, this.#features), scores);
      } else {
        const lower = own[Slot.Lower]!;
        const shape = own[Slot.Shape]!;
        const tag = tagIds[p]!;
        table.add(scores, NameTemplate.Bias, 0, 0, 0);
        table.add(scores, NameTemplate.Lower, lower, 0, 0);
        table.add(scores, NameTemplate.Word, own[Slot.Word]!, 0, 0);
        table.add(scores, NameTemplate.Shape, shape, 0, 0);
        table.add(scores, NameTemplate.Suffix3, own[Slot.Suffix3]!, 0, 0);
        table.add(scores, NameTemplate.Prefix3, own[Slot.Prefix3]!, 0, 0);
        table.add(scores, NameTemplate.Left1Word, left1[Slot.Lower]!, 0, 0);
        table.add(scores, NameTemplate.Left1Shape, left1[Slot.Shape]!, 0, 0);
        table.add(scores, NameTemplate.Right1Word, right1[Slot.Lower]!, 0, 0);
        table.add(scores, NameTemplate.Right1Shape, right1[Slot.Shape]!, 0, 0);
        table.add(scores, NameTemplate.Left2Word, left2[Slot.Lower]!, 0, 0);
        table.add(scores, NameTemplate.Right2Word, right2[Slot.Lower]!, 0, 0);
        table.add(scores, NameTemplate.Tag, tag, 0, 0);
        table.add(scores, NameTemplate.TagBefore, tagIds[p - 1]!, 0, 0);
        table.add(scores, NameTemplate.TagAfter, tagIds[p + 1]!, 0, 0);
        table.add(scores, NameTemplate.Tags, tagIds[p - 1]!, tag, tagIds[p + 1]!);
        table.add(scores, NameTemplate.BigramBefore, left1[Slot.Lower]!, lower, 0);
        table.add(scores, NameTemplate.BigramAfter, lower, right1[Slot.Lower]!, 0);
        table.add(scores, NameTemplate.Label1, prevId, 0, 0);
        table.add(scores, NameTemplate.Labels12, prevId, prev2Id, 0);
        table.add(scores, NameTemplate.Label1Shape, prevId, shape, 0);
        table.add(scores, NameTemplate.Label1Word, prevId, lower, 0);
        table.add(scores, NameTemplate.Label1Tag, prevId, tag, 0);
        if (i === 0) table.add(scores, NameTemplate.First, shape, 0, 0);
        else table.add(scores, NameTemplate.Middle, 0, 0, 0);
        if (cased) {
          table.add(scores, NameTemplate.CaseShape, mode, shape, 0);
          table.add(scores, NameTemplate.CaseWord, mode, lower, 0);
        }
      }
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
      prev2Id = prevId;
      prevId = this.#labelValue[c]!;
    }
    return labels;
  }

  /** Names in one sentence as token ranges. */
  mentions(ctx: SentenceContext, posTags: readonly string[]): TokenRangeMention[] {
    return labelsToMentions(this.labels(ctx, posTags));
  }

  #idOf(text: string): number {
    let id = this.#valueOf.get(text);
    if (id === undefined) this.#valueOf.set(text, (id = this.#table.value(text)));
    return id;
  }

  /** The value ids of each padded position of the sentence. */
  #values(ctx: SentenceContext): Int32Array[] {
    const n = ctx.length;
    const values = new Array<Int32Array>(n + 4);
    for (const p of [0, 1, n + 2, n + 3]) values[p] = this.#sentinelValues(ctx.words[p]!);
    for (let p = 2; p < n + 2; p++) {
      const word = ctx.words[p]!;
      let ids = this.#words.get(word);
      if (ids === undefined) {
        const l = ctx.lower[p]!;
        const table = this.#table;
        ids = new Int32Array(Slot.Width);
        ids[Slot.Lower] = table.value(l);
        ids[Slot.Word] = table.value(word);
        ids[Slot.Shape] = table.value(ctx.shapes[p]!);
        ids[Slot.Suffix3] = table.value(ctx.suffix3[p]!);
        ids[Slot.Prefix3] = table.value(l.length > 3 ? l.slice(0, 3) : l);
        ids[Slot.HasSeparator] = word.includes('|') ? 1 : 0;
        if (this.#words.size >= WORD_MEMORY) this.#words.clear();
        this.#words.set(word, ids);
      }
      values[p] = ids;
    }
    return values;
  }

  /** Padding positions: the sentinel is its own lower case and shape. */
  #sentinelValues(sentinel: string): Int32Array {
    let ids = this.#sentinels.get(sentinel);
    if (ids === undefined) {
      ids = new Int32Array(Slot.Width).fill(-1);
      const id = this.#table.value(sentinel);
      ids[Slot.Lower] = ids[Slot.Word] = ids[Slot.Shape] = ids[Slot.Suffix3] = id;
      ids[Slot.HasSeparator] = 0;
      this.#sentinels.set(sentinel, ids);
    }
    return ids;
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
