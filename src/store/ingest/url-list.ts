import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileProblem } from '../../ingest/file.js';
import { isHttpUrl } from '../../ingest/http.js';
import { InputError } from '../../ingest/input.js';
import type { InputSource } from '../../ingest/sources.js';

/**
 * Reads a list of URLs to fetch, one per line. Blank lines and lines starting
 * with `#` are skipped; a line that is not an absolute http(s) URL becomes an
 * error for that line (named `urls.txt:7`) and the rest go on.
 */
export async function* readUrlList(path: string): AsyncGenerator<InputSource | InputError> {
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
      const url = line.trim();
      if (url === '' || url.startsWith('#')) continue;
      if (!isHttpUrl(url) || !URL.canParse(url)) {
        yield new InputError(`${path}:${lineNumber}`, `not an http(s) URL: "${url.slice(0, 200)}"`);
        continue;
      }
      yield { kind: 'url', input: url, url };
    }
  } catch (error) {
    yield new InputError(path, `could not be read (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    lines.close();
    stream.destroy();
  }
}
