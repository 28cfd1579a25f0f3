import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A CLI subcommand. The CLI is a thin layer over the library: each command
 * parses its own arguments, calls library functions and writes to `io`.
 * Commands live one per file in src/cli/commands/ and are listed in
 * src/cli/commands/index.ts.
 */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export interface CliCommand {
  /** The word that selects the command, e.g. "analyze". */
  name: string;
  /** One line for `whosaid --help`. */
  summary: string;
  /** Full usage text for `whosaid <name> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit status (0 ok, 1 some input failed, 2 usage error). */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Raised for bad command-line usage; the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses a command's arguments with node:util's parseArgs; a bad argument is a UsageError (exit 2 with the usage). */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
