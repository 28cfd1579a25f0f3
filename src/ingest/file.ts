import { constants, open as openDescriptor } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { InputError, type PageInput } from './input.js';
import { MAX_INPUT_BYTES, describeBytes } from './limits.js';
import { readStreamInput } from './stdin.js';

/** Files a directory walk picks up: web pages, text captures, WARC files, and anything gzipped. */
export const PAGE_FILE_PATTERN = /\.(x?html?|shtml|txt|text|warc)$|\.gz$/i;

export interface FileInputOptions {
  /** How the input is named in results; the path by default. */
  input?: string;
  url?: string | null;
  published?: string | null;
  maxBytes?: number;
  /**
   * Limit in ms for reading a named pipe (0 or absent: none). A regular file
   * always ends; a pipe whose writer never comes, or never finishes, would
   * otherwise hold its reader for ever.
   */
  pipeTimeoutMs?: number;
}

/** Reads a file into a PageInput, keeping only the first `maxBytes` of an oversized one. */
export async function readFileInput(path: string, options: FileInputOptions = {}): Promise<PageInput> {
  const input = options.input ?? path;
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  if (await isFifo(path)) return readFifoInput(path, input, maxBytes, options);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new InputError(input, fileProblem(error));
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new InputError(input, 'is a directory');
    // Pipes and devices report size 0: read them until end of file or the limit.
    const chunks: Uint8Array[] = [];
    let total = 0;
    let truncated = false;
    for (;;) {
      const want = Math.min(maxBytes - total, 1 << 20);
      if (want <= 0) {
        const probe = new Uint8Array(1);
        truncated = (await handle.read(probe, 0, 1, null)).bytesRead > 0;
        break;
      }
      const chunk = new Uint8Array(want);
      const { bytesRead } = await handle.read(chunk, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    const bytes = Buffer.concat(chunks, total);
    const warnings = truncated
      ? [`input cut to its first ${describeBytes(maxBytes)}${info.size > 0 ? ` of ${describeBytes(info.size)}` : ''}`]
      : [];
    return {
      input,
      bytes,
      url: options.url ?? null,
      published: options.published ?? null,
      truncated,
      warnings,
    };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(input, fileProblem(error));
  } finally {
    await handle.close();
  }
}

/** True when `path` names a named pipe (mkfifo, or a shell's `<(command)`). */
export async function isFifo(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFIFO();
  } catch {
    return false; // open() below reports the problem
  }
}

/**
 * Reads a named pipe (mkfifo, or a shell's `<(command)`) through an
 * event-driven pipe handle rather than blocking reads: a pipe whose writer
 * never comes, or never writes, then ties up no thread, so the reader can be
 * stopped (a worker terminated at its time limit) and the process can exit.
 * A blocking open or read would hold a thread-pool thread forever, and with
 * it the process.
 */
function readFifoInput(path: string, input: string, maxBytes: number, options: FileInputOptions): Promise<PageInput> {
  return new Promise((resolve, reject) => {
    // Opened non-blocking, so that opening does not wait for a writer; the handle then waits for data without a thread.
    openDescriptor(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0), (error, fd) => {
      if (error) return reject(new InputError(input, fileProblem(error)));
      const pipe = new Socket({ fd, readable: true, writable: false });
      readStreamInput(pipe, input, maxBytes, options.pipeTimeoutMs ?? 0).then(
        (page) => {
          pipe.destroy();
          resolve({ ...page, url: options.url ?? null, published: options.published ?? null });
        },
        (problem: unknown) => {
          pipe.destroy();
          reject(problem instanceof InputError ? problem : new InputError(input, fileProblem(problem)));
        },
      );
    });
  });
}

/** What kind of thing a path names; throws InputError when it names nothing readable. */
export async function pathKind(path: string): Promise<'file' | 'directory'> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'directory' : 'file';
  } catch (error) {
    throw new InputError(path, fileProblem(error));
  }
}

/**
 * The page files under a directory, depth first, each directory's entries in
 * sorted order; hidden files and folders are skipped, symbolic links followed
 * once (a link back up the tree is not walked again). Iterative, so depth
 * cannot overflow the stack.
 */
export async function* walkDirectory(root: string): AsyncGenerator<string> {
  const seen = new Set<string>();
  const stack: { dir: string; entries: string[]; next: number }[] = [];
  const enter = async (dir: string): Promise<void> => {
    const real = await realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    const names = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
    stack.push({ dir, entries: names, next: 0 });
  };
  await enter(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.entries.length) {
      stack.pop();
      continue;
    }
    const path = join(top.dir, top.entries[top.next++]);
    let info;
    try {
      info = await stat(path);
    } catch {
      continue; // a dangling link or a file removed mid-walk is not a page
    }
    if (info.isDirectory()) await enter(path);
    else if (info.isFile() && PAGE_FILE_PATTERN.test(path)) yield path;
  }
}

export function fileProblem(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'file not found (a parent is not a directory)';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
