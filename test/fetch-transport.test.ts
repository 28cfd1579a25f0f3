import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { fetchPage } from '../src/ingest/http.js';
import { InputError } from '../src/ingest/input.js';
import { FetchFailure, httpGet, type ResolveHost } from '../src/ingest/fetch/transport.js';

/**
 * A loopback server stands in for the web. Loopback is exactly what the
 * transport refuses by default, so tests that must reach it either allow
 * private addresses outright or let 127.0.0.1 through as a named exception
 * (with an injected resolver mapping test host names to it), which keeps
 * every other refusal in force.
 */
let server: Server;
let port: number;
const requests: { url: string; host: string }[] = [];
const PAGE = '<html><body><p>Encoded bodies are decoded before analysis.</p></body></html>';

const ROUTES: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  '/page': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(PAGE);
  },
  '/to-private': (_request, response) => {
    response.writeHead(302, { location: 'http://10.0.0.5/x' });
    response.end();
  },
  '/to-metadata': (_request, response) => {
    response.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' });
    response.end();
  },
  '/to-rebind': (_request, response) => {
    response.writeHead(302, { location: `http://rebind.test:${port}/page` });
    response.end();
  },
  '/gzip': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    response.end(gzipSync(PAGE));
  },
  '/deflate-zlib': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
    response.end(deflateSync(PAGE));
  },
  '/deflate-raw': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
    response.end(deflateRawSync(PAGE));
  },
  '/br': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
    response.end(brotliCompressSync(PAGE));
  },
  '/bomb': (_request, response) => {
    // 64 MB of zeros in about 64 KB: a page must never expand like this in memory.
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    response.end(gzipSync(Buffer.alloc(64 * 1024 * 1024)));
  },
  '/corrupt-gzip': (_request, response) => {
    const body = gzipSync(PAGE);
    body.fill(0xff, 12, 40);
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    response.end(body);
  },
  '/compress': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'compress' });
    response.end('whatever');
  },
};

before(async () => {
  server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', host: String(request.headers.host) });
    const route = ROUTES[request.url ?? ''];
    if (route) route(request, response);
    else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Test host names all lead to the loopback server. */
const toLoopback: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
const LOOPBACK_EXCEPTION = { allowAddresses: ['127.0.0.1'], resolveHost: toLoopback };

async function problemOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchFailure) return error.problem;
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}

test('by default, loopback, private, link-local and metadata addresses are refused without connecting', async () => {
  const before = requests.length;
  const hint = '(use --allow-private-addresses to allow)';
  assert.equal(await problemOf(fetchPage(`http://127.0.0.1:${port}/page`)), `http://127.0.0.1:${port}/page: refused: 127.0.0.1 is a loopback address ${hint}`);
  assert.equal(await problemOf(fetchPage('http://10.0.0.5/x')), `http://10.0.0.5/x: refused: 10.0.0.5 is a private address ${hint}`);
  assert.equal(await problemOf(httpGet(`http://[::1]:${port}/page`)), `refused: ::1 is a loopback address ${hint}`);
  assert.equal(await problemOf(httpGet('http://169.254.169.254/latest/meta-data/')), `refused: 169.254.169.254 is a cloud metadata address ${hint}`);
  assert.equal(await problemOf(httpGet('http://[::ffff:127.0.0.1]/')), `refused: ::ffff:7f00:1 embeds 127.0.0.1, a loopback address ${hint}`);
  assert.equal(await problemOf(httpGet('http://0x7f000001/')), `refused: 127.0.0.1 is a loopback address ${hint}`);
  assert.equal(await problemOf(httpGet('http://192.168.1.1:8080/admin')), `refused: 192.168.1.1 is a private address ${hint}`);
  assert.equal(requests.length, before, 'no request reached the server');
});

test('a metadata host name is refused before it is even looked up', async () => {
  const looked: string[] = [];
  const resolveHost: ResolveHost = async (name) => {
    looked.push(name);
    return [{ address: '93.184.216.34', family: 4 }];
  };
  assert.equal(
    await problemOf(httpGet('http://metadata.google.internal/computeMetadata/v1/', { resolveHost })),
    'refused: metadata.google.internal is a cloud metadata host (use --allow-private-addresses to allow)',
  );
  assert.deepEqual(looked, []);
});

test('a host name is judged on the addresses it resolves to: localhost is refused', async () => {
  const before = requests.length;
  const problem = await problemOf(httpGet(`http://localhost:${port}/page`));
  assert.match(problem, /^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address \(use --allow-private-addresses to allow\)$/);
  assert.equal(requests.length, before);
});

test('the resolved address is the one connected to: a test name resolving to an allowed exception reaches the server', async () => {
  const response = await httpGet(`http://news.test:${port}/page`, LOOPBACK_EXCEPTION);
  assert.equal(response.status, 200);
  assert.equal(Buffer.from(response.bytes).toString(), PAGE);
  assert.equal(requests.at(-1)?.host, `news.test:${port}`);
  // The same name without the exception is refused.
  assert.equal(
    await problemOf(httpGet(`http://news.test:${port}/page`, { resolveHost: toLoopback })),
    'refused: news.test resolves to 127.0.0.1, a loopback address (use --allow-private-addresses to allow)',
  );
});

test('refused addresses are dropped from a mixed answer and only the allowed one is used', async () => {
  const mixed: ResolveHost = async () => [
    { address: '10.0.0.5', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ];
  const response = await httpGet(`http://mixed.test:${port}/page`, { allowAddresses: ['127.0.0.1'], resolveHost: mixed, timeoutMs: 5000 });
  assert.equal(response.status, 200);
});

test('a redirect from an allowed server to a private or metadata address is refused at that hop', async () => {
  assert.equal(
    await problemOf(fetchPage(`http://news.test:${port}/to-private`, LOOPBACK_EXCEPTION)),
    `http://news.test:${port}/to-private: redirected to http://10.0.0.5/x: refused: 10.0.0.5 is a private address (use --allow-private-addresses to allow)`,
  );
  assert.equal(
    await problemOf(fetchPage(`http://news.test:${port}/to-metadata`, LOOPBACK_EXCEPTION)),
    `http://news.test:${port}/to-metadata: redirected to http://169.254.169.254/latest/meta-data/: refused: 169.254.169.254 is a cloud metadata address (use --allow-private-addresses to allow)`,
  );
});

test('every connection resolves again: a name that rebinds to a private address on the redirect is refused', async () => {
  let lookups = 0;
  const rebinding: ResolveHost = async () => (lookups++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.5', family: 4 }]);
  const before = requests.length;
  const problem = await problemOf(httpGet(`http://rebind.test:${port}/to-rebind`, { allowAddresses: ['127.0.0.1'], resolveHost: rebinding }));
  assert.equal(problem, `redirected to http://rebind.test:${port}/page: refused: rebind.test resolves to 10.0.0.5, a private address (use --allow-private-addresses to allow)`);
  assert.deepEqual(
    requests.slice(before).map((request) => request.url),
    ['/to-rebind'],
  );
  assert.equal(lookups, 2);
});

test('URLs with credentials and non-HTTP schemes are refused', async () => {
  assert.equal(await problemOf(httpGet('http://user:secret@news.example/')), 'refused: URLs with a user name or password are not fetched');
  assert.equal(await problemOf(httpGet('http://trusted.example@10.0.0.5/')), 'refused: URLs with a user name or password are not fetched');
  assert.equal(await problemOf(httpGet('ftp://news.example/file')), 'unsupported URL scheme "ftp:"');
  assert.equal(await problemOf(httpGet('not a url')), 'not a valid URL');
});

test('allowPrivateAddresses turns the check off', async () => {
  const response = await httpGet(`http://127.0.0.1:${port}/page`, { allowPrivateAddresses: true });
  assert.equal(Buffer.from(response.bytes).toString(), PAGE);
  const page = await fetchPage(`http://localhost:${port}/page`, { allowPrivateAddresses: true }).catch((error: unknown) => error);
  // localhost may resolve to ::1 first where nothing listens; either way it was not refused by policy.
  if (page instanceof InputError) assert.doesNotMatch(page.problem, /refused:/);
  else assert.equal(Buffer.from((page as { bytes: Uint8Array }).bytes).toString(), PAGE);
});

test('gzip, deflate (with or without its zlib wrapper) and br bodies are decoded', async () => {
  for (const route of ['/gzip', '/deflate-zlib', '/deflate-raw', '/br']) {
    const page = await fetchPage(`http://news.test:${port}${route}`, LOOPBACK_EXCEPTION);
    assert.equal(Buffer.from(page.bytes).toString(), PAGE, route);
    assert.equal(page.truncated, false);
  }
});

test('a decompression bomb is cut at the size limit with a warning; corrupt and unknown codings are errors', async () => {
  const page = await fetchPage(`http://news.test:${port}/bomb`, { ...LOOPBACK_EXCEPTION, maxBytes: 1024 * 1024 });
  assert.equal(page.bytes.length, 1024 * 1024);
  assert.equal(page.truncated, true);
  assert.deepEqual(page.warnings, ['body expands past 1 MB; only the first 1 MB were kept']);
  assert.match(await problemOf(fetchPage(`http://news.test:${port}/corrupt-gzip`, LOOPBACK_EXCEPTION)), /: corrupt gzip body \(.+\)$/);
  assert.equal(await problemOf(fetchPage(`http://news.test:${port}/compress`, LOOPBACK_EXCEPTION)), `http://news.test:${port}/compress: unsupported Content-Encoding "compress"`);
});

test('a fetched page records when it was captured', async () => {
  const page = await fetchPage(`http://news.test:${port}/page`, LOOPBACK_EXCEPTION);
  assert.ok(page.capturedAt && !Number.isNaN(Date.parse(page.capturedAt)));
});

/** A self-signed certificate for "news.test", made for this test with openssl (valid for a century). */
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIDITCCAgmgAwIBAgIUYpEKN5OnW10IkqUt/Chdi/YO2kEwDQYJKoZIhvcNAQEL
BQAwFDESMBAGA1UEAwwJbmV3cy50ZXN0MCAXDTI2MTEyNDE5NDE0OFoYDzIxMjYx
MDMxMTk0MTQ4WjAUMRIwEAYDVQQDDAluZXdzLnRlc3QwggEiMA0GCSqGSIb3DQEB
AQUAA4IBDwAwggEKAoIBAQDKETW7ahkoJNRdWZImca8rvog8beGcJ+oYHd90TlLv
V7VF4//Wnw6dC6pej6GF+Y3mjin3rwxy9ZCpDrHYLo6qIS4xX0girKVlbTK26pew
hdwoVt6DhP2sWB2Y7tXvXCuqJX1oPu8UWekUkvZh4zXLPJ3f3eSFRhSBmfVV0OU8
v+CnGvt0LIZQpZAa69roo4hL1qVm5n0oVzi0gdqHEFQ+sTvKYddjKd1mvf7gnvG0
gG4de+dck9yEWw+DCktKD/KGIIfWi3m1s0Jy3rPk/KPQ5PPRYg8ZFlBLB02QpBv1
yOFHxVODOrfw9Qzt1idT+ehr+haHfE5isCZ09kMMQeCPAgMBAAGjaTBnMB0GA1Ud
DgQWBBTZsjfe5ufAj/ovNbZFz4qd2nd1bDAfBgNVHSMEGDAWgBTZsjfe5ufAj/ov
NbZFz4qd2nd1bDAPBgNVHRMBAf8EBTADAQH/MBQGA1UdEQQNMAuCCW5ld3MudGVz
dDANBgkqhkiG9w0BAQsFAAOCAQEAj7rhSBwQUvu8vUWxtyA3C/op3KMvHvrIg50t
ohdXIas4o+p4XSO9X0dC7jp4YpaPTtFiS8pIyf9v672wG5F/ZibpwvYhUhtVQlFf
1hpJa1MEqloL9IiyRG+vCAwsftrOEHJuWRuX3RYUDULtgdp3PHyArgNATqib70lz
yJ/Crhnwn06Nbx4ggFPFeatbEZN2Py4lsyVfkWmIgljD0y9K+RC3+448Gzqaxgpu
rNTKwmSp/e0fhAOHlTsl8SdiIsW3FDbIoCLr9rYWWTbySZgUiH0cuIe4k3TYOzU8
zYvAY3wFvJDoCYpl6nSjT8dzQkpUnoCvCLNQzXwmnaKdrAMTgg==
-----END CERTIFICATE-----`;
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQDKETW7ahkoJNRd
WZImca8rvog8beGcJ+oYHd90TlLvV7VF4//Wnw6dC6pej6GF+Y3mjin3rwxy9ZCp
DrHYLo6qIS4xX0girKVlbTK26pewhdwoVt6DhP2sWB2Y7tXvXCuqJX1oPu8UWekU
kvZh4zXLPJ3f3eSFRhSBmfVV0OU8v+CnGvt0LIZQpZAa69roo4hL1qVm5n0oVzi0
gdqHEFQ+sTvKYddjKd1mvf7gnvG0gG4de+dck9yEWw+DCktKD/KGIIfWi3m1s0Jy
3rPk/KPQ5PPRYg8ZFlBLB02QpBv1yOFHxVODOrfw9Qzt1idT+ehr+haHfE5isCZ0
9kMMQeCPAgMBAAECggEARp83MVZGjpI4qpuYidknyNkhkkUxGbuVhHJEW8jYEZCM
6W1jSCZ1HAwssjnu0P1ES/UZ09gZOMB8m6loHM9Ay1MnatgLRRsj/0vn8qgQ9gAC
zxJ1WHANnMN7LK0kljCXjjLmHp4IPwuhe7BVbibT8UExSEGsEaxJlHYzmZeV1uH1
6DNyQ0347Q9srldXFXwXwUSAsWHc/L28OhfWnhP6IgqSnfvpQAmf3tqb9RrqPoV2
ntYBTlmi07aLw28ZuzT6Inpm0qFL8QxcuH0XZsxhunHk4SYS2dgxj3OLRoV5JdFd
Z4vGuoa6NzB9FNhRhcUOHq7zu5v+ulvV4mssWF+WAQKBgQDnRvZWfydfiH6SKiX4
PJc22aEkt2uEYWr8cKLLfYHOuOJOwweegXTlKWMeGdh9Iq877jw2LaMkfo5ps6on
5zxMni5ca6cmxXccec92nUtIlGP6mI/iK7Xy9lxgqXuV3N1Zb0KNJKhajvvc6j+q
0AfJ2W3He7ZtymPsCoHQs+MFAQKBgQDfquZDOHUD92RSIu7urXzolU/S8k9plj2Z
9eFaacqxq4hZeBLeQE6ar6n0X0riCh06lgWVWYM7G+zGbHEaOp3Z7ZKvPsPthKJq
sxAF4P5S4NCxTNEDXMXpHtQuaIThN4bqmmlg6oJDHl6UIVi+JLb2gdxRQK+e9kOq
CKAdxAkVjwKBgQCZEYdSYh++A8m5lXnB3OA75jfX5Cmd2RgE8ctdILj8B7OIa14s
kwO58/Vs47A7yevun1NsjDHwom5BGS8h79Ih54NJmdpsN78IsroTiDFeXQ/6uGRq
TYHDxzgGpcVsv1wkqBWE8uEV5pJdeRAgTkUJXAVjRMbNzWjqvV2DsrsrAQKBgQCa
Ywe//Jdg3oID5BMS8vOWQ4Iu9Iz2L/tja4Ja+00rKGDciPJVMQRQ59IjWSeCMUMN
roI6Hehkg5kDOdU0KqPMyp0GlAd/yp6lkeYMeMp0ALRsvb5EWORPTrVdN04Je1+I
Tn9Qo264z5yvGPl9fjBApVCjUUgoLIp2Mq/6+9bdZwKBgQCAlqV6rUyLULLHJgBS
gynYhRiDrCKuB75dJSWlJtOPByUsQhUTuiNrAQjSdCJ/48mnu4J/B3n6FjGZPZhY
7XisC0I4aAnskgIG9S7YRE7pJZQuxCzEpfTweztSJtEtpATbxV4PQiwAsfyCld9Y
6N6CHuRKFT4XVMK7mtd88S+fTw==
-----END PRIVATE KEY-----`;

test('HTTPS goes through the same guarded lookup, with the host name checked against the certificate', async () => {
  const tls: TlsServer = createTlsServer({ cert: TEST_CERT, key: TEST_KEY }, (request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<p>secure ${request.headers.host}</p>`);
  });
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  const tlsPort = (tls.address() as AddressInfo).port;
  try {
    const response = await httpGet(`https://news.test:${tlsPort}/`, { ...LOOPBACK_EXCEPTION, ca: TEST_CERT });
    assert.equal(Buffer.from(response.bytes).toString(), `<p>secure news.test:${tlsPort}</p>`);
    assert.equal(
      await problemOf(httpGet(`https://news.test:${tlsPort}/`, { resolveHost: toLoopback, ca: TEST_CERT })),
      'refused: news.test resolves to 127.0.0.1, a loopback address (use --allow-private-addresses to allow)',
    );
    // A name the certificate does not cover fails verification.
    assert.match(await problemOf(httpGet(`https://other.test:${tlsPort}/`, { ...LOOPBACK_EXCEPTION, ca: TEST_CERT })), /^(TLS problem \(ERR_TLS_CERT_ALTNAME_INVALID\)|fetch failed \(.*altnames.*\))$/);
    // Without trusting the test authority, the certificate is refused.
    assert.match(await problemOf(httpGet(`https://news.test:${tlsPort}/`, LOOPBACK_EXCEPTION)), /^TLS problem \(/);
  } finally {
    tls.closeAllConnections();
    await new Promise<void>((resolve) => tls.close(() => resolve()));
  }
});
