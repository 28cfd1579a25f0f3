import { UsageError, type CliCommand, type CliIO } from './command.js';
import { COMMANDS } from './commands/index.js';
import { CorpusStoreError } from '../store/errors.js';
import { WHOSAID_VERSION } from '../version.js';

function generalHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    'Usage: whosaid <command> [options]',
    '',
    'Reads news pages: the article without chrome, its metadata and dates, and who said what.',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help (or `whosaid <command> --help` for a command)',
    '  -V, --version  print the version',
    '',
  ].join('\n');
}

/** Runs the CLI on `argv` (without "node main.js"); resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIO, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(generalHelp(commands));
    return 2;
  }
  if (first === '--help' || first === '-h') {
    io.stdout.write(generalHelp(commands));
    return 0;
  }
  if (first === '--version' || first === '-V') {
    io.stdout.write(`${WHOSAID_VERSION}\n`);
    return 0;
  }
  if (first === 'help') {
    const named = commands.find((command) => command.name === rest[0]);
    io.stdout.write(named ? `${named.usage.trimEnd()}\n` : generalHelp(commands));
    return named || rest.length === 0 ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (!command) {
    io.stderr.write(`whosaid: unknown command "${first}"\n\n${generalHelp(commands)}`);
    return 2;
  }
  const optionsEnd = rest.indexOf('--');
  const options = optionsEnd < 0 ? rest : rest.slice(0, optionsEnd);
  if (options.includes('--help') || options.includes('-h')) {
    io.stdout.write(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`whosaid ${command.name}: ${error.message}\n\n${command.usage.trimEnd()}\n`);
      return 2;
    }
    if (error instanceof CorpusStoreError) {
      // The message names the corpus file and the problem; a stack would add nothing for the user.
      io.stderr.write(`whosaid ${command.name}: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`whosaid ${command.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
