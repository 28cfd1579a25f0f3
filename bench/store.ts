/**
 * `node dist/bench/store.js [--articles N] [--db PATH] [--keep] [--no-docs]`:
 * how fast the SQLite corpus store answers its questions on a large corpus.
 *
 * Analysing 100,000 real pages would take hours, so the corpus is synthetic
 * but shaped like news: texts of a few hundred words drawn from a Zipf-
 * distributed vocabulary, ten attributions per article whose speakers follow a
 * Zipf law over a few thousand names (some quoted everywhere, most rarely),
 * hundreds of outlets, dates over fifteen years, a share of near-duplicate
 * reprints and of misdated pages. Every article goes through putArticles, so
 * grouping, search rows and name parts are built as in a real ingest.
 * Each question then runs many times with varied arguments; the table gives
 * the median and 99th percentile. Rewrites its section of docs/store.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AnalysisResult } from '../src/model/result.js';
import type { AttributionJson } from '../src/attribution/result.js';
import type { EntityJson } from '../src/attribution/entities/types.js';
import { openStore } from '../src/store/index.js';
import { minhashSignature } from '../src/store/dedupe/minhash.js';
import type { CorpusStore, NewArticle } from '../src/store/types.js';
import { isMainModule, markdownTable, repoRoot, runHeader, textTable } from './report.js';

interface Options {
  articles: number;
  db: string | null;
  keep: boolean;
  docs: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { articles: 100_000, db: null, keep: false, docs: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--articles') options.articles = Number(argv[++i]);
    else if (arg === '--db') options.db = argv[++i] ?? null;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--no-docs') options.docs = false;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.articles) || options.articles < 100) throw new Error('--articles must be an integer of at least 100');
  return options;
}

/** A small deterministic generator, so every run builds the same corpus. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s. */
function zipf(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / Math.pow(i + 1, s);
    cumulative[i] = total;
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ra', 'to', 'su', 'vi', 'de', 'an', 'or', 'el', 'is', 'um', 'po', 'ga', 'ri', 'ba', 'che', 'zo'];

function pseudoWord(index: number, random: () => number): string {
  const length = 2 + (index % 3);
  let word = '';
  for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return word + (index > 400 ? String(index % 97) : '');
}

interface Corpus {
  vocabulary: string[];
  speakers: Array<{ first: string; last: string; role: string }>;
  outlets: string[];
}

function buildCorpusShape(random: () => number): Corpus {
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => pseudoWord(i, random));
  const cap = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
  const speakers = Array.from({ length: 5_000 }, (_, i) => ({
    first: cap(pseudoWord(i + 3, random)),
    last: cap(pseudoWord(i + 5_000, random)),
    role: `the ${pseudoWord(i % 50, random)} minister`,
  }));
  const outlets = Array.from({ length: 400 }, (_, i) => `${cap(pseudoWord(i + 700, random))} News`);
  return { vocabulary, speakers, outlets };
}

function makeArticle(index: number, corpus: Corpus, random: () => number, pickWord: () => number, pickSpeaker: () => number, previous: string[]): NewArticle {
  const outletIndex = Math.floor(Math.pow(random(), 2) * corpus.outlets.length);
  const site = corpus.outlets[outletIndex] as string;
  const day = new Date(Date.UTC(2010, 0, 1) + Math.floor(random() * 15 * 365) * 86_400_000).toISOString().slice(0, 10);
  let text: string;
  // One article in twenty reprints an earlier one with a few words changed.
  if (previous.length > 0 && random() < 0.05) {
    const words = (previous[Math.floor(random() * previous.length)] as string).split(' ');
    for (let i = 0; i < 3; i++) words[Math.floor(random() * words.length)] = corpus.vocabulary[pickWord()] as string;
    text = words.join(' ');
  } else {
    const words: string[] = [];
    const length = 150 + Math.floor(random() * 300);
    for (let i = 0; i < length; i++) words.push(corpus.vocabulary[pickWord()] as string);
    text = words.join(' ');
  }
  previous.push(text);
  if (previous.length > 2000) previous.shift();
  const attributions: AttributionJson[] = [];
  const entities: EntityJson[] = [];
  const speakerIds = new Map<number, string>();
  for (let i = 0; i < 10; i++) {
    const speakerIndex = pickSpeaker();
    const speaker = corpus.speakers[speakerIndex] as Corpus['speakers'][number];
    const name = `${speaker.first} ${speaker.last}`;
    let entity = speakerIds.get(speakerIndex);
    if (entity === undefined) {
      entity = `e${speakerIds.size + 1}`;
      speakerIds.set(speakerIndex, entity);
      entities.push({ id: entity, name, type: 'person', role: speaker.role, mentions: [{ start: 0, end: 1 }] });
    }
    const start = Math.floor(random() * Math.max(1, text.length - 200));
    const content = text.slice(start, start + 120);
    attributions.push({
      id: `a${i + 1}`,
      source: { start, end: start + 5, text: random() < 0.3 ? 'he' : name },
      cue: { start, end: start + 4, text: 'said' },
      content: { start, end: start + content.length, text: content },
      kind: random() < 0.5 ? 'direct' : 'indirect',
      speaker: { entity, name, role: speaker.role },
      parent: i > 0 && random() < 0.1 ? `a${i}` : null,
    });
  }
  const misdated = random() < 0.02;
  const url = `https://${site.toLowerCase().replace(/\s+/g, '')}.example/${day}/story-${index}`;
  const result = {
    input: url,
    url,
    title: text.split(' ').slice(0, 8).join(' '),
    authors: [],
    site,
    language: 'en',
    published: {
      stated: `${day}T08:00:00Z`,
      source: 'meta',
      raw: day,
      estimated: { earliest: day, latest: day, best: day, confidence: 0.5, evidence: [] },
      misdated,
    },
    modified: null,
    text,
    blocks: [],
    tags: [],
    related: [],
    chrome: [],
    pageType: 'article',
    pageTypeReason: null,
    provenance: {},
    extractor: { name: 'whosaid', version: 'bench' },
    warnings: [],
    attributions,
    entities,
  } satisfies AnalysisResult;
  const raw = Buffer.from(`<html><head><title>${result.title}</title></head><body><article><p>${text}</p></article></body></html>`);
  return {
    input: url,
    origin: 'url',
    url,
    canonicalUrl: url,
    contentHash: createHash('sha256').update(raw).digest('hex'),
    raw,
    contentType: 'text/html',
    capturedAt: `${day}T09:00:00Z`,
    result,
    minhash: minhashSignature(text),
  };
}

interface Timing {
  question: string;
  runs: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

async function time(question: string, runs: number, body: (run: number) => Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await body(run);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return { question, runs, medianMs: at(0.5), p99Ms: at(0.99), maxMs: samples[samples.length - 1] as number };
}

async function measureQuestions(store: CorpusStore, corpus: Corpus, random: () => number, pickWord: () => number, pickSpeaker: () => number): Promise<Timing[]> {
  const word = (): string => corpus.vocabulary[pickWord()] as string;
  const rareWord = (): string => corpus.vocabulary[200 + Math.floor(random() * 5000)] as string;
  const speaker = (): Corpus['speakers'][number] => corpus.speakers[pickSpeaker()] as Corpus['speakers'][number];
  const outlet = (): string => corpus.outlets[Math.floor(Math.pow(random(), 2) * corpus.outlets.length)] as string;
  const year = (): number => 2010 + Math.floor(random() * 15);
  const runs = 200;
  return [
    await time('searchArticles, two common words', runs, () => store.searchArticles({ text: `${word()} ${word()}` })),
    await time('searchArticles, rare word + outlet', runs, () => store.searchArticles({ text: rareWord(), outlet: outlet() })),
    await time('searchArticles, phrase + year', runs, () => store.searchArticles({ text: `"${word()} ${word()}"`, from: String(year()) })),
    await time('quotesBySpeaker, surname', runs, () => store.quotesBySpeaker({ speaker: speaker().last })),
    await time('quotesBySpeaker, full name + outlet', runs, () => { const s = speaker(); return store.quotesBySpeaker({ speaker: `${s.first} ${s.last}`, outlet: outlet() }); }),
    await time('quotesBySpeaker, surname + year', runs, () => { const y = year(); return store.quotesBySpeaker({ speaker: speaker().last, from: `${y}-01-01`, to: `${y}-12-31` }); }),
    await time('quotesAbout, word', runs, () => store.quotesAbout({ text: rareWord() })),
    await time('topSpeakers, all quotes', 20, () => store.topSpeakers({})),
    await time('topSpeakers, all quotes, by year', 20, () => store.topSpeakers({ groupBy: 'year' })),
    await time('topSpeakers, topic word', runs, () => store.topSpeakers({ text: rareWord() })),
    await time('topSpeakers, outlet, by month', runs, () => store.topSpeakers({ outlet: outlet(), groupBy: 'month' })),
    await time('entityRoles, surname', runs, () => store.entityRoles({ speaker: speaker().last })),
    await time('misdated, one year', runs, () => { const y = year(); return store.misdated({ from: String(y), to: String(y) }); }),
    await time('duplicateGroups', 20, () => store.duplicateGroups({})),
    await time('timeline, all, by month', 20, () => store.timeline({})),
    await time('timeline, topic word, by week', runs, () => store.timeline({ text: rareWord(), interval: 'week' })),
    await time('getArticle', runs, () => store.getArticle(1 + Math.floor(random() * 1000))),
    await time('stats', 20, () => store.stats()),
  ];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = new Date();
  const temp = options.db === null ? mkdtempSync(join(tmpdir(), 'whosaid-store-bench-')) : null;
  const path = options.db ?? join(temp as string, 'corpus.sqlite');
  const random = generator(20240601);
  const corpus = buildCorpusShape(random);
  const pickWord = zipf(corpus.vocabulary.length, 1.0, random);
  const pickSpeaker = zipf(corpus.speakers.length, 1.1, random);
  const store = await openStore(path);
  let insertSeconds = 0;
  try {
    const existing = (await store.stats()).articles;
    if (existing < options.articles) {
      const previous: string[] = [];
      const batchSize = 500;
      const insertStarted = performance.now();
      for (let next = existing; next < options.articles; next += batchSize) {
        const batch: NewArticle[] = [];
        for (let i = next; i < Math.min(options.articles, next + batchSize); i++) batch.push(makeArticle(i, corpus, random, pickWord, pickSpeaker, previous));
        await store.putArticles(batch);
        if ((next / batchSize) % 20 === 0) process.stderr.write(`stored ${next + batch.length} articles\n`);
      }
      insertSeconds = (performance.now() - insertStarted) / 1000;
    }
    const stats = await store.stats();
    const timings = await measureQuestions(store, corpus, random, pickWord, pickSpeaker);
    const headers = ['question', 'runs', 'median ms', 'p99 ms', 'max ms'];
    const rows = timings.map((t) => [t.question, t.runs, t.medianMs.toFixed(2), t.p99Ms.toFixed(2), t.maxMs.toFixed(2)]);
    const fileMiB = statSync(path).size / 2 ** 20;
    const summary = [
      `Corpus: ${stats.articles} articles, ${stats.attributions} attributions, ${stats.speakers} speakers, ${stats.duplicateGroups} duplicate groups (${stats.duplicateArticles} articles), ${stats.misdated} misdated; file ${fileMiB.toFixed(0)} MiB.`,
      insertSeconds > 0 ? `Storing: ${(stats.articles / insertSeconds).toFixed(0)} articles/s through putArticles in batches of 500 (${insertSeconds.toFixed(0)} s).` : 'Storing: the corpus file already existed (not timed).',
    ];
    process.stdout.write(`${summary.join('\n')}\n${textTable(headers, rows)}\n`);
    if (options.docs) {
      const command = `node dist/bench/store.js --articles ${options.articles}`;
      const body = `${runHeader(command, started)}\n\n${summary.join('\n\n')}\n\n${markdownTable(headers, rows, [1, 2, 3, 4])}`;
      writeDocsSection(body);
    }
  } finally {
    await store.close();
    if (temp !== null && !options.keep) rmSync(temp, { recursive: true, force: true });
    else process.stderr.write(`corpus kept at ${path}\n`);
  }
}

function writeDocsSection(body: string): void {
  const docs = join(repoRoot(), 'docs', 'store.md');
  const start = '<!-- bench:store:start -->';
  const end = '<!-- bench:store:end -->';
  const text = existsSync(docs) ? readFileSync(docs, 'utf8') : '';
  const section = `${start}\n${body}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  writeFileSync(docs, from >= 0 && to > from ? text.slice(0, from) + section + text.slice(to + end.length) : `${text}\n${section}\n`);
}

if (isMainModule(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
