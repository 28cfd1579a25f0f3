/** Writing benchmark results: Markdown tables, the machine line and the generated sections of docs/benchmarks.md. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root, from bench/ (sources) or dist/bench/ (compiled). */
export function repoRoot(): string {
  for (const candidate of [resolve(here, '..'), resolve(here, '../..')]) {
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  throw new Error('cannot find the repository root (package.json) above ' + here);
}

/** bench/out/: per-page details, kept out of git and out of the docs. */
export function outDir(): string {
  const dir = join(repoRoot(), 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** True when the module at `moduleUrl` is the script node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(resolve(entry)).href === moduleUrl;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  node: string;
  memoryGiB: number;
  platform: string;
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown CPU',
    cores: cpuList.length,
    node: process.version,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
  };
}

export function machineLine(machine: MachineInfo = machineInfo()): string {
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.platform}, Node ${machine.node}`;
}

/** The checked-out commit, and whether the working tree differed from it, so a figure can be traced to code. */
export function commitLine(): string {
  try {
    const run = (...args: string[]): string => execFileSync('git', args, { cwd: repoRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = run('rev-parse', '--short=12', 'HEAD');
    const dirty = run('status', '--porcelain', '--untracked-files=no', '--', 'src') !== '';
    return dirty ? `${head} with uncommitted changes under src/` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** A short header for a generated section: the command, the date, the code and the machine. */
export function runHeader(command: string, started: Date): string {
  // The load average says how much else was running: timings on a shared machine move with it.
  const load = loadavg().map((value) => value.toFixed(2)).join(' / ');
  return [
    `Command: \`${command}\``,
    `Run: ${started.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `Commit: ${commitLine()}`,
    `Machine: ${machineLine()}`,
    `Load average at the end (1 / 5 / 15 min): ${load}`,
  ]
    .map((line) => `- ${line}`)
    .join('\n');
}

export type Cell = string | number;

/** A Markdown table; columns whose header starts with a right-aligned figure are aligned right. */
export function markdownTable(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>, rightAligned: readonly number[] = []): string {
  const escape = (cell: Cell): string => String(cell).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `| ${headers.map(escape).join(' | ')} |`,
    `| ${headers.map((_, i) => (rightAligned.includes(i) ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** A plain-text table for stdout. */
export function textTable(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const all = [headers.map(String), ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const format = (row: readonly string[]): string => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [format(all[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(format)].join('\n');
}

export const fixed3 = (value: number): string => value.toFixed(3);

/** A target line: the goal, the measured value and whether it is met. */
export function targetRow(target: string, measured: string, met: boolean | null): Cell[] {
  return [target, measured, met === null ? 'not measured' : met ? 'met' : 'not met'];
}

export type SectionName = 'aeb' | 'wcxb' | 'speed';

const SECTION_TITLES: Record<SectionName, string> = {
  aeb: 'Article extraction benchmark (AEB)',
  wcxb: 'WCXB dev split',
  speed: 'Speed',
};

function markers(name: SectionName): { start: string; end: string } {
  return { start: `<!-- bench:${name}:start -->`, end: `<!-- bench:${name}:end -->` };
}

const PREAMBLE = `# Benchmarks

This file is generated: \`npm run bench\` runs every benchmark script one after the other. \`npm run bench:extract\`,
\`npm run bench:speed\`, \`npm run bench:dates\` and \`npm run bench:attribution\` each rewrite their own section and
keep the others. Every figure below comes from those scripts; per-page details go to \`bench/out/\` (not committed).

The benchmark data is read from \`../shared/data\` beside the repository (or \`$WHOSAID_SHARED_DATA\`); it is not
part of this repository.
`;

function emptySection(name: SectionName): string {
  const { start, end } = markers(name);
  return `${start}\n## ${SECTION_TITLES[name]}\n\nNot run yet.\n${end}`;
}

export function docsPath(): string {
  return join(repoRoot(), 'docs', 'benchmarks.md');
}

/** The whole file with every section empty. */
function skeleton(): string {
  return `${PREAMBLE}\n${(Object.keys(SECTION_TITLES) as SectionName[]).map(emptySection).join('\n\n')}\n`;
}

/**
 * Replaces one generated section of docs/benchmarks.md (between its comment
 * markers), leaving the rest as it is; creates the file when it is missing.
 * `body` is the section's Markdown without its heading.
 */
export function writeSection(name: SectionName, body: string, options: { fresh?: boolean } = {}): string {
  if (options.fresh) {
    mkdirSync(dirname(docsPath()), { recursive: true });
    writeFileSync(docsPath(), skeleton());
  }
  return writeOwnSection(name, SECTION_TITLES[name], body);
}

/**
 * Replaces (or appends) a section owned by a script other than `npm run
 * bench`, between its own `<!-- bench:NAME:start/end -->` markers, leaving
 * every other section as it is.
 */
export function writeOwnSection(name: string, title: string, body: string): string {
  const path = docsPath();
  let text = existsSync(path) ? readFileSync(path, 'utf8') : skeleton();
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const section = `${start}\n## ${title}\n\n${body.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) text = text.slice(0, from) + section + text.slice(to + end.length);
  else text = `${text.trimEnd()}\n\n${section}\n`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/**
 * Starts docs/benchmarks.md afresh for `npm run bench`, which then writes
 * every section of its own. Sections other scripts own (their own
 * `<!-- bench:NAME:start -->` markers) are kept as they are, after ours.
 */
export function resetDocs(): void {
  const path = docsPath();
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const ours = new Set<string>(Object.keys(SECTION_TITLES));
  const kept: string[] = [];
  for (const match of existing.matchAll(/<!-- bench:([\w-]+):start -->[\s\S]*?<!-- bench:\1:end -->/g)) {
    if (!ours.has(match[1] ?? '')) kept.push(match[0]);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kept.length ? `${skeleton().trimEnd()}\n\n${kept.join('\n\n')}\n` : skeleton());
}
