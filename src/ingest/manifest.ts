import { dirname, isAbsolute, join } from 'node:path';
import { isHttpUrl } from './http.js';
import { InputError } from './input.js';
import { readLineFile } from './line-file.js';
import type { InputSource } from './sources.js';

/**
 * A manifest lists pages one JSON object per line:
 * `{"path": "pages/a.html", "url": "https://…", "published": "2024-05-01"}`.
 * `path` is relative to the manifest's folder; an entry with only a `url`
 * is fetched. Blank lines and lines starting with `#` are skipped. A bad line
 * becomes an error for that line (named `manifest.jsonl:7`); the rest go on.
 */
export function readManifest(manifestPath: string): AsyncGenerator<InputSource | InputError> {
  return readLineFile(manifestPath, (line, where) => parseManifestLine(line, where, dirname(manifestPath)));
}

/** One manifest line as a source, an error for that line, or null for a blank or comment line. */
export function parseManifestLine(line: string, where: string, baseDir: string): InputSource | InputError | null {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return new InputError(where, 'manifest line is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return new InputError(where, 'manifest line is not a JSON object');
  }
  const record = value as Record<string, unknown>;
  for (const key of ['path', 'url', 'published'] as const) {
    const field = record[key];
    if (field !== undefined && field !== null && typeof field !== 'string') {
      return new InputError(where, `manifest field "${key}" must be a string`);
    }
  }
  const format = record.format;
  if (format !== undefined && format !== 'html' && format !== 'text') {
    return new InputError(where, 'manifest field "format" must be "html" or "text"');
  }
  const path = typeof record.path === 'string' && record.path !== '' ? record.path : null;
  const url = typeof record.url === 'string' && record.url !== '' ? record.url : null;
  const published = typeof record.published === 'string' ? record.published : null;
  if (path !== null) {
    const resolved = isAbsolute(path) ? path : join(baseDir, path);
    return { kind: 'file', input: resolved, path: resolved, url, published, format };
  }
  if (url === null) return new InputError(where, 'manifest line has neither "path" nor "url"');
  if (!isHttpUrl(url)) return new InputError(where, 'manifest line has no "path" and its "url" is not http(s)');
  return { kind: 'url', input: url, url, published, format };
}
