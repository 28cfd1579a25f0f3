/** How the CLI reports a command that fails: one line for the user; the stack only when asked for. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { afterEach, test } from 'node:test';
import type { CliCommand, CliIO } from '../src/cli/command.js';
import { DEBUG_VARIABLE, runCli } from '../src/cli/run.js';

function collectingIO(): { io: CliIO; stderr: () => string; stdout: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  return { io: { stdout, stderr, stdin: new PassThrough() }, stdout: () => out.join(''), stderr: () => err.join('') };
}

const failing: CliCommand = {
  name: 'explode',
  summary: 'fails',
  usage: 'Usage: whosaid explode',
  run: () => Promise.reject(new Error('the corpus at /tmp/x.sqlite is not a whosaid corpus\nsecond line of detail')),
};

afterEach(() => {
  delete process.env[DEBUG_VARIABLE];
});

test('a failing command prints one line naming the command and the problem, no stack trace, and exits 1', async () => {
  const { io, stderr } = collectingIO();
  const code = await runCli(['explode'], io, [failing]);
  assert.equal(code, 1);
  assert.equal(stderr(), 'whosaid explode: the corpus at /tmp/x.sqlite is not a whosaid corpus\n');
});

test('with WHOSAID_DEBUG=1 the stack trace follows, for whoever debugs whosaid', async () => {
  process.env[DEBUG_VARIABLE] = '1';
  const { io, stderr } = collectingIO();
  const code = await runCli(['explode'], io, [failing]);
  assert.equal(code, 1);
  assert.match(stderr(), /^whosaid explode: Error: the corpus at/);
  assert.match(stderr(), /\n\s+at /);
});
