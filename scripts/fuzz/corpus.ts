/**
 * The pages the mutators start from: the benchmark pages in the shared data
 * (extraction-benchmark and wcxb-dev) when it is there, else the HTML fixtures
 * in test/fixtures/html, so the harness runs on a clone without the data. The
 * list is sorted, so a seed picks the same page on every run with the same
 * corpus; pages are read (and gunzipped) only when picked.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedDataDir } from '../../bench/data.js';
import { repoRoot } from '../../bench/report.js';

export interface SeedPage {
  /** Where it came from, e.g. "aeb/0a1b….html.gz". */
  name: string;
  load(): Buffer;
}

export interface SeedCorpus {
  /** "shared data" or "fixtures": part of what a seed reproduces. */
  source: 'shared data' | 'fixtures';
  pages: SeedPage[];
}

const CACHE_LIMIT = 64;

export function loadSeedCorpus(options: { fixturesOnly?: boolean } = {}): SeedCorpus {
  const cache = new Map<string, Buffer>();
  const cached = (name: string, read: () => Buffer) => (): Buffer => {
    const hit = cache.get(name);
    if (hit) return hit;
    const bytes = read();
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(name, bytes);
    return bytes;
  };
  const shared = options.fixturesOnly ? null : sharedDir();
  if (shared) {
    const pages: SeedPage[] = [];
    for (const [label, folder] of [
      ['aeb', join(shared, 'extraction-benchmark', 'html')],
      ['wcxb', join(shared, 'wcxb-dev', 'html')],
    ] as const) {
      if (!existsSync(folder)) continue;
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.html.gz')).sort()) {
        const path = join(folder, file);
        const name = `${label}/${file}`;
        pages.push({ name, load: cached(name, () => gunzipSync(readFileSync(path))) });
      }
    }
    if (pages.length > 0) return { source: 'shared data', pages };
  }
  const folder = join(repoRoot(), 'test', 'fixtures', 'html');
  const pages = readdirSync(folder)
    .filter((f) => /\.html?$/.test(f))
    .sort()
    .map((file) => {
      const name = `fixtures/${file}`;
      return { name, load: cached(name, () => readFileSync(join(folder, file))) };
    });
  if (pages.length === 0) throw new Error(`no seed pages: neither the shared data nor ${folder} has any`);
  return { source: 'fixtures', pages };
}

function sharedDir(): string | null {
  try {
    return sharedDataDir();
  } catch {
    return null;
  }
}
