import { constants, gunzipSync } from 'node:zlib';
import { describeBytes } from './limits.js';

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export interface GunzipResult {
  bytes: Uint8Array;
  /** True when the output was cut at the size limit or the compressed input was itself only a prefix. */
  truncated: boolean;
  warnings: string[];
}

/** Why a gzip stream could not be read, in words fit for an InputError. */
export class GzipProblem extends Error {
  override name = 'GzipProblem';
}

/**
 * Decompresses a gzip stream without letting it expand past `maxBytes`
 * (a small gzip bomb would otherwise fill memory).
 *
 * `inputIsPrefix` says the compressed bytes were themselves cut at a size
 * limit: then a missing end of stream is expected and the readable part is
 * kept, instead of being reported as a truncated file.
 */
export function gunzipLimited(compressed: Uint8Array, maxBytes: number, inputIsPrefix = false): GunzipResult {
  try {
    return { bytes: gunzipSync(compressed, { maxOutputLength: maxBytes }), truncated: false, warnings: [] };
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ERR_BUFFER_TOO_LARGE') return gunzipPrefixWithin(compressed, maxBytes);
    if (code === 'Z_BUF_ERROR') {
      if (!inputIsPrefix) throw new GzipProblem('truncated gzip stream');
      const partial = gunzipPartial(compressed, maxBytes);
      if (partial === null) throw new GzipProblem('truncated gzip stream');
      return { bytes: partial, truncated: true, warnings: [] };
    }
    if (code === 'Z_DATA_ERROR') throw new GzipProblem(`corrupt gzip stream (${errorMessage(error)})`);
    throw new GzipProblem(`unreadable gzip stream (${errorMessage(error)})`);
  }
}

/**
 * The stream expands past the limit: find, by bisection over the compressed
 * length, the longest prefix whose output still fits, and keep that output.
 * Each step decompresses at most `maxBytes`, and there are few steps.
 */
function gunzipPrefixWithin(compressed: Uint8Array, maxBytes: number): GunzipResult {
  let fits = 0;
  let best: Uint8Array = new Uint8Array(0);
  let tooBig = compressed.length;
  for (let step = 0; step < 16 && tooBig - fits > 1024; step++) {
    const middle = Math.floor((fits + tooBig) / 2);
    const output = gunzipPartial(compressed.subarray(0, middle), maxBytes);
    if (output === null) tooBig = middle;
    else {
      fits = middle;
      best = output;
    }
  }
  return {
    bytes: best,
    truncated: true,
    warnings: [`gzip stream expands past ${describeBytes(maxBytes)}; only the first ${describeBytes(best.length)} were read`],
  };
}

/** Decompresses what a (possibly cut) stream holds; null when it would exceed the limit or is unreadable. */
function gunzipPartial(compressed: Uint8Array, maxBytes: number): Uint8Array | null {
  try {
    return gunzipSync(compressed, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: maxBytes });
  } catch {
    return null;
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
