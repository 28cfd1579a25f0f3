/**
 * Trains the attribution tagger on PolNeAR train and writes models/attribution.json.gz:
 * a first-pass perceptron on all of train, two more on halves of train whose tags on the
 * other half (a two-fold jackknife) train the second pass.
 *
 *   node dist/scripts/train-attribution.js [--data ../shared/data/polnear] [--epochs N] [--holdout]
 *
 * --holdout trains on 90% of train and scores the other 10% at the end
 * (for choosing settings without touching dev); without it, all of train is used.
 * Deterministic: documents are shuffled with a fixed seed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { readPolnearSplit, type PolnearArticle } from '../src/attribution/eval/brat.js';
import { projectTags } from '../src/attribution/eval/project.js';
import { formatScoreTable, scoreAttributions } from '../src/attribution/eval/score.js';
import { buildContext, stackedFeatures, staticFeatures, type TokenContext } from '../src/attribution/features.js';
import { linkSegments, segmentsFromTags } from '../src/attribution/link.js';
import { relationsToTriples } from '../src/attribution/relations.js';
import {
  advanceHistory,
  AttributionTagger,
  freshHistory,
  historyFeatures,
  TAG_COUNT,
  TAGS,
  type AttributionModelFile,
} from '../src/attribution/tagger.js';
import { tokenize, type TokenTable } from '../src/attribution/tokenize.js';

interface Options {
  data: string;
  epochs: number;
  holdout: boolean;
  out: string;
  outGiven: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { data: '../shared/data/polnear', epochs: 6, holdout: false, out: 'models/attribution.json.gz', outGiven: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data') opts.data = argv[++i] as string;
    else if (a === '--epochs') opts.epochs = Number(argv[++i]);
    else if (a === '--holdout') opts.holdout = true;
    else if (a === '--out') {
      opts.out = argv[++i] as string;
      opts.outGiven = true;
    }
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

/** A small deterministic generator (mulberry32) so training is reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Prepared {
  article: PolnearArticle;
  tokens: TokenTable;
  ctx: TokenContext;
  gold: Uint8Array;
  /** Static features per token as ids (−1 for none), flattened with offsets. */
  featureOffsets: Int32Array;
  featureIds: Int32Array;
}

/**
 * The usual part of speech and name class of each word form seen at least
 * three times in CoreNLP's automatic parse of the training articles. Only
 * the training split's parse is read.
 */
function buildWordClasses(root: string, names: ReadonlySet<string>): Map<string, string> {
  const lines = gunzipSync(readFileSync(resolve(root, 'silver', 'train.jsonl.gz'))).toString('utf8').split('\n');
  const counts = new Map<string, Map<string, number>>();
  for (const line of lines) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { doc: string; sentences: { tokens: [string, number, number, string, string, string][] }[] };
    if (!names.has(doc.doc)) continue;
    for (const s of doc.sentences) {
      for (const [word, , , pos, , ner] of s.tokens) {
        const cls = `${pos} ${ner === 'PERSON' || ner === 'ORGANIZATION' || ner === 'LOCATION' || ner === 'MISC' ? ner : 'O'}`;
        let m = counts.get(word);
        if (!m) counts.set(word, (m = new Map()));
        m.set(cls, (m.get(cls) ?? 0) + 1);
      }
    }
  }
  const classes = new Map<string, string>();
  for (const [word, m] of [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    let total = 0;
    let best = '';
    let bestCount = 0;
    for (const [cls, c] of [...m.entries()].sort()) {
      total += c;
      if (c > bestCount) {
        best = cls;
        bestCount = c;
      }
    }
    if (total >= 3) classes.set(word, best);
  }
  return classes;
}

function buildCueLexicon(docs: { tokens: TokenTable; gold: Uint8Array }[]): string[] {
  const total = new Map<string, number>();
  const asCue = new Map<string, number>();
  for (const d of docs) {
    for (let i = 0; i < d.tokens.count; i++) {
      const w = (d.tokens.words[i] as string).toLowerCase();
      total.set(w, (total.get(w) ?? 0) + 1);
      const g = d.gold[i];
      if (g === 3 || g === 4) asCue.set(w, (asCue.get(w) ?? 0) + 1);
    }
  }
  const lexicon: string[] = [];
  for (const [w, c] of asCue) {
    if (c >= 3 && c / (total.get(w) ?? 1) >= 0.2 && /\p{L}/u.test(w)) lexicon.push(w);
  }
  return lexicon.sort();
}

class Trainer {
  readonly ids = new Map<string, number>();
  weights = new Float64Array(1 << 20);
  totals = new Float64Array(1 << 20);
  stamps = new Int32Array(1 << 20);
  clock = 0;

  id(feature: string, create: boolean): number {
    let id = this.ids.get(feature);
    if (id === undefined) {
      if (!create) return -1;
      id = this.ids.size;
      this.ids.set(feature, id);
      const need = (id + 1) * TAG_COUNT;
      if (need > this.weights.length) {
        const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
          const b = make(a.length * 2);
          b.set(a);
          return b;
        };
        this.weights = grow(this.weights, (n) => new Float64Array(n));
        this.totals = grow(this.totals, (n) => new Float64Array(n));
        this.stamps = grow(this.stamps, (n) => new Int32Array(n));
      }
    }
    return id;
  }

  score(scores: Float64Array, ids: ArrayLike<number>, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const f = ids[k] as number;
      if (f < 0) continue;
      const base = f * TAG_COUNT;
      for (let t = 0; t < TAG_COUNT; t++) scores[t] = (scores[t] as number) + (this.weights[base + t] as number);
    }
  }

  update(ids: ArrayLike<number>, from: number, to: number, tag: number, delta: number): void {
    for (let k = from; k < to; k++) {
      const f = ids[k] as number;
      if (f < 0) continue;
      const i = f * TAG_COUNT + tag;
      this.totals[i] = (this.totals[i] as number) + (this.clock - (this.stamps[i] as number)) * (this.weights[i] as number);
      this.stamps[i] = this.clock;
      this.weights[i] = (this.weights[i] as number) + delta;
    }
  }

  averaged(): Float64Array {
    const avg = new Float64Array(this.ids.size * TAG_COUNT);
    for (let i = 0; i < avg.length; i++) {
      const total = (this.totals[i] as number) + (this.clock - (this.stamps[i] as number)) * (this.weights[i] as number);
      avg[i] = total / Math.max(1, this.clock);
    }
    return avg;
  }
}

interface BaseDoc {
  article: PolnearArticle;
  tokens: TokenTable;
  ctx: TokenContext;
  gold: Uint8Array;
}

type FeatureSource = (doc: BaseDoc, docIndex: number, i: number) => string[];

/**
 * Turns each token's static features into ids of `trainer`. Features seen
 * once in all of the training text carry no generalisable signal and only
 * bloat the model, so they are left out.
 */
function prepare(docs: BaseDoc[], features: FeatureSource, trainer: Trainer): Prepared[] {
  const counts = new Map<string, number>();
  docs.forEach((d, k) => {
    for (let i = 0; i < d.tokens.count; i++) for (const f of features(d, k, i)) counts.set(f, (counts.get(f) ?? 0) + 1);
  });
  return docs.map((d, k) => {
    const offsets = new Int32Array(d.tokens.count + 1);
    const ids: number[] = [];
    for (let i = 0; i < d.tokens.count; i++) {
      offsets[i] = ids.length;
      for (const f of features(d, k, i)) if ((counts.get(f) ?? 0) >= 2) ids.push(trainer.id(f, true));
    }
    offsets[d.tokens.count] = ids.length;
    return { ...d, featureOffsets: offsets, featureIds: Int32Array.from(ids) };
  });
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as T, order[i] as T];
  }
  return order;
}

function trainPass(label: string, docs: Prepared[], trainer: Trainer, epochs: number, random: () => number): void {
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const { errors, tokens } = trainEpoch(trainer, shuffled(docs, random));
    console.error(`${label} epoch ${epoch}: ${(100 * (1 - errors / tokens)).toFixed(2)}% tokens right in training`);
  }
}

function weightsOf(trainer: Trainer): Record<string, number[]> {
  const avg = trainer.averaged();
  const weights: Record<string, number[]> = {};
  const names = [...trainer.ids.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [feature, id] of names) {
    const row: number[] = [];
    let largest = 0;
    for (let t = 0; t < TAG_COUNT; t++) {
      const w = avg[id * TAG_COUNT + t] as number;
      largest = Math.max(largest, Math.abs(w));
      // One decimal is enough resolution for weights whose median magnitude is near 2; it keeps the file small.
      row.push(Math.round(w * 10) / 10);
    }
    // Features whose every weight is below 1 barely move a decision; leaving them out halves the file
    // with no loss on held-out training articles.
    const keep = largest >= MIN_KEPT_WEIGHT;
    if (keep) weights[feature] = row;
  }
  return weights;
}

function trainEpoch(trainer: Trainer, docs: Prepared[]): { errors: number; tokens: number } {
  const scores = new Float64Array(TAG_COUNT);
  let errors = 0;
  let seen = 0;
  for (const d of docs) {
    const h = freshHistory();
    for (let i = 0; i < d.tokens.count; i++) {
      const from = d.featureOffsets[i] as number;
      const to = d.featureOffsets[i + 1] as number;
      const hist = historyFeatures(d.tokens, d.ctx, i, h).map((f) => trainer.id(f, true));
      scores.fill(0);
      trainer.score(scores, d.featureIds, from, to);
      trainer.score(scores, hist, 0, hist.length);
      // Unconstrained in training (constraining it here scored worse on held-out train articles); the tagger constrains in use.
      let guess = 0;
      for (let t = 1; t < TAG_COUNT; t++) if ((scores[t] as number) > (scores[guess] as number)) guess = t;
      const truth = d.gold[i] as number;
      trainer.clock++;
      if (guess !== truth) {
        errors++;
        trainer.update(d.featureIds, from, to, truth, 1);
        trainer.update(d.featureIds, from, to, guess, -1);
        trainer.update(hist, 0, hist.length, truth, 1);
        trainer.update(hist, 0, hist.length, guess, -1);
      }
      seen++;
      advanceHistory(d.tokens, d.ctx, i, guess, h);
    }
  }
  return { errors, tokens: seen };
}

function toModel(
  lexicon: string[],
  classes: ReadonlyMap<string, string>,
  weights: Record<string, number[]>,
  stacked: Record<string, number[]> | null,
  info: Record<string, string | number>,
): AttributionModelFile {
  const model: AttributionModelFile = {
    format: 'whosaid-attribution-perceptron',
    version: 1,
    tags: [...TAGS],
    cueLexicon: lexicon,
    wordClasses: Object.fromEntries(classes),
    weights,
    training: info,
  };
  if (stacked) model.stacked = stacked;
  return model;
}

const FOLDS = 2;
const MIN_KEPT_WEIGHT = 1;

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const all = readPolnearSplit(resolve(opts.data), 'train');
  const random = rng(20161108);
  let train = all;
  let held: PolnearArticle[] = [];
  if (opts.holdout) {
    train = all.filter((_, i) => i % 10 !== 0);
    held = all.filter((_, i) => i % 10 === 0);
  }
  const projected = train.map((a) => {
    const tokens = tokenize(a.text);
    return { tokens, gold: projectTags(a.text, tokens, a.attributions) };
  });
  const lexicon = buildCueLexicon(projected);
  const lexSet = new Set(lexicon);
  const classes = buildWordClasses(resolve(opts.data), new Set(train.map((a) => a.name)));
  const base: BaseDoc[] = train.map((article, k) => {
    const { tokens, gold } = projected[k] as { tokens: TokenTable; gold: Uint8Array };
    return { article, tokens, gold, ctx: buildContext(tokens, lexSet, classes) };
  });
  console.error(`read ${base.length} articles, cue lexicon ${lexicon.length} words, ${classes.size} word classes`);
  const firstFeatures: FeatureSource = (d, _k, i) => staticFeatures(d.tokens, d.ctx, i);

  // First pass on all of train.
  const first = new Trainer();
  trainPass('first pass', prepare(base, firstFeatures, first), first, opts.epochs, random);
  const firstWeights = weightsOf(first);

  // The second pass learns from first-pass tags the first pass did not see in training (two-fold jackknife),
  // so that it learns how far to trust them on new text.
  const priors: Uint8Array[] = new Array<Uint8Array>(base.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const inFold = base.filter((_, k) => k % FOLDS !== fold);
    const trainer = new Trainer();
    trainPass(`fold ${fold + 1}`, prepare(inFold, firstFeatures, trainer), trainer, opts.epochs, random);
    const tagger = new AttributionTagger(toModel(lexicon, classes, weightsOf(trainer), null, {}));
    base.forEach((d, k) => {
      if (k % FOLDS === fold) priors[k] = tagger.tagFirstPass(d.tokens, d.ctx);
    });
  }
  const second = new Trainer();
  const secondFeatures: FeatureSource = (d, k, i) => [...staticFeatures(d.tokens, d.ctx, i), ...stackedFeatures(d.tokens, priors[k] as Uint8Array, i)];
  trainPass('second pass', prepare(base, secondFeatures, second), second, opts.epochs, random);

  const model = toModel(lexicon, classes, firstWeights, weightsOf(second), {
    data: 'PolNeAR v1.0.0 train split, one annotation per article (the annotator id that sorts first)',
    articles: train.length,
    epochs: opts.epochs,
    folds: FOLDS,
    seed: 20161108,
  });
  if (held.length > 0) {
    const tagger = new AttributionTagger(model);
    const firstOnly = new AttributionTagger({ ...model, stacked: undefined });
    for (const [label, t] of [['first pass only', firstOnly], ['both passes', tagger]] as const) {
      const pairs = held.map((a) => {
        const tokens = tokenize(a.text);
        const tags = t.tag(tokens, t.context(tokens));
        const rel = linkSegments(tokens, segmentsFromTags(tokens, tags), tags);
        return { text: a.text, gold: a.attributions, predicted: relationsToTriples(tokens, rel) };
      });
      console.error(`held-out train articles, ${label}:\n${formatScoreTable(scoreAttributions(pairs))}`);
    }
  }
  if (!opts.holdout || opts.outGiven) {
    const json = JSON.stringify(model);
    // Node writes mtime 0 into the gzip header, so the file is byte-identical across runs.
    writeFileSync(opts.out, opts.out.endsWith('.gz') ? gzipSync(json, { level: 9 }) : json);
    console.error(`wrote ${opts.out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

main();
