/**
 * HTTP API under load: `whosaid serve` on a corpus, hit over loopback by
 * autocannon with many connections, first with a mix of every read route,
 * then route by route.
 *
 *   npm run bench:api [-- --db corpus.sqlite] [--duration 10] [--connections 100] [--pages N]
 *
 * Without --db the corpus is built first, in a temporary file, by ingesting
 * the AEB and WCXB dev pages (--pages caps how many) with the full analysis.
 * The server runs as `whosaid serve` in its own process, so the load generator
 * does not share its event loop. Queries are drawn from the corpus itself: the
 * most quoted speakers, words of their names, and articles that quote them.
 * Writes the "HTTP API under load" section of docs/benchmarks.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { InputSource } from '../src/ingest/sources.js';
import { openStore } from '../src/store/index.js';
import { ingestCorpus } from '../src/store/ingest/index.js';
import type { CorpusStats, QuoteHit, SpeakerCount } from '../src/store/types.js';
import { sharedDataDir } from './data.js';
import { isMainModule, markdownTable, runHeader, textTable, writeOwnSection } from './report.js';

/** The part of autocannon's options and result this script uses (the package ships no types). */
export interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  requests: Array<{ method: 'GET'; path: string }>;
}

export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

export type Autocannon = (options: LoadOptions) => Promise<LoadResult>;

export async function loadAutocannon(): Promise<Autocannon> {
  // Imported by name at run time: the package has no type declarations, and this keeps its shape local.
  const name = 'autocannon';
  const module = (await import(name)) as { default: Autocannon };
  return module.default;
}

interface Settings {
  db: string | null;
  duration: number;
  connections: number;
  pages: number | null;
}

function parseSettings(): Settings {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: { db: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' }, pages: { type: 'string' } },
  });
  const integer = (value: string | undefined, name: string, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--${name} must be a positive integer`);
    return Number(value);
  };
  return {
    db: values.db ?? null,
    duration: integer(values.duration, 'duration', 10),
    connections: integer(values.connections, 'connections', 100),
    pages: values.pages === undefined ? null : integer(values.pages, 'pages', 0),
  };
}

/** The AEB and WCXB dev pages with their URLs, as ingest sources. */
export async function* benchmarkPages(limit: number | null): AsyncGenerator<InputSource> {
  const root = sharedDataDir();
  const aebRoot = join(root, 'extraction-benchmark');
  const truth = JSON.parse(readFileSync(join(aebRoot, 'ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
  const pages: Array<{ input: string; url: string; file: string }> = Object.entries(truth)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, entry]) => ({ input: `aeb/${id}`, url: entry.url, file: join(aebRoot, 'html', `${id}.html.gz`) }));
  const wcxbRoot = join(root, 'wcxb-dev');
  for (const name of readdirSync(join(wcxbRoot, 'html')).filter((file) => file.endsWith('.html.gz')).sort()) {
    const id = name.replace(/\.html\.gz$/, '');
    const gold = JSON.parse(readFileSync(join(wcxbRoot, 'ground-truth', `${id}.json`), 'utf8')) as { url?: string };
    pages.push({ input: `wcxb/${id}`, url: gold.url ?? `https://wcxb.example/${id}`, file: join(wcxbRoot, 'html', name) });
  }
  for (const page of pages.slice(0, limit ?? pages.length)) {
    yield { kind: 'page', page: { input: page.input, bytes: gunzipSync(readFileSync(page.file)), url: page.url, contentType: 'text/html' } };
  }
}

export async function buildCorpus(path: string, limit: number | null): Promise<void> {
  const store = await openStore(path);
  try {
    const summary = await ingestCorpus(store, [], {
      sources: benchmarkPages(limit),
      jobs: 2,
      onProgress: (progress) => process.stderr.write(`\ringest: ${progress.stored + progress.skipped + progress.failed} pages`),
      progressIntervalMs: 2000,
    });
    process.stderr.write(`\ningest: ${summary.stored} stored, ${summary.failed} failed\n`);
  } finally {
    await store.close();
  }
}

/**
 * Opens the corpus for writing once in a fresh process, so that it is at the
 * schema of the code `whosaid serve` will run: the server opens it read-only
 * and refuses a corpus written by an older build (the build can change while
 * a long ingest runs).
 */
export async function migrateWithCurrentBuild(db: string): Promise<void> {
  const storeModule = new URL('../src/store/index.js', import.meta.url).href;
  const script = `const { openStore } = await import(${JSON.stringify(storeModule)}); const store = await openStore(${JSON.stringify(db)}); await store.close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`opening ${db} for writing failed (exit ${code})`);
}

/** Starts `whosaid serve` on the corpus in its own process, with any further options; resolves with its URL. */
export function startServe(db: string, options: { args?: string[]; stderr?: 'inherit' | 'pipe' } = {}): Promise<{ url: string; child: ChildProcess }> {
  const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const args = [main, 'serve', '--db', db, '--port', '0', ...(options.args ?? [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', options.stderr ?? 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) resolve({ url: match[1] as string, child });
    });
    child.once('exit', (code) => reject(new Error(`whosaid serve exited (${code}) before listening: ${output}`)));
  });
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface RouteLoad {
  route: string;
  paths: string[];
}

/** Requests for each read route, with parameters taken from the corpus. */
async function routeLoads(base: string): Promise<RouteLoad[]> {
  const top = await getJson<{ items: SpeakerCount[] }>(`${base}/api/speakers/top?limit=10`);
  const speakers = top.items.map((row) => row.speaker).filter((name) => name.length > 2);
  if (speakers.length === 0) throw new Error('the corpus has no quoted speakers to query');
  const words = [...new Set(speakers.flatMap((name) => name.split(/\s+/)).filter((word) => /^\p{Lu}\p{L}{3,}$/u.test(word)))].slice(0, 8);
  const quotes = await getJson<{ items: QuoteHit[] }>(`${base}/api/quotes?speaker=${encodeURIComponent(speakers[0] as string)}&limit=50`);
  const articleIds = [...new Set(quotes.items.map((quote) => quote.articleId))].slice(0, 8);
  const encoded = (value: string): string => encodeURIComponent(value);
  return [
    { route: 'GET /api/articles?q=', paths: words.map((word) => `/api/articles?q=${encoded(word)}`) },
    { route: 'GET /api/articles/{id}', paths: articleIds.map((id) => `/api/articles/${id}`) },
    { route: 'GET /api/quotes?speaker=', paths: speakers.map((name) => `/api/quotes?speaker=${encoded(name)}`) },
    { route: 'GET /api/quotes?about=', paths: words.map((word) => `/api/quotes?about=${encoded(word)}`) },
    { route: 'GET /api/speakers/top?q=', paths: words.map((word) => `/api/speakers/top?q=${encoded(word)}`) },
    { route: 'GET /api/entities/{name}', paths: speakers.map((name) => `/api/entities/${encoded(name)}`) },
    { route: 'GET /api/timeline?q=', paths: words.map((word) => `/api/timeline?q=${encoded(word)}&interval=month`) },
    { route: 'GET /api/misdated', paths: ['/api/misdated'] },
    { route: 'GET /api/duplicates', paths: ['/api/duplicates'] },
    { route: 'GET /api/stats', paths: ['/api/stats'] },
  ].filter((load) => load.paths.length > 0);
}

interface Measured {
  label: string;
  result: LoadResult;
}

function row(measured: Measured): Array<string | number> {
  const { result } = measured;
  return [
    measured.label,
    Math.round(result.requests.average),
    result.latency.p50,
    result.latency.p99,
    (result.throughput.average / 2 ** 20).toFixed(1),
    result.requests.total,
    result.non2xx,
    `${result.errors} (${result.timeouts})`,
  ];
}

const HEADERS = ['Requests', 'req/s', 'p50 ms', 'p99 ms', 'MiB/s', 'total', 'non-2xx', 'errors (timeouts)'];

async function main(): Promise<void> {
  const settings = parseSettings();
  const started = new Date();
  const autocannon = await loadAutocannon();
  const scratch = settings.db ? null : mkdtempSync(join(tmpdir(), 'whosaid-api-load-'));
  const db = settings.db ?? join(scratch as string, 'corpus.sqlite');
  if (!settings.db) await buildCorpus(db, settings.pages);
  await migrateWithCurrentBuild(db);
  const { url, child } = await startServe(db);
  try {
    const stats = await getJson<CorpusStats>(`${url}/api/stats`);
    const loads = await routeLoads(url);
    const mix = loads.flatMap((load) => load.paths.map((path) => ({ method: 'GET' as const, path })));
    const run = async (label: string, requests: LoadOptions['requests'], duration: number): Promise<Measured> => {
      process.stderr.write(`load: ${label} for ${duration} s with ${settings.connections} connections\n`);
      return { label, result: await autocannon({ url, connections: settings.connections, duration, requests }) };
    };
    // A short warm-up: the first requests open the database pages and compile the statements.
    await run('warm-up', mix, 2);
    const measured: Measured[] = [await run('mix of all routes below', mix, settings.duration)];
    const perRoute = Math.max(2, Math.round(settings.duration / 3));
    for (const load of loads) measured.push(await run(load.route, load.paths.map((path) => ({ method: 'GET' as const, path })), perRoute));

    console.log(textTable(HEADERS, measured.map(row)));
    const command = `npm run bench:api${settings.db ? ' -- --db <corpus>' : settings.pages ? ` -- --pages ${settings.pages}` : ''}`;
    const corpus = settings.db
      ? `an existing corpus: ${stats.articles} articles, ${stats.attributions} attributions, ${stats.speakers} speakers`
      : `the AEB and WCXB dev pages ingested with the full analysis: ${stats.articles} articles, ${stats.attributions} attributions, ${stats.speakers} speakers`;
    const body = [
      runHeader(command, started),
      '',
      `\`whosaid serve\` in its own process on ${corpus}; autocannon in the benchmark's process over loopback, ${settings.connections} connections, ${settings.duration} s for the mix and ${perRoute} s per route after a 2 s warm-up. Each route is asked with parameters drawn from the corpus (the ${loads.find((load) => load.route.includes('speaker='))?.paths.length ?? 0} most quoted speakers, words of their names, articles quoting the most quoted one), in turn. Latencies include queueing behind the other connections, so p99 grows with the connection count; the server and the load generator share the machine's cores. A request unanswered after 10 s counts as a timeout.`,
      '',
      markdownTable(HEADERS, measured.map(row), [1, 2, 3, 4, 5, 6, 7]),
    ].join('\n');
    console.log(`\nwrote the api-load section of ${writeOwnSection('api-load', 'HTTP API under load', body)}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
