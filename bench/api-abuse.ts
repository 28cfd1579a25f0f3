/**
 * HTTP API abuse: `whosaid serve` on a corpus, sent bounded batches of
 * hostile requests over loopback, each on its own raw socket so that the
 * bytes on the wire are exactly those written here (fetch would normalise
 * paths and Host headers):
 *
 *   npm run bench:api-abuse [-- --db corpus.sqlite] [--pages N] [--concurrent-seconds S]
 *
 * Classes: bad parameters on every route, full-text search syntax attacks,
 * path traversal, Host and Origin games, malformed framing, slow bodies and
 * slowloris headers (against a short request time limit), oversized bodies and
 * headers, and a phase at 100 concurrent connections. Every answer is checked:
 * no 5xx, no stack trace or source path in a body, every error a JSON
 * `{"error": {code, message}}` with the security headers, the status expected
 * where one is, no file from outside the UI served, and an answer within a
 * bound (else the request counts as hung). Exits non-zero when any of these
 * counts is not zero. Loopback only; bounded in count and time.
 *
 * Without --db the corpus is built first, in a temporary file, from the first
 * --pages AEB and WCXB dev pages (as `npm run bench:api` does). Writes the
 * "HTTP API abuse" section of docs/benchmarks.md.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { API_ROUTES } from '../src/server/app.js';
import { QUERY_PARAMETERS, type QueryName } from '../src/server/params.js';
import type { CorpusStats } from '../src/store/types.js';
// The raw client the server tests use: the abuse phases need the same exact-bytes requests.
import { rawExchange, type RawExchange, type RawResponse } from '../test/support/raw-http.js';
import { buildCorpus, getJson, loadAutocannon, migrateWithCurrentBuild, startServe, type LoadOptions, type LoadResult } from './api-load.js';
import { isMainModule, markdownTable, runHeader, textTable, writeOwnSection } from './report.js';

/** The request time limit the server is started with, short so the slow phases finish quickly. */
const REQUEST_TIMEOUT_MS = 300;
/** An answer later than this is a hung request (the slow phases get the time limit on top). */
const ANSWER_BOUND_MS = 10_000;
/** How many abuse requests are in flight at once outside the concurrency phase. */
const PARALLEL = 8;
/** The whole run stops, failing, after this long. */
const RUN_BOUND_MS = 10 * 60_000;

type AbuseClass = 'bad parameters' | 'FTS syntax' | 'path traversal' | 'Host and Origin' | 'framing' | 'slow requests' | 'oversized' | '100 concurrent (raw)';

interface AbuseCase {
  class: AbuseClass;
  /** What the case sends, for the report of a failure. */
  label: string;
  request: string | Uint8Array | ReadonlyArray<string | Uint8Array>;
  pieceIntervalMs?: number;
  /** Statuses that are right for this case; any other counts as unexpected. Absent: any status below 500 is right. */
  expect?: readonly number[];
  /** An extra bound on top of ANSWER_BOUND_MS (the slow cases wait for the time limit). */
  boundMs?: number;
}

interface Tally {
  requests: number;
  ok2xx: number;
  client4xx: number;
  server5xx: number;
  stackTraces: number;
  nonJsonErrors: number;
  missingHeaders: number;
  unexpected: number;
  leaked: number;
  hung: number;
  noAnswer: number;
}

const emptyTally = (): Tally => ({
  requests: 0,
  ok2xx: 0,
  client4xx: 0,
  server5xx: 0,
  stackTraces: 0,
  nonJsonErrors: 0,
  missingHeaders: 0,
  unexpected: 0,
  leaked: 0,
  hung: 0,
  noAnswer: 0,
});

/** The counts that must be zero. */
const FAILURE_KEYS = ['server5xx', 'stackTraces', 'nonJsonErrors', 'missingHeaders', 'unexpected', 'leaked', 'hung', 'noAnswer'] as const;

interface Settings {
  db: string | null;
  pages: number;
  concurrentSeconds: number;
}

function parseSettings(): Settings {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: { db: { type: 'string' }, pages: { type: 'string' }, 'concurrent-seconds': { type: 'string' } },
  });
  const integer = (value: string | undefined, name: string, fallback: number, max: number): number => {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new Error(`--${name} must be an integer from 1 to ${max}`);
    return Number(value);
  };
  return {
    db: values.db ?? null,
    pages: integer(values.pages, 'pages', 60, 10_000),
    concurrentSeconds: integer(values['concurrent-seconds'], 'concurrent-seconds', 5, 60),
  };
}

// ---- building requests ----

interface RequestParts {
  method?: string;
  target: string;
  /** Host header values; null sends none. Default: the server's own address. */
  hosts?: readonly string[] | null;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** One request's bytes, with `Connection: close` so the server ends the exchange. */
function requestBytes(base: URL, parts: RequestParts): Uint8Array {
  const hosts = parts.hosts === undefined ? [base.host] : (parts.hosts ?? []);
  const lines = [`${parts.method ?? 'GET'} ${parts.target} HTTP/1.1`, ...hosts.map((host) => `Host: ${host}`)];
  for (const [name, value] of Object.entries(parts.headers ?? {})) lines.push(`${name}: ${value}`);
  const body = typeof parts.body === 'string' ? Buffer.from(parts.body) : parts.body;
  if (body && parts.headers?.['Content-Length'] === undefined && parts.headers?.['Transfer-Encoding'] === undefined) lines.push(`Content-Length: ${body.length}`);
  lines.push('Connection: close');
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return body ? Buffer.concat([head, body]) : head;
}

/** Percent-encodes a query value as a browser would (everything but unreserved characters). */
const enc = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Values for any parameter: garbage, negatives, huge and padded numbers, wrong types, encodings a decoder trips on. */
const BAD_VALUES: readonly string[] = [
  '',
  '%20',
  '-1',
  '-0',
  '0',
  '99999999999999999999',
  '9007199254740993',
  '1e309',
  'NaN',
  'Infinity',
  '%201',
  '1%20',
  '%0A3%09',
  '+3',
  '0x10',
  '1e2',
  '1.5',
  'abc',
  'true',
  'null',
  '%5B%5D',
  '%7B%7D',
  '%00',
  '%FF',
  '%C3%28',
  '%ED%A0%80',
  '%',
  '%zz',
  '2017-13-45',
  '2017-02-29',
  '0000-00-00',
  '9999-12-31T23:59:60Z',
  '2017-01-01T25:61',
  'x'.repeat(301),
  enc('<script>alert(1)</script>'),
  enc("' OR 1=1 --"),
];

/** Query strings for one parameter of a route: each bad value, given twice, and as an array. */
function parameterCases(base: URL, path: string, name: QueryName, required: string): AbuseCase[] {
  const cases: AbuseCase[] = BAD_VALUES.map((value) => ({
    class: 'bad parameters',
    label: `${path}?${name}=${value.slice(0, 40)}`,
    request: requestBytes(base, { target: `${path}?${required}${name}=${value}` }),
    // An integer must be plain digits in range: everything in the list but "0" (offset's lower bound) is refused.
    expect: QUERY_PARAMETERS[name].schema.type === 'integer' && !(value === '0' && name === 'offset') ? [400] : undefined,
  }));
  cases.push(
    { class: 'bad parameters', label: `${path}?${name} twice`, request: requestBytes(base, { target: `${path}?${required}${name}=1&${name}=2` }), expect: [400] },
    { class: 'bad parameters', label: `${path}?${name}[]`, request: requestBytes(base, { target: `${path}?${required}${name}%5B%5D=1` }), expect: [400] },
  );
  return cases;
}

function badParameterCases(base: URL): AbuseCase[] {
  const cases: AbuseCase[] = [];
  for (const route of API_ROUTES) {
    const path = route.path.replace(':id', '1').replace(':name', 'Peskov');
    const method = route.method;
    // Article search answers 400 without q; give one so the other parameter is what is judged.
    const required = route.path === '/api/articles' ? 'q=pipeline&' : route.path === '/api/quotes' ? 'speaker=Peskov&' : '';
    if (method === 'GET') for (const name of route.query) cases.push(...parameterCases(base, path, name, required));
    cases.push({ class: 'bad parameters', label: `${route.path} unknown parameter`, request: requestBytes(base, { method, target: `${path}?${required}colour=red` }), expect: [400] });
  }
  const ids = ['0', '-1', 'abc', '1.5', '%201', '99999999999999999999', '1e3', '0x1', '%00', '..', '%2e%2e', '1;drop'];
  for (const id of ids) cases.push({ class: 'bad parameters', label: `/api/articles/${id}`, request: requestBytes(base, { target: `/api/articles/${id}` }), expect: [400, 404] });
  const names = ['%20', '%00', '%FF', '%', 'x'.repeat(301), enc('"'), enc('NEAR('), enc('*'), '%2F', '..%2F..%2Fetc%2Fpasswd'];
  for (const name of names) {
    for (const suffix of ['', '/roles']) {
      cases.push({ class: 'bad parameters', label: `/api/entities/${name.slice(0, 30)}${suffix}`, request: requestBytes(base, { target: `/api/entities/${name}${suffix}` }), expect: [400, 404] });
    }
  }
  cases.push(
    { class: 'bad parameters', label: 'groupBy=__proto__', request: requestBytes(base, { target: '/api/speakers/top?groupBy=__proto__' }), expect: [400] },
    { class: 'bad parameters', label: 'interval=constructor', request: requestBytes(base, { target: '/api/timeline?interval=constructor' }), expect: [400] },
    { class: 'bad parameters', label: '__proto__ parameter', request: requestBytes(base, { target: '/api/stats?__proto__=1' }), expect: [400] },
    { class: 'bad parameters', label: 'from after to', request: requestBytes(base, { target: '/api/misdated?from=2020-01-01&to=2019-01-01' }), expect: [400] },
  );
  return cases;
}

/** Search text that full-text query syntax (SQLite FTS5 here) reads specially, and text no decoder likes. */
const FTS_ATTACKS: readonly string[] = [
  '"',
  '"unbalanced',
  'a "b c',
  '""',
  "'",
  'NEAR(',
  'NEAR(a b',
  'NEAR(a b, -1)',
  'NEAR(a b, 99999999999)',
  'title:pipeline',
  'text:pipeline',
  '{title text}: pipeline',
  '-title:x',
  '*',
  'a*',
  '*a',
  '^',
  '^pipeline',
  'AND',
  'OR',
  'NOT',
  'a AND',
  'OR b',
  'NOT NOT',
  'a OR OR b',
  '(',
  ')',
  '(a OR b',
  'a) OR (b',
  '+',
  '-',
  ':',
  '\\',
  '%',
  '_',
  'a\u0000b',
  '\u202eevil',
  '🙂 pipeline',
  'Ἀθῆναι',
  ('pipeline OR ' + 'a* OR ').repeat(20).slice(0, 300),
  ('"a" NEAR ').repeat(40).slice(0, 300),
  'x'.repeat(300),
  'a '.repeat(150),
];

/** Percent-escapes that do not decode to text: lone bytes, overlong forms, surrogates, a bare %. */
const RAW_ESCAPES: readonly string[] = ['%00', '%FF', '%C0%AE', '%C3%28', '%ED%A0%80', '%F4%90%80%80', '%', '%zz', '%E2%80', 'a%00b'];

function ftsCases(base: URL): AbuseCase[] {
  const targets = (value: string): string[] => [
    `/api/articles?q=${value}`,
    `/api/quotes?about=${value}`,
    `/api/quotes?speaker=${value}`,
    `/api/speakers/top?q=${value}`,
    `/api/timeline?q=${value}`,
    `/api/misdated?outlet=${value}`,
    `/api/entities/${value}`,
  ];
  const cases: AbuseCase[] = [];
  for (const value of [...FTS_ATTACKS.map(enc), ...RAW_ESCAPES]) {
    for (const target of targets(value)) cases.push({ class: 'FTS syntax', label: target.slice(0, 70), request: requestBytes(base, { target }) });
  }
  return cases;
}

/** A request for a path that reaches outside the UI's files must not be answered with such a file. */
function traversalCases(base: URL): AbuseCase[] {
  const paths = [
    '/assets/../package.json',
    '/assets/%2e%2e/package.json',
    '/assets/%2E%2E/%2E%2E/package.json',
    '/assets/..%2fpackage.json',
    '/assets/..%2Fpackage.json',
    '/assets/%2e%2e%2fpackage.json',
    '/assets/..%5cpackage.json',
    '/assets/..\\package.json',
    '/assets\\..\\package.json',
    '/assets/%252e%252e/package.json',
    '/assets/%c0%ae%c0%ae/package.json',
    '/assets/....//package.json',
    '/assets/app.js%00.png',
    '/assets/app.js/..',
    '/assets/',
    '/assets/.',
    '/assets/%2e',
    '/assets//etc/passwd',
    '/assets/%2fetc%2fpasswd',
    '/assets/C:%5cWindows%5cwin.ini',
    '/api/../package.json',
    '/api/%2e%2e/package.json',
    '/api/articles/..%2f..%2fpackage.json',
    '/api/articles/1/../../package.json',
    '/api/entities/..%2f..%2fetc%2fpasswd',
    '/api/entities/..%5c..%5cpackage.json',
    '/api\\stats',
    '/%2e%2e/%2e%2e/etc/passwd',
    '//etc/passwd',
    '/../../../../etc/passwd',
    '/package.json',
    '/.git/config',
    '/src/server/app.ts',
    '/dist/src/server/app.js',
    '/node_modules/hono/package.json',
    '/docs/api.md',
    '/index.html',
    '/static/app.js',
  ];
  return paths.map((path) => ({ class: 'path traversal', label: path, request: requestBytes(base, { target: path }), expect: [400, 403, 404] }));
}

function hostCases(base: URL): AbuseCase[] {
  const port = base.port;
  const host = (label: string, hosts: readonly string[] | null, expect: number[], target = '/api/stats'): AbuseCase => ({
    class: 'Host and Origin',
    label,
    request: requestBytes(base, { target, hosts }),
    expect,
  });
  const page = 'The mayor said that the bridge would reopen in May.';
  const post = (label: string, origin: string | null, expect: number[], hosts?: readonly string[]): AbuseCase => ({
    class: 'Host and Origin',
    label,
    request: requestBytes(base, {
      method: 'POST',
      target: '/api/analyze',
      hosts,
      headers: { 'Content-Type': 'text/plain', ...(origin === null ? {} : { Origin: origin }) },
      body: page,
    }),
    expect,
  });
  return [
    host('duplicate Host, allowed first', [`127.0.0.1:${port}`, 'evil.example'], [400]),
    host('duplicate Host, allowed second', ['evil.example', `127.0.0.1:${port}`], [400]),
    host('duplicate Host, equal', [`127.0.0.1:${port}`, `127.0.0.1:${port}`], [400]),
    host('absolute-form, other authority', [`127.0.0.1:${port}`], [403], 'http://evil.example/api/stats'),
    host('absolute-form, other authority and port', [`127.0.0.1:${port}`], [403], `http://evil.example:${port}/api/stats`),
    host('absolute-form, https other authority', [`127.0.0.1:${port}`], [403], 'https://evil.example/api/stats'),
    host('absolute-form, this server', [`127.0.0.1:${port}`], [200], `http://127.0.0.1:${port}/api/stats`),
    host('absolute-form, this server, other Host', ['evil.example'], [403], `http://127.0.0.1:${port}/api/stats`),
    host('absolute-form, ftp scheme', [`127.0.0.1:${port}`], [400], 'ftp://127.0.0.1/api/stats'),
    host('absolute-form, user information', [`127.0.0.1:${port}`], [403], `http://127.0.0.1@evil.example/api/stats`),
    host('odd case LOCALHOST', ['LOCALHOST'], [200]),
    host('odd case LOCALHOST with port', [`LOCALHOST:${port}`], [200]),
    host('odd case LocalHost with port', [`LocalHost:${port}`], [200]),
    host('IPv6 literal [::1]', [`[::1]:${port}`], [200]),
    host('IPv6 literal, uppercase mapped', ['[::FFFF:127.0.0.1]'], [403]),
    host('IPv6 literal unclosed', ['[::1'], [400]),
    host('trailing dot', ['localhost.'], [403]),
    host('trailing dot with port', [`localhost.:${port}`], [403]),
    host('port mismatch', ['127.0.0.1:1'], [200]),
    host('port out of range', ['127.0.0.1:99999'], [400]),
    host('empty port', ['127.0.0.1:'], [400]),
    host('other host', ['evil.example'], [403]),
    host('rebinding name', ['localhost.evil.example'], [403]),
    host('short IPv4', ['127.1'], [403]),
    host('decimal IPv4', ['2130706433'], [403]),
    host('no Host', null, [400]),
    host('empty Host', [''], [400]),
    host('Host with space', ['a b'], [400]),
    host('Host with user information', ['user@127.0.0.1'], [400]),
    host('Host with path', ['127.0.0.1/evil'], [400]),
    host('Host with NUL-like escape', ['127.0.0.1%00'], [400]),
    post('cross-site Origin', 'https://evil.example', [403]),
    post('Origin null', 'null', [403]),
    post('Origin, same host other port', 'http://127.0.0.1:1', [403]),
    post('Origin, same host other scheme', `https://127.0.0.1:${port}`, [200, 403]),
    post('Origin not a URL', 'not a url', [403]),
    post('Origin, same origin', `http://127.0.0.1:${port}`, [200]),
    post('Origin, same origin in upper case', `HTTP://127.0.0.1:${port}`, [200]),
    post('no Origin', null, [200]),
    post('cross-site Origin, odd-case Host', 'https://evil.example', [403], [`LOCALHOST:${port}`]),
  ];
}

/** Framing a parser or a proxy could read two ways: smuggling attempts, odd methods and targets. */
function framingCases(base: URL): AbuseCase[] {
  const host = `Host: ${base.host}\r\n`;
  const raw = (label: string, request: string, expect?: number[]): AbuseCase => ({ class: 'framing', label, request, expect });
  return [
    raw('malformed request line', 'GARBAGE\r\n\r\n', [400]),
    raw('HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', [400, 405]),
    raw('HTTP/0.9', 'GET /api/stats\r\n\r\n', [400]),
    raw('HTTP/1.0 without Host', 'GET /api/stats HTTP/1.0\r\n\r\n', [400]),
    raw('bare LF line ends', `GET /api/stats HTTP/1.1\n${host.trim()}\nConnection: close\n\n`, [200, 400]),
    raw('Content-Length and Transfer-Encoding', `POST /api/analyze HTTP/1.1\r\n${host}Content-Type: text/plain\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`, [400]),
    raw('two Content-Lengths', `POST /api/analyze HTTP/1.1\r\n${host}Content-Type: text/plain\r\nContent-Length: 4\r\nContent-Length: 5\r\nConnection: close\r\n\r\nabcde`, [400]),
    raw('negative Content-Length', `POST /api/analyze HTTP/1.1\r\n${host}Content-Type: text/plain\r\nContent-Length: -1\r\nConnection: close\r\n\r\n`, [400]),
    raw('Transfer-Encoding: gzip, chunked', `POST /api/analyze HTTP/1.1\r\n${host}Content-Type: text/plain\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`, [400, 415]),
    raw('bad chunk size', `POST /api/analyze HTTP/1.1\r\n${host}Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`, [400]),
    raw('space before colon', `GET /api/stats HTTP/1.1\r\nHost : ${base.host}\r\nConnection: close\r\n\r\n`, [400]),
    raw('obsolete line folding', `GET /api/stats HTTP/1.1\r\n${host}X-Folded: a\r\n b\r\nConnection: close\r\n\r\n`, [400]),
    raw('NUL in a header', `GET /api/stats HTTP/1.1\r\n${host}X-Nul: a\u0000b\r\nConnection: close\r\n\r\n`, [400]),
    raw('TRACE', `TRACE /api/stats HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, [404, 405]),
    raw('OPTIONS *', `OPTIONS * HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, [400]),
    raw('CONNECT', `CONNECT 127.0.0.1:22 HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, [400, 405]),
    raw('unknown method', `BREW /api/stats HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, [400, 404, 405]),
    raw('DELETE on a GET route', `DELETE /api/stats HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, [405]),
    raw('HEAD', `HEAD /api/stats HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, [200, 405]),
    raw('Upgrade to websocket', `GET /api/stats HTTP/1.1\r\n${host}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n`, [200, 400]),
    raw('Expect: 100-continue', `POST /api/analyze HTTP/1.1\r\n${host}Content-Type: text/plain\r\nContent-Length: 4\r\nExpect: 100-continue\r\nConnection: close\r\n\r\nabcd`),
    raw('Expect: something else', `POST /api/analyze HTTP/1.1\r\n${host}Content-Type: text/plain\r\nContent-Length: 4\r\nExpect: teapot\r\nConnection: close\r\n\r\nabcd`, [400, 417]),
    raw('pipelined requests', `GET /api/stats HTTP/1.1\r\n${host}\r\nGET /api/stats HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, [200]),
  ];
}

function slowCases(base: URL): AbuseCase[] {
  const cases: AbuseCase[] = [];
  const slow = (label: string, request: AbuseCase['request'], pieceIntervalMs?: number): AbuseCase => ({
    class: 'slow requests',
    label,
    request,
    pieceIntervalMs,
    expect: [408],
    boundMs: REQUEST_TIMEOUT_MS,
  });
  for (let i = 0; i < 10; i++) {
    cases.push(slow('body stalls halfway', `POST /api/analyze HTTP/1.1\r\nHost: ${base.host}\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nThe mayor said`));
    cases.push(slow('chunked body stalls', `POST /api/analyze HTTP/1.1\r\nHost: ${base.host}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n`));
    cases.push(slow('headers never end (slowloris)', `GET /api/stats HTTP/1.1\r\nHost: ${base.host}\r\nX-Slow: a`));
    // A header every 50 ms: the connection is never idle, but the request never completes in time.
    const drip = Array.from({ length: 40 }, (_, n) => `X-Drip-${n}: ${n}\r\n`);
    cases.push(slow('headers dripped (slowloris)', [`GET /api/stats HTTP/1.1\r\nHost: ${base.host}\r\n`, ...drip, '\r\n'], 50));
    cases.push(slow('body dripped', [`POST /api/analyze HTTP/1.1\r\nHost: ${base.host}\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n\r\n`, ...'The mayor said that the bridge reopened.'.split('')], 50));
    cases.push(slow('nothing sent', []));
  }
  return cases;
}

function oversizedCases(base: URL): AbuseCase[] {
  const over = Buffer.alloc(5 * 1024 * 1024 + 1, 'a');
  const chunked = Buffer.concat([...Array.from({ length: 6 }, () => Buffer.concat([Buffer.from('100000\r\n'), Buffer.alloc(0x100000, 'b'), Buffer.from('\r\n')])), Buffer.from('0\r\n\r\n')]);
  const post = (label: string, headers: Record<string, string>, body: string | Uint8Array | undefined, expect: number[]): AbuseCase => ({
    class: 'oversized',
    label,
    request: requestBytes(base, { method: 'POST', target: '/api/analyze', headers: { 'Content-Type': 'text/html', ...headers }, body }),
    expect,
  });
  const deep = '['.repeat(1_000_000);
  return [
    post('body of 5 MB + 1 with its length', {}, over, [413]),
    // Streamed without a declared length, 6 MB may take longer to arrive than the short request time limit: 408 is right then.
    post('body of 6 MB chunked', { 'Transfer-Encoding': 'chunked' }, chunked, [413, 408]),
    post('declared length of 1 TB, small body', { 'Content-Length': String(2 ** 40) }, 'abc', [413]),
    post('declared length of 2^64', { 'Content-Length': '18446744073709551616' }, 'abc', [400, 413]),
    post('JSON nested a million deep', { 'Content-Type': 'application/json' }, deep, [400]),
    post('JSON with a million keys', { 'Content-Type': 'application/json' }, `{${Array.from({ length: 200_000 }, (_, n) => `"k${n}":1`).join(',')}}`, [400]),
    {
      class: 'oversized',
      label: 'headers of 20 KB',
      request: requestBytes(base, { target: '/api/stats', headers: { 'X-Big': 'a'.repeat(20_000) } }),
      expect: [431],
    },
    { class: 'oversized', label: 'URL of 20 KB', request: requestBytes(base, { target: `/api/articles?q=${'a'.repeat(20_000)}` }), expect: [400, 414, 431] },
    {
      class: 'oversized',
      label: '3000 small headers',
      request: requestBytes(base, { target: '/api/stats', headers: Object.fromEntries(Array.from({ length: 3000 }, (_, n) => [`X-${n}`, '1'])) }),
      expect: [200, 431],
    },
    { class: 'oversized', label: 'query of 2000 parameters', request: requestBytes(base, { target: `/api/stats?${Array.from({ length: 2000 }, (_, n) => `p${n}=1`).join('&')}` }), expect: [400] },
  ];
}

// ---- judging answers ----

/** A stack frame, or a path into the server's own sources or build. */
const STACK_TRACE = /(\n\s+at |^\s{4}at |\bat [\w.<>]+ \(|node:internal|\/node_modules\/[\w@.-]+)|(?:^|[\s"'(/])((?:src|dist)\/[\w./-]+\.(?:ts|js))\b/gm;

/**
 * True when the body holds a stack frame or a source path that the request
 * did not itself contain: an error message may quote the path asked for
 * ("no route GET /src/server/app.ts"), which reveals nothing.
 */
function hasStackTrace(body: string, request: AbuseCase['request']): boolean {
  const sent = requestText(request);
  let decoded = sent;
  try {
    decoded = decodeURIComponent(sent);
  } catch {
    decoded = sent;
  }
  for (const match of body.matchAll(STACK_TRACE)) {
    const found = (match[1] ?? match[2] ?? '').trim();
    if (!sent.includes(found) && !decoded.includes(found)) return true;
  }
  return false;
}

function requestText(request: AbuseCase['request']): string {
  const pieces = typeof request === 'string' || request instanceof Uint8Array ? [request] : request;
  return pieces.map((piece) => (typeof piece === 'string' ? piece : Buffer.from(piece).toString('latin1'))).join('');
}

/** Text that only a file from outside the UI would contain. */
const LEAKED_FILE = /"name":\s*"whosaid"|\[core\]|root:x:0:0|\bimport \{|^\s*"dependencies"/m;

interface Failure {
  class: AbuseClass;
  label: string;
  problem: string;
}

function judge(abuse: AbuseCase, exchange: RawExchange, tally: Tally, failures: Failure[]): void {
  const fail = (problem: string): void => {
    if (failures.length < 200) failures.push({ class: abuse.class, label: abuse.label, problem });
  };
  tally.requests += 1;
  if (exchange.hung) {
    tally.hung += 1;
    fail(`no answer within ${ANSWER_BOUND_MS + (abuse.boundMs ?? 0)} ms`);
    return;
  }
  const response = exchange.response;
  if (!response) {
    tally.noAnswer += 1;
    fail('the connection closed without an answer');
    return;
  }
  if (response.status >= 500) {
    tally.server5xx += 1;
    fail(`${response.status}: ${response.body.slice(0, 200)}`);
  } else if (response.status >= 400) tally.client4xx += 1;
  else if (response.status >= 200 && response.status < 300) tally.ok2xx += 1;
  if (hasStackTrace(response.body, abuse.request)) {
    tally.stackTraces += 1;
    fail(`a stack trace or source path in the body: ${response.body.slice(0, 200)}`);
  }
  if (response.status >= 400 && !isJsonError(response)) {
    tally.nonJsonErrors += 1;
    fail(`${response.status} without the JSON error shape: ${response.headers['content-type'] ?? 'no content type'} ${JSON.stringify(response.body.slice(0, 100))}`);
  }
  if (!/default-src 'self'/.test(response.headers['content-security-policy'] ?? '') || response.headers['x-content-type-options'] !== 'nosniff') {
    tally.missingHeaders += 1;
    fail(`${response.status} without the security headers`);
  }
  if (abuse.expect && !abuse.expect.includes(response.status)) {
    tally.unexpected += 1;
    fail(`${response.status}, expected ${abuse.expect.join(' or ')}: ${response.body.slice(0, 160)}`);
  }
  if (abuse.class === 'path traversal' && response.status < 300 && LEAKED_FILE.test(response.body)) {
    tally.leaked += 1;
    fail('a file from outside the UI was served');
  }
}

function isJsonError(response: RawResponse): boolean {
  if (!/^application\/json/.test(response.headers['content-type'] ?? '')) return false;
  try {
    const body = JSON.parse(response.body) as { error?: { code?: unknown; message?: unknown } };
    return Object.keys(body).length === 1 && typeof body.error?.code === 'string' && typeof body.error.message === 'string';
  } catch {
    return false;
  }
}

async function runCases(port: number, cases: readonly AbuseCase[], parallel: number, tally: Tally, failures: Failure[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const abuse = cases[next++] as AbuseCase;
      const exchange = await rawExchange(port, abuse.request, { deadlineMs: ANSWER_BOUND_MS + (abuse.boundMs ?? 0), pieceIntervalMs: abuse.pieceIntervalMs });
      judge(abuse, exchange, tally, failures);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, cases.length) }, worker));
}

// ---- the concurrency phase ----

interface CannonResult extends LoadResult {
  '2xx': number;
  '4xx': number;
  '5xx': number;
}

async function concurrentPhase(url: string, seconds: number, cases: readonly AbuseCase[]): Promise<CannonResult> {
  const autocannon = await loadAutocannon();
  // Valid questions mixed with bad parameters and search syntax attacks; every one is a GET autocannon can repeat.
  const valid = ['/api/stats', '/api/articles?q=pipeline', '/api/quotes?about=said', '/api/speakers/top', '/api/timeline?interval=year', '/api/misdated', '/api/duplicates'];
  const hostile = cases
    .map((abuse) => requestText(abuse.request))
    .map((text) => /^GET (\/api\/\S*) HTTP\/1\.1\r\n/.exec(text)?.[1])
    .filter((path): path is string => path !== undefined)
    .filter((_, index) => index % 7 === 0);
  const requests: LoadOptions['requests'] = [...valid, ...hostile].map((path) => ({ method: 'GET', path }));
  return (await autocannon({ url, connections: 100, duration: seconds, requests })) as CannonResult;
}

// ---- the run ----

const TALLY_HEADERS = ['Class', 'requests', '2xx', '4xx', '5xx', 'stack traces', 'non-JSON errors', 'no security headers', 'unexpected status', 'files leaked', 'hung', 'closed unanswered'];

function tallyRow(name: string, tally: Tally): Array<string | number> {
  return [
    name,
    tally.requests,
    tally.ok2xx,
    tally.client4xx,
    tally.server5xx,
    tally.stackTraces,
    tally.nonJsonErrors,
    tally.missingHeaders,
    tally.unexpected,
    tally.leaked,
    tally.hung,
    tally.noAnswer,
  ];
}

async function main(): Promise<void> {
  const settings = parseSettings();
  const started = new Date();
  const scratch = settings.db ? null : mkdtempSync(join(tmpdir(), 'whosaid-api-abuse-'));
  const db = settings.db ?? join(scratch as string, 'corpus.sqlite');
  let child: ChildProcess | null = null;
  const bound = setTimeout(() => {
    console.error(`api-abuse: still running after ${RUN_BOUND_MS / 60_000} minutes; stopping`);
    child?.kill('SIGKILL');
    process.exit(2);
  }, RUN_BOUND_MS);
  bound.unref();
  try {
    if (!settings.db) await buildCorpus(db, settings.pages);
    await migrateWithCurrentBuild(db);
    const served = await startServe(db, { args: ['--request-timeout', String(REQUEST_TIMEOUT_MS)], stderr: 'pipe' });
    child = served.child;
    // The server logs what it could not answer (a 500's cause) to stderr: kept to report.
    let serverLog = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (serverLog += chunk));
    const base = new URL(served.url);
    const port = Number(base.port);
    const stats = await getJson<CorpusStats>(`${served.url}/api/stats`);

    const classes: Array<[AbuseClass, AbuseCase[], number]> = [
      ['bad parameters', badParameterCases(base), PARALLEL],
      ['FTS syntax', ftsCases(base), PARALLEL],
      ['path traversal', traversalCases(base), PARALLEL],
      ['Host and Origin', hostCases(base), 2],
      ['framing', framingCases(base), PARALLEL],
      ['slow requests', slowCases(base), 20],
      ['oversized', oversizedCases(base), 2],
    ];
    const tallies = new Map<AbuseClass, Tally>();
    const failures: Failure[] = [];
    for (const [name, cases, parallel] of classes) {
      const tally = emptyTally();
      const phaseStart = performance.now();
      await runCases(port, cases, parallel, tally, failures);
      tallies.set(name, tally);
      process.stderr.write(`abuse: ${name}: ${tally.requests} requests in ${((performance.now() - phaseStart) / 1000).toFixed(1)} s\n`);
    }

    // 100 connections at once: first raw, every answer judged; then autocannon for a few seconds.
    const burst = [...classes.flatMap(([, cases]) => cases.filter((abuse) => abuse.class !== 'slow requests' && abuse.class !== 'oversized'))]
      .filter((_, index) => index % 5 === 0)
      .slice(0, 100)
      .map((abuse) => ({ ...abuse, class: '100 concurrent (raw)' as const }));
    const burstTally = emptyTally();
    await runCases(port, burst, 100, burstTally, failures);
    tallies.set('100 concurrent (raw)', burstTally);
    process.stderr.write(`abuse: 100 concurrent connections with autocannon for ${settings.concurrentSeconds} s\n`);
    const cannon = await concurrentPhase(served.url, settings.concurrentSeconds, classes.flatMap(([, cases]) => cases));
    const after = await rawExchange(port, `GET /api/stats HTTP/1.1\r\nHost: ${base.host}\r\nConnection: close\r\n\r\n`, { deadlineMs: ANSWER_BOUND_MS });
    const aliveAfter = after.response?.status === 200;

    const total = emptyTally();
    for (const tally of tallies.values()) for (const key of Object.keys(total) as Array<keyof Tally>) total[key] += tally[key];
    const rows = [...tallies].map(([name, tally]) => tallyRow(name, tally));
    rows.push(tallyRow('all', total));
    const loggedFailures = serverLog.split('\n').filter((line) => /failed/.test(line)).length;
    const cannonFailures = cannon['5xx'] + cannon.errors + cannon.timeouts;
    const failed = FAILURE_KEYS.some((key) => total[key] > 0) || cannonFailures > 0 || !aliveAfter || loggedFailures > 0;

    console.log(textTable(TALLY_HEADERS, rows));
    console.log(`\nautocannon, 100 connections, ${settings.concurrentSeconds} s: ${cannon.requests.total} requests, ${cannon['2xx']} 2xx, ${cannon['4xx']} 4xx, ${cannon['5xx']} 5xx, ${cannon.errors} errors, ${cannon.timeouts} timeouts; p99 ${cannon.latency.p99} ms`);
    console.log(`server answered /api/stats afterwards: ${aliveAfter ? 'yes' : 'no'}; failures in the server's log: ${loggedFailures}`);
    for (const failure of failures) console.log(`FAIL [${failure.class}] ${failure.label}: ${failure.problem}`);
    if (loggedFailures > 0) console.log(`server log:\n${serverLog}`);

    const command = `npm run bench:api-abuse${settings.db ? ' -- --db <corpus>' : ''}`;
    const corpus = settings.db
      ? `an existing corpus (${stats.articles} articles, ${stats.attributions} attributions)`
      : `the first ${settings.pages} AEB and WCXB dev pages ingested with the full analysis (${stats.articles} articles, ${stats.attributions} attributions)`;
    const body = [
      runHeader(command, started),
      '',
      `\`whosaid serve --request-timeout ${REQUEST_TIMEOUT_MS}\` in its own process on ${corpus}, sent hostile requests over loopback, each on its own connection and written byte for byte (so paths and Host headers reach the server as sent). Classes: every route's parameters with garbage, negatives, huge, padded and wrong-type values; full-text search syntax (unbalanced quotes, NEAR(, column filters, \`*\`, \`^\`, lone AND/OR/NOT, 300-character queries, NUL and invalid UTF-8 escapes) on every text parameter; path traversal in static and API paths (\`..\`, \`%2e%2e\`, encoded slashes, backslashes); Host and Origin games (two Host headers, absolute-form targets, odd case, IPv6 literals, trailing dots, port mismatch, cross-site Origin on POST /api/analyze); framing (smuggling attempts, odd methods and targets); slow bodies and slowloris headers; oversized bodies, headers and URLs; then 100 of these at once, and ${settings.concurrentSeconds} s of autocannon at 100 connections over valid and hostile GETs.`,
      '',
      `A response counts as a stack trace when its body has a \`    at \` frame or a path under src/ or dist/; as a non-JSON error when a 4xx/5xx is not \`{"error": {code, message}}\` as application/json; as unexpected when the case names the statuses that are right (a 400 for a padded integer, a 403 for another host, a 408 for a slow request, a 413 for an oversized body…) and it got another; as hung when no answer came within ${ANSWER_BOUND_MS / 1000} s (plus the ${REQUEST_TIMEOUT_MS} ms limit for the slow cases). The run fails unless every one of those columns, the 5xx column and the autocannon 5xx, errors and timeouts are zero.`,
      '',
      markdownTable(TALLY_HEADERS, rows, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
      '',
      `autocannon, 100 connections for ${settings.concurrentSeconds} s: ${cannon.requests.total} requests (${Math.round(cannon.requests.average)}/s), ${cannon['2xx']} 2xx, ${cannon['4xx']} 4xx, **${cannon['5xx']} 5xx**, ${cannon.errors} errors, ${cannon.timeouts} timeouts; latency p50 ${cannon.latency.p50} ms, p99 ${cannon.latency.p99} ms. The server answered afterwards: ${aliveAfter ? 'yes' : 'no'}. Failures in the server's log: ${loggedFailures}.`,
      '',
      failed ? `**Failed**: ${failures.length} problem(s), listed by the script.` : 'Result: no 5xx, no stack trace, no non-JSON error, no missing security headers, no unexpected status, no leaked file, no hung request.',
    ].join('\n');
    console.log(`\nwrote the api-abuse section of ${writeOwnSection('api-abuse', 'HTTP API abuse', body)}`);
    if (failed) process.exitCode = 1;
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    clearTimeout(bound);
  }
}

if (isMainModule(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
