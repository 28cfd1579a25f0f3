import { createHash } from 'node:crypto';
import type { AnalysisDepth } from '../../analyze.js';
import { readFileInput } from '../../ingest/file.js';
import { InputError, type PageInput } from '../../ingest/input.js';
import { expandInputs, sourceName, type InputSource } from '../../ingest/sources.js';
import { WHOSAID_VERSION } from '../../version.js';
import { canonicalUrl } from '../canonical-url.js';
import { CorpusStoreError, type CorpusStoreErrorCode } from '../errors.js';
import type { CaptureOrigin, CorpusStore, NewArticle, NewFailure } from '../types.js';
import { createAnalysisPool, DEFAULT_PAGE_TIMEOUT_MS } from './pool.js';
import { readUrlList } from '../../ingest/url-list.js';

/** Fetches one URL as a page; the polite, address-checking fetcher by default. Throws InputError. */
export interface PageFetcher {
  /** `signal` fires when the run gives the page up (stopped, and its grace period over). */
  fetch(url: string, options: { input: string; published?: string | null; signal?: AbortSignal }): Promise<PageInput>;
}

/** How long pages in progress get to finish once a run is stopped, in ms, before they are abandoned. */
export const DEFAULT_STOP_GRACE_MS = 2000;

export interface IngestOptions {
  /** A manifest of further inputs (JSON lines with path/url/published). */
  manifest?: string | null;
  /** Accept manifest paths that are absolute or lead outside the manifest's folder (refused by default). */
  allowOutsidePaths?: boolean;
  /** Files listing URLs to fetch, one per line (blank lines and `#` comments skipped). */
  urlLists?: readonly string[];
  /** Pages from code (a crawler, a queue, a generator), read after the inputs. */
  sources?: AsyncIterable<InputSource | InputError>;
  /** How many pages `sources` will yield, when known: shown as the run's total. */
  sourceCount?: number;
  /** Worker threads analysing pages (default: number of cores). */
  jobs?: number;
  /** Per-page analysis time limit in ms (default 30 s; 0 for none). */
  timeoutMs?: number;
  /** Heap limit per worker in MB (default 512). */
  maxMemoryMb?: number;
  /** How far to analyse (default 'full'). */
  depth?: AnalysisDepth;
  /** Fetches URL inputs. Required when any input is a URL. */
  fetcher?: PageFetcher;
  /** Pages committed to the store per transaction (default 64). */
  batchSize?: number;
  /** Longest a finished page waits before its batch is committed, in ms (default 1000). */
  flushIntervalMs?: number;
  /** Called as pages finish, at most every `progressIntervalMs`, and once at the end. */
  onProgress?: (progress: IngestProgress) => void;
  progressIntervalMs?: number;
  /**
   * Stops the run: no further input is read, the pages in progress get `stopGraceMs` to finish (those that do are
   * stored), the rest are abandoned — neither stored nor recorded as failed, so a re-run picks them up — and the
   * summary says `interrupted`.
   */
  signal?: AbortSignal;
  /** How long pages in progress may take to finish once `signal` fires, in ms (default 2000). */
  stopGraceMs?: number;
}

/** Where a run stands. */
export interface IngestProgress {
  /** Inputs seen so far (pages, records, URLs, and inputs that could not be read). */
  seen: number;
  /** Inputs known in all, when the inputs can be counted up front; null otherwise. */
  total: number | null;
  /** Pages analysed and newly stored. */
  stored: number;
  /** Pages skipped because the store already had them (from an earlier run or earlier in this one). */
  skipped: number;
  failed: number;
  /** Pages that joined a duplicate group on storing. */
  grouped: number;
  /** Pages a worker analysed (whether stored or failed); skipped pages are not analysed. */
  analysed: number;
  /** Time since the first page went to a worker, in ms (0 until then): with `analysed`, the analysis rate. */
  analysingMs: number;
  elapsedMs: number;
  /** Pages finished (stored, skipped or failed) per second. */
  rate: number;
  done: boolean;
}

export interface IngestSummary extends IngestProgress {
  /** True when `signal` stopped the run before every input was read. */
  interrupted: boolean;
  /** Pages in progress when the run was stopped that did not finish in the grace period: not stored, not failed. */
  abandoned: number;
}

/**
 * A run stopped because the corpus could not be written (a full disk, an I/O
 * error): the store's error, with what the run had done by then. Pages
 * committed before it stay stored, so the same run started again resumes.
 */
export class IngestStoreError extends Error {
  override name = 'IngestStoreError';
  readonly code: CorpusStoreErrorCode;
  constructor(
    override readonly cause: CorpusStoreError,
    readonly summary: IngestSummary,
  ) {
    super(cause.message, { cause });
    this.code = cause.code;
  }
}

interface PreparedPage {
  page: PageInput;
  origin: CaptureOrigin;
  canonicalUrl: string | null;
  contentHash: string;
}

/**
 * Reads inputs into a corpus store: files, folders, manifests, WARC files and
 * URL lists. For each page, in this thread: read (or fetch) it, hash its
 * bytes, skip it when the store already has it; otherwise a worker analyses it
 * and the page, its raw capture and its analysis are committed in batches, one
 * transaction each. A process killed at any moment therefore loses at most
 * the pages of the batch in progress, and a re-run redoes exactly those.
 * A page that cannot be read or analysed is stored as a failure with its
 * reason; the run goes on. A stopped run (`signal`) reads nothing more, gives
 * the pages in progress a short grace period, commits what finished and
 * abandons the rest. A corpus that cannot be written stops the run at once:
 * it rejects with an IngestStoreError rather than failing every page.
 */
export async function ingestCorpus(store: CorpusStore, inputs: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const { pool, jobs } = createAnalysisPool(options);
  const counts = { seen: 0, stored: 0, skipped: 0, failed: 0, grouped: 0, analysed: 0 };
  const total = await countInputs(inputs, options);
  const writer = new BatchWriter(
    store,
    options.batchSize ?? 64,
    options.flushIntervalMs ?? 1000,
    (outcome) => {
      if (outcome.kind === 'article') {
        if (outcome.created) counts.stored++;
        else counts.skipped++;
        if (outcome.grouped) counts.grouped++;
      } else counts.failed++;
    },
    (error) => stopFor(error),
  );
  // Keys being analysed in this run: a second copy waits for nothing and is skipped.
  const inProgress = new Set<string>();
  // When the first page went to a worker: the ETA is projected from analysis alone, not from skipping stored pages.
  let analysisStarted: number | null = null;

  const progressEvery = options.progressIntervalMs ?? 250;
  let lastProgress = 0;
  const progress = (done: boolean): IngestProgress => {
    const now = Date.now();
    const elapsedMs = now - started;
    const finished = counts.stored + counts.skipped + counts.failed;
    const analysingMs = analysisStarted === null ? 0 : now - analysisStarted;
    return { ...counts, total, analysingMs, elapsedMs, rate: elapsedMs > 0 ? (finished * 1000) / elapsedMs : 0, done };
  };
  const report = (): void => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (now - lastProgress < progressEvery) return;
    lastProgress = now;
    options.onProgress(progress(false));
  };

  // Once a stopped run's grace period is over, pages still in progress are given up: whatever they finish with later
  // (a result, a failure, a cancelled fetch) is not recorded, so a re-run treats them as never seen.
  let givenUp = false;
  const givingUp = new AbortController();
  /** One page in progress; `recorded` once it is skipped, failed or handed to the writer. */
  interface Task {
    recorded: boolean;
  }
  const fail = (task: Task | null, input: string, url: string | null, reason: string, stage: NewFailure['stage']): void => {
    if (givenUp) return;
    if (task) task.recorded = true;
    writer.addFailure({ input, url, reason, stage, analyserVersion: WHOSAID_VERSION });
    report();
  };
  const skip = (task: Task): void => {
    if (givenUp) return;
    task.recorded = true;
    counts.skipped++;
    report();
  };

  const handle = async (source: InputSource, task: Task): Promise<void> => {
    const name = sourceName(source);
    let prepared: PreparedPage;
    try {
      const loaded = await load(store, source, options.fetcher, givingUp.signal, options.timeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS);
      if (loaded === 'stored') return skip(task);
      prepared = loaded;
    } catch (error) {
      const reason = error instanceof InputError ? error.message : `${name}: could not be read (${describe(error)})`;
      return fail(task, name, sourceUrl(source), reason, 'load');
    }
    const key = `${prepared.canonicalUrl ?? ''}\u0000${prepared.contentHash}`;
    if (inProgress.has(key)) return skip(task);
    inProgress.add(key);
    try {
      if (await store.findStored({ canonicalUrl: prepared.canonicalUrl, contentHash: prepared.contentHash })) return skip(task);
      if (givenUp) return;
      analysisStarted ??= Date.now();
      const outcome = await pool.run(prepared.page);
      // A page given up had its worker stopped under it: that is not the page's failure.
      if (givenUp) return;
      counts.analysed++;
      if (!outcome.ok) return fail(task, name, prepared.page.url ?? null, `${name}: ${outcome.error}`, 'analyse');
      const reply = outcome.value;
      if ('error' in reply) return fail(task, name, prepared.page.url ?? null, reply.error, 'analyse');
      task.recorded = true;
      await writer.addArticle({
        input: name,
        origin: prepared.origin,
        url: prepared.page.url ?? null,
        canonicalUrl: prepared.canonicalUrl,
        contentHash: prepared.contentHash,
        raw: prepared.page.bytes,
        contentType: prepared.page.contentType ?? null,
        capturedAt: prepared.page.capturedAt ?? null,
        result: reply.result,
        minhash: reply.minhash,
      });
      report();
    } finally {
      inProgress.delete(key);
    }
  };

  // Resolves when the caller stops the run, so that no wait below outlasts the stop.
  const STOP = Symbol('stop');
  let resolveStop: (value: typeof STOP) => void = () => undefined;
  const stopped = new Promise<typeof STOP>((resolve) => (resolveStop = resolve));
  const onAbort = (): void => resolveStop(STOP);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  // A store that cannot be written stops the run as a signal would, but with nothing more to wait for.
  let unwritable: CorpusStoreError | null = null;
  function stopFor(error: CorpusStoreError): void {
    unwritable ??= error;
    resolveStop(STOP);
  }

  const inFlight = new Map<Promise<void>, Task>();
  // Enough pages in flight to keep every worker and a polite fetcher busy, few enough to bound memory.
  const maxInFlight = Math.max(jobs * 4, options.fetcher ? 32 : 0);
  const sources = allSources(inputs, options);
  let interrupted = false;
  let abandoned = 0;
  try {
    for (;;) {
      const next = await Promise.race([sources.next(), stopped]);
      if (next === STOP) {
        interrupted = true;
        break;
      }
      if (next.done) break;
      const source = next.value;
      counts.seen++;
      if (source instanceof InputError) {
        fail(null, source.input, null, source.message, 'load');
        continue;
      }
      const task: Task = { recorded: false };
      const settled = handle(source, task).catch((error: unknown) => {
        if (error instanceof CorpusStoreError) return stopFor(error);
        fail(task, sourceName(source), sourceUrl(source), `${sourceName(source)}: could not be stored (${describe(error)})`, 'store');
      });
      const tracked: Promise<void> = settled.finally(() => inFlight.delete(tracked));
      inFlight.set(tracked, task);
      if (inFlight.size >= maxInFlight && (await Promise.race([Promise.race(inFlight.keys()), stopped])) === STOP) {
        interrupted = true;
        break;
      }
    }
    if (interrupted) {
      // The reader may be waiting on a file or the network: it is told to stop, not waited for.
      sources.return(undefined).catch(() => undefined);
      if (unwritable === null) await settleWithin([...inFlight.keys()], options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS);
      givenUp = true;
      abandoned = [...inFlight.values()].filter((task) => !task.recorded).length;
      givingUp.abort();
    } else {
      await Promise.all(inFlight.keys());
    }
    if (unwritable === null) {
      try {
        await writer.flush();
      } catch (error) {
        if (!(error instanceof CorpusStoreError)) throw error;
        unwritable = error;
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
  const summary: IngestSummary = { ...progress(true), interrupted: interrupted || unwritable !== null, abandoned };
  options.onProgress?.(summary);
  if (unwritable !== null) throw new IngestStoreError(unwritable, summary);
  return summary;
}

/** Waits until every promise has settled or `ms` have passed, whichever comes first. */
async function settleWithin(promises: readonly Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([Promise.allSettled(promises), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every source of the run, in order: command-line inputs and the manifest, then URL lists. */
async function* allSources(inputs: readonly string[], options: IngestOptions): AsyncGenerator<InputSource | InputError> {
  yield* expandInputs(inputs, { manifest: options.manifest ?? null, allowOutsidePaths: options.allowOutsidePaths });
  for (const list of options.urlLists ?? []) yield* readUrlList(list);
  if (options.sources) yield* options.sources;
}

/**
 * How many inputs the run will see, when that is cheap to know: URL lists and
 * manifests are counted by lines, folders by a walk. WARC files hold an
 * unknown number of records, so a run with one has no total.
 */
async function countInputs(inputs: readonly string[], options: IngestOptions): Promise<number | null> {
  if (options.sources && options.sourceCount === undefined) return null;
  let count = options.sourceCount ?? 0;
  for await (const source of allSources(inputs, { ...options, sources: undefined })) {
    if (!(source instanceof InputError) && source.kind === 'page') return null;
    count++;
  }
  return count;
}

async function load(
  store: CorpusStore,
  source: InputSource,
  fetcher: PageFetcher | undefined,
  signal: AbortSignal,
  readTimeoutMs: number,
): Promise<PreparedPage | 'stored'> {
  let page: PageInput;
  let origin: CaptureOrigin;
  switch (source.kind) {
    case 'file':
      // Files are read on this thread: a named pipe that never ends must fail its page, not stall the run.
      page = await readFileInput(source.path, { input: source.input, url: source.url, published: source.published, pipeTimeoutMs: readTimeoutMs });
      if (source.format) page.format = source.format;
      origin = 'file';
      break;
    case 'url': {
      // A URL already stored is not fetched again: raw captures are kept, so reprocess never needs the network.
      const known = canonicalUrl(source.url);
      if (known !== null && (await store.findStored({ canonicalUrl: known, contentHash: null }))) return 'stored';
      if (!fetcher) throw new InputError(source.input, 'URL inputs need a fetcher');
      page = await fetcher.fetch(source.url, { input: source.input, published: source.published, signal });
      if (source.format) page.format = source.format;
      origin = 'url';
      break;
    }
    case 'page':
      page = source.page;
      origin = /\.warc(\.gz)?#/i.test(page.input) ? 'warc' : 'stdin';
      break;
  }
  return {
    page,
    origin,
    canonicalUrl: canonicalUrl(page.url ?? null),
    contentHash: createHash('sha256').update(page.bytes).digest('hex'),
  };
}

function sourceUrl(source: InputSource): string | null {
  return source.kind === 'page' ? (source.page.url ?? null) : (source.url ?? null);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type WriteOutcome = { kind: 'article'; created: boolean; grouped: boolean } | { kind: 'failure' };

/**
 * Collects finished pages and failures and commits them in batches: one
 * transaction per batch keeps writing cheap, and a batch is never older than
 * the flush interval, so an interrupted run has little to redo.
 */
class BatchWriter {
  private articles: NewArticle[] = [];
  private failures: NewFailure[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: CorpusStore,
    private readonly batchSize: number,
    private readonly flushIntervalMs: number,
    private readonly onWritten: (outcome: WriteOutcome) => void,
    /** Told when the store cannot be written at all; every later flush fails the same way. */
    private readonly onUnwritable: (error: CorpusStoreError) => void,
  ) {}

  async addArticle(article: NewArticle): Promise<void> {
    this.articles.push(article);
    if (this.articles.length >= this.batchSize) await this.flush();
    else this.schedule();
  }

  addFailure(failure: NewFailure): void {
    this.failures.push(failure);
    this.schedule();
  }

  /** Commits everything collected so far; resolves when it is in the store. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const articles = this.articles.splice(0);
    const failures = this.failures.splice(0);
    // Writes are chained so that batches reach the store in order, one at a time.
    this.writing = this.writing.then(async () => {
      if (articles.length > 0) {
        try {
          const outcomes = await this.store.putArticles(articles);
          for (const outcome of outcomes) {
            this.onWritten({ kind: 'article', created: outcome.created, grouped: outcome.created && outcome.duplicateGroup !== null });
          }
        } catch (error) {
          // No page is to blame when the store itself cannot be written: the run stops instead.
          if (error instanceof CorpusStoreError) throw error;
          // The batch was rolled back as a whole; each of its pages is recorded as failed so a re-run retries it.
          const problem = error instanceof Error ? error.message : String(error);
          for (const article of articles) {
            failures.push({
              input: article.input,
              url: article.url,
              reason: `${article.input}: could not be stored (${problem})`,
              stage: 'store',
              analyserVersion: article.result.extractor.version,
            });
          }
        }
      }
      if (failures.length > 0) {
        await this.store.putFailures(failures);
        for (let i = 0; i < failures.length; i++) this.onWritten({ kind: 'failure' });
      }
    });
    this.writing.catch((error: unknown) => {
      if (error instanceof CorpusStoreError) this.onUnwritable(error);
    });
    return this.writing;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => undefined);
    }, this.flushIntervalMs);
  }
}
