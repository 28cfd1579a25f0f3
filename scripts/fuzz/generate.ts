/**
 * Input number `index` of the run with seed `seed`: three in four are
 * benchmark pages put through one to four mutators; every fourth comes from a
 * pathological generator, taken in turn (rotated by the seed) so that even a
 * short run meets every shape. Each input draws from its own PRNG stream, so
 * `--only INDEX` regenerates it alone.
 */
import { Prng } from './prng.js';
import type { SeedCorpus } from './corpus.js';
import { MAX_MUTATED_BYTES, MUTATORS, asTextCapture, gzipMaybeDamaged } from './mutators.js';
import { GENERATORS } from './pathological.js';
import { buildWarc } from './warc.js';
import { analysedSize, boundFor, type Bound } from './bound.js';

/** Which library function the library path calls. */
export type LibraryEntry = 'analyzePage' | 'analyzeHtml' | 'analyzeText' | 'analyzeRawText' | 'readWarc';

export interface FuzzInput {
  seed: string;
  index: number;
  /** "mutated" or a pathological generator's name. */
  generator: string;
  /** Where it came from and what was done to it. */
  detail: string;
  /** The file name the input is written under (the CLI reads it by this name). */
  fileName: string;
  bytes: Buffer;
  warc: boolean;
  /** For a WARC file: the page records written into it (a reader yields a line for each, or an error for its damage). */
  warcPages: number | null;
  entry: LibraryEntry;
  bound: Bound;
}

export interface GenerateOptions {
  seed: string;
  scale: number;
  corpus: SeedCorpus;
}

const PATHOLOGICAL_EVERY = 4;

export function generateInput(index: number, options: GenerateOptions): FuzzInput {
  const prng = new Prng(options.seed, index);
  const pages = options.corpus.pages;
  const pickPage = (): { name: string; bytes: Buffer } => {
    const page = prng.pick(pages);
    return { name: page.name, bytes: page.load() };
  };
  let generator: string;
  let detail: string;
  let ext: string;
  let bytes: Buffer;
  let warcPages: number | null = null;
  if (index % PATHOLOGICAL_EVERY === PATHOLOGICAL_EVERY - 1) {
    const rotation = new Prng(options.seed, 'rotation').int(0, GENERATORS.length - 1);
    const chosen = GENERATORS[(Math.floor(index / PATHOLOGICAL_EVERY) + rotation) % GENERATORS.length]!;
    const made = chosen.make({ prng, scale: options.scale, page: () => pickPage().bytes });
    generator = chosen.name;
    detail = made.note;
    ext = made.ext;
    bytes = made.bytes;
    warcPages = made.warcPages ?? null;
  } else {
    const base = pickPage();
    const steps: string[] = [];
    const asText = prng.chance(0.15);
    bytes = asText ? asTextCapture(base.bytes) : base.bytes;
    for (let i = prng.int(1, 4); i > 0; i--) {
      const mutator = prng.pick(MUTATORS);
      bytes = mutator.apply(bytes, { prng, scale: options.scale, otherPage: () => pickPage().bytes });
      const cap = Math.max(base.bytes.length, Math.round(MAX_MUTATED_BYTES * options.scale));
      if (bytes.length > cap) bytes = bytes.subarray(0, cap);
      steps.push(mutator.name);
    }
    ext = asText ? '.txt' : '.html';
    const wrap = prng.weighted<'none' | 'gzip' | 'warc'>([
      ['none', 85],
      ['gzip', 10],
      ['warc', 5],
    ]);
    if (wrap === 'gzip') {
      const zipped = gzipMaybeDamaged(bytes, prng);
      bytes = zipped.bytes;
      ext += '.gz';
      steps.push(`gzip (${zipped.damage})`);
    } else if (wrap === 'warc') {
      const built = buildWarc([bytes], prng, 'none');
      bytes = built.bytes;
      warcPages = built.pageRecords;
      ext = built.gzipped ? '.warc.gz' : '.warc';
      steps.push('in a WARC');
    }
    generator = 'mutated';
    detail = `${base.name}${asText ? ' as text' : ''}: ${steps.join(', ')}`;
  }
  const warc = /\.warc(\.gz)?$/.test(ext);
  const plain = ext === '.html' || ext === '.txt';
  const entry: LibraryEntry = warc
    ? 'readWarc'
    : !plain
      ? 'analyzePage'
      : prng.weighted<LibraryEntry>([
          ['analyzePage', 6],
          [ext === '.html' ? 'analyzeHtml' : 'analyzeText', 3],
          ['analyzeRawText', 1],
        ]);
  const fileName = `${String(index).padStart(6, '0')}-${generator}${ext}`;
  return { seed: options.seed, index, generator, detail, fileName, bytes: Buffer.from(bytes), warc, warcPages, entry, bound: boundFor(analysedSize(bytes)) };
}

/** The same input read back from a file (for --replay): its name decides how it is read. */
export function inputFromFile(fileName: string, bytes: Buffer, entry: LibraryEntry = 'analyzePage'): FuzzInput {
  const warc = /\.warc(\.gz)?$/i.test(fileName);
  return { seed: 'replay', index: 0, generator: 'replay', detail: fileName, fileName, bytes, warc, warcPages: null, entry: warc ? 'readWarc' : entry, bound: boundFor(analysedSize(bytes)) };
}
