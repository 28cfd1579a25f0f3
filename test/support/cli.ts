import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI entry point (tests run from dist/test). */
export const CLI_MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the process was still running at `killAfterMs` and was killed. */
  killed: boolean;
}

export interface CliRunOptions {
  /** Keep standard input open and silent, as a producer that never writes does, instead of feeding `stdin`. */
  holdStdin?: boolean;
  /** Kill the process if it is still running this long after its start: an upper bound that turns a hang into a failure. */
  killAfterMs?: number;
}

/** Runs the built CLI as a user would, in its own process, feeding `stdin` when given. */
export function runCli(args: string[], stdin?: string | Buffer, options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const guard =
      options.killAfterMs === undefined
        ? null
        : setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, options.killAfterMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (guard) clearTimeout(guard);
      child.stdin.destroy();
      resolve({ code, stdout, stderr, killed });
    });
    // A held stdin is closed only once the process has gone (ignoring the broken pipe that may follow).
    if (options.holdStdin) child.stdin.on('error', () => {});
    else child.stdin.end(stdin);
  });
}
