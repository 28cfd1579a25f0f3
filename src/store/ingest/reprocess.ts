import { createHash } from 'node:crypto';
import type { AnalysisDepth } from '../../analyze.js';
import type { PageInput } from '../../ingest/input.js';
import { WHOSAID_VERSION } from '../../version.js';
import { canonicalUrl } from '../canonical-url.js';
import type { CorpusStore, NewFailure, StoredCapture } from '../types.js';
import { DEFAULT_STOP_GRACE_MS } from './job.js';
import { createAnalysisPool } from './pool.js';

export interface ReprocessOptions {
  /** Re-analyse every stored page, not only those analysed by another version. */
  all?: boolean;
  jobs?: number;
  timeoutMs?: number;
  maxMemoryMb?: number;
  depth?: AnalysisDepth;
  /** Stored pages read per round (default 64). */
  batchSize?: number;
  onProgress?: (progress: ReprocessProgress) => void;
  /**
   * Stops the run: no further page is started, the pages in progress get
   * `stopGraceMs` to finish (those that do are written), and the rest are
   * abandoned: their stored analysis is kept and the next run redoes them.
   */
  signal?: AbortSignal;
  /** How long pages in progress may still finish once `signal` fires (default DEFAULT_STOP_GRACE_MS). */
  stopGraceMs?: number;
}

export interface ReprocessProgress {
  /** Pages re-analysed and replaced. */
  reprocessed: number;
  /** Pages whose re-analysis failed; their stored analysis is kept. */
  failed: number;
  elapsedMs: number;
  rate: number;
  done: boolean;
}

export interface ReprocessSummary extends ReprocessProgress {
  interrupted: boolean;
  /** Pages in progress when the run was stopped that did not finish in time: their old analysis is kept. */
  abandoned: number;
}

/** A version no analysis carries: asking for captures not made by it returns them all. */
const NO_VERSION = '\u0000';

/**
 * Re-runs the current analyser on stored raw captures, so a corpus catches up
 * with a new version without fetching anything again. Each page's new
 * analysis replaces the old one in one transaction; a failure keeps the old
 * analysis and is recorded. Work goes in id order, so an interrupted run
 * resumes where it stopped (pages already redone carry the new version).
 */
export async function reprocessCorpus(store: CorpusStore, options: ReprocessOptions = {}): Promise<ReprocessSummary> {
  const started = Date.now();
  const { pool } = createAnalysisPool(options);
  const version = options.all ? NO_VERSION : WHOSAID_VERSION;
  const batchSize = options.batchSize ?? 64;
  let reprocessed = 0;
  let failed = 0;
  let afterId = 0;
  let interrupted = false;
  let abandoned = 0;
  // Set once the grace after a stop has run out: results that come in later are not written.
  let givenUp = false;
  const stopped = stopSignalled(options.signal);
  const progress = (done: boolean): ReprocessProgress => {
    const elapsedMs = Date.now() - started;
    return { reprocessed, failed, elapsedMs, rate: elapsedMs > 0 ? ((reprocessed + failed) * 1000) / elapsedMs : 0, done };
  };
  try {
    for (;;) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const captures = await store.staleCaptures(version, afterId, batchSize);
      if (captures.length === 0) break;
      afterId = captures[captures.length - 1]?.articleId ?? afterId;
      const failures: NewFailure[] = [];
      let settled = 0;
      const batch = Promise.all(
        captures.map(async (capture) => {
          const outcome = await pool.run(pageOf(capture));
          if (givenUp) return;
          settled++;
          const problem = !outcome.ok ? `${capture.input}: ${outcome.error}` : 'error' in outcome.value ? outcome.value.error : null;
          if (!outcome.ok || 'error' in outcome.value) {
            failed++;
            failures.push({ input: capture.input, url: capture.url, reason: problem ?? capture.input, stage: 'analyse', analyserVersion: WHOSAID_VERSION });
            return;
          }
          await store.replaceAnalysis(capture.articleId, {
            input: capture.input,
            origin: capture.origin,
            url: capture.url,
            canonicalUrl: canonicalUrl(capture.url),
            contentHash: createHash('sha256').update(capture.raw).digest('hex'),
            raw: capture.raw,
            contentType: capture.contentType,
            capturedAt: capture.capturedAt,
            result: outcome.value.result,
            minhash: outcome.value.minhash,
          });
          reprocessed++;
        }),
      );
      const finished = await Promise.race([
        batch.then(() => true),
        stopped.then(() => delay(options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS)).then(() => false),
      ]);
      if (!finished) {
        // The pages still running are abandoned; closing the pool below fails them, and they are not recorded.
        givenUp = true;
        abandoned = captures.length - settled;
        interrupted = true;
      }
      if (failures.length > 0) await store.putFailures(failures);
      options.onProgress?.(progress(false));
      if (!finished) break;
    }
  } finally {
    givenUp = true;
    await pool.close();
  }
  const summary = { ...progress(true), interrupted, abandoned };
  options.onProgress?.(summary);
  return summary;
}

/** Resolves when `signal` fires; never, without one. */
function stopSignalled(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function pageOf(capture: StoredCapture): PageInput {
  return { input: capture.input, bytes: capture.raw, url: capture.url, contentType: capture.contentType };
}
