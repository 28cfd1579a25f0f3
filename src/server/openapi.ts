/**
 * The OpenAPI 3.1 description of the API, served at GET /api/openapi.json.
 *
 * Paths, responses and corpus row schemas are written out here by hand; query
 * parameters come from their one definition in params.ts, and the analysis
 * result's schema is docs/schema.json (generated from the TypeScript types),
 * so neither can drift from the code that checks or produces them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXTRACTOR } from '../version.js';
import { API_ERROR_CODES } from './errors.js';
import { QUERY_PARAMETERS, type QueryName } from './params.js';

/** A JSON Schema node (OpenAPI 3.1 uses JSON Schema 2020-12), as far as this document needs. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: readonly (string | number)[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  default?: unknown;
  examples?: unknown[];
  [keyword: string]: unknown;
}

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  description: string;
  schema: JsonSchema;
  example?: unknown;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema; example?: unknown }>;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Array<OpenApiParameter | { $ref: string }>;
  requestBody?: {
    required: boolean;
    description: string;
    content: Record<string, { schema: JsonSchema; example?: unknown }>;
  };
  responses: Record<string, OpenApiResponse | { $ref: string }>;
}

export type HttpMethod = 'get' | 'post';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: Array<{ url: string; description: string }>;
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: {
    parameters: Record<string, OpenApiParameter>;
    responses: Record<string, OpenApiResponse>;
    schemas: Record<string, JsonSchema>;
  };
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const param = (name: QueryName): { $ref: string } => ({ $ref: `#/components/parameters/${name}` });
const nullable = (type: string, description?: string): JsonSchema => ({ type: [type, 'null'], ...(description ? { description } : {}) });
const json = (schema: JsonSchema, description: string): OpenApiResponse => ({ description, content: { 'application/json': { schema } } });
const listOf = (item: string): JsonSchema => ({
  type: 'object',
  required: ['items', 'limit', 'offset'],
  properties: {
    items: { type: 'array', items: ref(item) },
    limit: { type: 'integer', description: 'The limit applied.' },
    offset: { type: 'integer', description: 'The offset applied.' },
  },
});
const error = (name: string): { $ref: string } => ({ $ref: `#/components/responses/${name}` });
const PAGE_FILTER_PARAMETERS = (['outlet', 'from', 'to', 'limit', 'offset'] as const).map(param);
const STANDARD_ERRORS = { '400': error('BadRequest'), '403': error('ForbiddenHost'), '408': error('RequestTimeout'), '500': error('InternalError'), '504': error('QueryTimeout') };

function queryParameters(): Record<string, OpenApiParameter> {
  const parameters: Record<string, OpenApiParameter> = {};
  for (const definition of Object.values(QUERY_PARAMETERS)) {
    parameters[definition.name] = {
      name: definition.name,
      in: 'query',
      required: false,
      description: definition.description,
      schema: { ...definition.schema, enum: definition.schema.enum ? [...definition.schema.enum] : undefined },
      ...(definition.example !== undefined ? { example: definition.example } : {}),
    };
  }
  return parameters;
}

const ARTICLE_SUMMARY: JsonSchema = {
  type: 'object',
  description: 'An article in a list: enough to show it and link to it.',
  required: ['id', 'title', 'url', 'site', 'published', 'estimated', 'misdated', 'duplicateGroup'],
  properties: {
    id: { type: 'integer' },
    title: nullable('string'),
    url: nullable('string'),
    site: nullable('string'),
    published: nullable('string', 'The stated publication date (ISO 8601), or null.'),
    estimated: nullable('string', 'The estimated date of writing (ISO best guess), or null.'),
    misdated: { type: 'boolean', description: 'The stated date disagrees with when the text says it was written.' },
    duplicateGroup: nullable('integer', 'The group of syndicated or near-duplicate copies the article belongs to.'),
  },
};

const CORPUS_SCHEMAS: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: {
            type: 'string',
            enum: [...API_ERROR_CODES],
          },
          message: { type: 'string', description: 'What went wrong, in words, naming the parameter or input.' },
        },
      },
    },
  },
  ArticleSummary: ARTICLE_SUMMARY,
  ArticleHit: {
    allOf: [
      ref('ArticleSummary'),
      {
        type: 'object',
        required: ['snippet'],
        properties: { snippet: nullable('string', 'A short passage around the match, matched terms between ⟦ and ⟧.') },
      },
    ],
  },
  StoredArticle: {
    type: 'object',
    description: 'An article as stored: the full analysis plus corpus fields.',
    required: ['id', 'input', 'url', 'canonicalUrl', 'contentHash', 'capturedAt', 'ingestedAt', 'analyserVersion', 'duplicateGroup', 'duplicates', 'result'],
    properties: {
      id: { type: 'integer' },
      input: { type: 'string', description: 'How the input was named when ingested (path, URL, WARC record).' },
      url: nullable('string'),
      canonicalUrl: nullable('string'),
      contentHash: { type: 'string', description: 'SHA-256 (hex) of the raw captured bytes.' },
      capturedAt: nullable('string', 'When the page was captured, ISO 8601.'),
      ingestedAt: { type: 'string', description: 'When the page was stored, ISO 8601.' },
      analyserVersion: { type: 'string' },
      duplicateGroup: nullable('integer'),
      duplicates: { type: 'array', items: ref('ArticleSummary'), description: 'Other articles in the same duplicate group.' },
      result: ref('AnalysisResult'),
    },
  },
  QuoteHit: {
    type: 'object',
    description: 'One attribution: who said what, where.',
    required: ['id', 'articleId', 'attribution', 'speaker', 'speakerRole', 'source', 'cue', 'content', 'kind', 'parent', 'reportedBy', 'article'],
    properties: {
      id: { type: 'integer', description: "The attribution's row id." },
      articleId: { type: 'integer' },
      attribution: { type: 'string', description: 'The attribution\'s id within its article ("a3").' },
      speaker: nullable('string', "The resolved speaker's canonical name, or the source as written."),
      speakerRole: nullable('string'),
      source: nullable('string', 'The source as the text names it.'),
      cue: { type: 'string', description: 'The words that signal the report ("said", "according to").' },
      content: { type: 'string' },
      kind: { type: 'string', description: 'direct, indirect or mixed.' },
      parent: nullable('string', 'The id within the article of the report this one was made through.'),
      reportedBy: nullable('string', 'Who the parent report is by.'),
      article: ref('ArticleSummary'),
    },
  },
  SpeakerCount: {
    type: 'object',
    required: ['speaker', 'group', 'quotes', 'articles', 'outlets'],
    properties: {
      speaker: { type: 'string' },
      group: nullable('string', 'The outlet or period, when grouped by one.'),
      quotes: { type: 'integer' },
      articles: { type: 'integer' },
      outlets: { type: 'integer' },
    },
  },
  EntityRoles: {
    type: 'object',
    required: ['name', 'type', 'quotes', 'articles', 'roles'],
    properties: {
      name: { type: 'string', description: 'The canonical name found.' },
      type: { type: 'string', description: 'person, organisation, publication, document or group.' },
      quotes: { type: 'integer' },
      articles: { type: 'integer' },
      roles: {
        type: 'array',
        description: 'One row per outlet and role, most frequent first.',
        items: {
          type: 'object',
          required: ['outlet', 'role', 'articles'],
          properties: { outlet: nullable('string'), role: { type: 'string' }, articles: { type: 'integer' } },
        },
      },
    },
  },
  EntityPage: {
    type: 'object',
    required: ['query', 'entity', 'articles', 'quotes', 'limit', 'offset'],
    properties: {
      query: { type: 'string', description: 'The name asked for.' },
      entity: { oneOf: [ref('EntityRoles'), { type: 'null' }], description: 'Null when the name was never resolved to an entity.' },
      articles: {
        type: 'array',
        description: 'Articles quoting the entity, newest first, each with its quotes (QuoteHit without `article`).',
        items: {
          type: 'object',
          required: ['article', 'quotes'],
          properties: { article: ref('ArticleSummary'), quotes: { type: 'array', items: ref('QuoteHit') } },
        },
      },
      quotes: { type: 'integer', description: 'How many quotes this page holds; limit and offset count quotes.' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    },
  },
  DuplicateGroup: {
    type: 'object',
    required: ['id', 'size', 'articles'],
    properties: { id: { type: 'integer' }, size: { type: 'integer' }, articles: { type: 'array', items: ref('ArticleSummary') } },
  },
  Timeline: {
    type: 'object',
    required: ['interval', 'items'],
    properties: {
      interval: { type: 'string', enum: ['day', 'week', 'month', 'year'] },
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['period', 'articles', 'quotes'],
          properties: {
            period: { type: 'string', description: "The period's first day, ISO date." },
            articles: { type: 'integer' },
            quotes: { type: 'integer' },
          },
        },
      },
    },
  },
  CorpusStats: {
    type: 'object',
    required: [
      'articles',
      'failures',
      'attributions',
      'entities',
      'speakers',
      'duplicateGroups',
      'duplicateArticles',
      'misdated',
      'captures',
      'captureBytes',
      'analyserVersions',
      'schemaVersion',
    ],
    properties: {
      articles: { type: 'integer' },
      failures: { type: 'integer' },
      attributions: { type: 'integer' },
      entities: { type: 'integer' },
      speakers: { type: 'integer', description: 'Distinct speakers by canonical name.' },
      duplicateGroups: { type: 'integer' },
      duplicateArticles: { type: 'integer', description: 'Articles in some duplicate group.' },
      misdated: { type: 'integer' },
      captures: { type: 'integer', description: 'Raw captures kept.' },
      captureBytes: { type: 'integer', description: 'Their compressed size in bytes.' },
      analyserVersions: {
        type: 'array',
        items: { type: 'object', required: ['version', 'articles'], properties: { version: { type: 'string' }, articles: { type: 'integer' } } },
      },
      schemaVersion: { type: 'integer' },
    },
  },
  FailureRow: {
    type: 'object',
    required: ['id', 'input', 'url', 'reason', 'stage', 'analyserVersion', 'failedAt', 'attempts'],
    properties: {
      id: { type: 'integer' },
      input: { type: 'string' },
      url: nullable('string'),
      reason: { type: 'string', description: 'The problem in words, naming the input.' },
      stage: { type: 'string', enum: ['load', 'analyse', 'store'] },
      analyserVersion: { type: 'string' },
      failedAt: { type: 'string', description: 'ISO 8601.' },
      attempts: { type: 'integer', description: 'How many runs have failed on this input.' },
    },
  },
  AnalyzeRequest: {
    type: 'object',
    description: 'A page to analyse: exactly one of html and text.',
    additionalProperties: false,
    properties: {
      html: { type: 'string', description: 'The page as HTML.' },
      text: { type: 'string', description: 'The page captured as plain text.' },
      url: { type: 'string', description: "The page's absolute http(s) URL, when known." },
      published: { type: 'string', description: 'A publication date known from outside the page (ISO 8601); used when the page states none.' },
    },
  },
};

/**
 * The analysis result's schema from docs/schema.json, its definitions moved
 * under components.schemas. Null when the file is missing (a bare install):
 * the document then describes the result as an object.
 */
function resultSchemas(): Record<string, JsonSchema> | null {
  const candidates = [new URL('../../docs/schema.json', import.meta.url), new URL('../../../docs/schema.json', import.meta.url)];
  const found = candidates.map((candidate) => fileURLToPath(candidate)).find((path) => existsSync(path));
  if (!found) return null;
  const schema = JSON.parse(readFileSync(found, 'utf8')) as { definitions?: Record<string, JsonSchema> };
  if (!schema.definitions) return null;
  const moved = JSON.stringify(schema.definitions).replaceAll('"#/definitions/', '"#/components/schemas/');
  return JSON.parse(moved) as Record<string, JsonSchema>;
}

let cached: OpenApiDocument | null = null;

export function openApiDocument(): OpenApiDocument {
  cached ??= buildDocument();
  return cached;
}

function buildDocument(): OpenApiDocument {
  const resultSchema = resultSchemas() ?? {
    AnalysisResult: { type: 'object', description: 'What whosaid returns for one page (see docs/schema.json).' },
  };
  const entityName: OpenApiParameter = {
    name: 'name',
    in: 'path',
    required: true,
    description: 'A name as the corpus resolves it ("Dmitry Peskov") or part of it ("Peskov"), URL-encoded.',
    schema: { type: 'string', maxLength: 300 },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'whosaid corpus API',
      version: EXTRACTOR.version,
      description:
        'Questions across a corpus of analysed news pages: search, who said what, roles outlets give people, misdated and duplicate articles, timelines; and analysis of a posted page. Every error answers {"error": {"code", "message"}}.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'The server this document was fetched from.' }],
    tags: [
      { name: 'articles', description: 'Stored articles and search.' },
      { name: 'quotes', description: 'Who said what, and who is quoted most.' },
      { name: 'entities', description: 'People and organisations: their quotes and roles.' },
      { name: 'corpus', description: 'The corpus as a whole: dates, duplicates, failures, counts.' },
      { name: 'analysis', description: 'Analysing one page on demand.' },
    ],
    paths: {
      '/api/articles': {
        get: {
          operationId: 'searchArticles',
          summary: 'Search articles',
          description: 'Articles matching full-text search terms, best first.',
          tags: ['articles'],
          parameters: [{ ...QUERY_PARAMETERS_AS_REQUIRED.q }, ...PAGE_FILTER_PARAMETERS],
          responses: { '200': json(listOf('ArticleHit'), 'Matching articles.'), ...STANDARD_ERRORS },
        },
      },
      '/api/articles/{id}': {
        get: {
          operationId: 'getArticle',
          summary: 'One article with its full analysis',
          description: 'The stored article: the analysis result (text, blocks, attributions, entities, dates and their evidence, chrome) and its duplicates.',
          tags: ['articles'],
          parameters: [{ name: 'id', in: 'path', required: true, description: "The article's id.", schema: { type: 'integer', minimum: 1 } }],
          responses: { '200': json(ref('StoredArticle'), 'The article.'), '404': error('NotFound'), ...STANDARD_ERRORS },
        },
      },
      '/api/quotes': {
        get: {
          operationId: 'quotes',
          summary: 'Quotes by a speaker, or about a topic',
          description: 'With `speaker`: quotes whose speaker matches the name, newest first. With `about`: quotes whose content or source mentions the entity or phrase. Exactly one of the two.',
          tags: ['quotes'],
          parameters: [param('speaker'), param('about'), ...PAGE_FILTER_PARAMETERS],
          responses: { '200': json(listOf('QuoteHit'), 'Matching quotes.'), ...STANDARD_ERRORS },
        },
      },
      '/api/speakers/top': {
        get: {
          operationId: 'topSpeakers',
          summary: 'Who is quoted most',
          description: 'Speakers ranked by quotes, about a topic when `q` is given, grouped as asked.',
          tags: ['quotes'],
          parameters: [param('q'), param('groupBy'), ...PAGE_FILTER_PARAMETERS],
          responses: { '200': json(listOf('SpeakerCount'), 'Speakers with counts.'), ...STANDARD_ERRORS },
        },
      },
      '/api/entities/{name}': {
        get: {
          operationId: 'entityPage',
          summary: 'A person or organisation: what they were quoted saying and their roles',
          description: 'Everything the entity was quoted saying, grouped by article (limit and offset count quotes), with the roles each outlet gave it.',
          tags: ['entities'],
          parameters: [entityName, ...PAGE_FILTER_PARAMETERS],
          responses: { '200': json(ref('EntityPage'), 'The entity page.'), '404': error('NotFound'), ...STANDARD_ERRORS },
        },
      },
      '/api/entities/{name}/roles': {
        get: {
          operationId: 'entityRoles',
          summary: 'The roles each outlet gives an entity',
          tags: ['entities'],
          parameters: [entityName, param('outlet'), param('from'), param('to')],
          responses: { '200': json(ref('EntityRoles'), 'Roles per outlet.'), '404': error('NotFound'), ...STANDARD_ERRORS },
        },
      },
      '/api/misdated': {
        get: {
          operationId: 'misdated',
          summary: 'Misdated articles',
          description: 'Articles whose stated date disagrees with when the text says it was written.',
          tags: ['corpus'],
          parameters: PAGE_FILTER_PARAMETERS,
          responses: { '200': json(listOf('ArticleHit'), 'Misdated articles.'), ...STANDARD_ERRORS },
        },
      },
      '/api/duplicates': {
        get: {
          operationId: 'duplicateGroups',
          summary: 'Groups of syndicated or near-duplicate copies',
          description: 'Largest group first.',
          tags: ['corpus'],
          parameters: PAGE_FILTER_PARAMETERS,
          responses: { '200': json(listOf('DuplicateGroup'), 'Duplicate groups.'), ...STANDARD_ERRORS },
        },
      },
      '/api/timeline': {
        get: {
          operationId: 'timeline',
          summary: 'Articles and quotes per period',
          description: 'Counts per period for a topic (everything when `q` is empty).',
          tags: ['corpus'],
          parameters: [param('q'), param('interval'), param('outlet'), param('from'), param('to')],
          responses: { '200': json(ref('Timeline'), 'One bucket per period.'), ...STANDARD_ERRORS },
        },
      },
      '/api/stats': {
        get: {
          operationId: 'stats',
          summary: 'Corpus counts',
          tags: ['corpus'],
          responses: { '200': json(ref('CorpusStats'), 'Counts.'), ...STANDARD_ERRORS },
        },
      },
      '/api/failures': {
        get: {
          operationId: 'failures',
          summary: 'Inputs that could not be ingested, and why',
          tags: ['corpus'],
          parameters: PAGE_FILTER_PARAMETERS,
          responses: { '200': json(listOf('FailureRow'), 'Failures.'), ...STANDARD_ERRORS },
        },
      },
      '/api/analyze': {
        post: {
          operationId: 'analyze',
          summary: 'Analyse one page',
          description:
            'Runs the full analysis (extraction, metadata, dates, who said what, when it was written) on the posted page and returns the result; nothing is stored. The page is analysed in a worker thread under a time and memory limit.',
          tags: ['analysis'],
          requestBody: {
            required: true,
            description: 'The page: raw HTML (text/html), a plain-text capture (text/plain; the charset parameter is honoured), or a JSON object.',
            content: {
              'text/html': { schema: { type: 'string' } },
              'text/plain': { schema: { type: 'string' } },
              'application/json': { schema: ref('AnalyzeRequest'), example: { html: '<html>…</html>', url: 'https://example.com/news/1' } },
            },
          },
          responses: {
            '200': json(ref('AnalysisResult'), 'The analysis result.'),
            '400': error('BadRequest'),
            '403': error('ForbiddenHost'),
            '408': error('RequestTimeout'),
            '413': error('PayloadTooLarge'),
            '415': error('UnsupportedMediaType'),
            '422': error('NotAPage'),
            '500': error('InternalError'),
            '503': error('Busy'),
            '504': error('AnalysisTimeout'),
          },
        },
      },
      '/api/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document',
          tags: ['corpus'],
          responses: { '200': json({ type: 'object' }, 'The OpenAPI 3.1 document.') },
        },
      },
    },
    components: {
      parameters: queryParameters(),
      responses: {
        BadRequest: json(ref('Error'), 'A parameter or the body is missing, unknown or of the wrong form (code invalid_parameter, missing_parameter, unknown_parameter, invalid_body), or the request itself is malformed (code bad_request).'),
        RequestTimeout: json(ref('Error'), 'The request (its headers and body) did not arrive within the time limit (code request_timeout); the connection is closed.'),
        NotFound: json(ref('Error'), 'Nothing with that id or name (code not_found).'),
        ForbiddenHost: json(ref('Error'), 'The Host header names a host this server does not answer to (code forbidden_host), or a POST comes from a page of another origin (code forbidden_origin).'),
        PayloadTooLarge: json(ref('Error'), 'The body is larger than the server analyses (code payload_too_large).'),
        UnsupportedMediaType: json(ref('Error'), 'The body is not text/html, text/plain or application/json (code unsupported_media_type).'),
        NotAPage: json(ref('Error'), 'The body cannot be read as a page: empty after decoding, or binary (code not_a_page).'),
        Busy: json(ref('Error'), 'Too many pages are being analysed, or the analysis ran out of memory (code busy, analysis_failed).'),
        AnalysisTimeout: json(ref('Error'), 'The analysis ran past its time limit (code analysis_timeout).'),
        QueryTimeout: json(ref('Error'), 'The corpus took longer than the time limit to answer (code query_timeout); narrow the question.'),
        InternalError: json(ref('Error'), 'The server failed; the body says nothing more and the cause is logged (code internal_error).'),
      },
      schemas: { ...CORPUS_SCHEMAS, ...resultSchema },
    },
  };
}

/** `q` is optional everywhere but in article search, where it is the question. */
const QUERY_PARAMETERS_AS_REQUIRED = {
  q: {
    name: 'q',
    in: 'query',
    required: true,
    description: QUERY_PARAMETERS.q.description,
    schema: { ...QUERY_PARAMETERS.q.schema },
    example: QUERY_PARAMETERS.q.example,
  } satisfies OpenApiParameter,
};
