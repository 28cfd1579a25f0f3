/**
 * A raw HTTP/1.1 client over a TCP socket, for requests fetch will not send:
 * two Host headers, an absolute-form target, a malformed request line, a body
 * that stops halfway. Reads the first response on the connection and reports
 * it, or reports that none came before a deadline (a hung request).
 */
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export interface RawExchange {
  /** The first response on the connection; null when none was complete before the connection closed or the deadline. */
  response: RawResponse | null;
  /** True when no response came before the deadline. */
  hung: boolean;
  /** How long the exchange took, in milliseconds. */
  elapsedMs: number;
}

export interface RawOptions {
  /** Give up (and report a hung request) after this many milliseconds. */
  deadlineMs: number;
  /** Address to connect to (default 127.0.0.1). */
  host?: string;
  /** With the request given in pieces, the pause between two pieces (a client trickling its request). */
  pieceIntervalMs?: number;
}

type Bytes = string | Uint8Array;

/**
 * Sends `request` (written as given, nothing added; given as pieces, one
 * piece every `pieceIntervalMs`) and waits for the first complete response.
 * The connection is left open after the bytes are sent, so a request that
 * stops halfway stays halfway until the server acts.
 */
export function rawExchange(port: number, request: Bytes | readonly Bytes[], options: RawOptions): Promise<RawExchange> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(port, options.host ?? '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let done = false;
    const finish = (response: RawResponse | null, hung: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(pieceTimer);
      socket.destroy();
      resolve({ response, hung, elapsedMs: performance.now() - started });
    };
    let pieceTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => finish(parseResponse(buffer, false), true), options.deadlineMs);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const response = parseResponse(buffer, false);
      if (response) finish(response, false);
    });
    // A reset after the server answered and closed still leaves the answer readable.
    socket.on('error', () => finish(parseResponse(buffer, true), false));
    socket.on('close', () => finish(parseResponse(buffer, true), false));
    const pieces = typeof request === 'string' || request instanceof Uint8Array ? [request] : [...request];
    const writeNext = (): void => {
      const piece = pieces.shift();
      if (done || piece === undefined || socket.destroyed) return;
      socket.write(piece);
      if (pieces.length > 0) pieceTimer = setTimeout(writeNext, options.pieceIntervalMs ?? 0);
    };
    writeNext();
  });
}

/**
 * The first final response in `bytes` once it is complete (interim 1xx
 * answers such as 100 Continue are skipped); with `closed`, a body without a
 * length ends at the close.
 */
export function parseResponse(bytes: Buffer, closed: boolean): RawResponse | null {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine = '', ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!match) return null;
  if (/^1\d\d$/.test(match[1] ?? '') && match[1] !== '101') return parseResponse(bytes.subarray(headEnd + 4), closed);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const rest = bytes.subarray(headEnd + 4);
  let body: Buffer | null;
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(rest);
  else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    body = rest.length >= length ? rest.subarray(0, length) : null;
  } else body = closed ? rest : null;
  if (body === null) return null;
  return { status: Number(match[1]), headers, body: body.toString('utf8') };
}

/** A chunked body once its last chunk has arrived, else null. */
function dechunk(bytes: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = Number.parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return null;
    if (size === 0) return Buffer.concat(parts);
    if (bytes.length < lineEnd + 2 + size + 2) return null;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
