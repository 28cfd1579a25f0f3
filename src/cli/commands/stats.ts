import { UsageError, parseCommandArgs, type CliCommand, type CliIO } from '../command.js';
import { DEFAULT_DB, openExistingCorpus } from '../corpus.js';

const usage = `Usage: whosaid stats [--db FILE] [--format text|json]

Prints a corpus's counts: articles, failures, attributions, entities,
speakers, duplicate groups, mis-dated articles, raw captures, and the
analyser versions present.

Options:
  --db FILE           the corpus (default ${DEFAULT_DB})
  -f, --format FMT    text (default) or json
`;

async function runStats(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({ args: argv, strict: true, options: { db: { type: 'string' }, format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } });
  const format = parsed.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json');
  const db = parsed.values.db ?? DEFAULT_DB;
  const store = await openExistingCorpus(db);
  try {
    const stats = await store.stats();
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `corpus            ${db} (schema ${stats.schemaVersion})`,
      `articles          ${stats.articles}`,
      `failures          ${stats.failures}`,
      `attributions      ${stats.attributions}`,
      `entities          ${stats.entities}`,
      `speakers          ${stats.speakers}`,
      `duplicate groups  ${stats.duplicateGroups} (${stats.duplicateArticles} articles)`,
      `mis-dated         ${stats.misdated}`,
      `raw captures      ${stats.captures} (${Math.round(stats.captureBytes / 1024)} KB compressed)`,
      `analyser versions ${stats.analyserVersions.map((entry) => `${entry.version} (${entry.articles})`).join(', ') || '-'}`,
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await store.close();
  }
  return 0;
}

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'print a corpus\'s counts and the analyser versions present',
  usage,
  run: runStats,
};
