import type { CliCommand } from '../command.js';
import { analyzeCommand } from './analyze.js';
import { evalCommand } from './eval.js';
import { failuresCommand } from './failures.js';
import { ingestCommand } from './ingest.js';
import { reprocessCommand } from './reprocess.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';
import { statsCommand } from './stats.js';

/** Every CLI command, in the order `whosaid --help` lists them. Add a command by adding its file here. */
export const COMMANDS: readonly CliCommand[] = [
  analyzeCommand,
  ingestCommand,
  searchCommand,
  statsCommand,
  failuresCommand,
  reprocessCommand,
  serveCommand,
  evalCommand,
];
