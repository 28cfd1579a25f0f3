import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileProblem } from './file.js';
import { InputError } from './input.js';

/**
 * Reads a list file line by line (manifests, URL lists): each line goes to
 * `parseLine` with its place (`list.txt:7`) and becomes an item, an error for
 * that line, or nothing (null: a blank or comment line). A file that cannot be
 * opened or read becomes one error naming it; the lines before stay read.
 */
export async function* readLineFile<T>(
  path: string,
  parseLine: (line: string, where: string) => T | InputError | null,
): AsyncGenerator<T | InputError> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = await new Promise<Error | null>((resolve) => {
    stream.once('open', () => resolve(null));
    stream.once('error', (error) => resolve(error));
  });
  if (opened) {
    yield new InputError(path, fileProblem(opened));
    return;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      const item = parseLine(line, `${path}:${lineNumber}`);
      if (item !== null) yield item;
    }
  } catch (error) {
    yield new InputError(path, `could not be read (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    lines.close();
    stream.destroy();
  }
}
