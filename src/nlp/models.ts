import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Lemmatizer, type LemmaModelData } from './lemmatizer.js';
import { NameTagger, type NameModelData } from './name-tagger.js';
import { PosTagger, type PosModelData } from './pos-tagger.js';

/** File names of the shipped models inside the package's `models/` folder. */
export const MODEL_FILES = {
  pos: 'pos.json.gz',
  names: 'names.json.gz',
  lemmas: 'lemmas.json.gz',
} as const;

/** Raised when a model file is missing or unreadable. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

let cachedDirectory: string | null = null;

/**
 * The package's own `models/` folder, found by walking up from this module's
 * file: it is `../../models` from `src/nlp` and `../../../models` from
 * `dist/src/nlp`. Never downloaded.
 */
export function modelsDirectory(): string {
  if (cachedDirectory !== null) return cachedDirectory;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'models');
    if (existsSync(join(candidate, MODEL_FILES.pos))) {
      cachedDirectory = candidate;
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new ModelLoadError(`no models/${MODEL_FILES.pos} found above ${fileURLToPath(import.meta.url)}; run "npm run train:nlp"`);
}

/** Reads a gzipped JSON model from the models folder (or from an explicit path). */
export function readModelFile<T>(fileName: string, directory = modelsDirectory()): T {
  const path = join(directory, fileName);
  try {
    return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as T;
  } catch (error) {
    throw new ModelLoadError(`cannot read model ${path}: ${(error as Error).message}`);
  }
}

let posTagger: PosTagger | null = null;
let nameTagger: NameTagger | null = null;
let lemmatizer: Lemmatizer | null = null;

/** The shipped part-of-speech tagger, loaded on first use. */
export function loadPosTagger(): PosTagger {
  posTagger ??= new PosTagger(readModelFile<PosModelData>(MODEL_FILES.pos));
  return posTagger;
}

/** The shipped name tagger, loaded on first use. */
export function loadNameTagger(): NameTagger {
  nameTagger ??= new NameTagger(readModelFile<NameModelData>(MODEL_FILES.names));
  return nameTagger;
}

/** The shipped lemmatizer, loaded on first use. */
export function loadLemmatizer(): Lemmatizer {
  lemmatizer ??= new Lemmatizer(readModelFile<LemmaModelData>(MODEL_FILES.lemmas));
  return lemmatizer;
}
