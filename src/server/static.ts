/**
 * The web UI's files: plain HTML, CSS and browser modules, read once at start
 * and served by exact name. No path from a request ever reaches the file
 * system, so there is nothing to traverse.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaticFile {
  body: Uint8Array;
  contentType: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Where the UI files live. They are not compiled, so the compiled server
 * (dist/src/server/) reads them from the source tree; running from the
 * sources (src/server/) finds them beside this file.
 */
export function uiDirectory(): string {
  const candidates = [new URL('./ui/static/', import.meta.url), new URL('../../../src/server/ui/static/', import.meta.url)];
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(join(path, 'index.html'))) return path;
  }
  throw new Error(`cannot find the web UI files (index.html) in ${candidates.map((c) => fileURLToPath(c)).join(' or ')}`);
}

/** Every UI file by its name relative to the UI folder ("index.html", "js/app.js"). */
export function loadUiFiles(directory: string = uiDirectory()): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (folder: string, prefix: string): void => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        walk(path, `${prefix}${name}/`);
        continue;
      }
      const contentType = CONTENT_TYPES[extname(name).toLowerCase()];
      if (contentType) files.set(`${prefix}${name}`, { body: readFileSync(path), contentType });
    }
  };
  walk(directory, '');
  return files;
}
