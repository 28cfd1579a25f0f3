/**
 * The fuzzing harness as a library: generates inputs from a seed, runs each
 * through the library (worker threads, bounded) and through the real CLI (one
 * process per batch), and collects what failed, minimised and saved with the
 * command that reproduces it. `npm run fuzz` (main.ts) and the smoke test
 * call `runFuzz`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSeedCorpus, type SeedCorpus } from './corpus.js';
import { generateInput, type FuzzInput } from './generate.js';
import { LibraryRunner, type LibraryOutcome } from './library-runner.js';
import { runCliBatch, type CliBatchInput, type CliProblem } from './cli-runner.js';
import { minimise } from './minimise.js';
import { analysedSize, boundFor } from './bound.js';
import { repoRoot } from '../../bench/report.js';

export type FailureKind = 'crash' | 'hang' | 'over-bound' | 'output';
export type FuzzPath = 'library' | 'cli';

export interface Failure {
  seed: string;
  /** The input's index, or null for a problem of a whole CLI batch. */
  index: number | null;
  generator: string;
  detail: string;
  fileName: string;
  bytes: number;
  path: FuzzPath;
  kind: FailureKind;
  message: string;
  /** Where the input and its minimised form were written, and how to reproduce it. */
  saved: { folder: string; minimisedBytes: number; reproduce: string } | null;
}

export interface InputRecord {
  index: number;
  generator: string;
  fileName: string;
  bytes: number;
  boundMs: number;
  /** Library path: wall time and the thread's CPU time (ms), and peak heap (MB) of the analysis, when it finished. */
  ms: number | null;
  cpuMs: number | null;
  peakHeapMb: number | null;
}

export interface GeneratorStats {
  inputs: number;
  crashes: number;
  hangs: number;
  overBound: number;
  output: number;
  maxMs: number;
  maxHeapMb: number;
}

export interface FuzzSummary {
  seed: string;
  scale: number;
  corpus: SeedCorpus['source'];
  corpusPages: number;
  requested: number;
  /** Inputs that went through every path asked for (an interrupted batch is not counted). */
  inputs: number;
  libraryRuns: number;
  cliInputs: number;
  cliBatches: number;
  cliLines: number;
  byGenerator: Record<string, GeneratorStats>;
  failures: Failure[];
  slowest: InputRecord | null;
  peakHeapMb: number;
  /** The harness process (its worker threads included), MB. */
  peakRssMb: number;
  /** The largest CLI process, MB. */
  cliPeakRssMb: number | null;
  wallMs: number;
  inputsPerSecond: number;
  workersStarted: number;
  interrupted: boolean;
}

export interface FuzzOptions {
  seed: string;
  inputs: number;
  /** First index (resuming a long run); default 0. */
  from?: number;
  /** Exactly these indices instead of a range. */
  only?: number[];
  /** Size of the pathological inputs, 1 = full. */
  scale?: number;
  /** Inputs per CLI batch. */
  batchSize?: number;
  /** Worker threads for the library path and --jobs for the CLI. */
  jobs?: number;
  library?: boolean;
  cli?: boolean;
  /** Where failing inputs are written (default bench/out/fuzz). */
  outDir?: string;
  /** Time budget for minimising one failing input; 0 saves it unminimised. */
  minimiseSeconds?: number;
  fixturesOnly?: boolean;
  /** Inputs read from files instead of generated (--replay). */
  replay?: FuzzInput[];
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
  /** The command that reproduces an input, given its index (for the saved failure). */
  reproduceCommand?: (index: number) => string;
}

export const CLI_MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function emptyStats(): GeneratorStats {
  return { inputs: 0, crashes: 0, hangs: 0, overBound: 0, output: 0, maxMs: 0, maxHeapMb: 0 };
}

/**
 * What the library path found wrong with one input, or null. `heapEnforced`:
 * the worker's heap limit was the input's own bound, so finishing at all shows
 * the page fits in it.
 */
function judgeLibrary(input: FuzzInput, outcome: LibraryOutcome, heapEnforced = false): { kind: FailureKind; message: string } | null {
  switch (outcome.kind) {
    case 'crash':
      return { kind: 'crash', message: `${outcome.error}${outcome.stack ? `\n${outcome.stack.split('\n').slice(1, 6).join('\n')}` : ''}` };
    case 'hang':
      return { kind: 'hang', message: `no answer after ${Math.round(outcome.ms)} ms${outcome.cpuMs === null ? '' : ` (${Math.round(outcome.cpuMs)} ms of CPU)`}, bound ${input.bound.ms} ms; the worker was terminated` };
    case 'out-of-memory':
      return { kind: 'over-bound', message: `ran out of heap (limit ${outcome.limitMb} MB, bound ${input.bound.heapMb} MB) after ${Math.round(outcome.ms)} ms` };
    case 'done': {
      const spent = outcome.cpuMs ?? outcome.ms;
      if (spent > input.bound.ms) {
        return { kind: 'over-bound', message: `took ${Math.round(spent)} ms${outcome.cpuMs === null ? '' : ' of CPU'} (${Math.round(outcome.ms)} ms wall), over the ${input.bound.ms} ms bound for ${input.bound.bytes} bytes` };
      }
      if (!heapEnforced && outcome.peakHeapMb > input.bound.heapMb) return { kind: 'over-bound', message: `heap reached ${Math.round(outcome.peakHeapMb)} MB, over the ${input.bound.heapMb} MB bound` };
      return null;
    }
  }
}

/** A failure's shape, for "still fails the same way": the kind and the message without figures or names. */
function signature(kind: FailureKind, message: string): string {
  if (kind === 'hang' || kind === 'over-bound') return kind;
  const first = message.split('\n')[0] ?? '';
  return `${kind}:${first.replace(/\/\S+/g, '<path>').replace(/\d+/g, '#').replace(/"[^"]*"/g, '""').slice(0, 120)}`;
}

function withBytes(input: FuzzInput, bytes: Buffer): FuzzInput {
  return { ...input, bytes, bound: boundFor(analysedSize(bytes)) };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = performance.now();
  const jobs = options.jobs ?? 2;
  const batchSize = options.batchSize ?? 100;
  const scale = options.scale ?? 1;
  const useLibrary = options.library ?? true;
  const useCli = options.cli ?? true;
  const outDir = options.outDir ?? join(repoRoot(), 'bench', 'out', 'fuzz');
  const minimiseMs = (options.minimiseSeconds ?? 60) * 1000;
  const corpus = loadSeedCorpus({ fixturesOnly: options.fixturesOnly });
  const indices = options.replay ? options.replay.map((_, i) => i) : (options.only ?? Array.from({ length: options.inputs }, (_, i) => (options.from ?? 0) + i));
  const makeInput = (index: number): FuzzInput => (options.replay ? options.replay[index]! : generateInput(index, { seed: options.seed, scale, corpus }));

  const summary: FuzzSummary = {
    seed: options.seed,
    scale,
    corpus: corpus.source,
    corpusPages: corpus.pages.length,
    requested: indices.length,
    inputs: 0,
    libraryRuns: 0,
    cliInputs: 0,
    cliBatches: 0,
    cliLines: 0,
    byGenerator: {},
    failures: [],
    slowest: null,
    peakHeapMb: 0,
    peakRssMb: 0,
    cliPeakRssMb: null,
    wallMs: 0,
    inputsPerSecond: 0,
    workersStarted: 0,
    interrupted: false,
  };
  const runner = new LibraryRunner(jobs);
  const minimiseRunner = new LibraryRunner(1);
  let killCli: (() => void) | null = null;
  const onAbort = (): void => {
    summary.interrupted = true;
    killCli?.();
    void runner.close();
    void minimiseRunner.close();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const scratch = mkdtempSync(join(tmpdir(), 'whosaid-fuzz-'));

  try {
    for (let at = 0; at < indices.length && !options.signal?.aborted; at += batchSize) {
      const batchIndices = indices.slice(at, at + batchSize);
      const folder = join(scratch, `batch-${at}`);
      mkdirSync(folder, { recursive: true });
      const phase = { generate: performance.now(), library: 0, cli: 0 };
      const inputs = batchIndices.map(makeInput);
      const paths = inputs.map((input) => join(folder, input.fileName));
      inputs.forEach((input, i) => writeFileSync(paths[i]!, input.bytes));

      const found: Array<{ input: FuzzInput; path: FuzzPath; kind: FailureKind; message: string }> = [];
      const outcomes: Array<LibraryOutcome | null> = inputs.map(() => null);
      phase.generate = performance.now() - phase.generate;
      phase.library = performance.now();
      if (useLibrary) {
        await Promise.all(
          inputs.map(async (input, i) => {
            let outcome = await runner.run(input, paths[i]!);
            let verdict = judgeLibrary(input, outcome);
            // A time or heap finding is confirmed once, so that a busy moment on a shared machine is not a bug. The
            // heap is measured before each collection, garbage included, in a worker whose limit may be well above
            // the bound; the second run gets a heap limit of exactly the bound, and a page that finishes there fits.
            if (verdict && (verdict.kind === 'hang' || (verdict.kind === 'over-bound' && outcome.kind === 'done')) && !options.signal?.aborted) {
              const again = await runner.run(input, paths[i]!, input.bound.heapMb);
              const second = judgeLibrary(input, again, true);
              if (!second || second.kind !== verdict.kind) verdict = null;
              else verdict = { ...second, message: `${second.message} (and ${verdict.message} on the first run)` };
              outcome = again.kind === 'done' || !verdict ? again : outcome;
            }
            outcomes[i] = outcome;
            if (verdict) found.push({ input, path: 'library', ...verdict });
          }),
        );
      }
      if (options.signal?.aborted) break;
      phase.library = performance.now() - phase.library;
      phase.cli = performance.now();

      let cliProblems: Map<number, CliProblem[]> = new Map();
      if (useCli) {
        const batch: CliBatchInput[] = inputs.map((input, i) => ({ input, path: paths[i]!, library: outcomes[i] ?? null }));
        const result = await runCliBatch(folder, batch, { cliMain: CLI_MAIN, jobs, onSpawn: (kill) => (killCli = kill) });
        killCli = null;
        if (options.signal?.aborted) break;
        summary.cliBatches++;
        summary.cliInputs += inputs.length;
        summary.cliLines += result.lines;
        if (result.peakRssMb !== null) summary.cliPeakRssMb = Math.max(summary.cliPeakRssMb ?? 0, result.peakRssMb);
        cliProblems = result.perInput;
        for (const problem of result.batch) {
          const range = `${batchIndices[0]}–${batchIndices[batchIndices.length - 1]}`;
          summary.failures.push({ seed: options.seed, index: null, generator: 'batch', detail: `CLI batch of inputs ${range}`, fileName: folder, bytes: 0, path: 'cli', kind: problem.kind, message: problem.message, saved: null });
        }
        for (const [i, problems] of cliProblems) {
          const input = inputs[i]!;
          // One failure per input and kind: the first message says enough.
          const kinds = new Map<FailureKind, string>();
          for (const problem of problems) if (!kinds.has(problem.kind)) kinds.set(problem.kind, problem.message);
          for (const [kind, message] of kinds) found.push({ input, path: 'cli', kind, message });
        }
      }

      phase.cli = performance.now() - phase.cli;
      inputs.forEach((input, i) => {
        const stats = (summary.byGenerator[input.generator] ??= emptyStats());
        stats.inputs++;
        const outcome = outcomes[i];
        if (outcome?.kind === 'done') {
          summary.libraryRuns++;
          const spent = outcome.cpuMs ?? outcome.ms;
          stats.maxMs = Math.max(stats.maxMs, spent);
          stats.maxHeapMb = Math.max(stats.maxHeapMb, outcome.peakHeapMb);
          summary.peakHeapMb = Math.max(summary.peakHeapMb, outcome.peakHeapMb);
          if (!summary.slowest || spent > (summary.slowest.cpuMs ?? summary.slowest.ms ?? 0)) {
            summary.slowest = { index: input.index, generator: input.generator, fileName: input.fileName, bytes: input.bytes.length, boundMs: input.bound.ms, ms: outcome.ms, cpuMs: outcome.cpuMs, peakHeapMb: outcome.peakHeapMb };
          }
        } else if (outcome) summary.libraryRuns++;
      });
      for (const finding of found) {
        const stats = summary.byGenerator[finding.input.generator]!;
        if (finding.kind === 'crash') stats.crashes++;
        else if (finding.kind === 'hang') stats.hangs++;
        else if (finding.kind === 'over-bound') stats.overBound++;
        else stats.output++;
        const saved = await saveFailure(finding, { outDir, scale, minimiseMs, runner: minimiseRunner, jobs, scratch, signal: options.signal, reproduce: options.reproduceCommand });
        summary.failures.push({
          seed: options.seed,
          index: finding.input.index,
          generator: finding.input.generator,
          detail: finding.input.detail,
          fileName: finding.input.fileName,
          bytes: finding.input.bytes.length,
          path: finding.path,
          kind: finding.kind,
          message: finding.message,
          saved,
        });
      }
      summary.inputs += inputs.length;
      rmSync(folder, { recursive: true, force: true });
      const elapsed = (performance.now() - started) / 1000;
      options.onProgress?.(
        `[${summary.inputs}/${indices.length}] ${(summary.inputs / elapsed).toFixed(1)} inputs/s, ${summary.failures.length} failures, slowest ${summary.slowest ? `${Math.round(summary.slowest.cpuMs ?? summary.slowest.ms ?? 0)} ms (${summary.slowest.generator})` : '—'}, ${Math.round(elapsed)} s (last batch: generate ${seconds(phase.generate)}, library ${seconds(phase.library)}, CLI ${seconds(phase.cli)})`,
      );
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await runner.close();
    await minimiseRunner.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  summary.interrupted ||= options.signal?.aborted ?? false;
  summary.workersStarted = runner.workersStarted + minimiseRunner.workersStarted;
  summary.wallMs = performance.now() - started;
  summary.inputsPerSecond = summary.inputs / (summary.wallMs / 1000);
  summary.peakRssMb = process.resourceUsage().maxRSS / 1024;
  return summary;
}

interface SaveSettings {
  outDir: string;
  scale: number;
  minimiseMs: number;
  runner: LibraryRunner;
  jobs: number;
  scratch: string;
  signal: AbortSignal | undefined;
  reproduce: ((index: number) => string) | undefined;
}

/**
 * Writes a failing input, minimised while it fails the same way on the same
 * path, with what is known about it, to <outDir>/seed-<seed>/<index>-<kind>/.
 */
async function saveFailure(finding: { input: FuzzInput; path: FuzzPath; kind: FailureKind; message: string }, settings: SaveSettings): Promise<Failure['saved']> {
  const { input } = finding;
  const wanted = signature(finding.kind, finding.message);
  let attempt = 0;
  const stillFails = async (candidate: Buffer): Promise<boolean> => {
    if (settings.signal?.aborted) return false;
    const variant = withBytes(input, candidate);
    if (finding.path === 'library') {
      const folder = join(settings.scratch, 'minimise');
      mkdirSync(folder, { recursive: true });
      const path = join(folder, input.fileName);
      writeFileSync(path, candidate);
      const verdict = judgeLibrary(variant, await settings.runner.run(variant, path));
      return verdict !== null && signature(verdict.kind, verdict.message) === wanted;
    }
    const folder = join(settings.scratch, `minimise-cli-${attempt++}`);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, input.fileName);
    writeFileSync(path, candidate);
    try {
      const result = await runCliBatch(folder, [{ input: variant, path, library: null }], { cliMain: CLI_MAIN, jobs: 1 });
      return (result.perInput.get(0) ?? []).some((problem) => problem.kind === finding.kind && signature(problem.kind, problem.message) === wanted);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  };
  // A page over its time bound gets faster as it shrinks: there is nothing to minimise.
  const worthMinimising = settings.minimiseMs > 0 && !(finding.kind === 'over-bound' && !/heap/.test(finding.message));
  const minimised = worthMinimising ? await minimise(input.bytes, stillFails, settings.minimiseMs) : { bytes: input.bytes, tests: 0, outOfTime: false };
  const folder = join(settings.outDir, `seed-${input.seed}`, `${String(input.index).padStart(6, '0')}-${finding.path}-${finding.kind}`);
  mkdirSync(folder, { recursive: true });
  const original = join(folder, `original-${input.fileName}`);
  const small = join(folder, input.fileName);
  writeFileSync(original, input.bytes);
  writeFileSync(small, minimised.bytes);
  const entry = input.entry === 'analyzePage' || input.entry === 'readWarc' ? '' : ` --entry ${input.entry}`;
  const replay = `npm run fuzz -- --replay ${small}${entry}`;
  const reproduce = input.generator === 'replay' ? replay : (settings.reproduce?.(input.index) ?? `npm run fuzz -- --seed ${input.seed} --only ${input.index}${settings.scale !== 1 ? ` --scale ${settings.scale}` : ''}`);
  writeFileSync(
    join(folder, 'failure.json'),
    `${JSON.stringify(
      {
        seed: input.seed,
        index: input.index,
        generator: input.generator,
        detail: input.detail,
        entry: input.entry,
        path: finding.path,
        kind: finding.kind,
        message: finding.message,
        bytes: input.bytes.length,
        minimisedBytes: minimised.bytes.length,
        minimiseTests: minimised.tests,
        minimiseOutOfTime: minimised.outOfTime,
        bound: input.bound,
        reproduce,
        replay,
      },
      null,
      2,
    )}\n`,
  );
  return { folder, minimisedBytes: minimised.bytes.length, reproduce: reproduce === replay ? replay : `${reproduce}   (or: ${replay})` };
}
