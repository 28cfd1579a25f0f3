import type { CliCommand } from '../command.js';
import { analyzeCommand } from './analyze.js';
import { evalCommand } from './eval.js';

/** Every CLI command, in the order `whosaid --help` lists them. Add a command by adding its file here. */
export const COMMANDS: readonly CliCommand[] = [analyzeCommand, evalCommand];
