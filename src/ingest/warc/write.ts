import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { gzipSync } from 'node:zlib';

/**
 * Writes WARC 1.1 files: a `warcinfo` record, then one `response` record per
 * page with a minimal HTTP response around its body. With `gzip`, each
 * record is its own gzip member, the layout that lets readers seek to a
 * record by offset.
 */

/** A page to archive. */
export interface WarcPageToWrite {
  url: string;
  /** The HTTP body (a string is written as UTF-8). */
  body: Uint8Array | string;
  /** Capture time (WARC-Date); now when absent. */
  date?: Date | string;
  /** HTTP Content-Type; "text/html; charset=utf-8" by default. */
  contentType?: string;
  status?: number;
}

/** One record, for writing any record type. */
export interface WarcRecordToWrite {
  type: string;
  /** Header fields besides WARC-Type, WARC-Record-ID, WARC-Date and Content-Length, which are filled in when missing. */
  headers?: Record<string, string>;
  block: Uint8Array | string;
  date?: Date | string;
}

export interface WarcWriteOptions {
  /** One gzip member per record (.warc.gz). */
  gzip?: boolean;
  /** Software named in the warcinfo record. */
  software?: string;
}

export interface WarcWriteSummary {
  records: number;
  bytes: number;
}

/** The bytes of one record (not compressed). */
export function encodeWarcRecord(record: WarcRecordToWrite): Buffer {
  const block = typeof record.block === 'string' ? Buffer.from(record.block, 'utf8') : Buffer.from(record.block);
  const fields: Record<string, string> = {
    'WARC-Type': record.type,
    'WARC-Record-ID': `<urn:uuid:${randomUUID()}>`,
    'WARC-Date': warcDate(record.date),
    ...record.headers,
    'Content-Length': String(block.length),
  };
  const head = `WARC/1.1\r\n${Object.entries(fields)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), block, Buffer.from('\r\n\r\n')]);
}

/** A `response` record holding a page fetched over HTTP. */
export function pageResponseRecord(page: WarcPageToWrite): WarcRecordToWrite {
  const body = typeof page.body === 'string' ? Buffer.from(page.body, 'utf8') : Buffer.from(page.body);
  const status = page.status ?? 200;
  const httpHead =
    `HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Status'}\r\n` +
    `Content-Type: ${page.contentType ?? 'text/html; charset=utf-8'}\r\n` +
    `Content-Length: ${body.length}\r\n\r\n`;
  return {
    type: 'response',
    date: page.date,
    headers: {
      'WARC-Target-URI': page.url,
      'WARC-Payload-Digest': `sha1:${base32(createHash('sha1').update(body).digest())}`,
      'Content-Type': 'application/http; msgtype=response',
    },
    block: Buffer.concat([Buffer.from(httpHead, 'latin1'), body]),
  };
}

/** Writes `records` (any types) to `path`. */
export async function writeWarcFile(path: string, records: Iterable<WarcRecordToWrite> | AsyncIterable<WarcRecordToWrite>, options: WarcWriteOptions = {}): Promise<WarcWriteSummary> {
  const out = createWriteStream(path);
  let count = 0;
  let bytes = 0;
  try {
    for await (const record of records) {
      const encoded = encodeWarcRecord(record);
      const chunk = options.gzip ? gzipSync(encoded) : encoded;
      count++;
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { records: count, bytes };
}

/** Writes pages as a WARC file: a warcinfo record, then one response record per page. */
export async function writeWarcRecords(
  path: string,
  pages: Iterable<WarcPageToWrite> | AsyncIterable<WarcPageToWrite>,
  options: WarcWriteOptions = {},
): Promise<WarcWriteSummary> {
  const software = options.software ?? 'whosaid';
  async function* records(): AsyncGenerator<WarcRecordToWrite> {
    yield { type: 'warcinfo', headers: { 'Content-Type': 'application/warc-fields' }, block: `software: ${software}\r\nformat: WARC File Format 1.1\r\n` };
    for await (const page of pages) yield pageResponseRecord(page);
  }
  return writeWarcFile(path, records(), options);
}

function warcDate(date: Date | string | undefined): string {
  const value = date === undefined ? new Date() : typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(value.getTime()) ? String(date) : value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, the encoding WARC digests use. */
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
