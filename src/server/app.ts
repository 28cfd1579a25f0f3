/**
 * The HTTP API over a corpus store, and the web UI that reads it.
 *
 * Every route answers JSON; every failure answers `{"error": {code, message}}`
 * with a 4xx/5xx status, and an unexpected failure says nothing about its
 * cause to the client (the cause goes to the log). Every response carries
 * security headers, the UI's Content-Security-Policy among them.
 */
import type { AddressInfo } from 'node:net';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { InputFormat } from '../ingest/input.js';
import type { ArticleSummary, CorpusStore, EntityRoles, PageQuery, QuoteHit } from '../store/types.js';
import { PageAnalyzer, type AnalyzeTask, type PageAnalyzerOptions } from './analyzer.js';
import { ApiError } from './errors.js';
import { SECURITY_HEADERS } from './headers.js';
import { allowedHostSet, hostName } from './hosts.js';
import { createNodeServer, DEFAULT_REQUEST_TIMEOUT_MS } from './http-server.js';
import { openApiDocument } from './openapi.js';
import {
  DEFAULT_LIMIT,
  isIsoDate,
  MAX_TEXT_LENGTH,
  PAGE_FILTERS,
  readId,
  readQuery,
  shorten,
  type QueryName,
  type QueryValues,
} from './params.js';
import { loadUiFiles, type StaticFile } from './static.js';

export { CONTENT_SECURITY_POLICY } from './headers.js';

/** Largest body POST /api/analyze takes; bigger is 413. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface AppOptions {
  /** Runs POST /api/analyze; made on first use (and stopped when idle) when not given. */
  analyzer?: PageAnalyzer;
  /** Settings for the analyzer made when none is given. */
  analyzerOptions?: PageAnalyzerOptions;
  /** Largest POST body in bytes (default 5 MB). */
  maxBodyBytes?: number;
  /**
   * Host names (without port) the server answers to; requests naming another
   * host get 403. A server bound to loopback sets this so that a web page
   * elsewhere cannot reach it through a DNS name rebound to 127.0.0.1.
   * Null (the default for createApp) accepts any host.
   */
  allowedHosts?: readonly string[] | null;
  /** Where internal errors are logged (default: stderr). */
  log?: (message: string) => void;
  /** Serve the web UI at / (default true). */
  ui?: boolean;
}

/** One API route: its method, path (Hono syntax) and the query parameters it accepts. */
export interface ApiRouteDefinition {
  method: 'GET' | 'POST';
  path: string;
  query: readonly QueryName[];
}

/** A page of results. */
export interface ListResponse<T> {
  items: T[];
  limit: number;
  offset: number;
}

/** A quote on an entity page: the article it came from is the group's. */
export type EntityQuote = Omit<QuoteHit, 'article'>;

/** Everything an entity was quoted saying, grouped by article, with the roles outlets gave it. */
export interface EntityPage {
  /** The name asked for. */
  query: string;
  /** The entity the corpus resolved the name to, with its roles per outlet; null when it was never resolved as a speaker. */
  entity: EntityRoles | null;
  /** Articles quoting the entity, newest first, each with its quotes in text order. */
  articles: Array<{ article: ArticleSummary; quotes: EntityQuote[] }>;
  /** How many quotes this page holds (limit and offset count quotes). */
  quotes: number;
  limit: number;
  offset: number;
}

export const TIMELINE_FILTERS: readonly QueryName[] = ['q', 'interval', 'outlet', 'from', 'to'];

/** Every API route the app serves; the OpenAPI document describes each (a test holds it to that). */
export const API_ROUTES: readonly ApiRouteDefinition[] = [
  { method: 'GET', path: '/api/articles', query: ['q', ...PAGE_FILTERS] },
  { method: 'GET', path: '/api/articles/:id', query: [] },
  { method: 'GET', path: '/api/quotes', query: ['speaker', 'about', ...PAGE_FILTERS] },
  { method: 'GET', path: '/api/speakers/top', query: ['q', 'groupBy', ...PAGE_FILTERS] },
  { method: 'GET', path: '/api/entities/:name', query: PAGE_FILTERS },
  { method: 'GET', path: '/api/entities/:name/roles', query: ['outlet', 'from', 'to'] },
  { method: 'GET', path: '/api/misdated', query: PAGE_FILTERS },
  { method: 'GET', path: '/api/duplicates', query: PAGE_FILTERS },
  { method: 'GET', path: '/api/timeline', query: TIMELINE_FILTERS },
  { method: 'GET', path: '/api/stats', query: [] },
  { method: 'GET', path: '/api/failures', query: PAGE_FILTERS },
  { method: 'POST', path: '/api/analyze', query: [] },
  { method: 'GET', path: '/api/openapi.json', query: [] },
];

function route(method: ApiRouteDefinition['method'], path: string): ApiRouteDefinition {
  const found = API_ROUTES.find((candidate) => candidate.method === method && candidate.path === path);
  if (!found) throw new Error(`route ${method} ${path} is not in API_ROUTES`);
  return found;
}

function pageQuery(values: Partial<QueryValues>): PageQuery & { limit: number; offset: number } {
  return {
    outlet: values.outlet,
    from: values.from,
    to: values.to,
    limit: values.limit ?? DEFAULT_LIMIT,
    offset: values.offset ?? 0,
  };
}

function list<T>(items: T[], query: { limit: number; offset: number }): ListResponse<T> {
  return { items, limit: query.limit, offset: query.offset };
}

export function createApp(store: CorpusStore, options: AppOptions = {}): Hono {
  const app = new Hono();
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let analyzer = options.analyzer ?? null;
  const analyzerOptions = options.analyzerOptions;
  let uiFiles = new Map<string, StaticFile>();
  if (options.ui !== false) {
    try {
      uiFiles = loadUiFiles();
    } catch (error) {
      // An install without the UI's files still serves the API; / then answers 404 and the log says why.
      log(`whosaid serve: the web UI is not served: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const allowedHosts = allowedHostSet(options.allowedHosts);

  // Outermost: every response, errors and 404s included, gets the headers.
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });

  if (allowedHosts) {
    app.use('*', async (c, next) => {
      const host = hostName(c.req.header('host') ?? '');
      if (!allowedHosts.has(host)) throw new ApiError(403, 'forbidden_host', `this server does not answer to the host "${shorten(host)}"`);
      await next();
    });
  }

  /** Registers a GET route whose handler gets the checked query and returns the JSON body. */
  const get = (path: string, handler: (c: Context, query: Partial<QueryValues>) => Promise<unknown>): void => {
    const definition = route('GET', path);
    app.get(path, async (c) => {
      const query = readQuery(new URL(c.req.url), definition.query);
      return c.json(await handler(c, query));
    });
  };

  get('/api/articles', async (_c, query) => {
    if (query.q === undefined) throw new ApiError(400, 'missing_parameter', 'give search terms with "q"');
    const page = pageQuery(query);
    return list(await store.searchArticles({ ...page, text: query.q }), page);
  });

  get('/api/articles/:id', async (c) => {
    const id = readId(c.req.param('id') ?? '', 'the article id');
    const article = await store.getArticle(id);
    if (!article) throw new ApiError(404, 'not_found', `no article with id ${id}`);
    return article;
  });

  get('/api/quotes', async (_c, query) => {
    const page = pageQuery(query);
    if ((query.speaker === undefined) === (query.about === undefined)) {
      throw new ApiError(400, query.speaker === undefined ? 'missing_parameter' : 'invalid_parameter', 'give exactly one of "speaker" and "about"');
    }
    const items =
      query.speaker !== undefined
        ? await store.quotesBySpeaker({ ...page, speaker: query.speaker })
        : await store.quotesAbout({ ...page, text: query.about as string });
    return list(items, page);
  });

  get('/api/speakers/top', async (_c, query) => {
    const page = pageQuery(query);
    return list(await store.topSpeakers({ ...page, text: query.q ?? '', groupBy: query.groupBy ?? 'speaker' }), page);
  });

  get('/api/entities/:name', async (c, query) => {
    const name = entityName(c.req.param('name') ?? '');
    const page = pageQuery(query);
    const [entity, quotes] = await Promise.all([
      store.entityRoles({ speaker: name, outlet: page.outlet, from: page.from, to: page.to }),
      store.quotesBySpeaker({ ...page, speaker: name }),
    ]);
    if (!entity && quotes.length === 0) throw new ApiError(404, 'not_found', `nobody named "${shorten(name)}" is quoted in the corpus`);
    const body: EntityPage = { query: name, entity, articles: groupByArticle(quotes), quotes: quotes.length, limit: page.limit, offset: page.offset };
    return body;
  });

  get('/api/entities/:name/roles', async (c, query) => {
    const name = entityName(c.req.param('name') ?? '');
    const roles = await store.entityRoles({ speaker: name, outlet: query.outlet, from: query.from, to: query.to });
    if (!roles) throw new ApiError(404, 'not_found', `nobody named "${shorten(name)}" is quoted in the corpus`);
    return roles;
  });

  get('/api/misdated', async (_c, query) => {
    const page = pageQuery(query);
    return list(await store.misdated(page), page);
  });

  get('/api/duplicates', async (_c, query) => {
    const page = pageQuery(query);
    return list(await store.duplicateGroups(page), page);
  });

  get('/api/timeline', async (_c, query) => {
    const interval = query.interval ?? 'month';
    const items = await store.timeline({ text: query.q ?? '', interval, outlet: query.outlet, from: query.from, to: query.to });
    return { interval, items };
  });

  get('/api/stats', async () => store.stats());

  get('/api/failures', async (_c, query) => {
    const page = pageQuery(query);
    return list(await store.failures(page), page);
  });

  get('/api/openapi.json', async () => openApiDocument());

  app.post(
    route('POST', '/api/analyze').path,
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `the body is larger than the ${maxBodyBytes} bytes this server analyses`);
      },
    }),
    async (c) => {
      readQuery(new URL(c.req.url), route('POST', '/api/analyze').query);
      refuseCrossOrigin(c);
      const task = await analyzeTask(c);
      analyzer ??= new PageAnalyzer(analyzerOptions);
      return c.json(await analyzer.analyze(task));
    },
  );

  // The UI: one HTML page with hash routing, and its assets by exact name.
  app.get('/', (c) => serveFile(c, uiFiles.get('index.html')));
  app.get('/assets/*', (c) => serveFile(c, uiFiles.get(c.req.path.slice('/assets/'.length))));

  app.notFound((c) => {
    const path = c.req.path;
    const allowed = API_ROUTES.filter((candidate) => routePattern(candidate.path).test(path)).map((candidate) => candidate.method);
    if (allowed.length > 0 && !allowed.includes(c.req.method as ApiRouteDefinition['method'])) {
      c.header('Allow', [...new Set(allowed)].join(', '));
      return c.json(new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed on ${shorten(path)}; use ${allowed.join(' or ')}`).body, 405);
    }
    return c.json(new ApiError(404, 'not_found', `no route ${c.req.method} ${shorten(path)}`).body, 404);
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      // The rest of an oversized body may still be on its way: close the connection rather than read it.
      if (error.status === 413) c.header('Connection', 'close');
      return c.json(error.body, error.status);
    }
    if (clientWentAway(error)) {
      // The body stopped because the connection closed (the client left, or the server's request time limit cut it):
      // no one is there to read an answer, and it is not a failure of the server.
      return c.json(new ApiError(400, 'bad_request', 'the connection closed before the request body arrived').body, 400);
    }
    // The client learns only that it failed; the detail (a path, a stack) goes to the log.
    log(`whosaid serve: ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return c.json(new ApiError(500, 'internal_error', 'the server failed to answer this request; the error has been logged').body, 500);
  });

  return app;
}

/** True for the error reading a request body raises when its connection closes before the body is complete. */
function clientWentAway(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ECONNRESET';
}

function serveFile(c: Context, file: StaticFile | undefined): Response {
  if (!file) throw new ApiError(404, 'not_found', `no file ${shorten(c.req.path)}`);
  // Files change only with a new server version; revalidating is cheap on loopback.
  c.header('Cache-Control', 'no-cache');
  c.header('Content-Type', file.contentType);
  return c.body(file.body as Uint8Array<ArrayBuffer>);
}

/**
 * A browser sends Origin with a cross-site POST. A form on another site can
 * post text/plain without a preflight; it could not read the answer, but it
 * could keep the server analysing, so such posts are refused.
 */
function refuseCrossOrigin(c: Context): void {
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  const host = c.req.header('host') ?? '';
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (originHost === null || originHost.toLowerCase() !== host.toLowerCase()) {
    throw new ApiError(403, 'forbidden_origin', `posts from another origin (${shorten(origin)}) are not accepted`);
  }
}

function routePattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

function entityName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw new ApiError(400, 'invalid_parameter', 'the entity name is empty');
  if (name.length > MAX_TEXT_LENGTH) throw new ApiError(400, 'invalid_parameter', `the entity name is longer than ${MAX_TEXT_LENGTH} characters`);
  return name;
}

/** Groups an entity's quotes by article, keeping the order articles first appear in (newest first). */
function groupByArticle(quotes: readonly QuoteHit[]): EntityPage['articles'] {
  const groups = new Map<number, EntityPage['articles'][number]>();
  for (const { article, ...quote } of quotes) {
    let group = groups.get(article.id);
    if (!group) {
      group = { article, quotes: [] };
      groups.set(article.id, group);
    }
    group.quotes.push(quote);
  }
  for (const group of groups.values()) group.quotes.sort((a, b) => a.id - b.id);
  return [...groups.values()];
}

/** The JSON body POST /api/analyze accepts. */
export interface AnalyzeRequestBody {
  html?: string;
  text?: string;
  url?: string;
  published?: string;
}

const ANALYZE_BODY_KEYS = new Set(['html', 'text', 'url', 'published']);

/** Reads the POST body into a task: raw HTML or text with its Content-Type, or a JSON object. */
async function analyzeTask(c: Context): Promise<AnalyzeTask> {
  const contentType = c.req.header('content-type') ?? '';
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  const input = 'request body';
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml' || mediaType === 'text/plain') {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) throw new ApiError(400, 'invalid_body', 'the body is empty; send the page as the body');
    const format: InputFormat = mediaType === 'text/plain' ? 'text' : 'html';
    return { kind: 'bytes', input, bytes, contentType, format, url: null, published: null };
  }
  if (mediaType !== 'application/json') {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `send the page as text/html or text/plain, or a JSON object {"html"|"text", "url"?, "published"?} as application/json${mediaType ? `, not ${shorten(mediaType)}` : ''}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, 'invalid_body', 'the body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'invalid_body', 'the body must be a JSON object');
  const fields = body as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!ANALYZE_BODY_KEYS.has(key)) throw new ApiError(400, 'invalid_body', `unknown field "${shorten(key)}"; the body takes html or text, url and published`);
  }
  for (const key of ANALYZE_BODY_KEYS) {
    if (fields[key] !== undefined && typeof fields[key] !== 'string') throw new ApiError(400, 'invalid_body', `"${key}" must be a string`);
  }
  const { html, text, url, published } = fields as AnalyzeRequestBody;
  if ((html === undefined) === (text === undefined)) throw new ApiError(400, 'invalid_body', 'give exactly one of "html" and "text"');
  const content = (html ?? text) as string;
  if (content.trim() === '') throw new ApiError(400, 'invalid_body', `"${html !== undefined ? 'html' : 'text'}" is empty`);
  if (url !== undefined && (!/^https?:\/\//i.test(url) || !URL.canParse(url))) throw new ApiError(400, 'invalid_body', '"url" must be an absolute http(s) URL');
  if (published !== undefined && !isIsoDate(published.trim())) throw new ApiError(400, 'invalid_body', '"published" must be an ISO 8601 date such as 2017-01-09');
  return { kind: 'text', input, content, format: html !== undefined ? 'html' : 'text', url: url ?? null, published: published?.trim() ?? null };
}

export interface ServerOptions extends AppOptions {
  store: CorpusStore;
  /** Port to listen on; 0 picks a free one (default 8080). */
  port?: number;
  /** Address to bind (default 127.0.0.1: only this machine can connect). */
  host?: string;
  /** Time limit in ms for a request's headers and body to arrive (default 30 s); past it, 408. */
  requestTimeoutMs?: number;
}

export interface RunningServer {
  /** The base URL, e.g. "http://127.0.0.1:8080". */
  url: string;
  /** Stops accepting connections, ends open ones and stops the analysis workers. The store stays open: its owner closes it. */
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** Starts the API and UI on a port; resolves once it is listening. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const analyzer = options.analyzer ?? new PageAnalyzer(options.analyzerOptions);
  const allowedHosts = options.allowedHosts !== undefined ? options.allowedHosts : LOOPBACK_HOSTS.has(host) ? ['127.0.0.1', 'localhost', '[::1]'] : null;
  const app = createApp(options.store, { ...options, analyzer, allowedHosts });
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // Zero would turn Node's limit off, which is the defect the limit exists to prevent.
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1) throw new RangeError(`requestTimeoutMs must be a positive whole number of milliseconds, not ${requestTimeoutMs}`);
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const server = createNodeServer({ fetch: app.fetch, hostname: host, requestTimeoutMs, allowedHosts: allowedHostSet(allowedHosts), log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would otherwise hold close() open until they time out.
        server.closeAllConnections();
      });
      if (!options.analyzer) await analyzer.close();
    },
  };
}
