import { fetchPage } from './http.js';
import { isHttpUrl } from './http.js';
import { pathKind, readFileInput, walkDirectory } from './file.js';
import { InputError, type InputFormat, type PageInput } from './input.js';
import { readManifest } from './manifest.js';
import { readStreamInput } from './stdin.js';
import { isWarcPath, readWarc, type WarcStats } from './warc/reader.js';

/**
 * Where one page comes from, in a form that can be posted to a worker
 * thread: files and URLs are read where the page is analysed, so the
 * per-page time limit covers the reading too; stdin is read up front.
 */
export type InputSource =
  | { kind: 'file'; input: string; path: string; url?: string | null; published?: string | null; format?: InputFormat }
  | { kind: 'url'; input: string; url: string; published?: string | null; format?: InputFormat }
  | { kind: 'page'; page: PageInput };

export interface LoadOptions {
  /** Limit for one HTTP fetch. */
  fetchTimeoutMs?: number;
  /** Let URL inputs reach loopback, private and link-local addresses (refused by default). */
  allowPrivateAddresses?: boolean;
}

/** The input's name as shown in results and errors. */
export function sourceName(source: InputSource): string {
  return source.kind === 'page' ? source.page.input : source.input;
}

/** Reads a source's bytes. Throws InputError. */
export async function loadSource(source: InputSource, options: LoadOptions = {}): Promise<PageInput> {
  switch (source.kind) {
    case 'page':
      return source.page;
    case 'file': {
      const page = await readFileInput(source.path, { input: source.input, url: source.url, published: source.published });
      return source.format ? { ...page, format: source.format } : page;
    }
    case 'url': {
      const page = await fetchPage(source.url, {
        input: source.input,
        published: source.published,
        timeoutMs: options.fetchTimeoutMs,
        allowPrivateAddresses: options.allowPrivateAddresses,
      });
      return source.format ? { ...page, format: source.format } : page;
    }
  }
}

export interface ExpandOptions {
  /** Read for the input "-". */
  stdin?: NodeJS.ReadableStream;
  /** Time limit for reading the input "-" in ms (0 or absent for none): the per-page limit, since stdin is read here rather than in a worker. */
  stdinTimeoutMs?: number;
  /** The page URL for a single file or stdin input. */
  url?: string | null;
  /** A manifest of further inputs (JSON lines). */
  manifest?: string | null;
  /** Accept manifest paths that are absolute or lead outside the manifest's folder (refused by default). */
  allowOutsidePaths?: boolean;
  /** Filled in with counts (records read, pages, records passed over) as WARC files are read. */
  warcStats?: WarcStats;
}

/**
 * Turns command-line inputs into sources, lazily and in order: "-" is stdin,
 * http(s) URLs are fetched, directories are walked, a .warc or .warc.gz file
 * becomes its pages (one source per page record, read as the stream is
 * consumed), anything else is a file.
 * An input that cannot be used becomes an InputError in the stream and the
 * rest continue.
 */
export async function* expandInputs(inputs: readonly string[], options: ExpandOptions = {}): AsyncGenerator<InputSource | InputError> {
  for (const input of inputs) {
    if (input === '-') {
      if (!options.stdin) {
        yield new InputError('-', 'no standard input available');
        continue;
      }
      try {
        const page = await readStreamInput(options.stdin, '-', undefined, options.stdinTimeoutMs ?? 0);
        yield { kind: 'page', page: { ...page, url: options.url ?? null } };
      } catch (error) {
        if (error instanceof InputError) {
          yield error;
          continue;
        }
        yield new InputError('-', `could not read standard input (${error instanceof Error ? error.message : String(error)})`);
      }
      continue;
    }
    if (isHttpUrl(input)) {
      yield { kind: 'url', input, url: input };
      continue;
    }
    let kind: 'file' | 'directory';
    try {
      kind = await pathKind(input);
    } catch (error) {
      if (error instanceof InputError) {
        yield error;
        continue;
      }
      throw error;
    }
    if (kind === 'file') {
      if (isWarcPath(input)) yield* warcSources(input, options.warcStats);
      else yield { kind: 'file', input, path: input, url: options.url ?? null };
      continue;
    }
    let found = 0;
    try {
      for await (const path of walkDirectory(input)) {
        found++;
        if (isWarcPath(path)) yield* warcSources(path, options.warcStats);
        else yield { kind: 'file', input: path, path };
      }
    } catch (error) {
      yield new InputError(input, `directory could not be read (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    if (found === 0) yield new InputError(input, 'no page files (.html, .htm, .txt, .warc, .gz…) in this directory');
  }
  if (options.manifest) {
    for await (const entry of readManifest(options.manifest, { allowOutsidePaths: options.allowOutsidePaths })) {
      if (!(entry instanceof InputError) && entry.kind === 'file' && isWarcPath(entry.path)) yield* warcSources(entry.path, options.warcStats);
      else yield entry;
    }
  }
}

/** The pages of a WARC file as sources, and its damaged records as errors. */
async function* warcSources(path: string, stats: WarcStats | undefined): AsyncGenerator<InputSource | InputError> {
  for await (const item of readWarc(path, { stats })) {
    yield item instanceof InputError ? item : { kind: 'page', page: item };
  }
}
