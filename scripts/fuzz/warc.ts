/**
 * WARC files for the fuzzer: well-formed records built deterministically (no
 * random UUIDs), then damaged: lengths that lie, records cut short, headers
 * that are wrong, HTTP messages that are broken, gzip members that are bad.
 */
import { gzipSync } from 'node:zlib';
import type { Prng } from './prng.js';

interface RecordSpec {
  type: string;
  headers: Record<string, string>;
  block: Buffer;
}

function recordId(prng: Prng): string {
  const hex = prng.bytes(16).toString('hex');
  return `<urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}>`;
}

function encode(record: RecordSpec, prng: Prng, lengthOverride?: string): Buffer {
  const fields: Record<string, string> = {
    'WARC-Type': record.type,
    'WARC-Record-ID': recordId(prng),
    'WARC-Date': '2024-05-06T12:00:00Z',
    ...record.headers,
    'Content-Length': lengthOverride ?? String(record.block.length),
  };
  const head = `WARC/1.1\r\n${Object.entries(fields)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), record.block, Buffer.from('\r\n\r\n')]);
}

function httpResponse(body: Buffer, prng: Prng, options: { status?: number; contentType?: string; chunked?: boolean; gzip?: boolean } = {}): Buffer {
  const status = options.status ?? 200;
  let payload = options.gzip ? gzipSync(body) : body;
  const headers = [`HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Status'}`, `Content-Type: ${options.contentType ?? 'text/html; charset=utf-8'}`];
  if (options.gzip) headers.push('Content-Encoding: gzip');
  if (options.chunked) {
    headers.push('Transfer-Encoding: chunked');
    const chunks: Buffer[] = [];
    for (let at = 0; at < payload.length; ) {
      const size = Math.min(payload.length - at, prng.int(1, 8192));
      chunks.push(Buffer.from(`${size.toString(16)}\r\n`, 'latin1'), payload.subarray(at, at + size), Buffer.from('\r\n'));
      at += size;
    }
    chunks.push(Buffer.from('0\r\n\r\n'));
    payload = Buffer.concat(chunks);
  } else headers.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

const DAMAGES = [
  'none',
  'length-too-long',
  'length-too-short',
  'length-not-a-number',
  'length-missing',
  'truncated-file',
  'bad-version-line',
  'header-garbage',
  'type-missing',
  'huge-header',
  'http-garbage',
  'http-bad-chunks',
  'http-bad-gzip-body',
  'junk-between-records',
  'gzip-member-corrupted',
  'gzip-member-truncated',
] as const;
export type WarcDamage = (typeof DAMAGES)[number];

export interface BuiltWarc {
  bytes: Buffer;
  gzipped: boolean;
  damage: WarcDamage;
  /** Records written that a reader should yield as pages (HTTP 200 responses and resources of HTML), before damage. */
  pageRecords: number;
}

/** A WARC file of 1–5 pages among other records, maybe gzipped per record, with one kind of damage. */
export function buildWarc(pages: Buffer[], prng: Prng, damage: WarcDamage = prng.pick(DAMAGES)): BuiltWarc {
  const gzipped = damage.startsWith('gzip-member') ? true : prng.chance(0.5);
  const records: RecordSpec[] = [{ type: 'warcinfo', headers: { 'Content-Type': 'application/warc-fields' }, block: Buffer.from('software: whosaid-fuzz\r\nformat: WARC File Format 1.1\r\n') }];
  let pageRecords = 0;
  pages.forEach((page, i) => {
    const url = `https://news.example/${i}/story.html`;
    records.push({ type: 'request', headers: { 'WARC-Target-URI': url, 'Content-Type': 'application/http; msgtype=request' }, block: Buffer.from(`GET /${i}/story.html HTTP/1.1\r\nHost: news.example\r\n\r\n`) });
    const kind = prng.int(0, 9);
    if (kind === 0) {
      records.push({ type: 'resource', headers: { 'WARC-Target-URI': url, 'Content-Type': 'text/html' }, block: page });
      pageRecords++;
    } else {
      const status = prng.chance(0.05) ? 404 : 200;
      if (status === 200) pageRecords++;
      const chunked = damage === 'http-bad-chunks' || prng.chance(0.2);
      const gzip = damage === 'http-bad-gzip-body' || prng.chance(0.2);
      let block = httpResponse(page, prng, { chunked, gzip, status });
      if (damage === 'http-garbage' && prng.chance(0.7)) block = Buffer.concat([prng.bytes(prng.int(1, 40)), block.subarray(prng.int(0, 30))]);
      if (damage === 'http-bad-chunks') block = Buffer.from(block.toString('latin1').replace(/\r\n([0-9a-f]+)\r\n/g, (m, size: string) => (prng.chance(0.3) ? `\r\n${prng.pick(['zz', 'ffffffff', '-1', '', (parseInt(size, 16) + 100).toString(16)])}\r\n` : m)), 'latin1');
      if (damage === 'http-bad-gzip-body') {
        const at = block.indexOf('\r\n\r\n') + 4 + prng.int(10, 200);
        if (at < block.length) block[at] = (block[at] as number) ^ 0xff;
      }
      records.push({ type: 'response', headers: { 'WARC-Target-URI': url, 'Content-Type': 'application/http; msgtype=response' }, block });
    }
    if (prng.chance(0.3)) records.push({ type: 'metadata', headers: { 'WARC-Target-URI': url, 'Content-Type': 'application/warc-fields' }, block: Buffer.from('fetchTimeMs: 120\r\n') });
  });

  const victim = prng.int(1, records.length - 1);
  const encoded = records.map((record, i) => {
    if (i !== victim) return encode(record, prng);
    switch (damage) {
      case 'length-too-long':
        return encode(record, prng, String(record.block.length + prng.int(1, 100_000)));
      case 'length-too-short':
        return encode(record, prng, String(prng.int(0, Math.max(0, record.block.length - 1))));
      case 'length-not-a-number':
        return encode(record, prng, prng.pick(['-5', 'abc', '1e9', '', '99999999999999999999', '0x10']));
      case 'length-missing':
        return Buffer.from(encode(record, prng).toString('latin1').replace(/Content-Length: \d+\r\n/, ''), 'latin1');
      case 'bad-version-line':
        return Buffer.from(encode(record, prng).toString('latin1').replace(/^WARC\/1\.1/, prng.pick(['WARC/0.9', 'HTTP/1.1', 'WARC', '', 'warc/1.0 extra'])), 'latin1');
      case 'header-garbage':
        return Buffer.from(encode(record, prng).toString('latin1').replace('\r\n', `\r\n${prng.pick(['no colon here', ': empty name', 'X: \u0000\u0001', ' continued line', 'WARC-Type: response'])}\r\n`), 'latin1');
      case 'type-missing':
        return Buffer.from(encode(record, prng).toString('latin1').replace(/WARC-Type: [^\r]*\r\n/, ''), 'latin1');
      case 'huge-header':
        return Buffer.from(encode(record, prng).toString('latin1').replace('\r\n', `\r\nX-Padding: ${'p'.repeat(prng.int(300_000, 600_000))}\r\n`), 'latin1');
      default:
        return encode(record, prng);
    }
  });

  let members = gzipped ? encoded.map((record) => gzipSync(record)) : encoded;
  if (damage === 'junk-between-records') {
    const junk = prng.chance(0.5) ? prng.bytes(prng.int(1, 2000)) : Buffer.from('\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>stray</p>\r\n');
    members = [...members.slice(0, victim), junk, ...members.slice(victim)];
  }
  if (damage === 'gzip-member-corrupted') {
    const member = Buffer.from(members[victim] as Buffer);
    for (let i = 0; i < prng.int(1, 6); i++) {
      const at = prng.int(0, member.length - 1);
      member[at] = (member[at] as number) ^ (1 << prng.int(0, 7));
    }
    members[victim] = member;
  }
  if (damage === 'gzip-member-truncated') {
    const member = members[victim] as Buffer;
    members[victim] = member.subarray(0, prng.int(0, member.length - 1));
  }
  let bytes = Buffer.concat(members);
  if (damage === 'truncated-file') bytes = bytes.subarray(0, prng.int(1, bytes.length - 1));
  return { bytes, gzipped, damage, pageRecords };
}
