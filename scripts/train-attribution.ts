/**
 * Trains the attribution tagger on PolNeAR train and writes models/attribution.json.
 *
 *   node dist/scripts/train-attribution.js [--data ../shared/data/polnear] [--epochs N] [--holdout]
 *
 * --holdout trains on 90% of train and scores the other 10% after each epoch
 * (for choosing settings without touching dev); without it, all of train is used.
 * Deterministic: documents are shuffled with a fixed seed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { readPolnearSplit, type PolnearArticle } from '../src/attribution/eval/brat.js';
import { projectTags } from '../src/attribution/eval/project.js';
import { formatScoreTable, scoreAttributions } from '../src/attribution/eval/score.js';
import { buildContext, staticFeatures, type TokenContext, type WordClasses } from '../src/attribution/features.js';
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

function prepare(article: PolnearArticle, lexicon: ReadonlySet<string>, classes: WordClasses, trainer: Trainer, counts: Map<string, number> | null): Prepared {
  const tokens = tokenize(article.text);
  const ctx = buildContext(tokens, lexicon, classes);
  const gold = projectTags(article.text, tokens, article.attributions);
  const offsets = new Int32Array(tokens.count + 1);
  const ids: number[] = [];
  for (let i = 0; i < tokens.count; i++) {
    offsets[i] = ids.length;
    for (const f of staticFeatures(tokens, ctx, i)) {
      // Features seen once in all of train carry no generalisable signal and only bloat the model.
      if (counts && (counts.get(f) ?? 0) < 2) continue;
      ids.push(trainer.id(f, counts !== null));
    }
  }
  offsets[tokens.count] = ids.length;
  return { article, tokens, ctx, gold, featureOffsets: offsets, featureIds: Int32Array.from(ids) };
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

function toModel(trainer: Trainer, lexicon: string[], classes: ReadonlyMap<string, string>, info: Record<string, string | number>): AttributionModelFile {
  const avg = trainer.averaged();
  const weights: Record<string, number[]> = {};
  const names = [...trainer.ids.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [feature, id] of names) {
    const row: number[] = [];
    let keep = false;
    for (let t = 0; t < TAG_COUNT; t++) {
      // Three decimals keep the file small; smaller weights barely move a decision.
      const w = Math.round((avg[id * TAG_COUNT + t] as number) * 1000) / 1000;
      if (w !== 0) keep = true;
      row.push(w);
    }
    if (keep) weights[feature] = row;
  }
  return { format: 'whosaid-attribution-perceptron', version: 1, tags: [...TAGS], cueLexicon: lexicon, wordClasses: Object.fromEntries(classes), weights, training: info };
}

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
  const trainer = new Trainer();
  const projected = train.map((a) => {
    const tokens = tokenize(a.text);
    return { tokens, gold: projectTags(a.text, tokens, a.attributions) };
  });
  const lexicon = buildCueLexicon(projected);
  const lexSet = new Set(lexicon);
  const classes = buildWordClasses(resolve(opts.data), new Set(train.map((a) => a.name)));
  const counts = new Map<string, number>();
  for (const a of train) {
    const tokens = tokenize(a.text);
    const ctx = buildContext(tokens, lexSet, classes);
    for (let i = 0; i < tokens.count; i++) for (const f of staticFeatures(tokens, ctx, i)) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const docs = train.map((a) => prepare(a, lexSet, classes, trainer, counts));
  counts.clear();
  console.error(`prepared ${docs.length} articles, ${trainer.ids.size} static features, cue lexicon ${lexicon.length} words`);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const order = [...docs];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as Prepared, order[i] as Prepared];
    }
    const { errors, tokens } = trainEpoch(trainer, order);
    let line = `epoch ${epoch}: ${(100 * (1 - errors / tokens)).toFixed(2)}% tokens right in training`;
    if (held.length > 0) {
      const model = toModel(trainer, lexicon, classes, {});
      const tagger = new AttributionTagger(model);
      const pairs = held.map((a) => {
        const tokens = tokenize(a.text);
        const tags = tagger.tag(tokens, tagger.context(tokens));
        const rel = linkSegments(tokens, segmentsFromTags(tokens, tags));
        return { text: a.text, gold: a.attributions, predicted: relationsToTriples(tokens, rel) };
      });
      const s = scoreAttributions(pairs);
      line += `; held-out exact F1 source ${s.source.exact.f1.toFixed(3)} cue ${s.cue.exact.f1.toFixed(3)} content ${s.content.exact.f1.toFixed(3)}`;
      if (epoch === opts.epochs) line += `\n${formatScoreTable(s)}`;
    }
    console.error(line);
  }
  const model = toModel(trainer, lexicon, classes, {
    data: 'PolNeAR v1.0.0 train split, one annotation per article (the annotator id that sorts first)',
    articles: train.length,
    epochs: opts.epochs,
    seed: 20161108,
    features: trainer.ids.size,
  });
  if (!opts.holdout || opts.outGiven) {
    const json = JSON.stringify(model);
    // mtime 0 in the gzip header keeps the file byte-identical across runs.
    writeFileSync(opts.out, opts.out.endsWith('.gz') ? gzipSync(json, { level: 9 }) : json);
    console.error(`wrote ${opts.out} (${Object.keys(model.weights).length} features) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

main();
