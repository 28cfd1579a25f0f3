import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
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
 *
 * A `path` must stay inside the manifest's folder, symbolic links followed:
 * a manifest is often written by someone else (a crawler, a colleague, an
 * upload), and its pages end up stored and served, so `../../etc/passwd` or
 * `/home/me/.ssh/id_rsa` would publish any file the user can read. Such a
 * line is an error for that line (code `manifest_path_outside`) unless
 * `allowOutsidePaths` is set.
 */
export async function* readManifest(manifestPath: string, options: ManifestOptions = {}): AsyncGenerator<InputSource | InputError> {
  const baseDir = dirname(manifestPath);
  const lines = readLineFile(manifestPath, (line, where) => {
    const entry = parseManifestLine(line, where, baseDir, options);
    return entry instanceof InputError || entry === null ? entry : { entry, where };
  });
  for await (const line of lines) {
    if (line instanceof InputError) yield line;
    else if (line.entry.kind !== 'file' || options.allowOutsidePaths) yield line.entry;
    // Lexically inside, but a symbolic link on the way may still lead out.
    else if (await leadsOutside(baseDir, line.entry.path)) yield outsideError(line.where, line.entry.path, 'leads outside the manifest\'s folder (through a symbolic link)');
    else yield line.entry;
  }
}

export interface ManifestOptions {
  /** Accept `path`s that are absolute or lead outside the manifest's folder (--allow-outside-paths). */
  allowOutsidePaths?: boolean;
}

/** What the user is told to do when a refused manifest path is one they meant. */
export const ALLOW_OUTSIDE_HINT = 'use --allow-outside-paths to allow';

function outsideError(where: string, path: string, why: string): InputError {
  return new InputError(where, `manifest path "${path}" ${why}; refused (${ALLOW_OUTSIDE_HINT})`, 'manifest_path_outside');
}

function isInside(base: string, target: string): boolean {
  const rel = relative(base, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * True when the file, once symbolic links are resolved, lies outside the
 * folder. A path that does not resolve (a missing file) is left for reading
 * to report.
 */
async function leadsOutside(baseDir: string, path: string): Promise<boolean> {
  let realBase: string;
  let realTarget: string;
  try {
    realBase = await realpath(baseDir);
    realTarget = await realpath(path);
  } catch {
    return false;
  }
  return !isInside(realBase, realTarget);
}

/**
 * One manifest line as a source, an error for that line, or null for a blank
 * or comment line. An absolute `path`, or one whose `..` lead out of
 * `baseDir`, is refused unless `allowOutsidePaths` is set (symbolic links are
 * checked by readManifest, which may touch the disk).
 */
export function parseManifestLine(line: string, where: string, baseDir: string, options: ManifestOptions = {}): InputSource | InputError | null {
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
    if (!options.allowOutsidePaths) {
      if (isAbsolute(path)) return outsideError(where, path, 'is absolute; manifest paths are relative to the manifest\'s folder');
      if (!isInside(baseDir, join(baseDir, path))) return outsideError(where, path, 'leads outside the manifest\'s folder');
    }
    const resolved = isAbsolute(path) ? path : join(baseDir, path);
    return { kind: 'file', input: resolved, path: resolved, url, published, format };
  }
  if (url === null) return new InputError(where, 'manifest line has neither "path" nor "url"');
  if (!isHttpUrl(url)) return new InputError(where, 'manifest line has no "path" and its "url" is not http(s)');
  return { kind: 'url', input: url, url, published, format };
}
