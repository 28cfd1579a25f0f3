/**
 * The CLI path: a batch of inputs written to one folder and read by one
 * `whosaid analyze <folder> --format jsonl` process, as a user runs it.
 * The rule checked: stdout holds exactly one JSON object per line and
 * nothing else; a page file gets exactly one line (its result or its error
 * record); a WARC file gets one line per page record and one per damaged
 * record, which is what `readWarc` yields for it, and at least one when the
 * file holds a page record, however damaged; stderr holds only `whosaid: …` lines, no
 * stack trace; the process exits with 0 (no error record) or 1 (some), within
 * its bound.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { FuzzInput } from './generate.js';
import { HANG_FACTOR, WALL_HANG_FACTOR, type LibraryOutcome } from './library-runner.js';

export interface CliBatchInput {
  input: FuzzInput;
  /** Absolute path of the file in the batch folder. */
  path: string;
  /** The library path's outcome for the same input, when it ran: the expected lines for a WARC, and a cross-check. */
  library: LibraryOutcome | null;
}

export type CliProblemKind = 'crash' | 'hang' | 'over-bound' | 'output';

export interface CliProblem {
  kind: CliProblemKind;
  message: string;
}

export interface CliBatchResult {
  /** Problems per input, by index in the batch. */
  perInput: Map<number, CliProblem[]>;
  /** Problems that belong to no one input (the exit status, stderr, stray lines). */
  batch: CliProblem[];
  /** Lines that were results or error records, in all. */
  lines: number;
  exitCode: number | null;
  signal: string | null;
  wallMs: number;
  /** The process's peak resident set, sampled from /proc while it ran (MB); null where /proc is missing. */
  peakRssMb: number | null;
}

export interface CliRunSettings {
  cliMain: string;
  jobs: number;
  /** Called with the child process so an interrupt can stop it. */
  onSpawn?: (kill: () => void) => void;
}

/** Error records that say the product broke, rather than that the input is not a page. */
const CRASH_ERROR = /analysis failed|analysis crashed|worker stopped unexpectedly/;
const HANG_ERROR = /timed out after \d+ ms/;
const MEMORY_ERROR = /ran out of memory/;
const STACK_LINE = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+|\(native\))\s*$|^\S*Error: /;

export async function runCliBatch(folder: string, batch: readonly CliBatchInput[], settings: CliRunSettings): Promise<CliBatchResult> {
  // A generous per-page limit, in wall time: the library path checks the bound itself; here a limit only has to
  // tell a hang from a busy machine, and the analyze pool counts a replacement worker's model loading against the next page.
  const pageTimeoutMs = Math.max(...batch.map((item) => item.input.bound.ms)) * WALL_HANG_FACTOR + 30_000;
  const maxMemoryMb = Math.max(...batch.map((item) => item.input.bound.heapLimitMb));
  const processLimitMs = pageTimeoutMs + 60_000 + batch.reduce((sum, item) => sum + item.input.bound.ms * HANG_FACTOR, 0) / settings.jobs;
  const args = [settings.cliMain, 'analyze', folder, '--format', 'jsonl', '--jobs', String(settings.jobs), '--timeout', String(pageTimeoutMs), '--max-memory', String(maxMemoryMb)];

  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  let peakRssKb: number | null = null;
  const sample = (): void => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakRssKb = Math.max(peakRssKb ?? 0, Number(match[1]));
    } catch {
      // Gone already, or no /proc: keep the last sample.
    }
  };
  const sampler = setInterval(sample, 200);
  let overLimit = false;
  const killer = setTimeout(() => {
    overLimit = true;
    child.kill('SIGKILL');
  }, processLimitMs);
  settings.onSpawn?.(() => child.kill('SIGKILL'));
  const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve) => {
    child.on('close', (code, sig) => resolve([code, sig]));
    child.on('error', () => resolve([null, 'spawn-error']));
  });
  clearTimeout(killer);
  clearInterval(sampler);
  const wallMs = performance.now() - started;

  const result: CliBatchResult = { perInput: new Map(), batch: [], lines: 0, exitCode, signal, wallMs, peakRssMb: peakRssKb === null ? null : peakRssKb / 1024 };
  const problem = (index: number, kind: CliProblemKind, message: string): void => {
    const list = result.perInput.get(index) ?? [];
    list.push({ kind, message });
    result.perInput.set(index, list);
  };
  if (overLimit) result.batch.push({ kind: 'hang', message: `the CLI process ran past its bound of ${Math.round(processLimitMs / 1000)} s and was killed` });
  else if (signal !== null) result.batch.push({ kind: 'crash', message: `the CLI process ended by signal ${signal}` });
  else if (exitCode !== 0 && exitCode !== 1) result.batch.push({ kind: 'crash', message: `the CLI exited with status ${exitCode} (0 or 1 expected)` });

  const errText = Buffer.concat(stderr).toString('utf8');
  const strayErr = errText.split('\n').filter((line) => line !== '' && !line.startsWith('whosaid: '));
  if (strayErr.some((line) => STACK_LINE.test(line))) result.batch.push({ kind: 'crash', message: `stack trace on stderr: ${strayErr.slice(0, 6).join(' | ').slice(0, 600)}` });
  else if (strayErr.length > 0) result.batch.push({ kind: 'output', message: `stderr lines that are not "whosaid: …" messages: ${strayErr.slice(0, 3).join(' | ').slice(0, 400)}` });

  // Which input each line belongs to: a page file by its path, a WARC record by "<path>#<offset>".
  const byPath = new Map(batch.map((item, i) => [item.path, i]));
  const seen = batch.map(() => new Map<string, number>());
  const errorsSeen = batch.map(() => new Map<string, string>());
  let errorRecords = 0;
  const outText = Buffer.concat(stdout).toString('utf8');
  if (outText !== '' && !outText.endsWith('\n')) result.batch.push({ kind: 'output', message: 'stdout does not end with a newline (a line was cut)' });
  const outLines = outText.split('\n');
  if (outLines[outLines.length - 1] === '') outLines.pop();
  for (const line of outLines) {
    if (line === '') {
      result.batch.push({ kind: 'output', message: 'an empty line on stdout' });
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      result.batch.push({ kind: 'output', message: `a stdout line is not JSON: ${line.slice(0, 200)}` });
      continue;
    }
    const input = typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as { input?: unknown }).input : undefined;
    if (typeof input !== 'string') {
      result.batch.push({ kind: 'output', message: `a stdout line is not an object with an "input": ${line.slice(0, 200)}` });
      continue;
    }
    result.lines++;
    const hash = input.lastIndexOf('#');
    const owner = byPath.get(input) ?? (hash > 0 ? byPath.get(input.slice(0, hash)) : undefined);
    if (owner === undefined) {
      result.batch.push({ kind: 'output', message: `a line for an input that was not given: ${input}` });
      continue;
    }
    seen[owner]!.set(input, (seen[owner]!.get(input) ?? 0) + 1);
    const error = (record as { error?: unknown }).error;
    if (typeof error === 'string') {
      errorRecords++;
      errorsSeen[owner]!.set(input, error);
      if (CRASH_ERROR.test(error)) problem(owner, 'crash', `error record: ${error}`);
      else if (HANG_ERROR.test(error)) problem(owner, 'hang', `error record: ${error}`);
      else if (MEMORY_ERROR.test(error)) problem(owner, 'over-bound', `error record: ${error}`);
    }
  }
  if (!overLimit && signal === null && (exitCode === 0 || exitCode === 1) && (exitCode === 1) !== errorRecords > 0) {
    result.batch.push({ kind: 'output', message: `exit status ${exitCode} with ${errorRecords} error records (1 exactly when some input failed)` });
  }

  batch.forEach((item, i) => {
    const lines = seen[i]!;
    for (const [name, count] of lines) if (count > 1) problem(i, 'output', `${count} lines for ${name} (one expected)`);
    const library = item.library;
    if (!item.input.warc) {
      if (!lines.has(item.path)) problem(i, 'output', 'no output line for this input');
      else if (library?.kind === 'done' && item.input.entry === 'analyzePage') crossCheck(i, item.path, library, errorsSeen[i]!, problem);
      return;
    }
    if (library?.kind === 'done') {
      const expected = new Set(library.items.map((entry) => entry.input));
      const missing = [...expected].filter((name) => !lines.has(name));
      const extra = [...lines.keys()].filter((name) => !expected.has(name));
      if (missing.length > 0) problem(i, 'output', `no output line for ${missing.length} of the ${expected.size} records readWarc yields (first: ${missing[0]})`);
      if (extra.length > 0) problem(i, 'output', `${extra.length} lines for records readWarc does not yield (first: ${extra[0]})`);
      for (const entry of library.items) crossCheck(i, entry.input, { ...library, items: [entry] }, errorsSeen[i]!, problem);
    }
    // Damage may cost pages, but not silently: a file that held a page gets at least a line saying what went wrong.
    if (lines.size === 0 && (item.input.warcPages ?? 0) > 0) problem(i, 'output', `no output line for this WARC file, which holds ${item.input.warcPages} page records`);
  });
  return result;
}

/** The CLI and the library read the same bytes the same way: a result in one is a result in the other. */
function crossCheck(index: number, name: string, library: Extract<LibraryOutcome, { kind: 'done' }>, errors: Map<string, string>, problem: (index: number, kind: CliProblemKind, message: string) => void): void {
  const item = library.items.find((entry) => entry.input === name);
  if (!item) return;
  const cliError = errors.get(name);
  if (cliError !== undefined && CRASH_ERROR.test(cliError)) return;
  if (item.ok && cliError !== undefined && !HANG_ERROR.test(cliError) && !MEMORY_ERROR.test(cliError)) problem(index, 'output', `the library analysed ${name} but the CLI gave an error: ${cliError}`);
  if (!item.ok && cliError === undefined) problem(index, 'output', `the library refused ${name} (${item.problem}) but the CLI gave a result`);
}
