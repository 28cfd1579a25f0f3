import type { PerceptronModel } from './perceptron.js';

/**
 * A perceptron model's features indexed by numbers instead of strings.
 *
 * A feature such as `t1w|NN|president` is a template (`t1w`) and its
 * '|'-separated values. Every value string gets an id, and every feature
 * becomes a tuple (template, value ids) in an open-addressing hash table, so
 * a tagger looks features up from integers it holds per word: no string is
 * built per token and feature. A value the model never saw has no id, and a
 * feature using it is known to be absent without a lookup.
 *
 * Features whose values contain '|' themselves cannot be split reliably and
 * are left out; a tagger scores a word near such a value from the feature
 * strings instead.
 */

/** A template's name and its number of values. */
export type Template = readonly [name: string, arity: number];

/** Raised when a model holds a feature of a template the tagger does not know. */
export class FeatureTableError extends Error {
  override name = 'FeatureTableError';
}

const KEY_WIDTH = 5;

export class FeatureTable {
  readonly #model: PerceptronModel;
  readonly #values = new Map<string, number>();
  /** Per slot: template + 1 (0 marks an empty slot), three value ids (unused ones 0), the model's packed entry. */
  readonly #slots: Int32Array;
  readonly #mask: number;

  /** `templates[k]` is template id k. */
  constructor(model: PerceptronModel, templates: readonly Template[]) {
    this.#model = model;
    const known = new Map(templates.map(([name, arity], id) => [name, { id, arity }]));
    let size = 1024;
    while (size < 2 * model.featureCount) size *= 2;
    this.#mask = size - 1;
    this.#slots = new Int32Array(size * KEY_WIDTH);
    const ids = [0, 0, 0];
    for (const [feature, entry] of model.entries()) {
      const bar = feature.indexOf('|');
      const name = bar < 0 ? feature : feature.slice(0, bar);
      const template = known.get(name);
      if (template === undefined) throw new FeatureTableError(`the model has a feature of unknown kind: "${feature}"`);
      const values = bar < 0 ? [] : feature.slice(bar + 1).split('|');
      if (values.length !== template.arity) {
        if (values.length > template.arity) continue; // a value holds '|': reached through the feature strings
        throw new FeatureTableError(`the model's feature "${feature}" does not have ${template.arity} values`);
      }
      ids.fill(0);
      values.forEach((value, k) => {
        let id = this.#values.get(value);
        if (id === undefined) this.#values.set(value, (id = this.#values.size));
        ids[k] = id;
      });
      let slot = hash(template.id, ids[0]!, ids[1]!, ids[2]!) & this.#mask;
      while (this.#slots[slot * KEY_WIDTH] !== 0) slot = (slot + 1) & this.#mask;
      this.#slots.set([template.id + 1, ids[0]!, ids[1]!, ids[2]!, entry], slot * KEY_WIDTH);
    }
  }

  /** The id of a value string, or -1 when no feature of the model uses it. */
  value(text: string): number {
    return this.#values.get(text) ?? -1;
  }

  /**
   * Where the weights of feature (template; a, b, c) lie, for the model's
   * `addEntry`, or -1 when the model lacks it. Unused values must be 0; a
   * negative id (a value the model never saw) means the feature is absent.
   */
  entry(template: number, a: number, b: number, c: number): number {
    if ((a | b | c) < 0) return -1;
    const slots = this.#slots;
    const tag = template + 1;
    let slot = hash(template, a, b, c) & this.#mask;
    for (;;) {
      const at = slot * KEY_WIDTH;
      const stored = slots[at]!;
      if (stored === 0) return -1;
      if (stored === tag && slots[at + 1] === a && slots[at + 2] === b && slots[at + 3] === c) return slots[at + 4]!;
      slot = (slot + 1) & this.#mask;
    }
  }

  /** Adds the weights of feature (template; a, b, c) into `scores`, if the model has it (see `entry`). */
  add(scores: Float64Array, template: number, a: number, b: number, c: number): void {
    const entry = this.entry(template, a, b, c);
    if (entry >= 0) this.#model.addEntry(entry, scores);
  }

  /** Adds the weights of an entry from `entry` into `scores`; -1 adds nothing. */
  addEntry(scores: Float64Array, entry: number): void {
    if (entry >= 0) this.#model.addEntry(entry, scores);
  }
}

function hash(template: number, a: number, b: number, c: number): number {
  let h = Math.imul(template + 1, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca6b);
  h = Math.imul(h ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ c, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
