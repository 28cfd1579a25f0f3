/**
 * Corpus benchmark: ingest throughput and memory on a large corpus, WARC
 * ingest throughput, and search latency for each corpus question.
 *
 *   npm run bench:corpus [-- --pages 100000 --warc-pages 10000 --jobs 2 --keep]
 *
 * The corpus is every AEB and WCXB dev page, repeated until it has --pages
 * pages. Each repeat gets its own URL and differs in its bytes (a comment), so
 * every page is read, analysed in full and stored; repeats of one page are
 * near-duplicates and land in one duplicate group, as syndicated copies do.
 * Peak RSS (the whole process: the job's thread and its workers) is sampled
 * every second and reported per tenth of the run, to show whether memory
 * grows with the corpus.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { InputSource } from '../src/ingest/sources.js';
import { writeWarcRecords } from '../src/ingest/index.js';
import { openStore } from '../src/store/index.js';
import { ingestCorpus, type IngestProgress } from '../src/store/ingest/index.js';
import type { CorpusStore } from '../src/store/types.js';
import { sharedDataDir } from './data.js';
import { isMainModule, markdownTable, runHeader, textTable, writeOwnSection } from './report.js';

interface BasePage {
  id: string;
  url: string;
  /** The gzipped page file: read again for every copy, so the benchmark itself holds no corpus in memory. */
  file: string;
}

function basePages(): BasePage[] {
  const root = sharedDataDir();
  const aebRoot = join(root, 'extraction-benchmark');
  const truth = JSON.parse(readFileSync(join(aebRoot, 'ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
  const aeb = Object.entries(truth)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, entry]) => ({ id: `aeb/${id}`, url: entry.url, file: join(aebRoot, 'html', `${id}.html.gz`) }));
  const wcxbRoot = join(root, 'wcxb-dev');
  const wcxb = readdirSync(join(wcxbRoot, 'html'))
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name) => {
      const id = name.replace(/\.html\.gz$/, '');
      const gold = JSON.parse(readFileSync(join(wcxbRoot, 'ground-truth', `${id}.json`), 'utf8')) as { url?: string };
      return { id: `wcxb/${id}`, url: gold.url ?? `https://wcxb.example/${id}`, file: join(wcxbRoot, 'html', name) };
    });
  return [...aeb, ...wcxb];
}

/** Copy `round` of a page: its own URL and bytes that differ from every other copy. */
function copyOf(page: BasePage, round: number): { url: string; bytes: Buffer } {
  // Some gold URLs are not absolute URLs; those pages get one under a reserved domain.
  const url = URL.canParse(page.url) ? new URL(page.url) : new URL(`https://pages.example/${encodeURIComponent(page.id)}`);
  url.searchParams.set('copy', String(round));
  const bytes = gunzipSync(readFileSync(page.file));
  return { url: url.href, bytes: Buffer.concat([bytes, Buffer.from(`\n<!-- copy ${round} -->\n`)]) };
}

async function* repeatedPages(pages: readonly BasePage[], count: number): AsyncGenerator<InputSource> {
  for (let i = 0; i < count; i++) {
    const page = pages[i % pages.length] as BasePage;
    const round = Math.floor(i / pages.length);
    const copy = copyOf(page, round);
    yield { kind: 'page', page: { input: `${page.id}#${round}`, bytes: copy.bytes, url: copy.url, contentType: 'text/html' } };
  }
}

interface RunFigures {
  pages: number;
  stored: number;
  failed: number;
  seconds: number;
  rate: number;
  peakRssMb: number;
  /** Peak RSS in each tenth of the run. */
  rssByTenth: number[];
  /** Pages per second in each tenth of the run. */
  rateByTenth: number[];
  dbBytes: number;
}

/** Runs one ingest, sampling memory every second. */
async function measuredIngest(run: (onProgress: (progress: IngestProgress) => void) => Promise<IngestProgress>, expected: number, dbPath: string): Promise<RunFigures> {
  const samples: Array<{ done: number; rss: number; at: number }> = [];
  let done = 0;
  const started = Date.now();
  const sampler = setInterval(() => samples.push({ done, rss: process.memoryUsage.rss(), at: Date.now() }), 1000);
  // The sampler must not keep the process alive if the run fails.
  sampler.unref();
  let lastLine = 0;
  const summary = await run((progress) => {
    done = progress.stored + progress.skipped + progress.failed;
    if (Date.now() - lastLine > 30_000 || progress.done) {
      lastLine = Date.now();
      process.stderr.write(`  ${done}/${expected} pages, ${progress.rate.toFixed(1)} pages/s, RSS ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB\n`);
    }
  });
  clearInterval(sampler);
  samples.push({ done, rss: process.memoryUsage.rss(), at: Date.now() });
  const seconds = (Date.now() - started) / 1000;
  const rssByTenth: number[] = [];
  const rateByTenth: number[] = [];
  for (let tenth = 0; tenth < 10; tenth++) {
    const inTenth = samples.filter((sample) => Math.min(9, Math.floor((sample.done / expected) * 10)) === tenth);
    rssByTenth.push(inTenth.length > 0 ? Math.max(...inTenth.map((sample) => sample.rss)) / 2 ** 20 : Number.NaN);
    if (inTenth.length > 1) {
      const first = inTenth[0]!;
      const last = inTenth[inTenth.length - 1]!;
      rateByTenth.push(last.at > first.at ? ((last.done - first.done) * 1000) / (last.at - first.at) : Number.NaN);
    } else rateByTenth.push(Number.NaN);
  }
  return {
    pages: expected,
    stored: summary.stored,
    failed: summary.failed,
    seconds,
    rate: (summary.stored + summary.skipped + summary.failed) / seconds,
    peakRssMb: Math.max(...samples.map((sample) => sample.rss)) / 2 ** 20,
    rssByTenth,
    rateByTenth,
    dbBytes: fileBytes(dbPath) + fileBytes(`${dbPath}-wal`),
  };
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

interface LatencyRow {
  question: string;
  runs: number;
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** General news words: search terms that any news corpus answers, chosen without looking at this one. */
const TOPIC_TERMS = ['government', 'president', 'election', 'police', 'market', 'health', 'court', 'climate', 'war', 'school', 'energy', 'prices', 'minister', 'company', 'city', 'water', '"prime minister"', '"white house"', 'vaccine', 'trade'];

async function searchLatency(store: CorpusStore): Promise<LatencyRow[]> {
  const speakers = (await store.topSpeakers({ limit: 20 })).map((row) => row.speaker);
  const each = <T>(values: readonly T[], call: (value: T) => Promise<unknown>): Array<() => Promise<unknown>> => values.map((value) => () => call(value));
  const questions: Array<[string, Array<() => Promise<unknown>>]> = [
    ['articles matching text', each(TOPIC_TERMS, (text) => store.searchArticles({ text, limit: 20 }))],
    ['quotes by a speaker', each(speakers, (speaker) => store.quotesBySpeaker({ speaker, limit: 20 }))],
    ['quotes about a phrase', each(TOPIC_TERMS, (text) => store.quotesAbout({ text, limit: 20 }))],
    ['top speakers on a topic', each(TOPIC_TERMS, (text) => store.topSpeakers({ text, limit: 20 }))],
    ['top speakers by outlet', each(TOPIC_TERMS, (text) => store.topSpeakers({ text, groupBy: 'outlet', limit: 20 }))],
    ['top speakers by month', each(TOPIC_TERMS, (text) => store.topSpeakers({ text, groupBy: 'month', limit: 20 }))],
    ['roles of an entity', each(speakers, (speaker) => store.entityRoles({ speaker }))],
    ['mis-dated articles', each([0, 20, 40, 60, 80], (offset) => store.misdated({ limit: 20, offset }))],
    ['duplicate groups', each([0, 20, 40, 60, 80], (offset) => store.duplicateGroups({ limit: 20, offset }))],
    ['timeline of a topic', each(TOPIC_TERMS, (text) => store.timeline({ text, interval: 'month' }))],
    ['article by id', each(Array.from({ length: 20 }, (_, i) => 1 + i * 97), (id) => store.getArticle(id))],
  ];
  const rows: LatencyRow[] = [];
  for (const [question, calls] of questions) {
    for (const call of calls) await call(); // warm-up
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const call of calls) {
        const start = process.hrtime.bigint();
        await call();
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    times.sort((a, b) => a - b);
    rows.push({ question, runs: times.length, p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] ?? Number.NaN });
  }
  return rows;
}

const mb = (value: number): string => (Number.isNaN(value) ? '–' : value.toFixed(0));
const ms = (value: number): string => value.toFixed(2);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pages: { type: 'string', default: '100000' },
      'warc-pages': { type: 'string', default: '10000' },
      jobs: { type: 'string', default: '2' },
      dir: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const pageCount = Number(values.pages);
  const warcCount = Number(values['warc-pages']);
  const jobs = Number(values.jobs);
  const started = new Date();
  const work = values.dir ?? mkdtempSync(join(tmpdir(), 'whosaid-bench-corpus-'));
  mkdirSync(work, { recursive: true });
  const pages = basePages();
  process.stderr.write(`corpus benchmark: ${pages.length} distinct pages, ${pageCount} pages in all, ${jobs} workers, in ${work}\n`);

  // 1. The large corpus, fed from code.
  const dbPath = join(work, 'corpus.sqlite');
  const store = await openStore(dbPath);
  const big = await measuredIngest(
    (onProgress) => ingestCorpus(store, [], { sources: repeatedPages(pages, pageCount), sourceCount: pageCount, jobs, onProgress, progressIntervalMs: 1000 }),
    pageCount,
    dbPath,
  );
  process.stderr.write(`ingest: ${big.rate.toFixed(1)} pages/s, peak RSS ${big.peakRssMb.toFixed(0)} MB\n`);

  // 2. Search latency on it.
  const latency = await searchLatency(store);
  const stats = await store.stats();
  await store.close();

  // 3. A WARC file built from the same pages, ingested into a fresh corpus.
  const warcPath = join(work, 'pages.warc.gz');
  await writeWarcRecords(
    warcPath,
    (function* () {
      for (let i = 0; i < warcCount; i++) {
        const page = pages[i % pages.length] as BasePage;
        const copy = copyOf(page, Math.floor(i / pages.length));
        // No charset in the header: the pages carry their own, as most crawled responses do.
        yield { url: copy.url, body: copy.bytes, date: new Date(Date.UTC(2024, 0, 1) + i * 1000), contentType: 'text/html' };
      }
    })(),
    { gzip: true },
  );
  const warcDb = join(work, 'warc.sqlite');
  const warcStore = await openStore(warcDb);
  const warc = await measuredIngest((onProgress) => ingestCorpus(warcStore, [warcPath], { jobs, onProgress, progressIntervalMs: 1000 }), warcCount, warcDb);
  await warcStore.close();
  process.stderr.write(`WARC ingest: ${warc.rate.toFixed(1)} pages/s\n`);

  const ingestRows = [
    ['pages fed from code', big.pages, big.stored, big.failed, big.seconds.toFixed(0), big.rate.toFixed(1), mb(big.peakRssMb), (big.dbBytes / 2 ** 20).toFixed(0)],
    ['WARC (.warc.gz) file', warc.pages, warc.stored, warc.failed, warc.seconds.toFixed(0), warc.rate.toFixed(1), mb(warc.peakRssMb), (warc.dbBytes / 2 ** 20).toFixed(0)],
  ];
  const ingestHeaders = ['input', 'pages', 'stored', 'failed', 'seconds', 'pages/s', 'peak RSS MB', 'corpus MB'];
  const tenthHeaders = ['tenth of the run', ...Array.from({ length: 10 }, (_, i) => String(i + 1))];
  const tenthRows = [
    ['peak RSS MB', ...big.rssByTenth.map(mb)],
    ['pages/s', ...big.rateByTenth.map((value) => (Number.isNaN(value) ? '–' : value.toFixed(0)))],
  ];
  const latencyHeaders = ['question', 'calls', 'p50 ms', 'p99 ms', 'max ms'];
  const latencyRows = latency.map((row) => [row.question, row.runs, ms(row.p50), ms(row.p99), ms(row.max)]);
  const worstP99 = Math.max(...latency.map((row) => row.p99));
  const targets = [
    ['ingest with full analysis ≥ 100 pages/s', `${big.rate.toFixed(1)} pages/s`, big.rate >= 100 ? 'met' : 'NOT met'],
    ['peak RSS < 300 MB', `${big.peakRssMb.toFixed(0)} MB`, big.peakRssMb < 300 ? 'met' : 'NOT met'],
    ['search p99 < 50 ms (every question)', `${worstP99.toFixed(1)} ms worst`, worstP99 < 50 ? 'met' : 'NOT met'],
  ];
  process.stdout.write(`${textTable(ingestHeaders, ingestRows)}\n\n${textTable(tenthHeaders, tenthRows)}\n\n${textTable(latencyHeaders, latencyRows)}\n\n${textTable(['target', 'measured', ''], targets)}\n`);

  const body = [
    runHeader(`npm run bench:corpus -- --pages ${pageCount} --warc-pages ${warcCount} --jobs ${jobs}`, started),
    '',
    `The corpus: the ${pages.length} AEB and WCXB dev pages repeated to ${pageCount} pages, each copy with its own URL and bytes, read with full analysis (extraction, metadata, attribution, entities, time) by ${jobs} worker threads and stored in SQLite (one transaction per batch of 64 pages). Peak RSS is the whole process, workers included. The corpus afterwards: ${stats.articles} articles, ${stats.attributions} attributions, ${stats.entities} entities, ${stats.speakers} speakers, ${stats.duplicateGroups} duplicate groups.`,
    '',
    markdownTable(ingestHeaders, ingestRows, [1, 2, 3, 4, 5, 6, 7]),
    '',
    'Memory and rate across the large run, per tenth of its pages:',
    '',
    markdownTable(tenthHeaders, tenthRows, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    '',
    `Search latency on the ${stats.articles}-article corpus, each call timed alone after a warm-up (general news terms; speakers are the corpus's 20 most quoted):`,
    '',
    markdownTable(latencyHeaders, latencyRows, [1, 2, 3, 4]),
    '',
    markdownTable(['target', 'measured', ''], targets),
  ].join('\n');
  const path = writeOwnSection('corpus', 'Corpus: ingest throughput, memory and search latency', body);
  process.stderr.write(`wrote ${path}\n`);
  if (!values.keep && values.dir === undefined) rmSync(work, { recursive: true, force: true });
}

if (isMainModule(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
