import type { IngestProgress, IngestSummary } from '../store/ingest/index.js';

const BAR_WIDTH = 24;

/** How long between plain progress lines when the output is not a terminal. */
const PLAIN_INTERVAL_MS = 5000;

/**
 * Shows an ingest's progress on stderr. On a terminal: one line redrawn in
 * place with a bar (when the total is known), pages done, rate, ETA and
 * failures. Otherwise (a log, a pipe): a plain line every few seconds and one
 * at the end, so logs stay readable.
 */
export class ProgressDisplay {
  private lastPlain = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly label = 'ingest',
  ) {}

  get isTerminal(): boolean {
    return this.stream.isTTY === true;
  }

  update(progress: IngestProgress): void {
    const line = describeProgress(progress, this.label);
    if (this.isTerminal) {
      const width = Math.max(20, (this.stream.columns ?? 100) - 1);
      const bar = progress.total !== null ? `${renderBar(finishedOf(progress), progress.total)} ` : '';
      this.stream.write(`\r\u001b[2K${(bar + line).slice(0, width)}`);
      this.drawn = true;
      if (progress.done) {
        this.stream.write('\n');
        this.drawn = false;
      }
      return;
    }
    const now = Date.now();
    if (progress.done || now - this.lastPlain >= PLAIN_INTERVAL_MS) {
      this.lastPlain = now;
      this.stream.write(`${line}\n`);
    }
  }

  /** Ends the redrawn line so that later messages start on their own line. */
  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

function finishedOf(progress: IngestProgress): number {
  return progress.stored + progress.skipped + progress.failed;
}

export function renderBar(done: number, total: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
}

/** One line: "ingest: 1200/5000 pages · 1150 stored · 40 skipped · 10 failed · 96.3 pages/s · ETA 0:39". */
export function describeProgress(progress: IngestProgress | IngestSummary, label = 'ingest'): string {
  const finished = finishedOf(progress);
  const parts = [
    `${label}: ${finished}${progress.total !== null ? `/${progress.total}` : ''} pages`,
    `${progress.stored} stored`,
    `${progress.skipped} skipped`,
    `${progress.failed} failed`,
    `${progress.rate.toFixed(1)} pages/s`,
  ];
  if (progress.grouped > 0) parts.splice(3, 0, `${progress.grouped} in duplicate groups`);
  if (progress.done) {
    const interrupted = 'interrupted' in progress && progress.interrupted;
    parts.push(`${interrupted ? 'stopped after' : 'done in'} ${formatDuration(progress.elapsedMs)}`);
  } else {
    const remaining = estimateRemainingMs(progress);
    if (remaining !== null) parts.push(`ETA ${formatDuration(remaining)}`);
  }
  return parts.join(' · ');
}

/**
 * The time left, in ms, or null when it cannot be told yet (no total, nothing
 * analysed). The pages left are assumed to need analysis, at the rate pages
 * have been analysed so far: skipped pages cost next to nothing, so counting
 * them would make a re-run that skips thousands of stored pages in a second
 * promise an end far too soon.
 */
export function estimateRemainingMs(progress: IngestProgress): number | null {
  if (progress.total === null) return null;
  const remaining = progress.total - finishedOf(progress);
  if (remaining <= 0) return 0;
  if (progress.analysed === 0 || progress.analysingMs <= 0) return null;
  return (remaining * progress.analysingMs) / progress.analysed;
}

/** The line an ingest stopped by a store it cannot write ends with: the cause, what is stored, and how to go on. */
export function describeStoreStop(cause: string, summary: IngestSummary): string {
  const of = summary.total !== null ? ` of ${summary.total}` : '';
  return `${cause}; stopped with ${summary.stored + summary.skipped}${of} pages stored; re-run the same command to resume`;
}

/**
 * The line an interrupted ingest ends with. N counts the run's pages now in
 * the corpus: those this run stored and those found already stored.
 */
export function describeInterruption(summary: IngestSummary): string {
  const inCorpus = summary.stored + summary.skipped;
  const of = summary.total !== null ? ` of ${summary.total}` : '';
  const failed = summary.failed > 0 ? `, ${summary.failed} failed` : '';
  return `interrupted: ${inCorpus}${of} pages stored (${summary.stored} by this run, ${summary.skipped} already stored)${failed}; run the same command again to resume`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}
