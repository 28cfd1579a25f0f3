import type { FailureRow } from '../../store/types.js';
import { parseCommandArgs, type CliCommand, type CliIO } from '../command.js';
import { DEFAULT_DB, PAGE_QUERY_OPTIONS, PAGE_QUERY_USAGE, openExistingCorpus, parsePageQuery, parseRowFormat } from '../corpus.js';
import { renderRows, type Column } from '../table.js';

const usage = `Usage: whosaid failures [--db FILE] [options]

Lists the inputs an ingest or reprocess could not read, analyse or store,
with the reason and how many runs failed on each. A later run that succeeds
on an input removes it from the list.

Options:
  --db FILE           the corpus (default ${DEFAULT_DB})
  -f, --format FMT    table (default), json, jsonl or csv
${PAGE_QUERY_USAGE}
`;

const COLUMNS: Column<FailureRow>[] = [
  { header: 'input', value: (row) => row.input, maxWidth: 50 },
  { header: 'stage', value: (row) => row.stage },
  { header: 'attempts', value: (row) => row.attempts },
  { header: 'failed at', value: (row) => row.failedAt },
  { header: 'reason', value: (row) => row.reason, maxWidth: 80 },
];

async function runFailures(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    strict: true,
    options: { db: { type: 'string' }, format: { type: 'string', short: 'f' }, ...PAGE_QUERY_OPTIONS, help: { type: 'boolean', short: 'h' } },
  });
  const format = parseRowFormat(parsed.values.format);
  const query = parsePageQuery(parsed.values);
  const store = await openExistingCorpus(parsed.values.db ?? DEFAULT_DB);
  try {
    io.stdout.write(renderRows(await store.failures(query), COLUMNS, format));
  } finally {
    await store.close();
  }
  return 0;
}

export const failuresCommand: CliCommand = {
  name: 'failures',
  summary: 'list the inputs a corpus ingest could not read or analyse, with the reason',
  usage,
  run: runFailures,
};
