import { existsSync } from 'node:fs';
import { openStore } from '../store/index.js';
import type { CorpusStore, PageQuery } from '../store/types.js';
import { UsageError, type CliIO } from './command.js';
import { ROW_FORMATS, type RowFormat } from './table.js';

/** The corpus file commands use when --db is not given. */
export const DEFAULT_DB = 'corpus.sqlite';

/** Opens a corpus that must already exist (every command but ingest), with a clear message when it does not. */
export async function openExistingCorpus(location: string, options: { readonly?: boolean } = {}): Promise<CorpusStore> {
  if (!/^postgres(ql)?:\/\//i.test(location) && !existsSync(location)) {
    throw new UsageError(`${location}: no such corpus (create it with \`whosaid ingest <inputs…> --db ${location}\`)`);
  }
  return openStore(location, { readonly: options.readonly ?? true });
}

/** Options every corpus question accepts, for parseArgs. */
export const PAGE_QUERY_OPTIONS = {
  outlet: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
} as const;

export const PAGE_QUERY_USAGE = `  --outlet SITE       only articles from this site or host
  --from DATE         only articles dated on or after DATE (YYYY-MM-DD)
  --to DATE           only articles dated on or before DATE
  --limit N           at most N rows (default 50, at most 1000)
  --offset N          skip the first N rows`;

export function parsePageQuery(values: { outlet?: string; from?: string; to?: string; limit?: string; offset?: string }): PageQuery {
  const query: PageQuery = {};
  if (values.outlet !== undefined) query.outlet = values.outlet;
  if (values.from !== undefined) query.from = isoDate(values.from, '--from');
  if (values.to !== undefined) query.to = isoDate(values.to, '--to');
  if (values.limit !== undefined) query.limit = integer(values.limit, '--limit', 1, 1000);
  if (values.offset !== undefined) query.offset = integer(values.offset, '--offset', 0, Number.MAX_SAFE_INTEGER);
  return query;
}

export function parseRowFormat(value: string | undefined): RowFormat {
  const format = (value ?? 'table') as RowFormat;
  if (!ROW_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${ROW_FORMATS.join(', ')}`);
  return format;
}

export function integer(value: string, option: string, minimum: number, maximum: number): number {
  if (!/^\d+$/.test(value) || Number(value) < minimum || Number(value) > maximum) {
    throw new UsageError(`${option} must be an integer from ${minimum} to ${maximum}`);
  }
  return Number(value);
}

function isoDate(value: string, option: string): string {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`${option}: "${value}" is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)`);
  }
  return value;
}

/** The shell's convention for a process ended by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export function exitStatusOf(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : 130;
}

/** How a long corpus job (ingest, reprocess) is stopped from the terminal. */
export interface GracefulStop {
  /** Fires on the first Ctrl-C or SIGTERM: the job starts nothing new and lets the work in progress finish in its grace. */
  signal: AbortSignal;
  /** The signal that stopped the job, or null. */
  stoppedBy(): NodeJS.Signals | null;
  /** Removes the handlers; call when the job is over. */
  dispose(): void;
}

/**
 * The first Ctrl-C (or SIGTERM) stops the job gracefully and says so; a
 * second quits at once with `quitMessage`. `beforeMessage` runs before
 * anything is written (a progress bar clears its line).
 */
export function stopOnSignals(command: string, graceMs: number, quitMessage: string, io: CliIO, beforeMessage?: () => void): GracefulStop {
  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    beforeMessage?.();
    if (stoppedBy !== null) {
      io.stderr.write(`whosaid ${command}: stopped at once; ${quitMessage}\n`);
      process.exit(exitStatusOf(signal));
    }
    stoppedBy = signal;
    io.stderr.write(`whosaid ${command}: stopping: no new pages; those in progress get ${graceMs / 1000} s to finish (Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    stoppedBy: () => stoppedBy,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
