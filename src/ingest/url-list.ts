import { isHttpUrl } from './http.js';
import { InputError } from './input.js';
import { readLineFile } from './line-file.js';
import type { InputSource } from './sources.js';

/**
 * Reads a list of URLs to fetch, one per line. Blank lines and lines starting
 * with `#` are skipped; a line that is not an absolute http(s) URL becomes an
 * error for that line (named `urls.txt:7`) and the rest go on.
 */
export function readUrlList(path: string): AsyncGenerator<InputSource | InputError> {
  return readLineFile(path, (line, where): InputSource | InputError | null => {
    const url = line.trim();
    if (url === '' || url.startsWith('#')) return null;
    if (!isHttpUrl(url) || !URL.canParse(url)) return new InputError(where, `not an http(s) URL: "${url.slice(0, 200)}"`);
    return { kind: 'url', input: url, url };
  });
}
