/**
 * The bound a page must stay within at full depth: 5 s and 512 MB of heap for
 * a page under 2 MB, scaling linearly with size above that (a 6 MB page gets
 * 15 s and 1,536 MB). The size is what the analysis reads: the bytes after
 * gunzipping (capped at the 20 MB input limit), for a WARC file all of it.
 */
import { constants, gunzipSync } from 'node:zlib';
import { MAX_INPUT_BYTES } from '../../src/ingest/limits.js';

export const BOUND_UNIT_BYTES = 2 * 1024 * 1024;
export const BOUND_UNIT_MS = 5000;
export const BOUND_UNIT_HEAP_MB = 512;

export interface Bound {
  /** The size the bound is computed from. */
  bytes: number;
  ms: number;
  heapMb: number;
  /**
   * The worker's heap limit: the bound rounded up to one of a few classes, so
   * that inputs of different sizes share workers (each new worker loads the
   * models again). A heap between the bound and the limit is found by measuring.
   */
  heapLimitMb: number;
}

/** Heap limits of the worker classes, in MB: pages under 2 MB, under 8 MB, and up to the 20 MB input limit. */
const HEAP_LIMIT_CLASSES = [BOUND_UNIT_HEAP_MB, 4 * BOUND_UNIT_HEAP_MB, 10 * BOUND_UNIT_HEAP_MB];

export function boundFor(bytes: number): Bound {
  const factor = Math.max(1, bytes / BOUND_UNIT_BYTES);
  const heapMb = Math.round(BOUND_UNIT_HEAP_MB * factor);
  const heapLimitMb = HEAP_LIMIT_CLASSES.find((limit) => limit >= heapMb) ?? heapMb;
  return { bytes, ms: Math.round(BOUND_UNIT_MS * factor), heapMb, heapLimitMb };
}

/** The size an input is read at: gunzipped when it is gzip (as far as it goes), within the input limit. */
export function analysedSize(bytes: Buffer): number {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.length;
  try {
    // A sync flush gives what a damaged or truncated stream holds before the damage.
    return Math.max(bytes.length, gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: MAX_INPUT_BYTES }).length);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return MAX_INPUT_BYTES;
    return bytes.length;
  }
}

/** How the bound is stated in reports and docs. */
export const BOUND_RULE = `${BOUND_UNIT_MS / 1000} s (of the analysing thread's CPU time) and ${BOUND_UNIT_HEAP_MB} MB of heap at full depth for an input under ${BOUND_UNIT_BYTES / 1024 / 1024} MB; above that both scale linearly with size (bound = unit × size / 2 MB), the size being the bytes read after gunzipping (at most 20 MB)`;
