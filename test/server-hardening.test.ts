/**
 * The HTTP server against requests a browser or fetch would never send, over
 * raw loopback sockets: bodies and headers that stall, Host games at the
 * framing level (two Host headers, an absolute-form target), odd Host values,
 * malformed requests and padded numbers. Every refusal is the JSON error
 * shape with the security headers, never Node's or the adapter's bare answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '../src/server/app.js';
import { rawExchange, type RawResponse } from './support/raw-http.js';
import { buildTestCorpus, type TestCorpus } from './support/server-corpus.js';

let corpus: TestCorpus;
let server: RunningServer;
let port: number;
const logged: string[] = [];

/** A request time limit short enough to watch it act; the deadline below only guards against a hang. */
const REQUEST_TIMEOUT_MS = 300;
const DEADLINE_MS = 20_000;

before(async () => {
  corpus = await buildTestCorpus();
  server = await startServer({ store: corpus.store, port: 0, requestTimeoutMs: REQUEST_TIMEOUT_MS, log: (message) => logged.push(message) });
  port = Number(new URL(server.url).port);
});

after(async () => {
  await server?.close();
  await corpus?.close();
});

async function exchange(request: string): Promise<RawResponse> {
  const result = await rawExchange(port, request, { deadlineMs: DEADLINE_MS });
  assert.ok(!result.hung, `answered before the ${DEADLINE_MS} ms guard: ${JSON.stringify(request.slice(0, 80))}`);
  assert.ok(result.response, `a complete response to ${JSON.stringify(request.slice(0, 80))}`);
  return result.response;
}

/** Asserts the JSON error shape with the code expected and the security headers. */
function assertRefusal(response: RawResponse, status: number, code: string, what: string): void {
  assert.equal(response.status, status, `${what}: ${response.body}`);
  assert.match(response.headers['content-type'] ?? '', /^application\/json/, what);
  const body = JSON.parse(response.body) as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(body), ['error'], what);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message'], what);
  assert.equal(body.error.code, code, `${what}: ${body.error.message}`);
  assert.ok(body.error.message.length > 0);
  assert.match(response.headers['content-security-policy'] ?? '', /default-src 'self'/, `${what}: the security headers`);
  assert.equal(response.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(response.headers['x-frame-options'], 'DENY', what);
}

describe('time limits for a request to arrive', () => {
  test('a body that stops halfway is 408 JSON once the request time limit passes, and the connection closes', async () => {
    const request =
      'POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nThe mayor said that the bridge';
    const result = await rawExchange(port, request, { deadlineMs: DEADLINE_MS });
    assert.ok(!result.hung, 'the server answered the stalled body');
    assert.ok(result.response);
    assertRefusal(result.response, 408, 'request_timeout', 'stalled body');
    assert.equal(result.response.headers.connection, 'close');
  });

  test('headers that never end (slowloris) are 408 JSON as well', async () => {
    const result = await rawExchange(port, 'GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a', { deadlineMs: DEADLINE_MS });
    assert.ok(!result.hung, 'the server answered the unfinished headers');
    assert.ok(result.response);
    assertRefusal(result.response, 408, 'request_timeout', 'unfinished headers');
  });

  test('a request that arrives in time is served, and the server goes on after the refusals', async () => {
    const response = await exchange('GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    assert.equal(response.status, 200);
    assert.equal((JSON.parse(response.body) as { articles: number }).articles, 5);
    // The handler that was waiting for the stalled body saw its connection close: that is the client's doing, not a server failure.
    assert.deepEqual(logged, []);
  });

  test('a malformed request or oversized headers are JSON refusals, not bare parser answers', async () => {
    assertRefusal(await exchange('GARBAGE\r\n\r\n'), 400, 'bad_request', 'malformed request line');
    const huge = `GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    assertRefusal(await exchange(huge), 431, 'headers_too_large', 'oversized headers');
  });
});

describe('Host at the framing level', () => {
  test('two Host headers are 400 invalid_host, whichever comes first', async () => {
    const stats = (hosts: string[]): string => `GET /api/stats HTTP/1.1\r\n${hosts.map((host) => `Host: ${host}\r\n`).join('')}Connection: close\r\n\r\n`;
    assertRefusal(await exchange(stats([`127.0.0.1:${port}`, 'evil.example'])), 400, 'invalid_host', 'allowed host first');
    assertRefusal(await exchange(stats(['evil.example', `127.0.0.1:${port}`])), 400, 'invalid_host', 'allowed host second');
    assertRefusal(await exchange(stats(['127.0.0.1', '127.0.0.1'])), 400, 'invalid_host', 'the same host twice');
    const mixedCase = `GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nhOsT: evil.example\r\nConnection: close\r\n\r\n`;
    assertRefusal(await exchange(mixedCase), 400, 'invalid_host', 'header names differing in case');
  });

  test('an absolute-form target naming another authority is 403 forbidden_host; naming this server it is served', async () => {
    const absolute = (target: string): string => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`;
    assertRefusal(await exchange(absolute('http://evil.example/api/stats')), 403, 'forbidden_host', 'another authority');
    assertRefusal(await exchange(absolute(`http://evil.example:${port}/api/stats`)), 403, 'forbidden_host', 'another authority, same port');
    assertRefusal(await exchange(absolute('https://evil.example/api/stats')), 403, 'forbidden_host', 'https, another authority');
    assertRefusal(await exchange(absolute('ftp://127.0.0.1/api/stats')), 400, 'bad_request', 'a scheme other than http');
    const served = await exchange(absolute(`http://127.0.0.1:${port}/api/stats`));
    assert.equal(served.status, 200, served.body);
    assert.equal((JSON.parse(served.body) as { articles: number }).articles, 5);
  });
});

describe('odd Host values and request targets', () => {
  const withHost = (host: string | null, target = '/api/stats', version = '1.1'): string =>
    `GET ${target} HTTP/${version}\r\n${host === null ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`;

  test('host names are case-insensitive: LOCALHOST with or without the port is served, as is [::1]', async () => {
    for (const host of ['LOCALHOST', `LOCALHOST:${port}`, `LocalHost:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`]) {
      const response = await exchange(withHost(host));
      assert.equal(response.status, 200, `${host}: ${response.body}`);
      assert.equal((JSON.parse(response.body) as { articles: number }).articles, 5, host);
    }
  });

  test('a missing, empty or malformed Host is 400 invalid_host as JSON with the security headers', async () => {
    const malformed: Array<[string | null, string]> = [
      [null, 'no Host header'],
      ['', 'an empty Host'],
      ['a b', 'a space in the host'],
      ['[::1', 'an unclosed IPv6 literal'],
      ['localhost:', 'a colon without a port'],
      ['localhost:99999', 'a port out of range'],
      ['localhost:8o', 'a port that is not a number'],
      ['user@localhost', 'user information'],
      ['localhost/evil', 'a path in the host'],
    ];
    for (const [host, what] of malformed) assertRefusal(await exchange(withHost(host)), 400, 'invalid_host', what);
    assertRefusal(await exchange(withHost(null, '/api/stats', '1.0')), 400, 'invalid_host', 'HTTP/1.0 without Host');
  });

  test('a well-formed Host naming another host, however spelled, is 403 forbidden_host', async () => {
    for (const host of ['evil.example', `EVIL.example:${port}`, 'localhost.', '127.1', '2130706433', '[::2]', 'localhost.evil.example']) {
      assertRefusal(await exchange(withHost(host)), 403, 'forbidden_host', host);
    }
  });

  test('a backslash in the path is a JSON refusal, not the adapter\'s bare 400', async () => {
    assertRefusal(await exchange(withHost('127.0.0.1', '/assets\\..\\package.json')), 400, 'bad_request', 'backslashes');
    assertRefusal(await exchange(withHost('127.0.0.1', 'http://127.0.0.1/assets\\..\\x')), 400, 'bad_request', 'backslashes in an absolute-form target');
  });
});

describe('integer parameters', () => {
  test('only plain decimal digits are a number: padded, empty, signed, hex and exponent forms are 400 invalid_parameter', async () => {
    const values = ['%201', '1%20', '%0A3%09', '', '+3', '%2B3', '-0', '0x10', '1e2', '1.0', '3%00', '%EF%BC%93' /* fullwidth 3 */, '١'];
    for (const name of ['limit', 'offset']) {
      for (const value of values) {
        const path = `/api/articles?q=pipeline&${name}=${value}`;
        const response = await fetch(`${server.url}${path}`);
        const body = (await response.json()) as { error?: { code: string; message: string } };
        assert.equal(response.status, 400, `${path}: ${JSON.stringify(body)}`);
        assert.equal(body.error?.code, 'invalid_parameter', path);
        assert.match(body.error?.message ?? '', new RegExp(name), path);
      }
    }
    const plain = await fetch(`${server.url}/api/articles?q=pipeline&limit=2&offset=007`);
    assert.equal(plain.status, 200);
    const page = (await plain.json()) as { limit: number; offset: number };
    assert.deepEqual([page.limit, page.offset], [2, 7]);
  });
});

describe('answers Node or the adapter would give without the security headers', () => {
  test('HEAD is answered like GET, security headers included, without a body', async () => {
    for (const path of ['/api/stats', '/api/articles?q=pipeline', '/']) {
      const response = await exchange(`HEAD ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers['content-security-policy'] ?? '', /default-src 'self'/, `${path}: the security headers`);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', path);
      assert.equal(response.body, '', path);
    }
    const refused = await exchange(`HEAD /api/articles?limit=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    assert.equal(refused.status, 400);
    assert.match(refused.headers['content-type'] ?? '', /^application\/json/);
    assert.match(refused.headers['content-security-policy'] ?? '', /default-src 'self'/, 'a refused HEAD carries the security headers');
  });

  test('CONNECT (this server is no proxy) is 405 JSON, not a silently closed connection', async () => {
    assertRefusal(await exchange(`CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`), 405, 'method_not_allowed', 'CONNECT');
  });

  test('an Expect other than 100-continue is 417 JSON; 100-continue is honoured', async () => {
    const post = (expect: string): string =>
      `POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: ${expect}\r\nConnection: close\r\n\r\n[]`;
    assertRefusal(await exchange(post('teapot')), 417, 'expectation_failed', 'Expect: teapot');
    // After the interim 100 Continue, the final answer is the app's own: here, a body that is not an object.
    assertRefusal(await exchange(post('100-continue')), 400, 'invalid_body', 'Expect: 100-continue');
  });
});
