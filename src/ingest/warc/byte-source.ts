import type { FileHandle } from 'node:fs/promises';
import { constants, createInflateRaw, inflateRawSync, type InflateRaw } from 'node:zlib';

/**
 * The bytes of a WARC file as a stream of decompressed pieces, each tagged
 * with where it starts in the file, so that records can be named by offset.
 *
 * A .warc.gz is a series of gzip members, normally one per record (that is
 * what makes random access by offset possible). Each member is inflated on
 * its own so its offset is known; a member that is corrupt is reported and
 * reading resumes at the next gzip header. Memory stays bounded: the file is
 * read through a window, and a member too large for it is inflated as a
 * stream.
 */

/** A decompressed piece. `memberOffset`: file offset of its gzip member (of the piece itself, for plain files). */
export interface SourcePiece {
  kind: 'data';
  data: Buffer;
  memberOffset: number;
  /** True on the first piece of a member (always true for a plain file's pieces). */
  memberStart: boolean;
}

/** Something wrong at `fileOffset`. `fatal`: nothing more can be read; otherwise reading resumes at `resumeOffset`. */
export interface SourceProblem {
  kind: 'problem';
  problem: string;
  fileOffset: number;
  fatal: boolean;
}

export type SourceItem = SourcePiece | SourceProblem;

const READ_SIZE = 1 << 20;
/** A compressed member larger than this is inflated as a stream instead of in one go. */
const MAX_WINDOW_BYTES = 32 << 20;
/** A member whose output is larger than this is streamed too (the record reader keeps only what it needs). */
const MAX_MEMBER_OUTPUT = 24 << 20;
const STREAM_PIECE = 64 << 10;

/** Reads a file window by window. */
class FileWindow {
  /** Bytes held, starting at file offset `start`. */
  bytes: Buffer = Buffer.alloc(0);
  start = 0;
  private endOfFile = false;

  constructor(private readonly handle: FileHandle) {}

  get atEnd(): boolean {
    return this.endOfFile;
  }

  /** Drops bytes before file offset `offset`. */
  discardBefore(offset: number): void {
    const skip = offset - this.start;
    if (skip <= 0) return;
    this.bytes = skip >= this.bytes.length ? Buffer.alloc(0) : this.bytes.subarray(skip);
    this.start = offset;
  }

  /** Reads more bytes onto the end; false at end of file. */
  async more(size = READ_SIZE): Promise<boolean> {
    if (this.endOfFile) return false;
    const chunk = Buffer.allocUnsafe(size);
    const { bytesRead } = await this.handle.read(chunk, 0, size, this.start + this.bytes.length);
    if (bytesRead === 0) {
      this.endOfFile = true;
      return false;
    }
    this.bytes = this.bytes.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([this.bytes, chunk.subarray(0, bytesRead)]);
    return true;
  }

  /** Makes sure bytes up to file offset `end` are held, reading as needed; false when the file ends first. */
  async holdUpTo(end: number): Promise<boolean> {
    while (this.start + this.bytes.length < end) {
      if (!(await this.more(Math.max(READ_SIZE, end - this.start - this.bytes.length)))) return false;
    }
    return true;
  }
}

/** The pieces of a plain (uncompressed) WARC file. */
export async function* plainPieces(handle: FileHandle): AsyncGenerator<SourceItem> {
  let position = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(READ_SIZE);
    const { bytesRead } = await handle.read(chunk, 0, READ_SIZE, position);
    if (bytesRead === 0) return;
    yield { kind: 'data', data: chunk.subarray(0, bytesRead), memberOffset: position, memberStart: true };
    position += bytesRead;
  }
}

/** Length of the gzip header at `at`; 0 when more bytes are needed; -1 when it is not a gzip header. */
function gzipHeaderLength(bytes: Buffer, at: number): number {
  const available = bytes.length - at;
  if (available < 10) return available >= 3 && !looksLikeGzipStart(bytes, at) ? -1 : 0;
  if (!looksLikeGzipStart(bytes, at)) return -1;
  const flags = bytes[at + 3];
  if (flags & 0xe0) return -1;
  let length = 10;
  if (flags & 0x04) {
    if (available < length + 2) return 0;
    length += 2 + bytes.readUInt16LE(at + length);
  }
  for (const flag of [0x08, 0x10]) {
    if (flags & flag) {
      const zero = bytes.indexOf(0, at + length);
      if (zero < 0) return 0;
      length = zero - at + 1;
    }
  }
  if (flags & 0x02) length += 2;
  return available < length ? 0 : length;
}

function looksLikeGzipStart(bytes: Buffer, at: number): boolean {
  return bytes[at] === 0x1f && bytes[at + 1] === 0x8b && bytes[at + 2] === 0x08;
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** The pieces of a gzipped WARC file, member by member. */
export async function* gzipPieces(handle: FileHandle): AsyncGenerator<SourceItem> {
  const window = new FileWindow(handle);
  let offset = 0;
  for (;;) {
    window.discardBefore(offset);
    if (window.bytes.length < 64 && !window.atEnd) await window.more();
    if (window.bytes.length === 0) return;
    let headerLength = gzipHeaderLength(window.bytes, 0);
    while (headerLength === 0 && (await window.more())) headerLength = gzipHeaderLength(window.bytes, 0);
    if (headerLength <= 0) {
      if (offset === 0) {
        yield { kind: 'problem', problem: 'not a gzip file', fileOffset: 0, fatal: true };
        return;
      }
      // Bytes between members that are not a member: padding or damage. Zero padding at the very end is harmless.
      const next = await findNextMember(window, offset + 1);
      if (next === null && window.bytes.every((byte) => byte === 0)) return;
      if (next === null) {
        yield { kind: 'problem', problem: 'unreadable bytes where a gzip member should start, up to the end of the file', fileOffset: offset, fatal: true };
        return;
      }
      yield { kind: 'problem', problem: `unreadable bytes where a gzip member should start; skipped to byte ${next}`, fileOffset: offset, fatal: false };
      offset = next;
      continue;
    }
    const inflated = inflateHeld(window.bytes.subarray(headerLength));
    if (inflated.kind === 'done') {
      const memberEnd = offset + headerLength + inflated.consumed + 8;
      if (!(await window.holdUpTo(memberEnd))) {
        yield { kind: 'data', data: inflated.output, memberOffset: offset, memberStart: true };
        yield { kind: 'problem', problem: 'file ends inside a gzip member (its trailer is missing)', fileOffset: offset, fatal: true };
        return;
      }
      yield { kind: 'data', data: inflated.output, memberOffset: offset, memberStart: true };
      offset = memberEnd;
      continue;
    }
    if (inflated.kind === 'incomplete' && window.bytes.length < MAX_WINDOW_BYTES && !window.atEnd) {
      // The member runs past the window: read on and inflate it again whole.
      await window.more(Math.max(READ_SIZE, window.bytes.length));
      continue;
    }
    if (inflated.kind === 'incomplete' && window.atEnd) {
      yield { kind: 'problem', problem: 'file ends inside a gzip member (the file is truncated)', fileOffset: offset, fatal: true };
      return;
    }
    if (inflated.kind === 'corrupt') {
      const next = await findNextMember(window, offset + 1);
      yield {
        kind: 'problem',
        problem: `corrupt gzip member (${inflated.message})${next === null ? '' : `; skipped to byte ${next}`}`,
        fileOffset: offset,
        fatal: next === null,
      };
      if (next === null) return;
      offset = next;
      continue;
    }
    // Too large to inflate in one go: stream it.
    const memberOffset = offset;
    let first = true;
    let ended: { consumed: number } | { problem: string } | null = null;
    for await (const item of streamMember(handle, offset + headerLength)) {
      if ('data' in item) {
        yield { kind: 'data', data: item.data, memberOffset, memberStart: first };
        first = false;
      } else ended = item;
    }
    if (ended === null || 'problem' in ended) {
      yield { kind: 'problem', problem: ended === null ? 'gzip member could not be read' : ended.problem, fileOffset: memberOffset, fatal: true };
      return;
    }
    offset = offset + headerLength + ended.consumed + 8;
  }
}

type HeldInflate = { kind: 'done'; output: Buffer; consumed: number } | { kind: 'incomplete' } | { kind: 'too-large' } | { kind: 'corrupt'; message: string };

/** Inflates one member's deflate data held in memory; says how many compressed bytes it used. */
function inflateHeld(deflated: Buffer): HeldInflate {
  try {
    const { buffer, engine } = inflateRawSync(deflated, { info: true, maxOutputLength: MAX_MEMBER_OUTPUT }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    return { kind: 'done', output: buffer, consumed: engine.bytesWritten };
  } catch (error) {
    const code = errorCode(error);
    if (code === 'Z_BUF_ERROR') return { kind: 'incomplete' };
    if (code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'too-large' };
    return { kind: 'corrupt', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The offset of the next plausible gzip member at or after `from`, reading on
 * through the file as needed (a gzip header whose first bytes inflate).
 */
async function findNextMember(window: FileWindow, from: number): Promise<number | null> {
  let position = from;
  for (;;) {
    window.discardBefore(position);
    const index = window.bytes.indexOf(0x1f, Math.max(0, position - window.start));
    if (index < 0) {
      position = window.start + window.bytes.length;
      if (!(await window.more())) return null;
      continue;
    }
    // Enough bytes after the candidate to judge it, unless the file ends first.
    if (window.bytes.length - index < PROBE_BYTES + 64 && !window.atEnd) {
      await window.more();
      continue;
    }
    const candidate = window.start + index;
    const header = gzipHeaderLength(window.bytes, index);
    if (header > 0 && plausibleDeflateStart(window.bytes.subarray(index + header))) return candidate;
    position = candidate + 1;
  }
}

const PROBE_BYTES = 4096;

/** True when the bytes start a deflate stream that inflates without error (as far as they go). */
function plausibleDeflateStart(bytes: Buffer): boolean {
  try {
    inflateRawSync(bytes.subarray(0, PROBE_BYTES), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 20 });
    return true;
  } catch (error) {
    return errorCode(error) === 'ERR_BUFFER_TOO_LARGE';
  }
}

/**
 * Inflates a member as a stream from `dataOffset`, yielding output pieces as
 * the caller asks for them (so output never piles up), then how many
 * compressed bytes the member used. A raw inflater stops taking input at the
 * end of its deflate stream: that is how the member's end is found.
 */
async function* streamMember(handle: FileHandle, dataOffset: number): AsyncGenerator<{ data: Buffer } | { consumed: number } | { problem: string }> {
  const inflater: InflateRaw = createInflateRaw({ chunkSize: STREAM_PIECE });
  let truncated = false;
  let stop = false;
  const feeding = (async (): Promise<void> => {
    let position = dataOffset;
    let fed = 0;
    while (!stop) {
      const piece = Buffer.allocUnsafe(STREAM_PIECE);
      const { bytesRead } = await handle.read(piece, 0, STREAM_PIECE, position);
      if (bytesRead === 0) {
        truncated = true;
        inflater.end();
        return;
      }
      position += bytesRead;
      fed += bytesRead;
      await new Promise<void>((resolve) => inflater.write(piece.subarray(0, bytesRead), () => resolve()));
      // Input left unconsumed: the deflate stream has ended.
      if (inflater.bytesWritten < fed || inflater.destroyed) return;
    }
  })();
  try {
    for await (const data of inflater as AsyncIterable<Buffer>) yield { data };
    yield { consumed: inflater.bytesWritten };
  } catch (error) {
    yield { problem: truncated ? 'file ends inside a gzip member (the file is truncated)' : `corrupt gzip member (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    stop = true;
    inflater.destroy();
    // Not awaited: a write pending on a destroyed inflater may never call back.
    feeding.catch(() => undefined);
  }
}
