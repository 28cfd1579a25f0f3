/**
 * Trains the language-layer models on the CoreNLP silver annotations of
 * PolNeAR (train split) and scores them on the dev split.
 *
 *   npm run train:nlp [-- --data ../shared/data/polnear --iterations 5]
 *
 * Writes models/pos.json.gz, models/names.json.gz, models/lemmas.json.gz and
 * models/nlp-scores.json. Deterministic: fixed seed, fixed order, sorted
 * output; the same data gives byte-identical model files.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildContext, nameFeatures, padTags, posFeatures, type SentenceContext } from '../src/nlp/features.js';
import { learnLemmaModel, Lemmatizer, type LemmaExample, type LemmaModelData } from '../src/nlp/lemmatizer.js';
import { ENTITY_TYPES, labelsToMentions, NameTagger, type NameModelData } from '../src/nlp/name-tagger.js';
import { PerceptronTrainer, seededRandom, shuffleInPlace } from '../src/nlp/perceptron.js';
import { lookupTagDictionary, PosTagger, type PosModelData } from '../src/nlp/pos-tagger.js';
import { splitSentences } from '../src/nlp/sentences.js';
import { tokenize } from '../src/nlp/tokenize.js';
import { MODEL_FILES } from '../src/nlp/models.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Options {
  data: string;
  out: string;
  posIterations: number;
  nameIterations: number;
  seed: number;
  minWeight: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    data: join(ROOT, '../shared/data/polnear'),
    out: join(ROOT, 'models'),
    posIterations: 5,
    nameIterations: 5,
    seed: 1,
    minWeight: 0.5,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--data': options.data = resolve(value!); i++; break;
      case '--out': options.out = resolve(value!); i++; break;
      case '--iterations': options.posIterations = options.nameIterations = Number(value); i++; break;
      case '--seed': options.seed = Number(value); i++; break;
      case '--min-weight': options.minWeight = Number(value); i++; break;
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return options;
}

// ---------------------------------------------------------------------------
// Silver data

/** CoreNLP token: [word, start, end, POS, lemma, NER]. */
type SilverToken = [string, number, number, string, string, string];

interface SilverSentence {
  /** Surface forms sliced from the article text (not CoreNLP's normalised words). */
  words: string[];
  starts: number[];
  ends: number[];
  tags: string[];
  lemmas: string[];
  entities: string[];
}

interface SilverDocument {
  name: string;
  text: string;
  sentences: SilverSentence[];
}

function loadSilver(dataDir: string, split: 'train' | 'dev'): SilverDocument[] {
  const path = join(dataDir, 'silver', `${split}.jsonl.gz`);
  if (!existsSync(path)) throw new Error(`silver data missing: ${path} (see ../shared/data/README.md)`);
  const documents: SilverDocument[] = [];
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { doc: string; sentences: { tokens: SilverToken[] }[] };
    const textPath = join(dataDir, split, 'text', `${record.doc}.txt`);
    const text = readFileSync(textPath, 'utf8');
    const sentences = record.sentences.map((s): SilverSentence => ({
      words: s.tokens.map((t) => text.slice(t[1], t[2]) || t[0]),
      starts: s.tokens.map((t) => t[1]),
      ends: s.tokens.map((t) => t[2]),
      tags: s.tokens.map((t) => t[3]),
      lemmas: s.tokens.map((t) => t[4]),
      entities: s.tokens.map((t) => t[5]),
    }));
    documents.push({ name: record.doc, text, sentences });
  }
  // Fixed order whatever order the file lists them in.
  return documents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** CoreNLP marks entities per token without boundaries: a run of one type is one name. */
function toBio(entities: readonly string[]): string[] {
  const labels: string[] = [];
  let previous = 'O';
  for (const entity of entities) {
    if (ENTITY_TYPES[entity] === undefined) {
      labels.push('O');
      previous = 'O';
      continue;
    }
    labels.push((entity === previous ? 'I-' : 'B-') + entity);
    previous = entity;
  }
  return labels;
}

// ---------------------------------------------------------------------------
// Training

function buildTagDictionary(sentences: readonly SilverSentence[]): Record<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const s of sentences) {
    const ctx = buildContext(s.words);
    s.tags.forEach((tag, i) => {
      const word = ctx.words[i + 2]!;
      let perTag = counts.get(word);
      if (perTag === undefined) counts.set(word, (perTag = new Map()));
      perTag.set(tag, (perTag.get(tag) ?? 0) + 1);
    });
  }
  const dictionary: Record<string, string> = {};
  for (const word of [...counts.keys()].sort()) {
    const perTag = counts.get(word)!;
    let total = 0;
    let best = '';
    let bestCount = 0;
    for (const [tag, count] of [...perTag.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      total += count;
      if (count > bestCount) {
        best = tag;
        bestCount = count;
      }
    }
    if (total >= 20 && bestCount / total >= 0.97) dictionary[word] = best;
  }
  return dictionary;
}

function trainPos(sentences: readonly SilverSentence[], options: Options): PosModelData {
  const tagDictionary = buildTagDictionary(sentences);
  const dictionary = new Map(Object.entries(tagDictionary));
  const classes = [...new Set(sentences.flatMap((s) => s.tags))].sort();
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const trainer = new PerceptronTrainer(classes);
  const scores = new Float64Array(classes.length);
  const features: string[] = [];
  const contexts = sentences.map((s) => buildContext(s.words));
  const order = sentences.map((_, i) => i);
  const random = seededRandom(options.seed);
  for (let iteration = 1; iteration <= options.posIterations; iteration++) {
    let correct = 0;
    let total = 0;
    for (const index of order) {
      const s = sentences[index]!;
      const ctx = contexts[index]!;
      let prev = '-START-';
      let prev2 = '-START2-';
      for (let i = 0; i < ctx.length; i++) {
        let guess = lookupTagDictionary(dictionary, ctx, i);
        if (guess === undefined) {
          posFeatures(ctx, i, prev, prev2, features);
          const g = trainer.predict(features, scores);
          trainer.update(features, classIndex.get(s.tags[i]!)!, g);
          guess = classes[g]!;
        }
        if (guess === s.tags[i]) correct++;
        total++;
        prev2 = prev;
        prev = guess;
      }
    }
    console.log(`  pos iteration ${iteration}: train accuracy ${(correct / total).toFixed(4)}, ${trainer.featureCount} features`);
    shuffleInPlace(order, random);
  }
  return { perceptron: trainer.export(options.minWeight, 100), tagDictionary };
}

function trainNames(
  sentences: readonly SilverSentence[],
  contexts: readonly SentenceContext[],
  posTags: readonly string[][],
  options: Options,
): NameModelData {
  const labelsPerSentence = sentences.map((s) => toBio(s.entities));
  const types = Object.keys(ENTITY_TYPES).sort();
  const classes = ['O', ...types.flatMap((t) => [`B-${t}`, `I-${t}`])];
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const trainer = new PerceptronTrainer(classes);
  const scores = new Float64Array(classes.length);
  const features: string[] = [];
  const paddedTags = posTags.map((tags) => padTags(tags));
  const order = sentences.map((_, i) => i);
  const random = seededRandom(options.seed + 1);
  for (let iteration = 1; iteration <= options.nameIterations; iteration++) {
    let correct = 0;
    let total = 0;
    for (const index of order) {
      const ctx = contexts[index]!;
      const gold = labelsPerSentence[index]!;
      let prev = '-START-';
      let prev2 = '-START2-';
      for (let i = 0; i < ctx.length; i++) {
        nameFeatures(ctx, paddedTags[index]!, i, prev, prev2, features);
        const g = trainer.predict(features, scores);
        trainer.update(features, classIndex.get(gold[i]!)!, g);
        if (g === classIndex.get(gold[i]!)) correct++;
        total++;
        prev2 = prev;
        prev = classes[g]!;
      }
    }
    console.log(`  names iteration ${iteration}: train label accuracy ${(correct / total).toFixed(4)}, ${trainer.featureCount} features`);
    shuffleInPlace(order, random);
  }
  return { perceptron: trainer.export(options.minWeight, 100) };
}

// ---------------------------------------------------------------------------
// Evaluation

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function prf(c: Counts): { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number } {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1), ...c };
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function compareSets(predicted: Set<string>, gold: Set<string>, counts: Counts): void {
  for (const p of predicted) if (gold.has(p)) counts.tp++; else counts.fp++;
  for (const g of gold) if (!predicted.has(g)) counts.fn++;
}

function evaluate(dev: readonly SilverDocument[], pos: PosTagger, names: NameTagger, lemmas: Lemmatizer) {
  let posCorrect = 0;
  let posTotal = 0;
  let lemmaCorrect = 0;
  let lemmaTotal = 0;
  let verbLemmaCorrect = 0;
  let verbLemmaTotal = 0;
  let pipelineCorrect = 0;
  let pipelineTotal = 0;
  const nameCounts: Record<string, Counts> = {};
  for (const t of [...Object.values(ENTITY_TYPES), 'all']) nameCounts[t] = { tp: 0, fp: 0, fn: 0 };
  const tokenCounts: Counts = { tp: 0, fp: 0, fn: 0 };
  const boundaryCounts: Counts = { tp: 0, fp: 0, fn: 0 };
  const sentenceCounts: Counts = { tp: 0, fp: 0, fn: 0 };

  for (const doc of dev) {
    for (const s of doc.sentences) {
      const ctx = buildContext(s.words);
      const tags = pos.tagContext(ctx);
      tags.forEach((tag, i) => {
        posTotal++;
        if (tag === s.tags[i]) posCorrect++;
        const lemma = lemmas.lemma(s.words[i]!, tag);
        lemmaTotal++;
        if (lemma === s.lemmas[i]) lemmaCorrect++;
        if (s.tags[i]!.startsWith('VB')) {
          verbLemmaTotal++;
          if (lemma === s.lemmas[i]) verbLemmaCorrect++;
        }
      });
      const predicted = names.mentions(ctx, tags);
      const gold = labelsToMentions(toBio(s.entities));
      for (const type of Object.values(ENTITY_TYPES)) {
        const p = new Set(predicted.filter((m) => m.type === type).map((m) => `${m.start}:${m.end}`));
        const g = new Set(gold.filter((m) => m.type === type).map((m) => `${m.start}:${m.end}`));
        compareSets(p, g, nameCounts[type]!);
        compareSets(p, g, nameCounts['all']!);
      }
    }

    // Tokenizer and sentence splitter against CoreNLP's on the raw text.
    const ourTokens = tokenize(doc.text);
    const ourSentences = splitSentences(doc.text, ourTokens);

    // The whole path as the product runs it: our tokens and sentences, then tags, scored where tokens agree.
    const silverTags = new Map<string, string>();
    for (const s of doc.sentences) s.starts.forEach((start, i) => silverTags.set(`${start}:${s.ends[i]}`, s.tags[i]!));
    let first = 0;
    for (const sentence of ourSentences) {
      let last = first;
      while (last < ourTokens.length && ourTokens[last]!.end <= sentence.end) last++;
      const sentenceTokens = ourTokens.slice(first, last);
      const tags = pos.tag(sentenceTokens.map((t) => doc.text.slice(t.start, t.end)));
      sentenceTokens.forEach((t, i) => {
        const silver = silverTags.get(`${t.start}:${t.end}`);
        if (silver === undefined) return;
        pipelineTotal++;
        if (silver === tags[i]) pipelineCorrect++;
      });
      first = last;
    }
    compareSets(
      new Set(ourTokens.map((t) => `${t.start}:${t.end}`)),
      new Set(doc.sentences.flatMap((s) => s.starts.map((start, i) => `${start}:${s.ends[i]}`))),
      tokenCounts,
    );
    // Boundaries: where a sentence ends (the last one, at the end of the text, is free and left out).
    const ourEnds = new Set(ourSentences.slice(0, -1).map((s) => String(s.end)));
    const goldEnds = new Set(doc.sentences.slice(0, -1).map((s) => String(s.ends[s.ends.length - 1])));
    compareSets(ourEnds, goldEnds, boundaryCounts);
    compareSets(
      new Set(ourSentences.map((s) => `${s.start}:${s.end}`)),
      new Set(doc.sentences.map((s) => `${s.starts[0]}:${s.ends[s.ends.length - 1]}`)),
      sentenceCounts,
    );
  }

  const perType: Record<string, ReturnType<typeof prf>> = {};
  for (const [type, counts] of Object.entries(nameCounts)) perType[type] = prf(counts);
  return {
    posTokenAccuracy: round(posCorrect / posTotal),
    posTokens: posTotal,
    posAccuracyOnOwnTokenization: round(pipelineCorrect / pipelineTotal),
    lemmaAccuracy: round(lemmaCorrect / lemmaTotal),
    verbLemmaAccuracy: round(verbLemmaCorrect / verbLemmaTotal),
    names: perType,
    tokenization: prf(tokenCounts),
    sentenceBoundaries: prf(boundaryCounts),
    sentenceSpans: prf(sentenceCounts),
  };
}

/** Tokens per second of the whole layer (tokenize, split, tag, lemmatise, names) over the dev texts. */
function measureSpeed(dev: readonly SilverDocument[], pos: PosTagger, names: NameTagger, lemmas: Lemmatizer) {
  const run = (): { tokens: number; ms: number } => {
    const started = process.hrtime.bigint();
    let count = 0;
    for (const doc of dev) {
      const tokens = tokenize(doc.text);
      const sentences = splitSentences(doc.text, tokens);
      let first = 0;
      for (const sentence of sentences) {
        let last = first;
        while (last < tokens.length && tokens[last]!.end <= sentence.end) last++;
        const words: string[] = [];
        for (let k = first; k < last; k++) words.push(doc.text.slice(tokens[k]!.start, tokens[k]!.end));
        const ctx = buildContext(words);
        const tags = pos.tagContext(ctx);
        for (let k = 0; k < words.length; k++) lemmas.lemma(words[k]!, tags[k]!);
        names.mentions(ctx, tags);
        first = last;
      }
      count += tokens.length;
    }
    return { tokens: count, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };
  run(); // warm-up
  let best = Infinity;
  let tokens = 0;
  for (let r = 0; r < 3; r++) {
    const result = run();
    tokens = result.tokens;
    best = Math.min(best, result.ms);
  }
  return {
    tokens,
    bestOfThreeMs: round(best, 1),
    tokensPerSecond: Math.round((tokens / best) * 1000),
    // Other work on the machine slows the measurement; the load says how busy it was.
    loadAverage1m: round(loadavg()[0]!, 2),
    cores: availableParallelism(),
  };
}

// ---------------------------------------------------------------------------

function writeGzipJson(path: string, value: unknown): number {
  const bytes = gzipSync(Buffer.from(JSON.stringify(value)), { level: 9 });
  writeFileSync(path, bytes);
  return bytes.length;
}

type Report = {
  training: { articles: number; sentences: number; tokens: number; seconds: number };
  models: { bytes: Record<string, number> } & Record<string, unknown>;
  dev: ReturnType<typeof evaluate> & { articles: number };
  speed: ReturnType<typeof measureSpeed> & { node: string };
};

const DOC_START = '<!-- nlp-scores:start (written by scripts/train-nlp.ts) -->';
const DOC_END = '<!-- nlp-scores:end -->';

/** Rewrites the scores block of docs/nlp.md from the report, so the doc always shows the shipped models' figures. */
function writeScoresIntoDoc(docPath: string, report: Report): void {
  if (!existsSync(docPath)) return;
  const doc = readFileSync(docPath, 'utf8');
  const from = doc.indexOf(DOC_START);
  const to = doc.indexOf(DOC_END);
  if (from === -1 || to === -1 || to < from) return;
  const d = report.dev;
  const pct = (x: number): string => (x * 100).toFixed(1);
  const lines = [
    DOC_START,
    '',
    `Silver dev: ${d.articles} articles, ${d.posTokens} tokens. Training: ${report.training.articles} articles, ` +
      `${report.training.tokens} tokens, ${report.training.seconds} s.`,
    '',
    '| Measure | Score |',
    '|---|---|',
    `| POS token accuracy (CoreNLP tokens and sentences) | ${pct(d.posTokenAccuracy)}% |`,
    `| POS token accuracy (our tokens and sentences, where tokens agree) | ${pct(d.posAccuracyOnOwnTokenization)}% |`,
    `| Lemma accuracy, all tokens (predicted POS) | ${pct(d.lemmaAccuracy)}% |`,
    `| Lemma accuracy, verbs (predicted POS) | ${pct(d.verbLemmaAccuracy)}% |`,
    ...Object.entries(d.names).map(
      ([type, s]) => `| Names, ${type}: entity P / R / F1 | ${pct(s.precision)} / ${pct(s.recall)} / ${pct(s.f1)} |`,
    ),
    `| Tokenization agreement with CoreNLP: P / R / F1 | ${pct(d.tokenization.precision)} / ${pct(d.tokenization.recall)} / ${pct(d.tokenization.f1)} |`,
    `| Sentence boundaries vs CoreNLP: P / R / F1 | ${pct(d.sentenceBoundaries.precision)} / ${pct(d.sentenceBoundaries.recall)} / ${pct(d.sentenceBoundaries.f1)} |`,
    `| Whole sentences vs CoreNLP: P / R / F1 | ${pct(d.sentenceSpans.precision)} / ${pct(d.sentenceSpans.recall)} / ${pct(d.sentenceSpans.f1)} |`,
    `| Speed, whole layer, one thread (Node ${report.speed.node}; load average ${report.speed.loadAverage1m} on ${report.speed.cores} cores) | ${report.speed.tokensPerSecond} tokens/s |`,
    '',
    'Model files: ' + Object.entries(report.models.bytes).map(([f, b]) => `\`${f}\` ${(b / 1024).toFixed(0)} KiB`).join(', ') + '.',
    '',
    DOC_END,
  ];
  writeFileSync(docPath, doc.slice(0, from) + lines.join('\n') + doc.slice(to + DOC_END.length));
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  console.log(`reading silver data from ${options.data}`);
  const train = loadSilver(options.data, 'train');
  const dev = loadSilver(options.data, 'dev');
  const trainSentences = train.flatMap((d) => d.sentences);
  const trainTokens = trainSentences.reduce((n, s) => n + s.words.length, 0);
  console.log(`train: ${train.length} articles, ${trainSentences.length} sentences, ${trainTokens} tokens; dev: ${dev.length} articles`);

  console.log('training part-of-speech tagger');
  const posData = trainPos(trainSentences, options);
  const posTagger = new PosTagger(posData);

  console.log('tagging train with the trained tagger, for the name tagger');
  const contexts = trainSentences.map((s) => buildContext(s.words));
  const predictedTags = contexts.map((ctx) => posTagger.tagContext(ctx));

  console.log('training name tagger');
  const nameData = trainNames(trainSentences, contexts, predictedTags, options);
  const nameTagger = new NameTagger(nameData);

  console.log('learning lemma rules');
  const examples: LemmaExample[] = [];
  for (const s of trainSentences) s.words.forEach((word, i) => examples.push({ word, tag: s.tags[i]!, lemma: s.lemmas[i]! }));
  const lemmaData: LemmaModelData = learnLemmaModel(examples);
  const lemmatizer = new Lemmatizer(lemmaData);

  mkdirSync(options.out, { recursive: true });
  const sizes = {
    [MODEL_FILES.pos]: writeGzipJson(join(options.out, MODEL_FILES.pos), posData),
    [MODEL_FILES.names]: writeGzipJson(join(options.out, MODEL_FILES.names), nameData),
    [MODEL_FILES.lemmas]: writeGzipJson(join(options.out, MODEL_FILES.lemmas), lemmaData),
  };
  const trainingSeconds = round((Date.now() - started) / 1000, 1);

  console.log('scoring on silver dev');
  const scores = evaluate(dev, posTagger, nameTagger, lemmatizer);
  const speed = measureSpeed(dev, posTagger, nameTagger, lemmatizer);

  const report = {
    command: 'npm run train:nlp',
    data: 'PolNeAR v1.0.0 CoreNLP silver layer: trained on train, scored on dev (machine annotations, not gold)',
    settings: {
      posIterations: options.posIterations,
      nameIterations: options.nameIterations,
      seed: options.seed,
      minWeight: options.minWeight,
    },
    training: {
      articles: train.length,
      sentences: trainSentences.length,
      tokens: trainTokens,
      seconds: trainingSeconds,
    },
    models: {
      bytes: sizes,
      posFeatures: posTagger.featureCount,
      posTagDictionary: Object.keys(posData.tagDictionary).length,
      nameFeatures: nameTagger.featureCount,
      lemmaSuffixRules: Object.keys(lemmaData.suffixRules).length,
      lemmaExceptions: Object.keys(lemmaData.exceptions).length,
    },
    dev: { articles: dev.length, ...scores },
    speed: { ...speed, node: process.version, note: 'one thread; tokenize + sentences + POS + lemma + names' },
  };
  writeFileSync(join(options.out, 'nlp-scores.json'), JSON.stringify(report, null, 2) + '\n');
  if (options.out === join(ROOT, 'models')) writeScoresIntoDoc(join(ROOT, 'docs', 'nlp.md'), report);
  console.log(JSON.stringify(report, null, 2));
}

main();
