/** The fuzzing run's report: a plain table for the terminal and the "Reliability" section of docs/benchmarks.md. */
import { markdownTable, runHeader, textTable, type Cell } from '../../bench/report.js';
import { BOUND_RULE } from './bound.js';
import type { FuzzSummary } from './harness.js';

const mb = (value: number | null): string => (value === null ? '—' : `${Math.round(value)} MB`);
const kb = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`);

function generatorRows(summary: FuzzSummary): Cell[][] {
  return Object.entries(summary.byGenerator)
    .sort(([a], [b]) => (a === 'mutated' ? -1 : b === 'mutated' ? 1 : a < b ? -1 : 1))
    .map(([name, stats]) => [name, stats.inputs, stats.crashes, stats.hangs, stats.overBound, stats.output, Math.round(stats.maxMs), Math.round(stats.maxHeapMb)]);
}

const HEADERS = ['generator', 'inputs', 'crashes', 'hangs', 'over bound', 'output', 'slowest (CPU ms)', 'peak heap MB'];

function totals(summary: FuzzSummary): { crashes: number; hangs: number; overBound: number; output: number } {
  const count = (kind: string): number => summary.failures.filter((failure) => failure.kind === kind).length;
  return { crashes: count('crash'), hangs: count('hang'), overBound: count('over-bound'), output: count('output') };
}

function slowestLine(summary: FuzzSummary): string {
  const slow = summary.slowest;
  if (!slow) return '—';
  const cpu = slow.cpuMs === null ? '' : `${Math.round(slow.cpuMs)} ms CPU, `;
  return `${cpu}${Math.round(slow.ms ?? 0)} ms wall: input ${slow.index} (${slow.generator}, ${kb(slow.bytes)}, bound ${slow.boundMs} ms)`;
}

export function textReport(summary: FuzzSummary): string {
  const t = totals(summary);
  const lines = [
    `seed ${summary.seed}, scale ${summary.scale}, seed pages: ${summary.corpus} (${summary.corpusPages})`,
    `inputs: ${summary.inputs} of ${summary.requested}${summary.interrupted ? ' (interrupted)' : ''}; library path ${summary.libraryRuns}, CLI path ${summary.cliInputs} in ${summary.cliBatches} batches (${summary.cliLines} JSON lines)`,
    `failures: ${summary.failures.length} (crashes ${t.crashes}, hangs ${t.hangs}, over bound ${t.overBound}, output ${t.output})`,
    `slowest page: ${slowestLine(summary)}`,
    `peak heap of one analysis: ${mb(summary.peakHeapMb)}; peak RSS: harness ${mb(summary.peakRssMb)}, CLI ${mb(summary.cliPeakRssMb)}`,
    `${summary.inputsPerSecond.toFixed(1)} inputs/s (${(summary.wallMs / 1000).toFixed(1)} s, ${summary.workersStarted} library workers started)`,
    '',
    textTable(HEADERS, generatorRows(summary)),
  ];
  for (const failure of summary.failures) {
    lines.push('', `FAIL ${failure.kind} on the ${failure.path} path: input ${failure.index ?? '(batch)'} ${failure.fileName} (${failure.generator}: ${failure.detail})`, `  ${failure.message.split('\n').join('\n  ')}`);
    if (failure.saved) lines.push(`  saved in ${failure.saved.folder} (minimised ${failure.bytes} → ${failure.saved.minimisedBytes} bytes)`, `  reproduce: ${failure.saved.reproduce}`);
  }
  return lines.join('\n');
}

/** The body of the "Reliability" section (without its heading). */
export function markdownReport(summary: FuzzSummary, command: string, started: Date): string {
  const t = totals(summary);
  const figures: Cell[][] = [
    ['inputs', `${summary.inputs}${summary.interrupted ? ` of ${summary.requested} (interrupted)` : ''}`],
    ['through the library (worker threads)', summary.libraryRuns],
    ['through the CLI (`analyze <folder> --format jsonl`)', `${summary.cliInputs} in ${summary.cliBatches} processes, ${summary.cliLines} JSON lines`],
    ['crashes', t.crashes],
    ['hangs', t.hangs],
    ['over-bound pages', t.overBound],
    ['output problems (missing, extra or non-JSON lines)', t.output],
    ['slowest page', slowestLine(summary)],
    ['peak heap of one analysis', mb(summary.peakHeapMb)],
    ['peak RSS: harness (both workers) / one CLI process', `${mb(summary.peakRssMb)} / ${mb(summary.cliPeakRssMb)}`],
    ['rate', `${summary.inputsPerSecond.toFixed(1)} inputs/s (${(summary.wallMs / 1000).toFixed(0)} s), each input through both paths`],
  ];
  return [
    runHeader(command, started),
    '',
    `Seed pages: ${summary.corpus} (${summary.corpusPages} pages), pathological sizes at scale ${summary.scale}. How the harness works and what it checks: [reliability.md](reliability.md).`,
    `The bound: ${BOUND_RULE}.`,
    '',
    markdownTable(['', 'value'], figures),
    '',
    markdownTable(HEADERS, generatorRows(summary), [1, 2, 3, 4, 5, 6, 7]),
  ].join('\n');
}
