import { open } from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { fileProblem } from '../file.js';
import { ContentEncodingProblem, decodeBody, parseContentEncoding } from '../fetch/content-encoding.js';
import { isGzip } from '../gzip.js';
import { InputError, type PageInput, type WarcRecordRef } from '../input.js';
import { MAX_INPUT_BYTES, describeBytes } from '../limits.js';
import { gzipPieces, plainPieces, type SourceItem, type SourceProblem } from './byte-source.js';
import { dechunk, firstHeader, headerBlockEnd, parseHeaderLines, parseHttpResponse } from './http-message.js';

/** Paths read as WARC files. */
export const WARC_FILE_PATTERN = /\.warc(\.gz)?$/i;

export function isWarcPath(path: string): boolean {
  return WARC_FILE_PATTERN.test(path);
}

/** A page read from a WARC record. */
export interface WarcPage extends PageInput {
  url: string;
  capturedAt: string | null;
  warcRecord: WarcRecordRef;
}

/** Counts kept while reading, for progress reports. */
export interface WarcStats {
  records: number;
  pages: number;
  /** Records passed over silently (not a page), by reason. */
  skipped: Record<string, number>;
  errors: number;
}

export function emptyWarcStats(): WarcStats {
  return { records: 0, pages: 0, skipped: {}, errors: 0 };
}

export interface WarcReadOptions {
  /** Bytes of page body kept (after decoding); the rest is dropped and the page marked cut. */
  maxBytes?: number;
  /** Filled in while reading. */
  stats?: WarcStats;
}

/** Page media types; a response without a Content-Type goes on to byte sniffing. */
const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain']);
/** A WARC header block larger than this is damage, not a header. */
const MAX_WARC_HEADER_BYTES = 256 * 1024;
/** Room kept for the HTTP status line and headers on top of the body limit. */
const HTTP_HEADER_ALLOWANCE = 1024 * 1024;

/**
 * Reads the pages of a WARC file (.warc, or .warc.gz with one gzip member per
 * record, as Common Crawl writes them), streaming: memory is bounded by one
 * record, never the file. Yields `response` records with HTTP status 200 and
 * a page media type, and `resource` records of HTML with an http(s) target;
 * other records are counted in `options.stats` and passed over. Each page is
 * named `<path>#<offset>`, the byte offset of its record (its gzip member).
 * A damaged record yields an InputError naming the file and offset; reading
 * goes on at the next record when it can be found, and stops at a truncated end.
 */
export async function* readWarc(path: string, options: WarcReadOptions = {}): AsyncGenerator<WarcPage | InputError> {
  const stats = options.stats ?? emptyWarcStats();
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    stats.errors++;
    yield new InputError(path, fileProblem(error));
    return;
  }
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    if (bytesRead === 0) {
      stats.errors++;
      yield new InputError(path, 'the WARC file is empty');
      return;
    }
    const gzipped = isGzip(head);
    const records = new RecordReader(path, gzipped ? gzipPieces(handle) : plainPieces(handle), gzipped, maxBytes + HTTP_HEADER_ALLOWANCE);
    for await (const record of records.records()) {
      if (record instanceof InputError) {
        stats.errors++;
        yield record;
        continue;
      }
      stats.records++;
      const outcome = await pageOf(record, path, maxBytes);
      if (outcome === null) continue;
      if (typeof outcome === 'string') {
        stats.skipped[outcome] = (stats.skipped[outcome] ?? 0) + 1;
        continue;
      }
      if (outcome instanceof InputError) stats.errors++;
      else stats.pages++;
      yield outcome;
    }
  } finally {
    await handle.close();
  }
}

/** One WARC record as read: its headers, and its block (or the first part of it) when wanted. */
interface WarcRecord {
  input: string;
  offset: number;
  headers: Map<string, string[]>;
  /** The block, or null when the record's type is never a page (it was skipped unread). */
  block: Buffer | null;
  /** The block was longer than what was kept. */
  blockCut: boolean;
}

/** Decides, from its headers alone, whether a record can hold a page (so other blocks are skipped unread). */
function mayHoldPage(headers: Map<string, string[]>): boolean {
  const type = (firstHeader(headers, 'warc-type') ?? '').toLowerCase();
  return type === 'response' || type === 'resource';
}

/** The page a record holds; a reason string when it holds none (counted, not reported); an InputError when it is damaged. */
async function pageOf(record: WarcRecord, path: string, maxBytes: number): Promise<WarcPage | InputError | string | null> {
  const type = (firstHeader(record.headers, 'warc-type') ?? '').toLowerCase();
  if (record.block === null) return `${type || 'untyped'} record`;
  const targetUri = (firstHeader(record.headers, 'warc-target-uri') ?? '').replace(/^<(.*)>$/, '$1');
  if (!/^https?:\/\//i.test(targetUri)) return 'not an http(s) page';
  const warcContentType = firstHeader(record.headers, 'content-type') ?? '';
  const ref: WarcRecordRef = {
    file: path,
    offset: record.offset,
    recordId: firstHeader(record.headers, 'warc-record-id'),
    payloadDigest: firstHeader(record.headers, 'warc-payload-digest'),
  };
  const base = { input: record.input, url: targetUri, capturedAt: isoDate(firstHeader(record.headers, 'warc-date')), warcRecord: ref };

  if (type === 'resource') {
    if (!isPageType(warcContentType, false)) return 'not a page (media type)';
    const cut = record.blockCut || record.block.length > maxBytes;
    return {
      ...base,
      bytes: ownBytes(record.block.subarray(0, maxBytes)),
      contentType: warcContentType || null,
      truncated: cut,
      warnings: cut ? [`page cut to its first ${describeBytes(maxBytes)}`] : [],
    };
  }

  if (!/^application\/http/i.test(warcContentType)) return 'not an HTTP response';
  const message = parseHttpResponse(record.block);
  if (message === null) return new InputError(record.input, 'the response record holds no readable HTTP response');
  if (message.status !== 200) return 'HTTP status other than 200';
  const contentType = firstHeader(message.headers, 'content-type');
  if (!isPageType(contentType ?? '', true)) return 'not a page (media type)';

  let body = message.body;
  let truncated = record.blockCut;
  const warnings: string[] = [];
  const transfer = (firstHeader(message.headers, 'transfer-encoding') ?? '').toLowerCase();
  if (transfer.includes('chunked')) {
    const unchunked = dechunk(body);
    if (unchunked) {
      body = unchunked.bytes;
      truncated ||= unchunked.truncated;
    }
  }
  let codings = parseContentEncoding(message.headers.get('content-encoding'));
  // Archivers often store the decoded body but keep the header: a "gzip" body that is not gzip is read as it is.
  if (codings.length === 1 && (codings[0] === 'gzip' || codings[0] === 'x-gzip') && !isGzip(body)) codings = [];
  if (codings.length === 1 && !truncated) {
    // The whole body is in memory: decode it in one call when it fits, which is much cheaper than a stream per record.
    const decoded = decodeWholeWithin(body, codings[0], maxBytes);
    if (decoded) return { ...base, bytes: ownBytes(decoded), contentType, truncated: false, warnings };
  }
  try {
    const decoded = await decodeBody([body], codings, { maxBytes, maxEncodedBytes: Math.max(maxBytes, body.length), inputIsPrefix: truncated });
    warnings.push(...decoded.warnings);
    if (truncated && decoded.warnings.length === 0) warnings.push('the record holds only the first part of the page');
    return { ...base, bytes: ownBytes(decoded.bytes), contentType, truncated: decoded.truncated || truncated, warnings };
  } catch (error) {
    if (error instanceof ContentEncodingProblem) return new InputError(record.input, `page body could not be decoded: ${error.message}`);
    throw error;
  }
}

/** A whole body decoded in one call; null when it is larger than the limit or damaged (the streaming path then says how). */
function decodeWholeWithin(body: Buffer, coding: string, maxBytes: number): Buffer | null {
  try {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(body, { maxOutputLength: maxBytes });
      case 'br':
        return brotliDecompressSync(body, { maxOutputLength: maxBytes });
      default:
        return null;
    }
  } catch {
    return null;
  }
}

/**
 * The bytes in a buffer of their own. A page is often a view into a larger
 * buffer (a read chunk of the file, an inflated record); kept as a view it
 * would keep that whole buffer alive, and posting it to a worker thread would
 * copy the whole buffer.
 */
function ownBytes(view: Uint8Array): Buffer {
  if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && Buffer.isBuffer(view)) return view;
  const copy = new Uint8Array(view);
  return Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength);
}

function isPageType(contentType: string, missingIsPage: boolean): boolean {
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (mediaType === '') return missingIsPage;
  return PAGE_TYPES.has(mediaType);
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

const WARC_MAGIC = Buffer.from('WARC/');
const EMPTY = Buffer.alloc(0);

/** Splits the decompressed stream into records, tracking where each starts in the file. */
class RecordReader {
  private buffer: Buffer = EMPTY;
  /** Position of `buffer[0]` in the decompressed stream. */
  private position = 0;
  private total = 0;
  /** Where pieces began: decompressed position → file offset of their member (gzip) or of the piece (plain). */
  private members: { at: number; fileOffset: number }[] = [];
  private problem: SourceProblem | null = null;
  private ended = false;
  private readonly iterator: AsyncIterator<SourceItem>;

  constructor(
    private readonly path: string,
    source: AsyncIterable<SourceItem>,
    private readonly gzipped: boolean,
    private readonly maxBlockBytes: number,
  ) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Appends the next piece; 'problem' when the source reported damage (kept in `this.problem`). */
  private async pull(): Promise<'data' | 'problem' | 'end'> {
    if (this.ended) return 'end';
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return 'end';
    }
    const item = next.value;
    if (item.kind === 'problem') {
      this.problem = item;
      return 'problem';
    }
    if (item.memberStart) this.members.push({ at: this.total, fileOffset: item.memberOffset });
    this.total += item.data.length;
    this.buffer = this.buffer.length === 0 ? item.data : Buffer.concat([this.buffer, item.data]);
    return 'data';
  }

  private consume(count: number): void {
    this.buffer = this.buffer.subarray(count);
    this.position += count;
    // Forget member starts behind the current one.
    while (this.members.length > 1 && this.members[1].at <= this.position) this.members.shift();
  }

  /** The file offset naming a record that starts at the current position, and its input name. */
  private here(): { offset: number; input: string } {
    while (this.members.length > 1 && this.members[1].at <= this.position) this.members.shift();
    const member = this.members.length > 0 && this.members[0].at <= this.position ? this.members[0] : { at: this.position, fileOffset: this.position };
    const delta = this.position - member.at;
    if (!this.gzipped) {
      const offset = member.fileOffset + delta;
      return { offset, input: `${this.path}#${offset}` };
    }
    // Normally a record is a gzip member of its own; records sharing a member are told apart by their place inside it.
    return { offset: member.fileOffset, input: delta === 0 ? `${this.path}#${member.fileOffset}` : `${this.path}#${member.fileOffset}+${delta}` };
  }

  /** An error for damage the source reported; afterwards reading restarts on fresh data (or stops when fatal). */
  private takeProblem(): InputError {
    const problem = this.problem as SourceProblem;
    this.problem = null;
    if (problem.fatal) this.ended = true;
    // What was buffered belongs to the damaged stretch: start over at the next member.
    this.position += this.buffer.length;
    this.buffer = EMPTY;
    return new InputError(`${this.path}#${problem.fileOffset}`, problem.problem);
  }

  async *records(): AsyncGenerator<WarcRecord | InputError> {
    let first = true;
    for (;;) {
      // Blank lines between records (the record's closing CRLFs, or padding).
      for (;;) {
        while (this.buffer.length > 0 && (this.buffer[0] === 0x0d || this.buffer[0] === 0x0a)) this.consume(1);
        if (this.buffer.length > 0) break;
        const got = await this.pull();
        if (got === 'end') return;
        if (got === 'problem') yield this.takeProblem();
      }
      const { offset, input } = this.here();
      // The header block.
      let headerEnd = headerBlockEnd(this.buffer);
      while (headerEnd < 0 && this.buffer.length <= MAX_WARC_HEADER_BYTES) {
        // Only the new bytes (and the few before them a blank line could straddle) need scanning again.
        const scanned = Math.max(0, this.buffer.length - 3);
        const got = await this.pull();
        if (got === 'problem') {
          yield this.takeProblem();
          break;
        }
        if (got === 'end') {
          if (this.looksLikeRecordStart()) yield new InputError(input, 'the file ends inside a WARC record header (the file is truncated)');
          else yield new InputError(input, first ? 'not a WARC file (no "WARC/" record header at its start)' : 'unreadable bytes where a WARC record should start, up to the end of the file');
          return;
        }
        headerEnd = headerBlockEnd(this.buffer, scanned);
      }
      if (headerEnd < 0) {
        if (this.ended) return;
        if (this.buffer.length === 0) continue; // restarted after a source problem
        if (!(yield* this.resync(input, first, 'no end to the WARC record header'))) return;
        continue;
      }
      if (!this.looksLikeRecordStart()) {
        if (!(yield* this.resync(input, first, 'not a WARC record (no "WARC/" header)'))) return;
        continue;
      }
      first = false;
      const headers = parseHeaderLines(this.buffer.subarray(0, headerEnd).toString('utf8').replace(/^[^\n]*\n/, ''));
      const lengthText = firstHeader(headers, 'content-length');
      const length = lengthText !== null && /^\d{1,15}$/.test(lengthText) ? Number(lengthText) : -1;
      if (length < 0) {
        if (!(yield* this.resync(input, false, 'WARC record without a valid Content-Length'))) return;
        continue;
      }
      this.consume(headerEnd);
      const keep = mayHoldPage(headers) ? this.maxBlockBytes : 0;
      const block = await this.readBlock(length, keep);
      if (block.problem) {
        yield this.takeProblem();
        continue;
      }
      if (!block.complete) {
        yield new InputError(input, `the file ends inside this WARC record (${block.read} of ${length} bytes; the file is truncated)`);
        return;
      }
      yield { input, offset, headers, block: keep > 0 ? block.kept : null, blockCut: length > keep && keep > 0 };
    }
  }

  private looksLikeRecordStart(): boolean {
    return this.buffer.length >= WARC_MAGIC.length ? this.buffer.subarray(0, WARC_MAGIC.length).equals(WARC_MAGIC) : WARC_MAGIC.subarray(0, this.buffer.length).equals(this.buffer);
  }

  /**
   * Reports damage at the current record and skips to the next line starting
   * "WARC/1." — false when there is none (or the file is not a WARC at all,
   * which is not worth scanning to its end).
   */
  private async *resync(input: string, first: boolean, problem: string): AsyncGenerator<InputError, boolean> {
    if (first) {
      yield new InputError(input, `not a WARC file (${problem})`);
      this.ended = true;
      return false;
    }
    const marker = Buffer.from('\nWARC/1.');
    let skipped = 0;
    for (;;) {
      const found = this.buffer.indexOf(marker, 1);
      if (found >= 0) {
        skipped += found + 1;
        this.consume(found + 1);
        yield new InputError(input, `${problem}; skipped ${describeBytes(skipped)} to the next record`);
        return true;
      }
      // Keep the tail in case the marker straddles two pieces.
      const keepTail = Math.min(this.buffer.length, marker.length);
      skipped += this.buffer.length - keepTail;
      this.consume(this.buffer.length - keepTail);
      const got = await this.pull();
      if (got === 'problem') {
        yield new InputError(input, problem);
        yield this.takeProblem();
        return !this.ended;
      }
      if (got === 'end') {
        yield new InputError(input, `${problem}; no further record in the file`);
        return false;
      }
    }
  }

  /** Reads a block of `length` bytes, keeping the first `keep`. */
  private async readBlock(length: number, keep: number): Promise<{ kept: Buffer; complete: boolean; read: number; problem: boolean }> {
    const parts: Buffer[] = [];
    let kept = 0;
    let read = 0;
    while (read < length) {
      if (this.buffer.length === 0) {
        const got = await this.pull();
        if (got === 'problem') return { kept: EMPTY, complete: false, read, problem: true };
        if (got === 'end') return { kept: EMPTY, complete: false, read, problem: false };
      }
      const take = Math.min(this.buffer.length, length - read);
      if (kept < keep) {
        const part = Math.min(take, keep - kept);
        parts.push(this.buffer.subarray(0, part));
        kept += part;
      }
      this.consume(take);
      read += take;
    }
    return { kept: parts.length === 1 ? parts[0] : Buffer.concat(parts, kept), complete: true, read, problem: false };
  }
}
