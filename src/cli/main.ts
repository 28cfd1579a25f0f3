#!/usr/bin/env node
import { runCli } from './run.js';

// exitCode rather than exit(): lets piped output drain before the process ends.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
