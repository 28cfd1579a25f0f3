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

/**
 * What a word brings, remembered per word: the value ids the history
 * features need, whether it holds '|', and the entries (see FeatureTable) of
 * every feature that depends on this word alone, as the word itself and as
 * each neighbour; -1 where the model lacks the feature.
 */
const enum Slot {
  Lower, Shape, HasSeparator,
  OwnLower, OwnWord, OwnShape, OwnSuffix3, OwnPrefix3,
  AsLeft1Word, AsLeft1Shape, AsRight1Word, AsRight1Shape, AsLeft2Word, AsRight2Word,
  Width,
}

/** A part-of-speech tag's value id and the entries of its features at each place. */
const enum TagSlot { Value, Own, AsBefore, AsAfter, Width }

/** Words remembered at most; the memory is emptied when full. */
const WORD_MEMORY = 50_000;

/**
 * Greedy BIO tagger for names of people, organisations, places and other
 * proper names, using word, shape, affix, part-of-speech and label-history
 * features; no gazetteer.
 *
 * Scoring uses the features of `nameFeatures` (what training uses) as
 * integer tuples: the features that depend on one word or one tag are found
 * once and remembered, the others looked up by value ids. The
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
  readonly #tags = new Map<string, Int32Array>();
  readonly #labelValue: Int32Array;
  readonly #bias: number;

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
    this.#bias = this.#table.entry(NameTemplate.Bias, 0, 0, 0);
  }

  get featureCount(): number {
    return this.#model.featureCount;
  }

  /** BIO labels for one sentence; an I- label never follows O or another type (it becomes B-). */
  labels(ctx: SentenceContext, posTags: readonly string[]): string[] {
    const tags = padTags(posTags);
    const tagValues = tags.map((t) => this.#tagValues(t));
    const values = this.#values(ctx);
    const table = this.#table;
    const classes = this.#model.classes;
    const labels = new Array<string>(ctx.length);
    const cased = ctx.caseMode !== 'normal';
    const mode = cased ? table.value(ctx.caseMode) : -1;
    let prev = '-START-';
    let prev2 = '-START2-';
    let prevId = this.#table.value(prev);
    let prev2Id = this.#table.value(prev2);
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
        const tag = tagValues[p]!;
        const tagBefore = tagValues[p - 1]!;
        const tagAfter = tagValues[p + 1]!;
        table.addEntry(scores, this.#bias);
        for (let k = Slot.OwnLower; k <= Slot.OwnPrefix3; k++) table.addEntry(scores, own[k]!);
        table.addEntry(scores, left1[Slot.AsLeft1Word]!);
        table.addEntry(scores, left1[Slot.AsLeft1Shape]!);
        table.addEntry(scores, right1[Slot.AsRight1Word]!);
        table.addEntry(scores, right1[Slot.AsRight1Shape]!);
        table.addEntry(scores, left2[Slot.AsLeft2Word]!);
        table.addEntry(scores, right2[Slot.AsRight2Word]!);
        table.addEntry(scores, tag[TagSlot.Own]!);
        table.addEntry(scores, tagBefore[TagSlot.AsBefore]!);
        table.addEntry(scores, tagAfter[TagSlot.AsAfter]!);
        table.add(scores, NameTemplate.Tags, tagBefore[TagSlot.Value]!, tag[TagSlot.Value]!, tagAfter[TagSlot.Value]!);
        table.add(scores, NameTemplate.BigramBefore, left1[Slot.Lower]!, lower, 0);
        table.add(scores, NameTemplate.BigramAfter, lower, right1[Slot.Lower]!, 0);
        table.add(scores, NameTemplate.Label1, prevId, 0, 0);
        table.add(scores, NameTemplate.Labels12, prevId, prev2Id, 0);
        table.add(scores, NameTemplate.Label1Shape, prevId, shape, 0);
        table.add(scores, NameTemplate.Label1Word, prevId, lower, 0);
        table.add(scores, NameTemplate.Label1Tag, prevId, tag[TagSlot.Value]!, 0);
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
        const lower = table.value(l);
        const shape = table.value(ctx.shapes[p]!);
        ids[Slot.Lower] = lower;
        ids[Slot.Shape] = shape;
        ids[Slot.HasSeparator] = word.includes('|') ? 1 : 0;
        ids[Slot.OwnLower] = table.entry(NameTemplate.Lower, lower, 0, 0);
        ids[Slot.OwnWord] = table.entry(NameTemplate.Word, table.value(word), 0, 0);
        ids[Slot.OwnShape] = table.entry(NameTemplate.Shape, shape, 0, 0);
        ids[Slot.OwnSuffix3] = table.entry(NameTemplate.Suffix3, table.value(ctx.suffix3[p]!), 0, 0);
        ids[Slot.OwnPrefix3] = table.entry(NameTemplate.Prefix3, table.value(l.length > 3 ? l.slice(0, 3) : l), 0, 0);
        this.#neighbourEntries(ids, lower, shape);
        if (this.#words.size >= WORD_MEMORY) this.#words.clear();
        this.#words.set(word, ids);
      }
      values[p] = ids;
    }
    return values;
  }

  /** The entries of the features a word gives its neighbours (nameLeft1Features and the like). */
  #neighbourEntries(ids: Int32Array, lower: number, shape: number): void {
    const table = this.#table;
    ids[Slot.AsLeft1Word] = table.entry(NameTemplate.Left1Word, lower, 0, 0);
    ids[Slot.AsLeft1Shape] = table.entry(NameTemplate.Left1Shape, shape, 0, 0);
    ids[Slot.AsRight1Word] = table.entry(NameTemplate.Right1Word, lower, 0, 0);
    ids[Slot.AsRight1Shape] = table.entry(NameTemplate.Right1Shape, shape, 0, 0);
    ids[Slot.AsLeft2Word] = table.entry(NameTemplate.Left2Word, lower, 0, 0);
    ids[Slot.AsRight2Word] = table.entry(NameTemplate.Right2Word, lower, 0, 0);
  }

  /** Padding positions: the sentinel is its own lower case and shape, and only ever a neighbour. */
  #sentinelValues(sentinel: string): Int32Array {
    let ids = this.#sentinels.get(sentinel);
    if (ids === undefined) {
      ids = new Int32Array(Slot.Width).fill(-1);
      const id = this.#table.value(sentinel);
      ids[Slot.Lower] = ids[Slot.Shape] = id;
      ids[Slot.HasSeparator] = 0;
      this.#neighbourEntries(ids, id, id);
      this.#sentinels.set(sentinel, ids);
    }
    return ids;
  }

  /** A tag's value id and feature entries (see TagSlot), remembered per tag. */
  #tagValues(tag: string): Int32Array {
    let ids = this.#tags.get(tag);
    if (ids === undefined) {
      const table = this.#table;
      const id = table.value(tag);
      ids = Int32Array.of(id, table.entry(NameTemplate.Tag, id, 0, 0), table.entry(NameTemplate.TagBefore, id, 0, 0), table.entry(NameTemplate.TagAfter, id, 0, 0));
      this.#tags.set(tag, ids);
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
