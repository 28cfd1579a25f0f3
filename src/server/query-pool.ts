/**
 * A read-only corpus store whose questions run in worker threads, each with
 * its own read-only connection to the corpus.
 *
 * The SQLite store answers synchronously: in the server's own thread, one slow
 * full-text search would hold every other request (and the HTTP parsing of
 * new ones) until it finished. Here questions run beside the event loop, on
 * several cores at once (SQLite lets readers share a file), and each is
 * bounded in time: a question that runs past the limit has its worker
 * replaced and answers 504, and the server goes on.
 */
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../ingest/worker-pool.js';
import type { CorpusStore } from '../store/types.js';
import { ApiError } from './errors.js';

/** The store's questions: what the pool forwards. Everything else (writes) is refused. */
export const READ_METHODS = [
  'findStored',
  'getArticle',
  'failures',
  'stats',
  'searchArticles',
  'quotesBySpeaker',
  'quotesAbout',
  'topSpeakers',
  'entityRoles',
  'misdated',
  'duplicateGroups',
  'timeline',
] as const satisfies ReadonlyArray<keyof CorpusStore>;

export type ReadMethod = (typeof READ_METHODS)[number];

/** One question for a worker: a store method and its arguments. */
export interface QueryTask {
  method: ReadMethod;
  args: unknown[];
}

export interface QueryWorkerSettings {
  location: string;
}

export interface QueryPoolOptions {
  /** Worker threads, each with its own connection (default: the number of cores, at most 4). */
  workers?: number;
  /** Time limit per question in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Heap limit per worker in megabytes (default 512). */
  maxMemoryMb?: number;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;

/**
 * Opens the corpus at `location` for reading through a pool of worker
 * threads. The first question checks that the file opens as a corpus; call
 * `stats()` once to surface a bad file before serving.
 */
export function openQueryPool(location: string, options: QueryPoolOptions = {}): CorpusStore {
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const pool = new WorkerPool<QueryTask, unknown>({
    workerUrl: new URL('./query-worker.js', import.meta.url),
    size: options.workers ?? Math.min(4, availableParallelism()),
    timeoutMs,
    resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 512 },
    workerData: { location } satisfies QueryWorkerSettings,
  });
  const ask = async (method: ReadMethod, args: unknown[]): Promise<never> => {
    const outcome = await pool.run({ method, args });
    if (outcome.ok) return outcome.value as never;
    if (outcome.error.startsWith('timed out')) {
      throw new ApiError(504, 'query_timeout', `the corpus took longer than the ${timeoutMs} ms limit to answer; narrow the question (fewer or rarer terms, a date range, an outlet)`);
    }
    throw new Error(`${location}: ${method} failed in its worker: ${outcome.error}`);
  };
  const refuse = (): Promise<never> => Promise.reject(new Error(`${location}: opened for reading only; the server does not write to the corpus`));
  const store: CorpusStore = {
    location,
    findStored: (...args) => ask('findStored', args),
    getArticle: (...args) => ask('getArticle', args),
    failures: (...args) => ask('failures', args),
    stats: (...args) => ask('stats', args),
    searchArticles: (...args) => ask('searchArticles', args),
    quotesBySpeaker: (...args) => ask('quotesBySpeaker', args),
    quotesAbout: (...args) => ask('quotesAbout', args),
    topSpeakers: (...args) => ask('topSpeakers', args),
    entityRoles: (...args) => ask('entityRoles', args),
    misdated: (...args) => ask('misdated', args),
    duplicateGroups: (...args) => ask('duplicateGroups', args),
    timeline: (...args) => ask('timeline', args),
    putArticles: refuse,
    replaceAnalysis: refuse,
    putFailures: refuse,
    staleCaptures: refuse,
    close: () => pool.close(),
  };
  return store;
}
