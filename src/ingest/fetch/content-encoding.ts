import { Readable, pipeline } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw, type Gunzip } from 'node:zlib';
import { describeBytes } from '../limits.js';

/**
 * Decoding of an HTTP body's Content-Encoding (gzip, deflate, br), for
 * fetched pages and for WARC records alike. Everything streams and is capped
 * twice: the encoded bytes read, and the decoded bytes kept, so neither a
 * huge download nor a small "decompression bomb" can fill memory.
 */

/** Why a body could not be decoded; the message is fit for an InputError. */
export class ContentEncodingProblem extends Error {
  override name = 'ContentEncodingProblem';
}

export interface DecodeLimits {
  /** Decoded bytes kept; the rest is dropped and the body marked cut. */
  maxBytes: number;
  /** Encoded bytes read; past this the body is cut. Defaults to maxBytes. */
  maxEncodedBytes?: number;
  /** The encoded bytes are themselves only a prefix (cut earlier): a missing end is expected. */
  inputIsPrefix?: boolean;
}

export interface DecodedBody {
  bytes: Uint8Array;
  /** True when the body was cut at a limit (or the encoded input was only a prefix). */
  truncated: boolean;
  warnings: string[];
}

/** The codings named by a Content-Encoding header, in the order they were applied; identity dropped. */
export function parseContentEncoding(header: string | readonly string[] | null | undefined): string[] {
  if (header === null || header === undefined) return [];
  const text = typeof header === 'string' ? header : header.join(',');
  return text
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

const SUPPORTED = new Set(['gzip', 'x-gzip', 'deflate', 'br']);

/** Stops the collecting stage once enough decoded bytes are kept; not an error. */
class Enough extends Error {}

/**
 * Reads a body, undoing its content codings, within the limits. Throws
 * ContentEncodingProblem for an unknown coding or corrupt compressed data;
 * any other error from the source (a reset connection) passes through.
 */
export async function decodeBody(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Readable,
  codings: readonly string[],
  limits: DecodeLimits,
): Promise<DecodedBody> {
  for (const coding of codings) {
    if (!SUPPORTED.has(coding)) throw new ContentEncodingProblem(`unsupported Content-Encoding "${coding}"`);
  }
  const maxEncoded = limits.maxEncodedBytes ?? limits.maxBytes;
  const warnings: string[] = [];
  let encodedCut = false;
  let decodedCut = false;
  let encodedTotal = 0;

  async function* capEncoded(input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of input) {
      const room = maxEncoded - encodedTotal;
      if (chunk.length > room) {
        if (room > 0) yield chunk.subarray(0, room);
        encodedTotal = maxEncoded;
        encodedCut = true;
        return; // leaving the loop destroys the source: the rest is never downloaded
      }
      encodedTotal += chunk.length;
      yield chunk;
    }
  }

  const chunks: Uint8Array[] = [];
  let kept = 0;
  const collect = async (input: AsyncIterable<Uint8Array>): Promise<void> => {
    for await (const chunk of input) {
      const room = limits.maxBytes - kept;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        kept = limits.maxBytes;
        decodedCut = true;
        throw new Enough();
      }
      chunks.push(chunk);
      kept += chunk.length;
    }
  };

  // Codings are undone in the reverse of the order they were applied. Each stage pulls from the one before,
  // so stopping early (enough kept) stops the decoders and the source, which closes the connection.
  let stream: AsyncIterable<Uint8Array> = capEncoded(source);
  for (const coding of [...codings].reverse()) stream = decodeStage(coding, limits.inputIsPrefix === true)(stream);
  try {
    await collect(stream);
  } catch (error) {
    if (!(error instanceof Enough) && !(isPrematureClose(error) && (encodedCut || decodedCut))) {
      if (error instanceof ContentEncodingProblem) throw error;
      if (isZlibError(error)) throw new ContentEncodingProblem(`corrupt ${codings.join(', ')} body (${(error as Error).message})`);
      throw error;
    }
  }
  if (decodedCut) {
    warnings.push(
      codings.length > 0 ? `body expands past ${describeBytes(limits.maxBytes)}; only the first ${describeBytes(limits.maxBytes)} were kept` : `page cut to its first ${describeBytes(limits.maxBytes)}`,
    );
  } else if (encodedCut) {
    warnings.push(`page cut to its first ${describeBytes(maxEncoded)}${codings.length > 0 ? ' (compressed)' : ''}`);
  }
  return { bytes: Buffer.concat(chunks, kept), truncated: decodedCut || encodedCut || limits.inputIsPrefix === true, warnings };
}

/** One coding undone as a pipeline stage; "deflate" is read with or without its zlib wrapper, as servers send both. */
function decodeStage(coding: string, inputIsPrefix: boolean): (input: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array> {
  return async function* (input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    const iterator = input[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done) return;
    const decoder = makeDecoder(coding, first.value, inputIsPrefix);
    async function* rest(): AsyncGenerator<Uint8Array> {
      yield first.value;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    }
    const output = pipeline(Readable.from(rest(), { objectMode: false }), decoder, () => undefined);
    try {
      for await (const chunk of output as AsyncIterable<Uint8Array>) yield chunk;
    } finally {
      output.destroy();
    }
  };
}

function makeDecoder(coding: string, firstChunk: Uint8Array, inputIsPrefix: boolean): Gunzip | ReturnType<typeof createBrotliDecompress> {
  // A cut input has no proper end: flush what it holds rather than fail on the missing end.
  const zlibOptions = inputIsPrefix ? { finishFlush: constants.Z_SYNC_FLUSH } : {};
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip(zlibOptions);
    case 'deflate':
      return looksLikeZlibHeader(firstChunk) ? createInflate(zlibOptions) : createInflateRaw(zlibOptions);
    default:
      return createBrotliDecompress(inputIsPrefix ? { finishFlush: constants.BROTLI_OPERATION_FLUSH } : {});
  }
}

function looksLikeZlibHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && (bytes[0] & 0x0f) === 8 && (bytes[0] >> 4) <= 7 && ((bytes[0] << 8) | bytes[1]) % 31 === 0;
}

function isPrematureClose(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE';
}

function isZlibError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error ? String((error as { code: unknown }).code) : '';
  return code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code.startsWith('ERR__ERROR_FORMAT');
}
