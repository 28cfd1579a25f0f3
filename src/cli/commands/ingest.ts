import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { AnalysisDepth } from '../../analyze.js';
import { PoliteFetcher } from '../../ingest/fetch/index.js';
import { openStore } from '../../store/index.js';
import { DEFAULT_STOP_GRACE_MS, IngestStoreError, ingestCorpus, type IngestSummary } from '../../store/ingest/index.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_PAGE_TIMEOUT_MS } from '../../store/ingest/pool.js';
import { UsageError, parseCommandArgs, type CliCommand, type CliIO } from '../command.js';
import { DEFAULT_DB, exitStatusOf, integer, stopOnSignals } from '../corpus.js';
import { ProgressDisplay, describeInterruption, describeProgress, describeStoreStop } from '../progress.js';

const usage = `Usage: whosaid ingest [options] <input…>

Reads pages into a corpus: each page is analysed (article, metadata, dates,
who said what) and stored with its raw capture, so questions can be asked
across the corpus (whosaid search, whosaid serve).

Inputs:
  FILE              an .html, .htm, .txt file, or any of those gzipped (.gz)
  DIR               every page file and WARC file under the folder
  FILE.warc[.gz]    the response records of a WARC file (e.g. a CC-NEWS crawl)
  http(s)://…       a page fetched over HTTP

Options:
  --db FILE               the corpus (default ${DEFAULT_DB}; created when missing)
  --manifest FILE         also read the pages listed in FILE, one JSON object per line:
                          {"path": "a.html", "url": "https://…", "published": "2024-05-01"}
  --urls FILE             also fetch the URLs listed in FILE, one per line (repeatable)
  --depth D               full (default) or extract (no attribution or time analysis)
  -j, --jobs N            pages analysed in parallel (default: number of cores)
      --timeout MS        time limit per page in milliseconds (default 30000; 0 for none)
      --max-memory MB     heap limit per worker in megabytes (default 512); a page that
                          needs more fails and is recorded
  -q, --quiet             no progress display
Fetching:
      --fetch-concurrency N    requests in flight in all (default 8)
      --per-host N             requests in flight per host (default 2)
      --host-delay MS          least time between requests to one host (default 1000;
                               a robots.txt Crawl-delay raises it)
      --fetch-timeout MS       limit for one fetch (default 20000)
      --ignore-robots          do not read robots.txt (only for sites you may crawl)
      --allow-private-addresses
                               allow fetching from loopback, private, link-local and
                               cloud metadata addresses (refused by default)
      --allow-outside-paths    let manifest paths be absolute or lead outside the
                               manifest's folder (refused by default)

Re-running skips pages already stored (same canonical URL and content), so an
interrupted run (Ctrl-C, or a killed process) is resumed by running it again.
Ctrl-C once stops reading at once, gives the pages in progress 2 seconds to
finish, commits what finished and says how many pages are stored; twice quits
at once. Pages that fail are stored with their reason: see whosaid failures.

Exit status: 0 every page stored or skipped, 1 some failed, 2 usage error,
130 interrupted (Ctrl-C), 143 stopped by SIGTERM.
`;

interface IngestSettings {
  inputs: string[];
  db: string;
  manifest: string | null;
  urlLists: string[];
  depth: AnalysisDepth;
  jobs: number;
  timeoutMs: number;
  maxMemoryMb: number;
  quiet: boolean;
  fetchConcurrency: number;
  perHost: number;
  hostDelayMs: number;
  fetchTimeoutMs: number;
  respectRobots: boolean;
  allowPrivateAddresses: boolean;
  allowOutsidePaths: boolean;
}

function parseSettings(argv: string[]): IngestSettings {
  const parsed = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      manifest: { type: 'string' },
      urls: { type: 'string', multiple: true },
      depth: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      timeout: { type: 'string' },
      'max-memory': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      'fetch-concurrency': { type: 'string' },
      'per-host': { type: 'string' },
      'host-delay': { type: 'string' },
      'fetch-timeout': { type: 'string' },
      'ignore-robots': { type: 'boolean' },
      'allow-private-addresses': { type: 'boolean' },
      'allow-outside-paths': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const { values, positionals } = parsed;
  const urlLists = values.urls ?? [];
  if (positionals.length === 0 && values.manifest === undefined && urlLists.length === 0) throw new UsageError('no inputs given');
  if (positionals.includes('-')) throw new UsageError('standard input cannot be ingested; save it to a file first');
  const depth = values.depth ?? 'full';
  if (depth !== 'full' && depth !== 'extract') throw new UsageError('--depth must be full or extract');
  const number = (value: string | undefined, option: string, fallback: number, minimum: number): number =>
    value === undefined ? fallback : integer(value, option, minimum, Number.MAX_SAFE_INTEGER);
  return {
    inputs: positionals,
    db: values.db ?? DEFAULT_DB,
    manifest: values.manifest ?? null,
    urlLists,
    depth,
    jobs: number(values.jobs, '--jobs', availableParallelism(), 1),
    timeoutMs: number(values.timeout, '--timeout', DEFAULT_PAGE_TIMEOUT_MS, 0),
    maxMemoryMb: number(values['max-memory'], '--max-memory', DEFAULT_MAX_MEMORY_MB, 64),
    quiet: values.quiet ?? false,
    fetchConcurrency: number(values['fetch-concurrency'], '--fetch-concurrency', 8, 1),
    perHost: number(values['per-host'], '--per-host', 2, 1),
    hostDelayMs: number(values['host-delay'], '--host-delay', 1000, 0),
    fetchTimeoutMs: number(values['fetch-timeout'], '--fetch-timeout', 20_000, 1),
    respectRobots: !(values['ignore-robots'] ?? false),
    allowPrivateAddresses: values['allow-private-addresses'] ?? false,
    allowOutsidePaths: values['allow-outside-paths'] ?? false,
  };
}

async function runIngest(argv: string[], io: CliIO): Promise<number> {
  const settings = parseSettings(argv);
  // A corpus in a folder that does not exist yet is created with the folder.
  if (!/^postgres(ql)?:\/\//i.test(settings.db)) await mkdir(dirname(resolve(settings.db)), { recursive: true });
  const store = await openStore(settings.db);
  const display = new ProgressDisplay(io.stderr);
  const stop = stopOnSignals('ingest', DEFAULT_STOP_GRACE_MS, 'pages not yet committed will be redone by the next run', io, () => display.finish());
  const fetcher = new PoliteFetcher({
    concurrency: settings.fetchConcurrency,
    perHostConcurrency: settings.perHost,
    perHostDelayMs: settings.hostDelayMs,
    timeoutMs: settings.fetchTimeoutMs,
    respectRobots: settings.respectRobots,
    allowPrivateAddresses: settings.allowPrivateAddresses,
  });
  // Either the run's summary or, when the corpus could not be written, the error that stopped it.
  let outcome: IngestSummary | IngestStoreError | undefined;
  try {
    outcome = await ingestCorpus(store, settings.inputs, {
      manifest: settings.manifest,
      allowOutsidePaths: settings.allowOutsidePaths,
      urlLists: settings.urlLists,
      jobs: settings.jobs,
      timeoutMs: settings.timeoutMs,
      maxMemoryMb: settings.maxMemoryMb,
      depth: settings.depth,
      fetcher,
      signal: stop.signal,
      stopGraceMs: DEFAULT_STOP_GRACE_MS,
      onProgress: settings.quiet ? undefined : (progress) => display.update(progress),
    }).catch((error: unknown) => {
      if (error instanceof IngestStoreError) return error;
      throw error;
    });
  } finally {
    stop.dispose();
    // Kept-alive connections would hold the process open after the run.
    fetcher.close();
    try {
      await store.close();
    } catch (error) {
      // A store that failed the run (a full disk) often fails to close too: the first problem is the one to report.
      if (outcome !== undefined && !(outcome instanceof IngestStoreError)) throw error;
    }
  }
  display.finish();
  if (outcome instanceof IngestStoreError) {
    io.stderr.write(`whosaid ingest: ${describeStoreStop(outcome.message, outcome.summary)}\n`);
    return 1;
  }
  const summary = outcome;
  if (settings.quiet) io.stderr.write(`${describeProgress(summary)}\n`);
  if (summary.failed > 0) io.stderr.write(`whosaid ingest: ${summary.failed} pages failed; see \`whosaid failures --db ${settings.db}\`\n`);
  if (summary.interrupted) {
    io.stderr.write(`whosaid ingest: ${describeInterruption(summary)}\n`);
    return exitStatusOf(stop.stoppedBy() ?? 'SIGINT');
  }
  return summary.failed > 0 ? 1 : 0;
}

export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary: 'analyse pages (files, folders, WARC files, URLs) into a corpus; resumable',
  usage,
  run: runIngest,
};
