/**
 * The attribution model's weights indexed by numbers instead of strings.
 *
 * A feature such as `w-1w=the|president` is a template (`w-1w`) and its
 * '|'-separated values. At load time every value string gets an id and every
 * feature becomes a tuple (template, value ids…) in an open-addressing hash
 * table, so tagging looks features up from integers it already holds for
 * each token: no string is built per token and feature. A value the model
 * never saw has no id, and every feature using it is known to be absent
 * without a lookup.
 */

/**
 * The number of '|'-separated values of each feature template, in the order
 * the feature functions of features.ts and tagger.ts write them. The position
 * of a template here is its id.
 */
const TEMPLATES: ReadonlyArray<readonly [name: string, arity: number]> = [
  // staticFeatures
  ['b', 0], ['w', 1], ['s', 1], ['x3', 1], ['x2', 1], ['w-1', 1], ['w+1', 1], ['w-2', 1], ['w+2', 1], ['w-1w', 2], ['ww+1', 2],
  ['s-1', 1], ['s+1', 1], ['q', 1], ['qm', 1], ['qm-1', 1], ['qm+1', 1], ['opq', 1], ['cw', 1], ['cl', 1], ['cr', 1], ['clr', 3],
  ['sp', 1], ['last', 1], ['qw', 2], ['p', 1], ['p-1', 1], ['p+1', 1], ['p-1p', 2], ['pp+1', 2], ['p-2p-1p', 3], ['pp+1p+2', 3],
  ['n', 1], ['n-1n', 2], ['pq', 3], ['sc', 3], ['s-1s', 2], ['lcw', 1], ['lcw+q', 2], ['lcw1', 2], ['rcw', 1],
  // historyFeatures
  ['p1', 1], ['p2', 2], ['p1w', 2], ['p1p', 2], ['p1pp', 3], ['p1q', 3], ['ls', 1], ['lp', 2], ['lsp1', 3], ['span', 4],
  ['spanlen', 2], ['spanq', 4],
  // stackedFeatures
  ['t', 1], ['r-1r', 2], ['rr+1', 2], ['r-1rr+1', 3], ['r+2', 1], ['r-2', 1], ['rend', 2], ['rnext', 3], ['rw', 2],
];

/** Template ids by name, for the tagger's feature code. */
export const TEMPLATE: Readonly<Record<string, number>> = Object.fromEntries(TEMPLATES.map(([name], id) => [name, id]));

const TEMPLATE_ARITY = new Map(TEMPLATES.map(([name, arity], id) => [name, { id, arity }]));

/** Raised when a model holds a feature this version cannot index. */
export class FeatureIndexError extends Error {
  override name = 'FeatureIndexError';
}

/**
 * Splits a feature's values. Values come from tokens, and a token may be a
 * lone '|', which shows as two empty pieces; no value is ever empty.
 */
function splitValues(rest: string, arity: number): string[] | null {
  const pieces = rest.split('|');
  if (pieces.length === arity) return pieces;
  const values: string[] = [];
  for (let k = 0; k < pieces.length; k++) {
    if (pieces[k] === '' && pieces[k + 1] === '') {
      values.push('|');
      k++;
    } else values.push(pieces[k]!);
  }
  return values.length === arity && values.every((v) => v !== '') ? values : null;
}

const KEY_WIDTH = 5;

/** Weights of both tagging passes, found by (template, value ids). */
export class FeatureIndex {
  readonly #values = new Map<string, number>();
  /** Per slot: template, then up to four value ids (unused ones 0); template -1 marks an empty slot. */
  readonly #keys: Int32Array;
  /** Per slot: offset of the first pass's weights in `weights`, or -1 when the pass lacks the feature. */
  readonly firstOffset: Int32Array;
  /** Per slot: offset of the second pass's weights, or -1. */
  readonly secondOffset: Int32Array;
  readonly #mask: number;
  /** All weight vectors, `width` numbers each, first pass and second pass alike. */
  readonly weights: Float32Array;
  readonly width: number;

  constructor(width: number, first: Record<string, number[]>, second: Record<string, number[]> | null) {
    this.width = width;
    const firstNames = Object.keys(first);
    const secondNames = second === null ? [] : Object.keys(second);
    // Load at most one half, so probes stay short.
    let size = 1024;
    while (size < 2 * (firstNames.length + secondNames.length)) size *= 2;
    this.#mask = size - 1;
    this.#keys = new Int32Array(size * KEY_WIDTH).fill(-1);
    this.firstOffset = new Int32Array(size).fill(-1);
    this.secondOffset = new Int32Array(size).fill(-1);
    this.weights = new Float32Array((firstNames.length + secondNames.length) * width);
    let offset = 0;
    const key = new Int32Array(KEY_WIDTH);
    const add = (name: string, vector: number[], offsets: Int32Array): void => {
      this.#parse(name, key);
      const slot = this.#slotFor(key);
      if (offsets[slot] !== -1) throw new FeatureIndexError(`the attribution model lists feature "${name}" twice`);
      if (vector.length !== width) throw new FeatureIndexError(`feature "${name}" has ${vector.length} weights, not ${width}`);
      for (let t = 0; t < width; t++) this.weights[offset + t] = vector[t]!;
      offsets[slot] = offset;
      offset += width;
    };
    for (const name of firstNames) add(name, first[name]!, this.firstOffset);
    for (const name of secondNames) add(name, second![name]!, this.secondOffset);
  }

  /** The id of a value string, or -1 when no feature of the model uses it. */
  value(text: string): number {
    return this.#values.get(text) ?? -1;
  }

  /** The slot of a feature, or -1 when the model has no such feature. Ids of unused values must be 0. */
  find(template: number, a: number, b: number, c: number, d: number): number {
    const keys = this.#keys;
    let slot = hash(template, a, b, c, d) & this.#mask;
    for (;;) {
      const at = slot * KEY_WIDTH;
      const stored = keys[at]!;
      if (stored === -1) return -1;
      if (stored === template && keys[at + 1] === a && keys[at + 2] === b && keys[at + 3] === c && keys[at + 4] === d) return slot;
      slot = (slot + 1) & this.#mask;
    }
  }

  #parse(feature: string, key: Int32Array): void {
    const equals = feature.indexOf('=');
    const name = equals < 0 ? feature : feature.slice(0, equals);
    const template = TEMPLATE_ARITY.get(name);
    if (template === undefined) throw new FeatureIndexError(`the attribution model has a feature of unknown kind: "${feature}"`);
    const values = template.arity === 0 ? (equals < 0 ? [] : null) : equals < 0 ? null : splitValues(feature.slice(equals + 1), template.arity);
    if (values === null) throw new FeatureIndexError(`the attribution model's feature "${feature}" does not have ${template.arity} values`);
    key.fill(0);
    key[0] = template.id;
    for (let k = 0; k < values.length; k++) {
      let id = this.#values.get(values[k]!);
      if (id === undefined) {
        id = this.#values.size;
        this.#values.set(values[k]!, id);
      }
      key[k + 1] = id;
    }
  }

  /** The slot holding `key`, claimed for it when it is not there yet. */
  #slotFor(key: Int32Array): number {
    const found = this.find(key[0]!, key[1]!, key[2]!, key[3]!, key[4]!);
    if (found >= 0) return found;
    let slot = hash(key[0]!, key[1]!, key[2]!, key[3]!, key[4]!) & this.#mask;
    while (this.#keys[slot * KEY_WIDTH] !== -1) slot = (slot + 1) & this.#mask;
    this.#keys.set(key, slot * KEY_WIDTH);
    return slot;
  }
}

function hash(template: number, a: number, b: number, c: number, d: number): number {
  let h = Math.imul(template + 1, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca6b);
  h = Math.imul(h ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ c, 0x27d4eb2f);
  h = Math.imul(h ^ d, 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
