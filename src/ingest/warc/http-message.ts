/**
 * The HTTP response stored in a WARC `response` record: status line,
 * headers, and the body as it came over the wire (possibly chunked).
 */

export interface HttpMessage {
  status: number;
  reason: string;
  /** Header values by lower-cased name, in order. */
  headers: Map<string, string[]>;
  body: Buffer;
}

/** Where a header block ends: the index just past its blank line, or -1. Accepts bare LF line ends, as some writers use. */
export function headerBlockEnd(bytes: Buffer, from = 0, limit = bytes.length): number {
  let index = bytes.indexOf(0x0a, from);
  while (index >= 0 && index < limit) {
    if (bytes[index + 1] === 0x0a) return index + 2;
    if (bytes[index + 1] === 0x0d && bytes[index + 2] === 0x0a) return index + 3;
    index = bytes.indexOf(0x0a, index + 1);
  }
  return -1;
}

/** Parses `Name: value` lines (continuation lines joined); names lower-cased. */
export function parseHeaderLines(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let last: { name: string; values: string[] } | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      last.values[last.values.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const values = headers.get(name) ?? [];
    values.push(value);
    headers.set(name, values);
    last = { name, values };
  }
  return headers;
}

export function firstHeader(headers: Map<string, string[]>, name: string): string | null {
  return headers.get(name)?.[0] ?? null;
}

/** Parses an HTTP response message; null when the bytes do not start with an HTTP status line and headers. */
export function parseHttpResponse(block: Buffer): HttpMessage | null {
  const end = headerBlockEnd(block, 0, Math.min(block.length, 1 << 20));
  if (end < 0) return null;
  const head = block.subarray(0, end).toString('latin1');
  const firstLineEnd = head.indexOf('\n');
  const statusLine = head.slice(0, firstLineEnd).replace(/\r$/, '');
  const match = /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s+(.*))?$/i.exec(statusLine);
  if (!match) return null;
  return {
    status: Number(match[1]),
    reason: match[2] ?? '',
    headers: parseHeaderLines(head.slice(firstLineEnd + 1)),
    body: block.subarray(end),
  };
}

/**
 * Undoes chunked transfer coding. Returns null when the body is not chunked
 * after all (some archivers store the de-chunked body but keep the header);
 * `truncated` when the chunks stop before the last one.
 */
export function dechunk(body: Buffer): { bytes: Buffer; truncated: boolean } | null {
  const parts: Buffer[] = [];
  let total = 0;
  let position = 0;
  for (let first = true; ; first = false) {
    const lineEnd = body.indexOf(0x0a, position);
    if (lineEnd < 0) return first ? null : { bytes: Buffer.concat(parts, total), truncated: true };
    const line = body.subarray(position, lineEnd).toString('latin1').replace(/\r$/, '');
    const sizeMatch = /^\s*([0-9a-fA-F]{1,12})\s*(;.*)?$/.exec(line);
    if (!sizeMatch) return first ? null : { bytes: Buffer.concat(parts, total), truncated: true };
    const size = parseInt(sizeMatch[1], 16);
    position = lineEnd + 1;
    if (size === 0) return { bytes: Buffer.concat(parts, total), truncated: false };
    const available = Math.min(size, body.length - position);
    parts.push(body.subarray(position, position + available));
    total += available;
    if (available < size) return { bytes: Buffer.concat(parts, total), truncated: true };
    position += size;
    // The CRLF after the chunk data.
    if (body[position] === 0x0d) position++;
    if (body[position] === 0x0a) position++;
  }
}
