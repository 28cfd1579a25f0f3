import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { AttributionTagger, type AttributionModelFile } from './tagger.js';

/** The shipped model's file name inside the package's `models/` folder. */
export const ATTRIBUTION_MODEL_FILE = 'attribution.json.gz';

let cached: AttributionTagger | null = null;

/**
 * Finds the package's `models/` folder by walking up from this module: it is
 * `../../models` from src/attribution and `../../../models` from
 * dist/src/attribution. Never downloads anything.
 */
export function attributionModelPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'models', ATTRIBUTION_MODEL_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`models/${ATTRIBUTION_MODEL_FILE} not found above ${fileURLToPath(import.meta.url)}; run npm run train:attribution`);
}

/** Reads a model file (gzipped or plain JSON). */
export function readAttributionModel(path: string): AttributionModelFile {
  const bytes = readFileSync(path);
  const json = path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return JSON.parse(json) as AttributionModelFile;
}

/** The shipped tagger, loaded once per process. */
export function defaultAttributionTagger(): AttributionTagger {
  if (cached === null) cached = new AttributionTagger(readAttributionModel(attributionModelPath()));
  return cached;
}
