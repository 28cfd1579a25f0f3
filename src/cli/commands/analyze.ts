import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { UsageError, parseCommandArgs, type CliCommand, type CliIO } from '../command.js';
import { expandInputs, sourceName, type InputSource } from '../../ingest/sources.js';
import { InputError } from '../../ingest/input.js';
import { isFifo, readFileInput } from '../../ingest/file.js';
import { isWarcPath } from '../../ingest/warc/reader.js';
import { DEFAULT_FETCH_TIMEOUT_MS, isHttpUrl } from '../../ingest/http.js';
import type { AnalyzeWorkerReply, AnalyzeWorkerSettings } from '../analyze-worker.js';
import { OUTPUT_FORMATS, renderFailure, type OutputFormat } from '../render.js';
import { escapeControls } from '../terminal.js';
import { WorkerPool } from '../../ingest/worker-pool.js';
import type { AnalysisDepth } from '../../analyze.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_MEMORY_MB = 2048;

const usage = `Usage: whosaid analyze [options] <input…>

Analyses news pages: extracts the article, its metadata and dates, and who said what.

Inputs:
  FILE            an .html, .htm, .txt file, or any of those gzipped (.gz);
                  a .warc or .warc.gz file: each page record in it
  DIR             every page file under the folder, recursively, in sorted order
                  (hidden files skipped)
  -               standard input (reading it is also limited by --timeout)
  http(s)://…     a page fetched over HTTP

Options:
  --url URL           the page's URL, for a single file or stdin input
  --manifest FILE     also read the inputs listed in FILE, one JSON object per line:
                      {"path": "a.html", "url": "https://…", "published": "2024-05-01"}
      --published DATE a publication date known from outside the page (a feed, crawl
                      metadata); a candidate like any other, used when the page states none
      --raw           treat each input as the text itself: no extraction and no
                      normalisation, so every offset indexes the input exactly
      --depth D       full (default: extraction, metadata, who said what) or extract
                      (extraction and metadata only; faster)
  -f, --format FMT    json (default), jsonl, text or md
  -j, --jobs N        pages analysed in parallel (default: number of cores)
      --timeout MS    time limit per page in milliseconds (default ${DEFAULT_TIMEOUT_MS}; 0 for none)
                      (a worker's start and model loading are not counted)
      --max-memory MB heap limit per worker in megabytes (default ${DEFAULT_MAX_MEMORY_MB})
      --allow-private-addresses
                      let URL inputs reach loopback, private and link-local
                      addresses (refused by default)
      --allow-outside-paths
                      let manifest paths be absolute or lead outside the
                      manifest's folder (refused by default)
  -h, --help          show this help

Output: json prints one object for one input and a JSON array for several;
jsonl prints one object per line, each with "input". Results appear as pages
finish. An input that fails yields {"input": …, "error": "<input>: <problem>"}
and the rest go on.

Exit status: 0 all inputs analysed, 1 some input failed, 2 usage error.
`;

interface AnalyzeSettings {
  inputs: string[];
  url: string | null;
  manifest: string | null;
  format: OutputFormat;
  jobs: number;
  timeoutMs: number;
  maxMemoryMb: number;
  raw: boolean;
  depth: AnalysisDepth;
  published: string | null;
  allowPrivateAddresses: boolean;
  allowOutsidePaths: boolean;
}

function parseSettings(argv: string[]): AnalyzeSettings {
  const parsed = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string' },
      manifest: { type: 'string' },
      format: { type: 'string', short: 'f' },
      jobs: { type: 'string', short: 'j' },
      timeout: { type: 'string' },
      'max-memory': { type: 'string' },
      published: { type: 'string' },
      raw: { type: 'boolean' },
      depth: { type: 'string' },
      'allow-private-addresses': { type: 'boolean' },
      'allow-outside-paths': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const { values, positionals } = parsed;
  const format = (values.format ?? 'json') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}`);
  const manifest = values.manifest ?? null;
  if (positionals.length === 0 && manifest === null) throw new UsageError('no inputs given');
  if (positionals.filter((input) => input === '-').length > 1) throw new UsageError('standard input ("-") can be read only once');
  const url = values.url ?? null;
  if (url !== null) {
    if (positionals.length !== 1 || manifest !== null) throw new UsageError('--url applies to exactly one input');
    if (isHttpUrl(positionals[0])) throw new UsageError('--url is for a file or stdin; a URL input is its own URL');
    if (!isHttpUrl(url) || !URL.canParse(url)) throw new UsageError('--url must be an absolute http(s) URL');
  }
  return {
    inputs: positionals,
    url,
    manifest,
    format,
    jobs: positiveInteger(values.jobs, '--jobs', availableParallelism(), 1),
    timeoutMs: positiveInteger(values.timeout, '--timeout', DEFAULT_TIMEOUT_MS, 0),
    maxMemoryMb: positiveInteger(values['max-memory'], '--max-memory', DEFAULT_MAX_MEMORY_MB, 64),
    raw: values.raw ?? false,
    depth: parseDepth(values.depth),
    published: parsePublished(values.published),
    allowPrivateAddresses: values['allow-private-addresses'] ?? false,
    allowOutsidePaths: values['allow-outside-paths'] ?? false,
  };
}

function parseDepth(value: string | undefined): AnalysisDepth {
  if (value === undefined) return 'full';
  if (value === 'full' || value === 'extract') return value;
  throw new UsageError('--depth must be full or extract');
}

function parsePublished(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (Number.isNaN(Date.parse(value))) throw new UsageError(`--published: "${value}" is not a date (use ISO 8601, e.g. 2017-01-09)`);
  return value;
}

function positiveInteger(value: string | undefined, option: string, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < minimum) throw new UsageError(`${option} must be an integer of at least ${minimum}`);
  return Number(value);
}

/** Writes to a stream, waiting when it asks for a pause; stops quietly once the reader has gone (EPIPE). */
class OutputWriter {
  private gone = false;
  /** True once the reader has closed the pipe (e.g. `| head`): there is no point analysing more. */
  get closed(): boolean {
    return this.gone;
  }
  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') this.gone = true;
      else throw error;
    });
  }
  async write(text: string): Promise<void> {
    if (this.gone || text === '') return;
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.removeListener('drain', done);
          this.stream.removeListener('error', done);
          resolve();
        };
        this.stream.once('drain', done);
        this.stream.once('error', done);
      });
    }
  }
}

async function runAnalyze(argv: string[], io: CliIO): Promise<number> {
  const settings = parseSettings(argv);
  const stdout = new OutputWriter(io.stdout);
  let failures = 0;
  let written = 0;
  const onePage = await namesOnePage(settings);
  if (settings.url !== null && !onePage) throw new UsageError('--url applies to one file or stdin, not a folder');
  // json prints one object for one file, stdin or URL input; an array whenever the inputs could be several.
  const asArray = settings.format === 'json' && !onePage;

  const emit = async (text: string): Promise<void> => {
    // Counted before writing: another result may be emitted while this write waits for the pipe to drain.
    const first = written++ === 0;
    await stdout.write(asArray ? `${first ? '[\n' : ',\n'}${text.trimEnd()}` : text);
  };
  const fail = async (input: string, error: string, code?: string): Promise<void> => {
    if (stdout.closed) return;
    failures++;
    // Input names and problems can carry page- or file-name-controlled text: no control sequences to the terminal.
    io.stderr.write(`whosaid: ${escapeControls(error)}\n`);
    const record = renderFailure(code ? { input, error, code } : { input, error }, settings.format);
    if (record !== '') await emit(record);
  };

  const workerSettings: AnalyzeWorkerSettings = {
    format: settings.format,
    // The pool's per-page limit is the one that counts; the fetch's own limit only backs it up.
    fetchTimeoutMs: settings.timeoutMs > 0 ? settings.timeoutMs + 1000 : DEFAULT_FETCH_TIMEOUT_MS,
    raw: settings.raw,
    depth: settings.depth,
    published: settings.published,
    allowPrivateAddresses: settings.allowPrivateAddresses,
  };
  const pool = new WorkerPool<InputSource, AnalyzeWorkerReply>({
    workerUrl: new URL('../analyze-worker.js', import.meta.url),
    size: settings.jobs,
    timeoutMs: settings.timeoutMs,
    resourceLimits: { maxOldGenerationSizeMb: settings.maxMemoryMb },
    workerData: workerSettings,
  });
  const inFlight = new Set<Promise<void>>();
  try {
    const sources = expandInputs(settings.inputs, {
      stdin: io.stdin,
      stdinTimeoutMs: settings.timeoutMs,
      url: settings.url,
      manifest: settings.manifest,
      allowOutsidePaths: settings.allowOutsidePaths,
    });
    for await (const source of sources) {
      if (stdout.closed) break;
      if (source instanceof InputError) {
        await fail(source.input, source.message, source.code);
        continue;
      }
      const name = sourceName(source);
      let work: InputSource = source;
      if (source.kind === 'file' && (await isFifo(source.path))) {
        // A named pipe is read here, within the page's time limit, and handed on as bytes: a worker never holds a
        // pipe that may never end, so no worker has to be torn down with a pipe open.
        try {
          const page = await readFileInput(source.path, { input: source.input, url: source.url, published: source.published, pipeTimeoutMs: settings.timeoutMs });
          if (source.format) page.format = source.format;
          work = { kind: 'page', page };
        } catch (error) {
          await fail(name, error instanceof Error ? error.message : String(error), error instanceof InputError ? error.code : undefined);
          continue;
        }
      }
      const task: Promise<void> = pool.run(work).then(async (outcome) => {
        if (!outcome.ok) await fail(name, `${name}: ${outcome.error}`);
        else if ('error' in outcome.value) await fail(name, outcome.value.error);
        else await emit(outcome.value.output);
      });
      const tracked = task.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      // Keep only a little more work queued than there are workers, so a huge folder is not all held in memory.
      if (inFlight.size >= settings.jobs * 2) await Promise.race(inFlight);
    }
    if (stdout.closed) await pool.close();
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  if (asArray) await stdout.write(written === 0 ? '[]\n' : '\n]\n');
  return failures > 0 ? 1 : 0;
}

/** True when the inputs can only be one page: a single file, stdin or URL, with no manifest. */
async function namesOnePage(settings: AnalyzeSettings): Promise<boolean> {
  if (settings.manifest !== null || settings.inputs.length !== 1) return false;
  const input = settings.inputs[0];
  if (input === '-' || isHttpUrl(input)) return true;
  if (isWarcPath(input)) return false; // a WARC file holds many pages
  return stat(input).then(
    (info) => !info.isDirectory(),
    () => true,
  );
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'extract the article, metadata, dates and who said what from pages (files, folders, stdin, URLs)',
  usage,
  run: runAnalyze,
};
