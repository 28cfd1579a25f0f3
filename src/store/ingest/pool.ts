import { availableParallelism } from 'node:os';
import type { AnalysisDepth } from '../../analyze.js';
import type { PageInput } from '../../ingest/input.js';
import { WorkerPool } from '../../ingest/worker-pool.js';
import type { IngestWorkerReply, IngestWorkerSettings } from './worker.js';

/** Per-page time limit of corpus runs, in ms. */
export const DEFAULT_PAGE_TIMEOUT_MS = 30_000;

/**
 * Heap limit per worker for corpus runs, in MB: lower than `analyze`'s,
 * because a corpus run lasts hours and a worker's heap, once grown, is not
 * given back.
 */
export const DEFAULT_MAX_MEMORY_MB = 512;

export interface AnalysisPoolOptions {
  /** Worker threads (default: number of cores). */
  jobs?: number;
  timeoutMs?: number;
  maxMemoryMb?: number;
  depth?: AnalysisDepth;
}

/** The worker threads that analyse pages for ingest and reprocess, with the corpus runs' limits. */
export function createAnalysisPool(options: AnalysisPoolOptions): { pool: WorkerPool<PageInput, IngestWorkerReply>; jobs: number } {
  const jobs = options.jobs ?? availableParallelism();
  const settings: IngestWorkerSettings = { depth: options.depth ?? 'full' };
  const pool = new WorkerPool<PageInput, IngestWorkerReply>({
    workerUrl: new URL('./worker.js', import.meta.url),
    size: jobs,
    timeoutMs: options.timeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS,
    resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB },
    workerData: settings,
  });
  return { pool, jobs };
}
