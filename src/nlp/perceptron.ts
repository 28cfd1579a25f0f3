/**
 * Averaged perceptron: a linear multi-class classifier over sparse string
 * features. Used by the part-of-speech and name taggers.
 *
 * Inference keeps all weights in two flat typed arrays and one
 * `Map<feature, packed offset/length>`, so scoring a token is a handful of map
 * lookups and additions, with no object per feature.
 */

/** Serialised model: class names and, per feature, [classIndex, weight × scale, ...] pairs. */
export interface PerceptronModelData {
  classes: string[];
  /** Weights are stored as integers: the real weight times `scale`. */
  scale: number;
  weights: Record<string, number[]>;
}

/** Up to 64 classes per model: the class count is packed into the low 6 bits. */
const LENGTH_BITS = 64;

export class PerceptronModel {
  readonly classes: readonly string[];
  readonly #index: Map<string, number>;
  readonly #classIds: Uint8Array;
  readonly #weights: Float32Array;

  constructor(data: PerceptronModelData) {
    if (data.classes.length > LENGTH_BITS) throw new Error('a perceptron model holds at most 64 classes');
    this.classes = data.classes;
    let total = 0;
    for (const key in data.weights) total += data.weights[key]!.length >> 1;
    this.#classIds = new Uint8Array(total);
    this.#weights = new Float32Array(total);
    this.#index = new Map();
    let offset = 0;
    const inverse = 1 / data.scale;
    for (const key in data.weights) {
      const pairs = data.weights[key]!;
      const count = pairs.length >> 1;
      for (let p = 0; p < count; p++) {
        this.#classIds[offset + p] = pairs[2 * p]!;
        this.#weights[offset + p] = pairs[2 * p + 1]! * inverse;
      }
      this.#index.set(key, offset * LENGTH_BITS + count);
      offset += count;
    }
  }

  get featureCount(): number {
    return this.#index.size;
  }

  /** Every feature with its entry (where its weights lie), for indexes built over the model. */
  entries(): IterableIterator<[string, number]> {
    return this.#index.entries();
  }

  /** Adds the weights of one entry (from `entries`) into `scores`. */
  addEntry(packed: number, scores: Float64Array): void {
    const ids = this.#classIds;
    const weights = this.#weights;
    const count = packed % LENGTH_BITS;
    const offset = (packed - count) / LENGTH_BITS;
    for (let p = offset, stop = offset + count; p < stop; p++) scores[ids[p]!]! += weights[p]!;
  }

  /** Adds the weights of `features` into `scores` (length = class count, zeroed by the caller). */
  score(features: readonly string[], scores: Float64Array): void {
    const index = this.#index;
    const ids = this.#classIds;
    const weights = this.#weights;
    for (let f = 0; f < features.length; f++) {
      const packed = index.get(features[f]!);
      if (packed === undefined) continue;
      const count = packed % LENGTH_BITS;
      const offset = (packed - count) / LENGTH_BITS;
      for (let p = offset, stop = offset + count; p < stop; p++) scores[ids[p]!]! += weights[p]!;
    }
  }

  /** Index of the best class for `features`; `scores` is scratch space of class-count length. */
  predict(features: readonly string[], scores: Float64Array): number {
    scores.fill(0);
    this.score(features, scores);
    return argmax(scores);
  }
}

export function argmax(scores: Float64Array): number {
  let best = 0;
  let bestScore = scores[0]!;
  for (let c = 1; c < scores.length; c++) {
    if (scores[c]! > bestScore) {
      bestScore = scores[c]!;
      best = c;
    }
  }
  return best;
}

/** One feature's weights during training: parallel lists over the classes it has touched. */
interface TrainingRow {
  classes: number[];
  weights: number[];
  /** Sum of (update step × change), for averaging without per-step bookkeeping. */
  stepped: number[];
}

/**
 * Trainer with the averaging trick of Daumé (2006): keeping Σ step·Δw beside
 * the weights gives the average over all steps as w − Σ step·Δw / steps.
 */
export class PerceptronTrainer {
  readonly classes: readonly string[];
  readonly #rows = new Map<string, TrainingRow>();
  #step = 1;

  constructor(classes: readonly string[]) {
    this.classes = classes;
  }

  score(features: readonly string[], scores: Float64Array): void {
    scores.fill(0);
    for (const feature of features) {
      const row = this.#rows.get(feature);
      if (row === undefined) continue;
      for (let p = 0; p < row.classes.length; p++) scores[row.classes[p]!]! += row.weights[p]!;
    }
  }

  predict(features: readonly string[], scores: Float64Array): number {
    this.score(features, scores);
    return argmax(scores);
  }

  /** Perceptron update: towards `truth`, away from `guess`; counts one step either way. */
  update(features: readonly string[], truth: number, guess: number): void {
    if (truth !== guess) {
      for (const feature of features) {
        let row = this.#rows.get(feature);
        if (row === undefined) {
          row = { classes: [], weights: [], stepped: [] };
          this.#rows.set(feature, row);
        }
        this.#change(row, truth, 1);
        this.#change(row, guess, -1);
      }
    }
    this.#step++;
  }

  #change(row: TrainingRow, cls: number, delta: number): void {
    let p = row.classes.indexOf(cls);
    if (p === -1) {
      p = row.classes.length;
      row.classes.push(cls);
      row.weights.push(0);
      row.stepped.push(0);
    }
    row.weights[p]! += delta;
    row.stepped[p]! += this.#step * delta;
  }

  /**
   * The averaged model, pruned: weights whose magnitude is below `minWeight`
   * are dropped, the rest rounded to 1/scale. Features are written in sorted
   * order so the same training run gives byte-identical files.
   */
  export(minWeight: number, scale: number): PerceptronModelData {
    const weights: Record<string, number[]> = {};
    const keys = [...this.#rows.keys()].sort();
    for (const key of keys) {
      const row = this.#rows.get(key)!;
      const pairs: number[] = [];
      const order = row.classes.map((_, p) => p).sort((a, b) => row.classes[a]! - row.classes[b]!);
      for (const p of order) {
        const averaged = row.weights[p]! - row.stepped[p]! / this.#step;
        if (Math.abs(averaged) < minWeight) continue;
        const rounded = Math.round(averaged * scale);
        if (rounded === 0) continue;
        pairs.push(row.classes[p]!, rounded);
      }
      if (pairs.length > 0) weights[key] = pairs;
    }
    return { classes: [...this.classes], scale, weights };
  }

  get featureCount(): number {
    return this.#rows.size;
  }
}

/** Small deterministic PRNG (mulberry32) for reproducible shuffles. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle with the given random source, in place. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}
