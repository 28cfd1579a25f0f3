/**
 * Runs the full analysis of pages posted to the API in worker threads,
 * bounded in time, memory and concurrency: the server stays responsive while
 * a page is analysed, and a page that runs too long or too big fails alone.
 */
import type { InputFormat } from '../ingest/input.js';
import type { AnalysisResult } from '../model/result.js';
import { WorkerPool } from '../ingest/worker-pool.js';
import { ApiError } from './errors.js';

/** A page to analyse: raw bytes to decode (charset sniffing and all), or text already decoded. */
export type AnalyzeTask =
  | { kind: 'bytes'; input: string; bytes: Uint8Array; contentType: string | null; format: InputFormat; url: string | null; published: string | null }
  | { kind: 'text'; input: string; content: string; format: InputFormat; url: string | null; published: string | null };

export type AnalyzeTaskReply = { ok: true; result: AnalysisResult } | { ok: false; notAPage: boolean; problem: string };

export interface PageAnalyzerOptions {
  /** Pages analysed at once (default 1: the API shares the machine with the database). */
  concurrency?: number;
  /** Requests that may wait for a worker beyond those running; more get 503 (default 8). */
  maxQueued?: number;
  /** Time limit per page in milliseconds, from when a worker starts on it (default 30 000). */
  timeoutMs?: number;
  /** Heap limit per worker in megabytes (default 1024). */
  maxMemoryMb?: number;
  /** Workers are stopped after this long without work, so an idle server holds no models in memory (default 60 000). */
  idleMs?: number;
}

export const DEFAULT_ANALYZE_TIMEOUT_MS = 30_000;

export class PageAnalyzer {
  private pool: WorkerPool<AnalyzeTask, AnalyzeTaskReply> | null = null;
  private active = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly timeoutMs: number;
  private readonly maxMemoryMb: number;
  private readonly idleMs: number;

  constructor(options: PageAnalyzerOptions = {}) {
    this.concurrency = options.concurrency ?? 1;
    this.maxQueued = options.maxQueued ?? 8;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_ANALYZE_TIMEOUT_MS;
    this.maxMemoryMb = options.maxMemoryMb ?? 1024;
    this.idleMs = options.idleMs ?? 60_000;
  }

  /** Analyses one page; throws ApiError 503 when too many wait, 504 past the time limit, 422 for input that is not a page. */
  async analyze(task: AnalyzeTask): Promise<AnalysisResult> {
    if (this.closed) throw new ApiError(503, 'busy', 'the server is shutting down');
    if (this.active >= this.concurrency + this.maxQueued) {
      throw new ApiError(503, 'busy', `${this.active} pages are being analysed or waiting; try again shortly`);
    }
    this.active++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    try {
      const outcome = await this.workers().run(task);
      if (!outcome.ok) {
        if (outcome.error.startsWith('timed out')) {
          throw new ApiError(504, 'analysis_timeout', `the page took longer than the ${this.timeoutMs} ms limit to analyse; nothing was returned`);
        }
        if (outcome.error.startsWith('ran out of memory')) {
          throw new ApiError(503, 'analysis_failed', `the analysis ${outcome.error}`);
        }
        throw new Error(`analysis worker failed: ${outcome.error}`);
      }
      const reply = outcome.value;
      if (!reply.ok) {
        if (reply.notAPage) throw new ApiError(422, 'not_a_page', `the body cannot be read as a page: ${reply.problem}`);
        throw new Error(`analysis failed: ${reply.problem}`);
      }
      return reply.result;
    } finally {
      this.active--;
      this.scheduleIdleStop();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }

  private workers(): WorkerPool<AnalyzeTask, AnalyzeTaskReply> {
    this.pool ??= new WorkerPool<AnalyzeTask, AnalyzeTaskReply>({
      workerUrl: new URL('./analyze-worker.js', import.meta.url),
      size: this.concurrency,
      timeoutMs: this.timeoutMs,
      resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb },
    });
    return this.pool;
  }

  private scheduleIdleStop(): void {
    if (this.active > 0 || this.closed || this.pool === null) return;
    this.idleTimer = setTimeout(() => {
      const pool = this.pool;
      this.pool = null;
      this.idleTimer = null;
      void pool?.close();
    }, this.idleMs);
    // An idle timer alone must not keep the process alive.
    this.idleTimer.unref();
  }
}
