import { UsageError, parseCommandArgs, type CliCommand, type CliIO } from '../command.js';
import { DEFAULT_DB, integer, openExistingCorpus } from '../corpus.js';
import { availableParallelism } from 'node:os';
import { DEFAULT_ANALYZE_TIMEOUT_MS } from '../../server/analyzer.js';
import { startServer } from '../../server/app.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../server/http-server.js';
import { DEFAULT_QUERY_TIMEOUT_MS, openQueryPool } from '../../server/query-pool.js';

const DEFAULT_PORT = 8080;
const DEFAULT_HOST = '127.0.0.1';

const usage = `Usage: whosaid serve [--db FILE] [--port N] [--host ADDRESS]

Serves a corpus: the JSON API under /api (described at /api/openapi.json)
and the web UI at /. Stops on Ctrl-C (SIGINT) or SIGTERM.

Options:
  --db FILE            the corpus (default ${DEFAULT_DB})
  --port N             port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS       address to bind (default ${DEFAULT_HOST}: only this machine
                       can connect; 0.0.0.0 opens it to the network)
  --query-workers N    threads answering corpus questions, each with its own
                       read-only connection (default: cores, at most 4)
  --query-timeout MS   time limit for one corpus question (default ${DEFAULT_QUERY_TIMEOUT_MS})
  --analyze-timeout MS time limit for one page posted to /api/analyze
                       (default ${DEFAULT_ANALYZE_TIMEOUT_MS})
  --request-timeout MS time limit for a request's headers and body to arrive;
                       a slower client is answered 408 (default ${DEFAULT_REQUEST_TIMEOUT_MS})
  -h, --help           show this help
`;

async function runServe(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    strict: true,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'analyze-timeout': { type: 'string' },
      'query-workers': { type: 'string' },
      'query-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const { values } = parsed;
  const port = values.port === undefined ? DEFAULT_PORT : integer(values.port, '--port', 0, 65535);
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError('--host is empty');
  const timeoutMs = values['analyze-timeout'] === undefined ? DEFAULT_ANALYZE_TIMEOUT_MS : integer(values['analyze-timeout'], '--analyze-timeout', 100, 600_000);
  const queryWorkers = values['query-workers'] === undefined ? Math.min(4, availableParallelism()) : integer(values['query-workers'], '--query-workers', 1, 64);
  const queryTimeoutMs = values['query-timeout'] === undefined ? DEFAULT_QUERY_TIMEOUT_MS : integer(values['query-timeout'], '--query-timeout', 100, 600_000);
  const requestTimeoutMs =
    values['request-timeout'] === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : integer(values['request-timeout'], '--request-timeout', 100, 600_000);
  const db = values.db ?? DEFAULT_DB;
  try {
    // Opened here once to report a missing or unreadable corpus before listening; the workers open their own connections.
    await (await openExistingCorpus(db)).close();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // The store's message names the file and the problem ("not a SQLite corpus store"); a stack would add nothing.
    io.stderr.write(`whosaid serve: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const store = openQueryPool(db, { workers: queryWorkers, timeoutMs: queryTimeoutMs });
  let server;
  try {
    server = await startServer({ store, port, host, requestTimeoutMs, analyzerOptions: { timeoutMs } });
  } catch (error) {
    await store.close();
    const problem = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${port} is already in use (try --port 0)` : error instanceof Error ? error.message : String(error);
    io.stderr.write(`whosaid serve: cannot listen on ${host}:${port}: ${problem}\n`);
    return 1;
  }
  io.stdout.write(`whosaid: serving ${db} at ${server.url}/ (API description at ${server.url}/api/openapi.json); Ctrl-C stops\n`);
  const running = server;
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.stderr.write(`whosaid serve: ${signal}, stopping\n`);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await running.close();
  await store.close();
  return 0;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve a corpus over HTTP: the JSON API and the web UI',
  usage,
  run: runServe,
};
