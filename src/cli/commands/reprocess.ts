import { availableParallelism } from 'node:os';
import { WHOSAID_VERSION } from '../../version.js';
import { reprocessCorpus } from '../../store/ingest/index.js';
import { DEFAULT_STOP_GRACE_MS } from '../../store/ingest/index.js';
import { DEFAULT_PAGE_TIMEOUT_MS } from '../../store/ingest/pool.js';
import { parseCommandArgs, type CliCommand, type CliIO } from '../command.js';
import { DEFAULT_DB, exitStatusOf, integer, openExistingCorpus, stopOnSignals } from '../corpus.js';

const usage = `Usage: whosaid reprocess [--db FILE] [options]

Re-analyses stored pages from their raw captures with this version of
whosaid (${WHOSAID_VERSION}), replacing their analysis; nothing is fetched again.
By default only pages analysed by another version are redone. Interrupted,
it resumes where it stopped when run again.

Options:
  --db FILE           the corpus (default ${DEFAULT_DB})
  --all               redo every page, whatever version analysed it
  -j, --jobs N        pages analysed in parallel (default: number of cores)
      --timeout MS    time limit per page in milliseconds (default 30000; 0 for none)
  -q, --quiet         no progress lines
`;

async function runReprocess(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    strict: true,
    options: {
      db: { type: 'string' },
      all: { type: 'boolean' },
      jobs: { type: 'string', short: 'j' },
      timeout: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const { values } = parsed;
  const store = await openExistingCorpus(values.db ?? DEFAULT_DB, { readonly: false });
  const stop = stopOnSignals('reprocess', DEFAULT_STOP_GRACE_MS, 'pages not yet rewritten keep their old analysis', io);
  try {
    const summary = await reprocessCorpus(store, {
      all: values.all ?? false,
      jobs: values.jobs === undefined ? availableParallelism() : integer(values.jobs, '--jobs', 1, 1024),
      timeoutMs: values.timeout === undefined ? DEFAULT_PAGE_TIMEOUT_MS : integer(values.timeout, '--timeout', 0, Number.MAX_SAFE_INTEGER),
      signal: stop.signal,
      stopGraceMs: DEFAULT_STOP_GRACE_MS,
      onProgress: (progress) => {
        if (values.quiet && !progress.done) return;
        io.stderr.write(
          `reprocess: ${progress.reprocessed} redone · ${progress.failed} failed · ${progress.rate.toFixed(1)} pages/s${progress.done ? ' · done' : ''}\n`,
        );
      },
    });
    if (summary.interrupted) {
      io.stderr.write(
        `whosaid reprocess: interrupted: ${summary.reprocessed} pages redone this run` +
          `${summary.abandoned > 0 ? `, ${summary.abandoned} in progress left with their old analysis` : ''}; run the same command again to resume\n`,
      );
      return exitStatusOf(stop.stoppedBy() ?? 'SIGINT');
    }
    return summary.failed > 0 ? 1 : 0;
  } finally {
    stop.dispose();
    await store.close();
  }
}

export const reprocessCommand: CliCommand = {
  name: 'reprocess',
  summary: 're-analyse stored raw captures with the current version',
  usage,
  run: runReprocess,
};
