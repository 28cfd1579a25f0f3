import { buildContext, posFeatures, type SentenceContext } from './features.js';
import { FeatureTable, type Template } from './feature-table.js';
import { argmax, PerceptronModel, type PerceptronModelData } from './perceptron.js';

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

/** The POS templates in the order `FeatureTable` numbers them (see posFeatures). */
const POS_TEMPLATES: readonly Template[] = [
  ['b', 0], ['w', 1], ['s3', 1], ['s2', 1], ['s4', 1], ['s1', 1], ['p1', 1], ['p3', 1], ['sh', 1],
  ['w-1', 1], ['s-1', 1], ['w-2', 1], ['w+1', 1], ['s+1', 1], ['sh+1', 1], ['w+2', 1],
  ['t1', 1], ['t2', 1], ['t12', 2], ['t1w', 2], ['first', 1], ['mid', 0], ['cm', 2], ['cmw', 2],
];
const enum PosTemplate {
  Bias, Word, Suffix3, Suffix2, Suffix4, Suffix1, Prefix1, Prefix3, Shape,
  Left1Word, Left1Suffix3, Left2Word, Right1Word, Right1Suffix3, Right1Shape, Right2Word,
  Tag1, Tag2, Tags12, Tag1Word, First, Middle, CaseShape, CaseWord,
}

/**
 * What a word brings, remembered per word: the value ids the history
 * features need, whether it holds '|', and the entries (see FeatureTable) of
 * every feature that depends on this word alone, as the word itself and as
 * each neighbour; -1 where the model lacks the feature.
 */
const enum Slot {
  Lower, Shape, HasSeparator,
  Word, Suffix3, Suffix2, Suffix4, Suffix1, Prefix1, Prefix3, OwnShape,
  AsLeft1Word, AsLeft1Suffix3, AsLeft2Word, AsRight1Word, AsRight1Suffix3, AsRight1Shape, AsRight2Word,
  Width,
}

/** Words remembered at most; the memory is emptied when full. */
const WORD_MEMORY = 50_000;

/**
 * Greedy left-to-right averaged-perceptron tagger over Penn Treebank tags,
 * in the manner of Collins (2002) and Honnibal's "A good POS tagger in about
 * 200 lines". Frequent unambiguous words are looked up, not scored.
 *
 * Scoring uses the features of `posFeatures` (what training uses) as integer
 * tuples: the features that depend on one word are found once per word and
 * remembered, the others looked up by value ids. The weights are multiples of 2^-24 far from overflow, so
 * their sums are exact in any order and the scores equal the training ones.
 */
export class PosTagger {
  readonly #model: PerceptronModel;
  readonly #table: FeatureTable;
  readonly #dictionary: Map<string, string>;
  readonly #scores: Float64Array;
  readonly #features: string[] = [];
  readonly #words = new Map<string, Int32Array>();
  /** Value ids of each class name, and of the sentinels that stand before the first word. */
  readonly #classValue: Int32Array;
  readonly #tagValue = new Map<string, number>();
  readonly #sentinels = new Map<string, Int32Array>();
  readonly #bias: number;

  constructor(data: PosModelData) {
    this.#model = new PerceptronModel(data.perceptron);
    this.#table = new FeatureTable(this.#model, POS_TEMPLATES);
    this.#dictionary = new Map(Object.entries(data.tagDictionary));
    this.#scores = new Float64Array(this.#model.classes.length);
    this.#classValue = Int32Array.from(this.#model.classes, (c) => this.#table.value(c));
    this.#bias = this.#table.entry(PosTemplate.Bias, 0, 0, 0);
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
    const table = this.#table;
    const classes = this.#model.classes;
    const values = this.#values(ctx);
    const cased = ctx.caseMode !== 'normal';
    const mode = cased ? table.value(ctx.caseMode) : -1;
    let prev = '-START-';
    let prev2 = '-START2-';
    let prevId = this.#tagId(prev);
    let prev2Id = this.#tagId(prev2);
    for (let i = 0; i < ctx.length; i++) {
      let tag = lookupTagDictionary(this.#dictionary, ctx, i);
      let tagId: number;
      if (tag === undefined) {
        const p = i + 2;
        const scores = this.#scores;
        scores.fill(0);
        const own = values[p]!;
        if (own[Slot.HasSeparator] || values[p - 2]![Slot.HasSeparator] || values[p - 1]![Slot.HasSeparator] || values[p + 1]![Slot.HasSeparator] || values[p + 2]![Slot.HasSeparator]) {
          // A value holding '|' is only found as a feature string.
          this.#model.score(posFeatures(ctx, i, prev, prev2, this.#features), scores);
        } else {
          const lower = own[Slot.Lower]!;
          const shape = own[Slot.Shape]!;
          const left1 = values[p - 1]!;
          const right1 = values[p + 1]!;
          table.addEntry(scores, this.#bias);
          for (let k = Slot.Word; k <= Slot.OwnShape; k++) table.addEntry(scores, own[k]!);
          table.addEntry(scores, left1[Slot.AsLeft1Word]!);
          table.addEntry(scores, left1[Slot.AsLeft1Suffix3]!);
          table.addEntry(scores, values[p - 2]![Slot.AsLeft2Word]!);
          table.addEntry(scores, right1[Slot.AsRight1Word]!);
          table.addEntry(scores, right1[Slot.AsRight1Suffix3]!);
          table.addEntry(scores, right1[Slot.AsRight1Shape]!);
          table.addEntry(scores, values[p + 2]![Slot.AsRight2Word]!);
          table.add(scores, PosTemplate.Tag1, prevId, 0, 0);
          table.add(scores, PosTemplate.Tag2, prev2Id, 0, 0);
          table.add(scores, PosTemplate.Tags12, prevId, prev2Id, 0);
          table.add(scores, PosTemplate.Tag1Word, prevId, lower, 0);
          if (i === 0) table.add(scores, PosTemplate.First, shape, 0, 0);
          else table.add(scores, PosTemplate.Middle, 0, 0, 0);
          if (cased) {
            table.add(scores, PosTemplate.CaseShape, mode, shape, 0);
            table.add(scores, PosTemplate.CaseWord, mode, lower, 0);
          }
        }
        const best = argmax(scores);
        tag = classes[best]!;
        tagId = this.#classValue[best]!;
      } else {
        tagId = this.#tagId(tag);
      }
      tags[i] = tag;
      prev2 = prev;
      prev = tag;
      prev2Id = prevId;
      prevId = tagId;
    }
    return tags;
  }

  #tagId(tag: string): number {
    let id = this.#tagValue.get(tag);
    if (id === undefined) this.#tagValue.set(tag, (id = this.#table.value(tag)));
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
        ids = this.#wordValues(word, ctx.lower[p]!, ctx.shapes[p]!, ctx.suffix3[p]!);
        if (this.#words.size >= WORD_MEMORY) this.#words.clear();
        this.#words.set(word, ids);
      }
      values[p] = ids;
    }
    return values;
  }

  /** What a word brings (see Slot), from the strings `posOwnFeatures` and its neighbours' features write. */
  #wordValues(word: string, l: string, shape: string, suffix3: string): Int32Array {
    const table = this.#table;
    const ids = new Int32Array(Slot.Width);
    const lower = table.value(l);
    const suffix3Id = table.value(suffix3);
    const shapeId = table.value(shape);
    ids[Slot.Lower] = lower;
    ids[Slot.Shape] = shapeId;
    ids[Slot.HasSeparator] = word.includes('|') ? 1 : 0;
    ids[Slot.Word] = table.entry(PosTemplate.Word, lower, 0, 0);
    ids[Slot.Suffix3] = table.entry(PosTemplate.Suffix3, suffix3Id, 0, 0);
    ids[Slot.Suffix2] = table.entry(PosTemplate.Suffix2, table.value(l.length > 2 ? l.slice(-2) : l), 0, 0);
    ids[Slot.Suffix4] = table.entry(PosTemplate.Suffix4, table.value(l.length > 4 ? l.slice(-4) : l), 0, 0);
    ids[Slot.Suffix1] = table.entry(PosTemplate.Suffix1, table.value(l[l.length - 1]!), 0, 0);
    ids[Slot.Prefix1] = table.entry(PosTemplate.Prefix1, table.value(word[0]!), 0, 0);
    ids[Slot.Prefix3] = table.entry(PosTemplate.Prefix3, table.value(l.length > 3 ? l.slice(0, 3) : l), 0, 0);
    ids[Slot.OwnShape] = table.entry(PosTemplate.Shape, shapeId, 0, 0);
    this.#neighbourEntries(ids, lower, suffix3Id, shapeId);
    return ids;
  }

  /** The entries of the features a word gives its neighbours (posLeft1Features and the like). */
  #neighbourEntries(ids: Int32Array, lower: number, suffix3: number, shape: number): void {
    const table = this.#table;
    ids[Slot.AsLeft1Word] = table.entry(PosTemplate.Left1Word, lower, 0, 0);
    ids[Slot.AsLeft1Suffix3] = table.entry(PosTemplate.Left1Suffix3, suffix3, 0, 0);
    ids[Slot.AsLeft2Word] = table.entry(PosTemplate.Left2Word, lower, 0, 0);
    ids[Slot.AsRight1Word] = table.entry(PosTemplate.Right1Word, lower, 0, 0);
    ids[Slot.AsRight1Suffix3] = table.entry(PosTemplate.Right1Suffix3, suffix3, 0, 0);
    ids[Slot.AsRight1Shape] = table.entry(PosTemplate.Right1Shape, shape, 0, 0);
    ids[Slot.AsRight2Word] = table.entry(PosTemplate.Right2Word, lower, 0, 0);
  }

  /** Padding positions: the sentinel is its own lower case, suffix and shape, and only ever a neighbour. */
  #sentinelValues(sentinel: string): Int32Array {
    let ids = this.#sentinels.get(sentinel);
    if (ids === undefined) {
      ids = new Int32Array(Slot.Width).fill(-1);
      const id = this.#table.value(sentinel);
      ids[Slot.Lower] = ids[Slot.Shape] = id;
      ids[Slot.HasSeparator] = 0;
      this.#neighbourEntries(ids, id, id, id);
      this.#sentinels.set(sentinel, ids);
    }
    return ids;
  }
}
