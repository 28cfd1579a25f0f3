/**
 * The HTTP API against a real SQLite corpus, over loopback: every route, its
 * validation, errors without internals, the OpenAPI description covering what
 * is served, page analysis with its bounds, and hostile page text coming back
 * only as JSON strings under a strict Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { API_ROUTES, createApp, startServer, type EntityPage, type ListResponse, type RunningServer } from '../src/server/app.js';
import type { OpenApiDocument, OpenApiParameter } from '../src/server/openapi.js';
import { QUERY_PARAMETERS } from '../src/server/params.js';
import { openQueryPool } from '../src/server/query-pool.js';
import type { AnalysisResult } from '../src/model/result.js';
import type { ArticleHit, CorpusStats, CorpusStore, DuplicateGroup, EntityRoles, FailureRow, QuoteHit, SpeakerCount, StoredArticle } from '../src/store/types.js';
import { CLI_MAIN } from './support/cli.js';
import { buildTestCorpus, HOSTILE_IMG, HOSTILE_SCRIPT, type TestCorpus } from './support/server-corpus.js';

let corpus: TestCorpus;
let pooled: CorpusStore;
let server: RunningServer;
const logged: string[] = [];

// The server reads the corpus as `whosaid serve` does: through the query pool's worker threads.
before(async () => {
  corpus = await buildTestCorpus();
  await corpus.store.putFailures([{ input: 'broken.html', url: null, reason: 'broken.html: not a web page (binary data)', stage: 'load', analyserVersion: 'test' }]);
  pooled = openQueryPool(join(corpus.dir, 'corpus.sqlite'), { workers: 2 });
  server = await startServer({ store: pooled, port: 0, log: (message) => logged.push(message) });
});

after(async () => {
  await server?.close();
  await pooled?.close();
  await corpus?.close();
});

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

async function get<T>(path: string, init?: RequestInit): Promise<Answer<T>> {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('application/json')) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: body as T };
}

interface ErrorBody {
  error: { code: string; message: string };
}

/** Asserts the one error shape: exactly {"error": {"code", "message"}}, with the code expected. */
async function expectError(path: string, status: number, code: string, init?: RequestInit): Promise<string> {
  const answer = await get<ErrorBody>(path, init);
  assert.equal(answer.status, status, `${path}: ${JSON.stringify(answer.body)}`);
  assert.match(answer.headers.get('content-type') ?? '', /application\/json/);
  assert.deepEqual(Object.keys(answer.body), ['error']);
  assert.deepEqual(Object.keys(answer.body.error).sort(), ['code', 'message']);
  assert.equal(answer.body.error.code, code, `${path}: ${answer.body.error.message}`);
  assert.ok(answer.body.error.message.length > 0);
  assert.doesNotMatch(answer.body.error.message, /\n\s+at /, 'no stack trace');
  return answer.body.error.message;
}

function id(name: string): number {
  const value = corpus.ids.get(name);
  assert.ok(value, `page ${name} was stored`);
  return value;
}

describe('corpus routes', () => {
  test('GET /api/stats counts the stored corpus; every response carries the security headers', async () => {
    const { status, headers, body } = await get<CorpusStats>('/api/stats');
    assert.equal(status, 200);
    assert.equal(body.articles, 5);
    assert.equal(body.misdated, 1);
    assert.equal(body.duplicateGroups, 1);
    assert.equal(body.failures, 1);
    assert.ok(body.attributions > 5);
    const csp = headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(headers.get('x-content-type-options'), 'nosniff');
    assert.equal(headers.get('referrer-policy'), 'no-referrer');
  });

  test('GET /api/articles searches, pages and filters by outlet and date', async () => {
    const all = await get<ListResponse<ArticleHit>>('/api/articles?q=pipeline');
    assert.equal(all.status, 200);
    const ids = all.body.items.map((hit) => hit.id);
    for (const name of ['pipeline', 'pipeline-copy', 'peskov']) assert.ok(ids.includes(id(name)), `${name} matches "pipeline"`);
    assert.ok(!ids.includes(id('ferry')));
    assert.ok(all.body.items.some((hit) => (hit.snippet ?? '').includes('⟦pipeline⟧')));
    assert.equal(all.body.limit, 20);
    assert.equal(all.body.offset, 0);

    const one = await get<ListResponse<ArticleHit>>('/api/articles?q=pipeline&limit=1&offset=1');
    assert.equal(one.body.items.length, 1);
    assert.equal(one.body.items[0].id, all.body.items[1].id);
    assert.equal(one.body.limit, 1);

    const outlet = await get<ListResponse<ArticleHit>>('/api/articles?q=pipeline&outlet=Evening%20Post');
    assert.deepEqual(outlet.body.items.map((hit) => hit.id), [id('peskov')]);

    const dated = await get<ListResponse<ArticleHit>>('/api/articles?q=pipeline&from=2023-01-01&to=2023-12-31');
    assert.ok(!dated.body.items.some((hit) => hit.id === id('peskov')), 'the 2022 article is outside the range');
    assert.ok(dated.body.items.some((hit) => hit.id === id('pipeline')));
  });

  test('GET /api/articles/:id returns the full analysis with its duplicates', async () => {
    const { status, body } = await get<StoredArticle>(`/api/articles/${id('pipeline')}`);
    assert.equal(status, 200);
    assert.equal(body.result.title, 'Talks on the northern pipeline collapse');
    const chained = body.result.attributions?.find((a) => a.parent !== null && /Peskov/.test(a.source?.text ?? ''));
    assert.ok(chained, 'the Peskov quote is reported through another attribution');
    assert.equal(body.result.attributions?.find((a) => a.id === chained.parent)?.speaker?.name, 'Tom Reilly');
    assert.deepEqual(body.duplicates.map((copy) => copy.id), [id('pipeline-copy')]);
    assert.ok(body.result.chrome.length > 0);
    assert.ok(Array.isArray(body.result.published.candidates));

    await expectError('/api/articles/999999', 404, 'not_found');
    for (const bad of ['abc', '0', '-3', '1.5', '99999999999999999999']) await expectError(`/api/articles/${bad}`, 400, 'invalid_parameter');
  });

  test('GET /api/quotes by speaker and about a topic; exactly one of the two', async () => {
    const bySpeaker = await get<ListResponse<QuoteHit>>('/api/quotes?speaker=Peskov');
    assert.equal(bySpeaker.status, 200);
    assert.ok(bySpeaker.body.items.length >= 3);
    for (const quote of bySpeaker.body.items) assert.equal(quote.speaker, 'Dmitry Peskov');
    const reported = bySpeaker.body.items.find((quote) => quote.parent !== null);
    assert.equal(reported?.reportedBy, 'Tom Reilly');

    const about = await get<ListResponse<QuoteHit>>('/api/quotes?about=hurry');
    assert.ok(about.body.items.some((quote) => quote.articleId === id('peskov') && /hurry/.test(quote.content)));

    await expectError('/api/quotes', 400, 'missing_parameter');
    await expectError('/api/quotes?speaker=Peskov&about=deal', 400, 'invalid_parameter');
  });

  test('GET /api/speakers/top ranks speakers and groups by outlet', async () => {
    const top = await get<ListResponse<SpeakerCount>>('/api/speakers/top');
    assert.equal(top.status, 200);
    assert.ok(top.body.items.some((row) => row.speaker === 'Dmitry Peskov' && row.quotes >= 3 && row.group === null));
    const byOutlet = await get<ListResponse<SpeakerCount>>('/api/speakers/top?groupBy=outlet&q=pipeline');
    assert.ok(byOutlet.body.items.length > 0);
    assert.ok(byOutlet.body.items.every((row) => typeof row.group === 'string'));
    const message = await expectError('/api/speakers/top?groupBy=colour', 400, 'invalid_parameter');
    assert.match(message, /groupBy/);
  });

  test('GET /api/entities/:name: quotes grouped by article and the roles outlets gave', async () => {
    const { status, body } = await get<EntityPage>('/api/entities/Peskov');
    assert.equal(status, 200);
    assert.equal(body.entity?.name, 'Dmitry Peskov');
    const roles = new Set(body.entity?.roles.map((row) => row.role));
    assert.ok(roles.has('the Kremlin spokesman') && roles.has('the Kremlin press secretary'), `roles: ${[...roles].join('; ')}`);
    assert.deepEqual(new Set(body.articles.map((group) => group.article.id)), new Set([id('pipeline'), id('pipeline-copy'), id('peskov')]));
    const evening = body.articles.find((group) => group.article.id === id('peskov'));
    assert.equal(evening?.quotes.length, 2);
    assert.equal(body.quotes, body.articles.reduce((sum, group) => sum + group.quotes.length, 0));

    const roleRows = await get<EntityRoles>('/api/entities/Dmitry%20Peskov/roles');
    assert.equal(roleRows.status, 200);
    assert.ok(roleRows.body.roles.some((row) => row.outlet === 'Evening Post' && row.role === 'the Kremlin press secretary'));

    await expectError('/api/entities/Nobody%20Anywhere', 404, 'not_found');
    await expectError('/api/entities/Nobody%20Anywhere/roles', 404, 'not_found');
    await expectError(`/api/entities/${'x'.repeat(400)}`, 400, 'invalid_parameter');
  });

  test('GET /api/misdated, /api/duplicates, /api/failures', async () => {
    const misdated = await get<ListResponse<ArticleHit>>('/api/misdated');
    assert.deepEqual(misdated.body.items.map((hit) => hit.id), [id('ferry')]);
    assert.equal(misdated.body.items[0].misdated, true);

    const duplicates = await get<ListResponse<DuplicateGroup>>('/api/duplicates');
    assert.equal(duplicates.body.items.length, 1);
    assert.deepEqual(duplicates.body.items[0].articles.map((article) => article.id).sort(), [id('pipeline'), id('pipeline-copy')].sort());

    const failures = await get<ListResponse<FailureRow>>('/api/failures');
    assert.equal(failures.body.items.length, 1);
    assert.equal(failures.body.items[0].input, 'broken.html');
  });

  test('GET /api/timeline counts articles and quotes per period', async () => {
    const yearly = await get<{ interval: string; items: Array<{ period: string; articles: number; quotes: number }> }>('/api/timeline?interval=year');
    assert.equal(yearly.status, 200);
    assert.equal(yearly.body.interval, 'year');
    assert.deepEqual(yearly.body.items.map((bucket) => bucket.period.slice(0, 4)), ['2022', '2023']);
    assert.equal(yearly.body.items.reduce((sum, bucket) => sum + bucket.articles, 0), 5);
    const monthly = await get<{ items: Array<{ period: string }> }>('/api/timeline?q=pipeline');
    assert.ok(monthly.body.items.length >= 2);
    await expectError('/api/timeline?interval=fortnight', 400, 'invalid_parameter');
  });
});

describe('query pool', () => {
  test('answers every question as the store itself does, and refuses writes', async () => {
    const questions: Array<(store: CorpusStore) => Promise<unknown>> = [
      (store) => store.stats(),
      (store) => store.getArticle(id('pipeline')),
      (store) => store.getArticle(999_999),
      (store) => store.searchArticles({ text: 'pipeline', limit: 3 }),
      (store) => store.quotesBySpeaker({ speaker: 'Peskov' }),
      (store) => store.quotesAbout({ text: 'deal' }),
      (store) => store.topSpeakers({ groupBy: 'outlet' }),
      (store) => store.entityRoles({ speaker: 'Peskov' }),
      (store) => store.misdated(),
      (store) => store.duplicateGroups(),
      (store) => store.timeline({ interval: 'year' }),
      (store) => store.failures(),
      (store) => store.findStored({ canonicalUrl: null, contentHash: 'no-such-hash' }),
    ];
    for (const [index, ask] of questions.entries()) assert.deepEqual(await ask(pooled), await ask(corpus.store), `question ${index}`);
    await assert.rejects(pooled.putFailures([]), /reading only/);
  });
});

describe('validation and errors', () => {
  test('bad query parameters are 400 with a message naming the parameter', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['/api/articles?q=x&limit=0', 'invalid_parameter', /limit/],
      ['/api/articles?q=x&limit=abc', 'invalid_parameter', /limit/],
      ['/api/articles?q=x&limit=5000', 'invalid_parameter', /limit/],
      ['/api/articles?q=x&offset=-1', 'invalid_parameter', /offset/],
      ['/api/articles?q=x&from=2023-02-30', 'invalid_parameter', /from/],
      ['/api/articles?q=x&from=yesterday', 'invalid_parameter', /from/],
      ['/api/articles?q=x&from=2023-05-01&to=2023-01-01', 'invalid_parameter', /after/],
      ['/api/articles?q=x&colour=red', 'unknown_parameter', /colour/],
      ['/api/articles?q=x&limit=1&limit=2', 'invalid_parameter', /more than once/],
      [`/api/articles?q=${'y'.repeat(400)}`, 'invalid_parameter', /q/],
      ['/api/articles', 'missing_parameter', /q/],
      ['/api/stats?verbose=1', 'unknown_parameter', /verbose/],
    ];
    for (const [path, code, naming] of cases) assert.match(await expectError(path, 400, code), naming, path);
  });

  test('unknown routes are 404 JSON; a known path with the wrong method is 405', async () => {
    await expectError('/api/nothing-here', 404, 'not_found');
    await expectError('/no/such/page', 404, 'not_found');
    await expectError('/assets/../package.json', 404, 'not_found');
    const response = await fetch(`${server.url}/api/stats`, { method: 'DELETE' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET');
    assert.equal(((await response.json()) as ErrorBody).error.code, 'method_not_allowed');
  });

  test('an internal failure is a 500 that reveals nothing; the cause goes to the log', async () => {
    const secret = '/var/secret/corpus-path.sqlite';
    const failing: CorpusStore = Object.create(corpus.store, {
      stats: {
        value: async () => {
          throw new Error(`SQLITE_CORRUPT: database disk image is malformed at ${secret}`);
        },
      },
    }) as CorpusStore;
    const log: string[] = [];
    const broken = await startServer({ store: failing, port: 0, log: (message) => log.push(message) });
    try {
      const response = await fetch(`${broken.url}/api/stats`);
      assert.equal(response.status, 500);
      const text = await response.text();
      assert.equal((JSON.parse(text) as ErrorBody).error.code, 'internal_error');
      assert.ok(!text.includes(secret) && !text.includes('SQLITE') && !/\bat\s+\S+\s+\(/.test(text), `the body reveals nothing: ${text}`);
      assert.ok(response.headers.get('content-security-policy'), 'errors carry the security headers too');
      assert.ok(log.some((line) => line.includes(secret)), 'the cause is logged');
    } finally {
      await broken.close();
    }
  });

  test('a request naming another host is refused (DNS rebinding), loopback names are served', async () => {
    const status = (host: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const request = httpRequest(`${server.url}/api/stats`, { headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end();
      });
    assert.equal(await status('attacker.example'), 403);
    assert.equal(await status('localhost:8080'), 200);
    assert.equal(await status('127.0.0.1'), 200);
  });
});

describe('OpenAPI', () => {
  test('every registered route, its query parameters and every $ref are in the document', async () => {
    const { status, body: doc } = await get<OpenApiDocument>('/api/openapi.json');
    assert.equal(status, 200);
    assert.equal(doc.openapi, '3.1.0');
    const app = createApp(corpus.store, { ui: false });
    const registered = app.routes.filter((route) => route.path.startsWith('/api/') && route.method !== 'ALL');
    assert.ok(registered.length >= API_ROUTES.length);
    for (const route of registered) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase() as 'get' | 'post'];
      assert.ok(operation, `${route.method} ${route.path} is described`);
      assert.ok(operation.responses['200'], `${route.method} ${route.path} has a 200 response`);
    }
    const resolve = (parameter: OpenApiParameter | { $ref: string }): OpenApiParameter =>
      '$ref' in parameter ? doc.components.parameters[parameter.$ref.replace('#/components/parameters/', '')] : parameter;
    for (const route of API_ROUTES) {
      const operation = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase() as 'get' | 'post'];
      const described = new Set((operation?.parameters ?? []).map(resolve).filter((p) => p.in === 'query').map((p) => p.name));
      assert.deepEqual([...described].sort(), [...route.query].sort(), `${route.method} ${route.path} query parameters`);
      for (const name of route.query) assert.equal(doc.components.parameters[name].description, QUERY_PARAMETERS[name].description);
    }
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const target = ref.slice('"$ref":"#/'.length, -1).split('/');
      let node: unknown = doc;
      for (const part of target) node = (node as Record<string, unknown> | undefined)?.[part];
      assert.ok(node, `${ref} resolves`);
    }
    assert.ok(doc.components.schemas.AnalysisResult, 'the analysis result schema is included');
  });
});

describe('POST /api/analyze', () => {
  const page = `<html lang="en"><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>
<p>The port reopened on Friday after a week of repairs to the main quay and the harbour cranes.</p>
<p>"We are open for business again," said Maria Lopez, the harbour master, at the quay.</p></article></body></html>`;

  test('raw HTML and JSON bodies are analysed in full: attributions with speakers', async () => {
    const raw = await get<AnalysisResult>('/api/analyze', { method: 'POST', headers: { 'content-type': 'text/html; charset=utf-8' }, body: page });
    assert.equal(raw.status, 200, JSON.stringify(raw.body));
    assert.equal(raw.body.title, 'Port reopens');
    const lopez = raw.body.attributions?.find((a) => a.speaker?.name === 'Maria Lopez');
    assert.ok(lopez, 'the quote is attributed to Maria Lopez');
    assert.equal(lopez.source?.text, 'Maria Lopez, the harbour master');

    const json = await get<AnalysisResult>('/api/analyze', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ html: page, url: 'https://port-news.example/reopens', published: '2024-05-03' }),
    });
    assert.equal(json.status, 200);
    assert.equal(json.body.url, 'https://port-news.example/reopens');
    assert.equal(json.body.published.stated, '2024-05-03');
    assert.ok(json.body.attributions?.some((a) => a.speaker?.name === 'Maria Lopez'));

    const text = await get<AnalysisResult>('/api/analyze', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'The mayor said that the bridge would reopen in May.' });
    assert.equal(text.status, 200);
    assert.ok(text.body.attributions?.some((a) => a.cue.text === 'said'));
  });

  test('bad bodies: wrong type 415, malformed or incomplete JSON 400, binary 422', async () => {
    const post = (body: BodyInit, type: string): RequestInit => ({ method: 'POST', headers: { 'content-type': type }, body });
    await expectError('/api/analyze', 415, 'unsupported_media_type', post(page, 'application/x-www-form-urlencoded'));
    await expectError('/api/analyze', 400, 'invalid_body', post('{"html": ', 'application/json'));
    await expectError('/api/analyze', 400, 'invalid_body', post('[]', 'application/json'));
    await expectError('/api/analyze', 400, 'invalid_body', post(JSON.stringify({ html: page, text: 'x' }), 'application/json'));
    await expectError('/api/analyze', 400, 'invalid_body', post(JSON.stringify({ html: page, extra: 1 }), 'application/json'));
    await expectError('/api/analyze', 400, 'invalid_body', post(JSON.stringify({ html: page, url: 'javascript:alert(1)' }), 'application/json'));
    await expectError('/api/analyze', 400, 'invalid_body', post(JSON.stringify({ html: page, published: 'soon' }), 'application/json'));
    await expectError('/api/analyze', 400, 'invalid_body', post('', 'text/html'));
    const binary = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    await expectError('/api/analyze', 422, 'not_a_page', post(binary, 'text/html'));
  });

  test('a post from a page of another origin is refused; the same origin is served', async () => {
    const post = (origin: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'text/plain', origin }, body: 'The mayor said that the bridge would reopen.' });
    await expectError('/api/analyze', 403, 'forbidden_origin', post('https://attacker.example'));
    await expectError('/api/analyze', 403, 'forbidden_origin', post('null'));
    const same = await fetch(`${server.url}/api/analyze`, post(server.url));
    assert.equal(same.status, 200);
    await same.arrayBuffer();
  });

  test('a body over 5 MB is 413, whether its length is declared or streamed', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 'a');
    await expectError('/api/analyze', 413, 'payload_too_large', { method: 'POST', headers: { 'content-type': 'text/html' }, body: big });
    const chunks = Array.from({ length: 6 }, () => Buffer.alloc(1024 * 1024, 'b'));
    const streamed = Readable.toWeb(Readable.from(chunks)) as ReadableStream<Uint8Array>;
    await expectError('/api/analyze', 413, 'payload_too_large', {
      method: 'POST',
      headers: { 'content-type': 'text/html' },
      body: streamed,
      duplex: 'half',
    } as RequestInit);
  });

  test('a page that runs past the time limit is 504 with a clear message, and the server goes on', async () => {
    const hurried = await startServer({ store: corpus.store, port: 0, analyzerOptions: { timeoutMs: 1 } });
    try {
      const response = await fetch(`${hurried.url}/api/analyze`, { method: 'POST', headers: { 'content-type': 'text/html' }, body: page });
      assert.equal(response.status, 504);
      const body = (await response.json()) as ErrorBody;
      assert.equal(body.error.code, 'analysis_timeout');
      assert.match(body.error.message, /1 ms/);
      assert.equal((await fetch(`${hurried.url}/api/stats`)).status, 200);
    } finally {
      await hurried.close();
    }
  });
});

describe('hostile page text', () => {
  test('markup in page text comes back as JSON strings, never as markup, under the CSP', async () => {
    const { status, headers, body } = await get<StoredArticle>(`/api/articles/${id('hostile')}`);
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(headers.get('x-content-type-options'), 'nosniff');
    assert.match(headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.ok(body.result.text.includes(HOSTILE_IMG), 'the img markup is text');
    assert.ok(body.result.text.includes(HOSTILE_SCRIPT), 'the script markup is text');
    assert.match(body.result.title ?? '', /<b>injection<\/b>/);
    const quotes = await get<ListResponse<QuoteHit>>('/api/quotes?speaker=Jane%20Roe');
    assert.ok(quotes.body.items.some((quote) => quote.content.includes(HOSTILE_SCRIPT)));
  });

  test('the UI page loads only same-origin scripts and no inline script', async () => {
    const page = await get<string>('/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const scripts = [...page.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [, attributes, inline] of scripts) {
      assert.match(attributes, /src="\/assets\/[\w-]+\.js"/);
      assert.equal(inline.trim(), '', 'no inline script');
    }
    const app = await get<string>('/assets/app.js');
    assert.equal(app.status, 200);
    assert.match(app.headers.get('content-type') ?? '', /text\/javascript/);
    for (const file of ['app.js', 'article.js', 'dom.js', 'chart.js', 'api.js']) {
      const source = (await get<string>(`/assets/${file}`)).body;
      assert.doesNotMatch(source, /\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=|document\.write|\beval\(/, `${file} never parses strings as markup or code`);
    }
  });
});

describe('whosaid serve', () => {
  test('serves a corpus file, prints its URL and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI_MAIN, 'serve', '--db', join(corpus.dir, 'corpus.sqlite'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const stats = (await (await fetch(`${url}/api/stats`)).json()) as CorpusStats;
      assert.equal(stats.articles, 5);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, stderr);
  });

  test('a missing corpus file is a clear error, not a new empty corpus', async () => {
    const missing = join(corpus.dir, 'no-such.sqlite');
    const child = spawn(process.execPath, [CLI_MAIN, 'serve', '--db', missing, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (status) => resolve(status)));
    assert.equal(code, 2);
    assert.match(stderr, /no such corpus/);
    assert.ok(stderr.includes(missing));
  });

  test('a file that is not a corpus is a one-line error without a stack', async () => {
    const notCorpus = fileURLToPath(new URL('../../package.json', import.meta.url));
    const child = spawn(process.execPath, [CLI_MAIN, 'serve', '--db', notCorpus, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (status) => resolve(status)));
    assert.equal(code, 1);
    assert.ok(stderr.includes(notCorpus), stderr);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});
