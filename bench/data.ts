/** Loaders for the shared benchmark data in ../shared/data (never copied into this repository). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePage } from '../src/ingest/decode.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Finds the shared benchmark data: $WHOSAID_SHARED_DATA when set, else
 * ../shared/data beside the repository (works from src and dist). Null when
 * none is there.
 */
export function findSharedDataDir(): string | null {
  const configured = process.env.WHOSAID_SHARED_DATA;
  // An explicit setting is the only candidate: a wrong path must not fall back to another copy silently.
  const candidates = configured ? [configured] : [resolve(process.cwd(), '../shared/data'), resolve(here, '../../../shared/data'), resolve(here, '../../shared/data')];
  for (const candidate of candidates) {
    if (existsSync(join(candidate, 'README.md'))) return candidate;
  }
  return null;
}

/** The shared benchmark data folder; throws a message saying where it was looked for when it is missing. */
export function sharedDataDir(): string {
  const found = findSharedDataDir();
  if (found) return found;
  const configured = process.env.WHOSAID_SHARED_DATA;
  throw new Error(
    configured
      ? `shared benchmark data not found: WHOSAID_SHARED_DATA is ${configured}, which holds no README.md`
      : 'shared benchmark data not found: expected ../shared/data beside the repository (or set WHOSAID_SHARED_DATA)',
  );
}

export interface AebPage {
  id: string;
  url: string;
  /** Raw bytes (gunzipped). */
  bytes: Buffer;
  /** The bytes decoded once, as every tool in the benchmarks receives them. */
  html: string;
  gold: string;
}

/**
 * Decodes a page's bytes for tools that take a string, with whosaid's own
 * charset detection (BOM, meta, sniffing). Every tool in the benchmarks gets
 * the same string, so the comparison stays fair whatever the decoding does.
 */
export function decodeHtmlBytes(id: string, bytes: Uint8Array): string {
  return decodePage({ input: `${id}.html`, bytes, format: 'html' }).content;
}

export function loadAebPages(): AebPage[] {
  const root = join(sharedDataDir(), 'extraction-benchmark');
  const truth = JSON.parse(readFileSync(join(root, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string | null; url: string }>;
  return Object.entries(truth)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, entry]) => {
      const bytes = gunzipSync(readFileSync(join(root, 'html', `${id}.html.gz`)));
      return { id, url: entry.url, bytes, html: decodeHtmlBytes(id, bytes), gold: entry.articleBody ?? '' };
    });
}

export interface PeerOutput {
  tool: string;
  version: string;
  bodies: Record<string, string>;
}

export function loadAebPeers(): PeerOutput[] {
  const dir = join(sharedDataDir(), 'extraction-benchmark', 'peers');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json.gz'))
    .sort()
    .map((file) => {
      // Most files are `{ version, output: { id: { articleBody } } }`; the
      // older ones are the bare `{ id: { articleBody } }` map with no version.
      const data = JSON.parse(gunzipSync(readFileSync(join(dir, file))).toString('utf8')) as Record<string, unknown>;
      const wrapped = typeof data.output === 'object' && data.output !== null;
      const output = (wrapped ? data.output : data) as Record<string, { articleBody?: string | null } | null>;
      const version = wrapped && data.version != null ? String(data.version) : '';
      const bodies: Record<string, string> = {};
      for (const [id, entry] of Object.entries(output)) bodies[id] = entry?.articleBody ?? '';
      return { tool: file.replace(/\.json\.gz$/, ''), version, bodies };
    });
}

export interface WcxbPage {
  id: string;
  type: string;
  url: string | null;
  /** Raw bytes (gunzipped); decode with the page's charset. */
  bytes: Buffer;
  gold: {
    title: string | null;
    author: string | null;
    publish_date: string | null;
    main_content: string;
    with: string[];
    without: string[];
  };
}

export function loadWcxbPages(limit = Infinity): WcxbPage[] {
  const root = join(sharedDataDir(), 'wcxb-dev');
  const metadata = JSON.parse(readFileSync(join(root, 'metadata.json'), 'utf8')) as unknown;
  const types = pageTypesFrom(metadata);
  const ids = readdirSync(join(root, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => f.replace(/\.html\.gz$/, ''))
    .sort()
    .slice(0, limit);
  return ids.map((id) => {
    const truth = JSON.parse(readFileSync(join(root, 'ground-truth', `${id}.json`), 'utf8')) as {
      url?: string;
      ground_truth: WcxbPage['gold'];
      _internal?: { page_type?: { primary?: string } };
    };
    const gold = truth.ground_truth;
    return {
      id,
      // metadata.json lacks some pages; their ground-truth file still records the type.
      type: types.get(id) ?? truth._internal?.page_type?.primary ?? 'unknown',
      url: truth.url ?? null,
      bytes: gunzipSync(readFileSync(join(root, 'html', `${id}.html.gz`))),
      gold: {
        title: gold.title ?? null,
        author: gold.author ?? null,
        publish_date: gold.publish_date ?? null,
        main_content: gold.main_content ?? '',
        with: gold.with ?? [],
        without: gold.without ?? [],
      },
    };
  });
}

function pageTypesFrom(metadata: unknown): Map<string, string> {
  const files = (metadata as { files?: Record<string, { page_type?: string }> }).files ?? {};
  return new Map(Object.entries(files).map(([id, entry]) => [id, entry.page_type ?? 'unknown']));
}
