/**
 * A --db file that is not a usable corpus — not SQLite, another program's
 * SQLite database, a folder, a corpus from a newer whosaid — gets one plain
 * line naming the file and the problem, exit status 1 and no stack trace,
 * from every command that opens a corpus; another program's database is
 * left exactly as it was.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { CorpusStoreError, openStore, SCHEMA_VERSION } from '../src/store/index.js';
import { runCli } from './support/cli.js';
import { newsPage } from './support/news-pages.js';

let work: string;
let page: string;

interface BadFile {
  kind: string;
  path: string;
  code: CorpusStoreError['code'];
  problem: RegExp;
}
const files: BadFile[] = [];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'whosaid-bad-corpus-'));
  page = join(work, 'story.html');
  await writeFile(page, newsPage(1).html);

  const text = join(work, 'notes.sqlite');
  await writeFile(text, 'Shopping list: bread, milk, a new corpus.\n'.repeat(50));
  files.push({ kind: 'not a SQLite file', path: text, code: 'not_a_corpus', problem: /: not a SQLite corpus store \(file is not a database\)$/ });

  const other = join(work, 'address-book.sqlite');
  const otherDb = new Database(other);
  otherDb.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('Ada')");
  otherDb.close();
  files.push({ kind: "another program's SQLite database", path: other, code: 'not_a_corpus', problem: /: a SQLite database, but not a whosaid corpus store/ });

  const folder = join(work, 'folder.sqlite');
  await mkdir(folder);
  files.push({ kind: 'a folder', path: folder, code: 'cannot_open', problem: /: a folder, not a corpus file$/ });

  const newer = join(work, 'newer.sqlite');
  await (await openStore(newer)).close();
  const newerDb = new Database(newer);
  newerDb.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'from the future', '2030-01-01T00:00:00Z');
  newerDb.close();
  files.push({
    kind: 'a corpus from a newer whosaid',
    path: newer,
    code: 'newer_schema',
    problem: new RegExp(`: the store has schema version ${SCHEMA_VERSION + 1}, newer than the ${SCHEMA_VERSION} this version of whosaid knows; upgrade whosaid to open it$`),
  });
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

const digest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

const COMMANDS: { name: string; args: (db: string) => string[] }[] = [
  { name: 'ingest', args: (db) => ['ingest', page, '--db', db, '--quiet', '-j', '1', '--depth', 'extract'] },
  { name: 'stats', args: (db) => ['stats', '--db', db] },
  { name: 'search', args: (db) => ['search', 'articles', 'council', '--db', db] },
  { name: 'serve', args: (db) => ['serve', '--db', db, '--port', '0'] },
];

describe('an unusable corpus file', () => {
  it('is refused by the store with a code and a message naming the file', async () => {
    for (const file of files) {
      for (const readonly of [false, true]) {
        const error = await openStore(file.path, { readonly }).then(
          async (store) => {
            await store.close();
            return null;
          },
          (problem: unknown) => problem,
        );
        assert.ok(error instanceof CorpusStoreError, `${file.kind} (readonly ${readonly}): ${String(error)}`);
        assert.equal(error.code, file.code, file.kind);
        assert.equal(error.location, file.path);
        assert.ok(error.message.startsWith(`${file.path}: `), error.message);
        assert.match(error.message, file.problem);
      }
    }
  });

  for (const command of COMMANDS) {
    it(`gives one plain line and exit status 1 from whosaid ${command.name}`, async () => {
      for (const file of files) {
        const before = file.kind === 'a folder' ? null : digest(file.path);
        const run = await runCli(command.args(file.path));
        assert.equal(run.code, 1, `${file.kind}: ${run.stderr}`);
        assert.doesNotMatch(run.stderr, /^\s+at /m, `${file.kind}: no stack trace in ${run.stderr}`);
        const lines = run.stderr.trimEnd().split('\n');
        assert.equal(lines.length, 1, `${file.kind}: one line, not ${JSON.stringify(run.stderr)}`);
        assert.ok(lines[0]?.startsWith(`whosaid ${command.name}: ${file.path}: `), `${file.kind}: ${lines[0]}`);
        assert.match(lines[0] as string, file.problem);
        assert.equal(run.stdout, '', `${file.kind}: nothing on stdout`);
        if (file.code === 'not_a_corpus' && before !== null) {
          assert.equal(digest(file.path), before, `${file.kind}: the file is left as it was`);
          assert.ok(!existsSync(`${file.path}-wal`), `${file.kind}: no write-ahead log is started beside it`);
        }
      }
    });
  }
});
