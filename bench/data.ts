/** Loaders for the shared benchmark data in ../shared/data (never copied into this repository). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Finds ../shared/data from the repository root (works from src and dist). */
export function sharedDataDir(): string {
  const candidates = [process.env.WHOSAID_SHARED_DATA, resolve(process.cwd(), '../shared/data'), resolve(here, '../../../shared/data'), resolve(here, '../../shared/data')];
  for (const candidate of candidates) {
    if (candidate && existsSync(join(candidate, 'README.md'))) return candidate;
  }
  throw new Error('shared benchmark data not found: expected ../shared/data beside the repository (or set WHOSAID_SHARED_DATA)');
}

export interface AebPage {
  id: string;
  url: string;
  html: string;
  gold: string;
}

export function loadAebPages(): AebPage[] {
  const root = join(sharedDataDir(), 'extraction-benchmark');
  const truth = JSON.parse(readFileSync(join(root, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  return Object.entries(truth)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, entry]) => ({
      id,
      url: entry.url,
      html: gunzipSync(readFileSync(join(root, 'html', `${id}.html.gz`))).toString('utf8'),
      gold: entry.articleBody,
    }));
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
      const data = JSON.parse(gunzipSync(readFileSync(join(dir, file))).toString('utf8')) as {
        version?: string;
        output: Record<string, { articleBody?: string | null }>;
      };
      const bodies: Record<string, string> = {};
      for (const [id, entry] of Object.entries(data.output)) bodies[id] = entry?.articleBody ?? '';
      return { tool: file.replace(/\.json\.gz$/, ''), version: String(data.version ?? ''), bodies };
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
    };
    return {
      id,
      type: types.get(id) ?? 'unknown',
      url: truth.url ?? null,
      bytes: gunzipSync(readFileSync(join(root, 'html', `${id}.html.gz`))),
      gold: truth.ground_truth,
    };
  });
}

function pageTypesFrom(metadata: unknown): Map<string, string> {
  const files = (metadata as { files?: Record<string, { page_type?: string }> }).files ?? {};
  return new Map(Object.entries(files).map(([id, entry]) => [id, entry.page_type ?? 'unknown']));
}
