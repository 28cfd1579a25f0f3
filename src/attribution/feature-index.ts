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

/** Ints per slot: template and fourth value packed, three values, the weight row (-1 when empty). */
const SLOT_WIDTH = 5;
/** Bits of the packed first int that hold the template id. */
const TEMPLATE_BITS = 7;
/**
 * Floats per weight row: the first pass's weights, then the second pass's at
 * `SECOND_PASS`, padded so that a row fills one 64-byte cache line.
 */
export const ROW_WIDTH = 16;
export const SECOND_PASS = 8;

/**
 * Weights of both tagging passes, found by (template, value ids). A pass
 * that lacks a feature has zeros in its half of the row: adding zero leaves
 * every score as it was, so a row can always be added whole.
 */
export class FeatureIndex {
  readonly #values = new Map<string, number>();
  readonly #slots: Int32Array;
  readonly #mask: number;
  /** Weight rows, `ROW_WIDTH` floats each (see `find`). */
  readonly rows: Float32Array;
  readonly width: number;

  constructor(width: number, first: Record<string, number[]>, second: Record<string, number[]> | null) {
    if (width > SECOND_PASS || TEMPLATES.length >= 1 << TEMPLATE_BITS) throw new FeatureIndexError('the attribution model has more tags or feature kinds than the index holds');
    this.width = width;
    const firstNames = Object.keys(first);
    // Features of the second pass that the first lacks; each name is parsed once.
    const secondOnly = second === null ? [] : Object.keys(second).filter((name) => !Object.hasOwn(first, name));
    const count = firstNames.length + secondOnly.length;
    // Load at most one half, so probes stay short.
    let size = 1024;
    while (size < 2 * count) size *= 2;
    this.#mask = size - 1;
    this.#slots = new Int32Array(size * SLOT_WIDTH);
    for (let slot = 0; slot < size; slot++) this.#slots[slot * SLOT_WIDTH + 4] = -1;
    this.rows = new Float32Array(count * ROW_WIDTH);
    let rowCount = 0;
    const key = new Int32Array(5);
    const fill = (name: string, vector: number[] | undefined, row: number): void => {
      if (vector === undefined) return;
      if (vector.length !== width) throw new FeatureIndexError(`feature "${name}" has ${vector.length} weights, not ${width}`);
      for (let t = 0; t < width; t++) this.rows[row + t] = vector[t]!;
    };
    const put = (name: string): void => {
      this.#parse(name, key);
      if (this.find(key[0]!, key[1]!, key[2]!, key[3]!, key[4]!) >= 0) throw new FeatureIndexError(`the attribution model lists feature "${name}" twice`);
      const row = rowCount++ * ROW_WIDTH;
      this.#claim(key, row);
      fill(name, Object.hasOwn(first, name) ? first[name] : undefined, row);
      if (second !== null && Object.hasOwn(second, name)) fill(name, second[name], row + SECOND_PASS);
    };
    for (const name of firstNames) put(name);
    for (const name of secondOnly) put(name);
  }

  /** The id of a value string, or -1 when no feature of the model uses it. */
  value(text: string): number {
    return this.#values.get(text) ?? -1;
  }

  /**
   * Where a feature's weights start in `rows` (the first pass's; the second
   * pass's are `SECOND_PASS` further), or -1 when the model has no such
   * feature. Ids of unused values must be 0.
   */
  find(template: number, a: number, b: number, c: number, d: number): number {
    const slots = this.#slots;
    const packed = template | (d << TEMPLATE_BITS);
    let slot = hash(packed, a, b, c) & this.#mask;
    for (;;) {
      const at = slot * SLOT_WIDTH;
      const row = slots[at + 4]!;
      if (row === -1) return -1;
      if (slots[at] === packed && slots[at + 1] === a && slots[at + 2] === b && slots[at + 3] === c) return row;
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
        if (id >= 1 << (31 - TEMPLATE_BITS)) throw new FeatureIndexError('the attribution model has more feature values than the index holds');
        this.#values.set(values[k]!, id);
      }
      key[k + 1] = id;
    }
  }

  /** Puts a key not in the table into an empty slot, with its row. */
  #claim(key: Int32Array, row: number): void {
    const packed = key[0]! | (key[4]! << TEMPLATE_BITS);
    let slot = hash(packed, key[1]!, key[2]!, key[3]!) & this.#mask;
    while (this.#slots[slot * SLOT_WIDTH + 4] !== -1) slot = (slot + 1) & this.#mask;
    this.#slots.set([packed, key[1]!, key[2]!, key[3]!, row], slot * SLOT_WIDTH);
  }
}

function hash(packed: number, a: number, b: number, c: number): number {
  let h = Math.imul(packed + 1, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca6b);
  h = Math.imul(h ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ c, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
