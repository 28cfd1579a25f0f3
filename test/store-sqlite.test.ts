import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { openStore, SCHEMA_VERSION } from '../src/store/index.js';
import type { CorpusStore, NewArticle } from '../src/store/types.js';
import { BUDGET, BUDGET_REPRINT, FLOODS, KREMLIN_TEXT, OLD_LAW, newArticle, tempDir } from './store-support.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  dir = await tempDir();
});
after(async () => {
  await dir.remove();
});

/** Checks both full-text indexes against their content tables. */
function ftsIntact(path: string): void {
  const db = new Database(path);
  try {
    db.exec("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')");
    db.exec("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')");
  } finally {
    db.close();
  }
}

async function withStore<T>(name: string, body: (store: CorpusStore) => Promise<T>): Promise<T> {
  const store = await openStore(dir.path(name));
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

// ------------------------------------------------------------------ opening and migrations

test('a new store is created at the current schema version and reopens with its data', async () => {
  const path = dir.path('fresh.sqlite');
  const store = await openStore(path);
  assert.equal(store.location, path);
  const stats = await store.stats();
  assert.equal(stats.schemaVersion, SCHEMA_VERSION);
  assert.equal(stats.articles, 0);
  await store.putArticles([newArticle(FLOODS, { url: 'https://valleypost.example/floods' })]);
  await store.close();
  const again = await openStore(path);
  assert.equal((await again.stats()).articles, 1);
  await again.close();
  const readonly = await openStore(path, { readonly: true });
  assert.equal((await readonly.stats()).articles, 1);
  await assert.rejects(readonly.putArticles([newArticle(BUDGET, { url: 'https://gazette.example/budget' })]), /readonly/i);
  await readonly.close();
});

test('a store written by newer code, another database or a non-database is refused with a clear error', async () => {
  const newer = dir.path('newer.sqlite');
  (await openStore(newer)).close();
  const db = new Database(newer);
  db.prepare("INSERT INTO schema_version (version, description, applied_at) VALUES (?, 'from the future', '2099-01-01')").run(SCHEMA_VERSION + 1);
  db.close();
  await assert.rejects(openStore(newer), (error: Error) => {
    assert.match(error.message, /newer\.sqlite: the store has schema version \d+, newer than/);
    return true;
  });

  const foreign = dir.path('foreign.sqlite');
  const other = new Database(foreign);
  other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
  other.close();
  await assert.rejects(openStore(foreign), /foreign\.sqlite: a SQLite database, but not a whosaid corpus store/);

  const text = dir.path('notes.txt');
  await writeFile(text, 'these are notes, not a database\n'.repeat(200));
  await assert.rejects(openStore(text), /notes\.txt: not a SQLite corpus store/);

  await assert.rejects(openStore(dir.path('missing.sqlite'), { readonly: true }), /missing\.sqlite: cannot open/);
  await assert.rejects(openStore('postgres://user:secret@db.example/corpus'), (error: Error) => {
    assert.match(error.message, /PostgreSQL store is not available/);
    assert.doesNotMatch(error.message, /secret/);
    return true;
  });
});

test('an older store is migrated on open, its data carried into the new tables', async () => {
  const path = dir.path('older.sqlite');
  const store = await openStore(path);
  await store.putArticles([
    newArticle(BUDGET, { url: 'https://gazette.example/budget' }),
    newArticle(BUDGET_REPRINT, { url: 'https://valleypost.example/budget' }),
    newArticle(FLOODS, { url: 'https://valleypost.example/floods' }),
  ]);
  const answers = async (s: CorpusStore): Promise<unknown[]> => [
    await s.topSpeakers({}),
    await s.topSpeakers({ groupBy: 'outlet' }),
    await s.topSpeakers({ groupBy: 'month' }),
    await s.topSpeakers({ groupBy: 'year' }),
    await s.entityRoles({ speaker: 'Smith' }),
    await s.quotesBySpeaker({ speaker: 'Smith', outlet: 'valleypost.example' }),
    await s.stats(),
  ];
  const before = await answers(store);
  await store.close();
  // Take the file back to schema version 1, as version-1 code left it.
  const db = new Database(path);
  db.exec(`DROP TABLE speaker_totals; DROP TABLE speaker_outlets; DROP TABLE entity_totals; DROP TABLE entity_outlet_roles;
    DROP TABLE name_parts; DROP TABLE corpus_counts; DROP TABLE speaker_periods; DROP TABLE speaker_period_outlets; DROP INDEX speaker_parts_site; DROP INDEX speaker_parts_host; DROP INDEX attributions_article_speaker; DROP INDEX articles_filter;
    ALTER TABLE speaker_parts DROP COLUMN site_key; ALTER TABLE speaker_parts DROP COLUMN host;
    CREATE TABLE entity_parts (entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE, part TEXT NOT NULL,
      PRIMARY KEY (entity_id, part)) WITHOUT ROWID;
    CREATE INDEX entity_parts_part ON entity_parts(part);
    DELETE FROM schema_version WHERE version > 1;`);
  const insertPart = db.prepare('INSERT OR IGNORE INTO entity_parts (entity_id, part) VALUES (?, ?)');
  for (const entity of db.prepare('SELECT id, key FROM entities').all() as Array<{ id: number; key: string }>) {
    for (const part of entity.key.split(' ').filter(Boolean)) insertPart.run(entity.id, part);
  }
  db.close();
  const reopened = await openStore(path);
  assert.deepEqual(await answers(reopened), before);
  assert.equal((await reopened.stats()).schemaVersion, SCHEMA_VERSION);
  await reopened.close();
  const check = new Database(path, { readonly: true });
  const versions = check.prepare('SELECT version FROM schema_version ORDER BY version').all() as Array<{ version: number }>;
  check.close();
  assert.deepEqual(versions.map((row) => row.version), Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
});

// ------------------------------------------------------------------ writing

test('the same page stored twice is one article; findStored finds it by URL, hash or both', async () => {
  await withStore('idempotent.sqlite', async (store) => {
    const page = newArticle(BUDGET, { url: 'https://gazette.example/budget?utm_source=feed' });
    const [first] = await store.putArticles([page]);
    assert.equal(first?.created, true);
    const [second] = await store.putArticles([newArticle(BUDGET, { url: 'https://gazette.example/budget' })]);
    assert.deepEqual(second, { articleId: first?.articleId, created: false, duplicateGroup: null });
    const inBatch = await store.putArticles([page, page]);
    assert.deepEqual(inBatch.map((o) => o.created), [false, false]);
    assert.equal((await store.stats()).articles, 1);
    assert.equal((await store.stats()).captures, 1);

    const version = page.result.extractor.version;
    const expected = { articleId: first?.articleId, analyserVersion: version };
    assert.deepEqual(await store.findStored({ canonicalUrl: page.canonicalUrl, contentHash: page.contentHash }), expected);
    assert.deepEqual(await store.findStored({ canonicalUrl: page.canonicalUrl, contentHash: null }), expected);
    assert.deepEqual(await store.findStored({ canonicalUrl: null, contentHash: page.contentHash }), expected);
    assert.equal(await store.findStored({ canonicalUrl: 'https://gazette.example/other', contentHash: null }), null);
    assert.equal(await store.findStored({ canonicalUrl: page.canonicalUrl, contentHash: 'f'.repeat(64) }), null);
    assert.equal(await store.findStored({ canonicalUrl: null, contentHash: null }), null);
  });
});

test('pages without a URL dedupe on their content hash', async () => {
  await withStore('no-url.sqlite', async (store) => {
    const a = await store.putArticles([newArticle(KREMLIN_TEXT, { text: true, input: 'talks.txt' })]);
    const b = await store.putArticles([newArticle(KREMLIN_TEXT, { text: true, input: 'copy/talks.txt' })]);
    assert.equal(a[0]?.created, true);
    assert.equal(b[0]?.created, false);
    assert.equal(b[0]?.articleId, a[0]?.articleId);
    assert.equal((await store.stats()).articles, 1);
  });
});

test('a batch is atomic: a page that breaks a constraint rolls back the whole batch', async () => {
  await withStore('atomic.sqlite', async (store) => {
    const good = newArticle(FLOODS, { url: 'https://valleypost.example/floods' });
    const broken = newArticle(BUDGET, { url: 'https://gazette.example/budget' });
    const attributions = broken.result.attributions ?? [];
    assert.ok(attributions.length >= 2);
    // Two attributions with one id violate the per-article uniqueness of attribution ids.
    (attributions[1] as { id: string }).id = (attributions[0] as { id: string }).id;
    await assert.rejects(store.putArticles([good, broken]), /UNIQUE/);
    const stats = await store.stats();
    assert.equal(stats.articles, 0);
    assert.equal(stats.captures, 0);
    assert.equal(stats.attributions, 0);
    assert.deepEqual(await store.searchArticles({ text: 'flooded' }), []);

    const mislabelled: NewArticle = { ...good, contentHash: 'a'.repeat(64) };
    await assert.rejects(store.putArticles([good, mislabelled]), /does not match the raw capture/);
    assert.equal((await store.stats()).articles, 0);
    await assert.rejects(store.putArticles([{ ...good, origin: 'carrier-pigeon' as NewArticle['origin'] }]), /origin "carrier-pigeon"/);

    const [stored] = await store.putArticles([good]);
    assert.equal(stored?.created, true);
  });
  ftsIntact(dir.path('atomic.sqlite'));
});

test('failures upsert with a count of attempts, and a later success clears them', async () => {
  await withStore('failures.sqlite', async (store) => {
    const failure = { input: 'https://valleypost.example/floods', url: 'https://valleypost.example/floods', reason: 'https://valleypost.example/floods: HTTP 503', stage: 'load' as const, analyserVersion: '0.1.0' };
    await store.putFailures([failure, { ...failure, input: 'broken.html', url: null, reason: 'broken.html: not a web page', stage: 'analyse' }]);
    await store.putFailures([{ ...failure, reason: 'https://valleypost.example/floods: timed out' }]);
    const rows = await store.failures();
    assert.equal(rows.length, 2);
    const retried = rows.find((row) => row.input === failure.input);
    assert.equal(retried?.attempts, 2);
    assert.equal(retried?.reason, 'https://valleypost.example/floods: timed out');
    assert.match(retried?.failedAt ?? '', /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(rows.find((row) => row.input === 'broken.html')?.attempts, 1);
    assert.equal((await store.failures({ limit: 1 })).length, 1);
    assert.equal((await store.stats()).failures, 2);

    await store.putArticles([newArticle(FLOODS, { url: 'https://valleypost.example/floods' })]);
    assert.deepEqual((await store.failures()).map((row) => row.input), ['broken.html']);
  });
});

// ------------------------------------------------------------------ a small corpus and its questions

const CORPUS = 'corpus.sqlite';
const ids: Record<string, number> = {};

test('a small corpus: stored with duplicate groups for copies and none for unrelated pages', async () => {
  await withStore(CORPUS, async (store) => {
    const outcomes = await store.putArticles([
      newArticle(BUDGET, { url: 'https://gazette.example/budget' }),
      newArticle(FLOODS, { url: 'https://www.valleypost.example/floods' }),
      newArticle(OLD_LAW, { url: 'https://capital.example/tax-law' }),
      newArticle(KREMLIN_TEXT, { text: true, input: 'talks.txt' }),
    ]);
    [ids.budget, ids.floods, ids.oldLaw, ids.kremlin] = outcomes.map((o) => o.articleId) as [number, number, number, number];
    assert.deepEqual(outcomes.map((o) => o.duplicateGroup), [null, null, null, null]);
    // A lightly edited reprint by another outlet joins the original's group, named by the original's id.
    const [reprint] = await store.putArticles([newArticle(BUDGET_REPRINT, { url: 'https://valleypost.example/budget' })]);
    assert.equal(reprint?.created, true);
    assert.equal(reprint?.duplicateGroup, ids.budget);
    ids.reprint = reprint?.articleId as number;
    // The same bytes under another URL are an exact copy: a new article in the same group.
    const [mirror] = await store.putArticles([newArticle(BUDGET, { url: 'https://mirror.example/gazette/budget' })]);
    assert.equal(mirror?.created, true);
    assert.equal(mirror?.duplicateGroup, ids.budget);
    ids.mirror = mirror?.articleId as number;

    const groups = await store.duplicateGroups();
    assert.equal(groups.length, 1);
    assert.equal(groups[0]?.id, ids.budget);
    assert.equal(groups[0]?.size, 3);
    assert.deepEqual(groups[0]?.articles.map((a) => a.id), [ids.budget, ids.reprint, ids.mirror]);
    assert.equal((await store.duplicateGroups({ outlet: 'Capital Times' })).length, 0);
    assert.equal((await store.duplicateGroups({ outlet: 'valleypost.example' }))[0]?.size, 3);

    const article = await store.getArticle(ids.budget);
    assert.ok(article);
    assert.equal(article.duplicateGroup, ids.budget);
    assert.deepEqual(article.duplicates.map((d) => d.id).sort(), [ids.reprint, ids.mirror].sort());
    assert.equal((await store.getArticle(ids.floods))?.duplicates.length, 0);
  });
  ftsIntact(dir.path(CORPUS));
});

test('getArticle returns the full analysis as stored', async () => {
  await withStore(CORPUS, async (store) => {
    const expected = newArticle(BUDGET, { url: 'https://gazette.example/budget' });
    const article = await store.getArticle(ids.budget as number);
    assert.ok(article);
    assert.deepEqual(article.result, expected.result);
    assert.equal(article.url, 'https://gazette.example/budget');
    assert.equal(article.canonicalUrl, 'https://gazette.example/budget');
    assert.equal(article.contentHash, expected.contentHash);
    assert.equal(article.capturedAt, '2024-01-02T03:04:05.000Z');
    assert.equal(article.analyserVersion, expected.result.extractor.version);
    assert.equal(await store.getArticle(999_999), null);
    assert.equal(await store.getArticle(Number.NaN), null);
  });
});

test('searchArticles: words are ANDed, phrases match as phrases, filters apply, snippets mark the terms', async () => {
  await withStore(CORPUS, async (store) => {
    const schools = await store.searchArticles({ text: 'schools' });
    assert.deepEqual(new Set(schools.map((hit) => hit.id)), new Set([ids.budget, ids.reprint, ids.mirror, ids.floods]));
    const both = await store.searchArticles({ text: 'schools parks' });
    assert.deepEqual(new Set(both.map((hit) => hit.id)), new Set([ids.budget, ids.reprint, ids.mirror]));
    assert.match(both[0]?.snippet ?? '', /⟦(schools|parks)⟧/);
    assert.deepEqual((await store.searchArticles({ text: '"well into the night"' })).map((hit) => hit.id).sort(), [ids.budget, ids.mirror].sort());
    assert.deepEqual(await store.searchArticles({ text: '"night well into"' }), []);
    // Outlet by site name or by host (with or without www.), dates by the stated publication date.
    assert.deepEqual((await store.searchArticles({ text: 'schools', outlet: 'valley post' })).map((hit) => hit.id).sort(), [ids.floods, ids.reprint].sort());
    assert.deepEqual((await store.searchArticles({ text: 'schools', outlet: 'www.gazette.example' })).map((hit) => hit.id), [ids.budget]);
    assert.deepEqual((await store.searchArticles({ text: 'schools', outlet: 'valleypost.example', from: '2020' })).map((hit) => hit.id), [ids.reprint]);
    assert.deepEqual((await store.searchArticles({ text: 'schools', to: '2019-03' })).map((hit) => hit.id), [ids.floods]);
    assert.equal((await store.searchArticles({ text: 'schools', limit: 2 })).length, 2);
    assert.equal((await store.searchArticles({ text: 'schools', limit: 2, offset: 3 })).length, 1);
    assert.deepEqual(await store.searchArticles({ text: '' }), []);
    // Accents and case do not matter.
    assert.ok((await store.searchArticles({ text: 'SCHÖOLS' })).length > 0);
    await assert.rejects(store.searchArticles({ text: 'schools', from: 'last tuesday' }), /from: "last tuesday" is not a date/);
  });
});

test('hostile search input never reaches FTS as syntax', async () => {
  await withStore(CORPUS, async (store) => {
    const hostile = ['"', '"""', '*', 'schools*', 'AND(', 'NEAR', 'NEAR(schools parks, 2)', 'schools OR', '^schools', 'title:schools', '{title text}: x', '(', ')', '-schools', '"unclosed phrase', "O'Brien", 'schools AND AND', '\u0000', '¯\\_(ツ)_/¯', 'x'.repeat(5000)];
    for (const text of hostile) {
      await store.searchArticles({ text });
      await store.quotesAbout({ text });
      await store.topSpeakers({ text });
      await store.timeline({ text });
      await store.quotesBySpeaker({ speaker: text });
      await store.entityRoles({ speaker: text });
    }
    // Operators are read as words: "schools*" searches for schools.
    assert.ok((await store.searchArticles({ text: 'schools*' })).length > 0);
    assert.ok((await store.searchArticles({ text: 'NEAR(schools' })).length === 0, 'NEAR is a word that no page has');
  });
});

test('quotesBySpeaker: full or partial names, pronoun-resolved quotes included, newest first, filters apply', async () => {
  await withStore(CORPUS, async (store) => {
    const smith = await store.quotesBySpeaker({ speaker: 'Smith' });
    // Three quotes in each of three copies of the budget story, one of them made through "he".
    assert.equal(smith.length, 9);
    assert.ok(smith.every((hit) => hit.speaker === 'John Smith'));
    assert.ok(smith.some((hit) => hit.source === 'he'));
    assert.equal(smith.find((hit) => hit.source?.startsWith('John Smith'))?.speakerRole, 'the mayor of Springfield');
    // Newest first: the reprint (11 June) before the original and the mirror (10 June).
    assert.equal(smith[0]?.article.id, ids.reprint);
    assert.deepEqual((await store.quotesBySpeaker({ speaker: 'john SMITH' })).length, 9);
    assert.deepEqual(await store.quotesBySpeaker({ speaker: 'Jane Smith' }), []);
    const gazette = await store.quotesBySpeaker({ speaker: 'Smith', outlet: 'Springfield Gazette' });
    assert.ok(gazette.length === 6 && gazette.every((hit) => hit.article.site === 'Springfield Gazette'));
    assert.equal((await store.quotesBySpeaker({ speaker: 'Smith', from: '2021-06-11' })).length, 3);
    assert.equal((await store.quotesBySpeaker({ speaker: 'Smith', limit: 4 })).length, 4);

    const peskov = await store.quotesBySpeaker({ speaker: 'Peskov' });
    assert.equal(peskov.length, 2);
    assert.ok(peskov.every((hit) => hit.speaker === 'Dmitry Peskov' && hit.articleId === ids.kremlin));
    assert.equal((await store.quotesBySpeaker({ speaker: 'Dmitry Peskov' })).length, 2);
    const first = peskov.find((hit) => hit.attribution === 'a1');
    assert.equal(first?.cue, 'said');
    assert.match(first?.content ?? '', /talks would continue/);
    assert.equal(first?.kind, 'indirect');
  });
});

test('quotesAbout finds quotes whose content mentions a topic', async () => {
  await withStore(CORPUS, async (store) => {
    const water = await store.quotesAbout({ text: 'water rose' });
    assert.equal(water.length, 1);
    assert.equal(water[0]?.speaker, 'Peter Novak');
    assert.equal(water[0]?.article.title, 'Floods hit valley');
    const parks = await store.quotesAbout({ text: 'parks', outlet: 'Valley Post' });
    assert.ok(parks.length > 0 && parks.every((hit) => hit.articleId === ids.reprint));
    assert.deepEqual(await store.quotesAbout({ text: 'walrus' }), []);
  });
});

test('topSpeakers counts quotes, articles and outlets, grouped as asked', async () => {
  await withStore(CORPUS, async (store) => {
    const top = await store.topSpeakers({});
    assert.deepEqual(top[0], { speaker: 'John Smith', group: null, quotes: 9, articles: 3, outlets: 2 });
    // The totals kept on write agree with counting the quotes themselves (a filter that keeps every dated quote).
    const dated = await store.topSpeakers({ from: '1900' });
    assert.deepEqual(dated, top.filter((row) => row.speaker !== 'Dmitry Peskov'));
    assert.deepEqual(await store.topSpeakers({ groupBy: 'outlet', from: '1900' }), (await store.topSpeakers({ groupBy: 'outlet' })).filter((row) => row.speaker !== 'Dmitry Peskov'));
    assert.ok(!top.some((row) => /^(he|she|they)$/i.test(row.speaker)), 'unresolved pronouns are not speakers');
    const byOutlet = await store.topSpeakers({ groupBy: 'outlet' });
    assert.deepEqual(
      byOutlet.filter((row) => row.speaker === 'John Smith').map((row) => [row.group, row.quotes]),
      [['Springfield Gazette', 6], ['Valley Post', 3]],
    );
    for (const groupBy of ['month', 'year'] as const) {
      const totals = await store.topSpeakers({ groupBy });
      assert.deepEqual(await store.topSpeakers({ groupBy, from: '1900' }), totals.filter((row) => row.group !== null), groupBy);
      assert.ok(totals.some((row) => row.speaker === 'Dmitry Peskov' && row.group === null), 'undated quotes count under no period');
    }
    const byYear = await store.topSpeakers({ groupBy: 'year' });
    assert.ok(byYear.some((row) => row.speaker === 'Peter Novak' && row.group === '2019'));
    const byMonth = await store.topSpeakers({ groupBy: 'month', outlet: 'Valley Post' });
    assert.ok(byMonth.some((row) => row.speaker === 'John Smith' && row.group === '2021-06' && row.quotes === 3));
    const water = await store.topSpeakers({ text: 'water' });
    assert.deepEqual(water.map((row) => row.speaker), ['Peter Novak']);
    await assert.rejects(store.topSpeakers({ groupBy: 'colour' as 'year' }), /groupBy: "colour"/);
  });
});

test('entityRoles gives the roles each outlet gives an entity', async () => {
  await withStore(CORPUS, async (store) => {
    const roles = await store.entityRoles({ speaker: 'Smith' });
    assert.ok(roles);
    assert.equal(roles.name, 'John Smith');
    assert.equal(roles.type, 'person');
    assert.equal(roles.articles, 3);
    assert.equal(roles.quotes, 9);
    assert.deepEqual(roles.roles, [
      { outlet: 'Springfield Gazette', role: 'the mayor of Springfield', articles: 2 },
      { outlet: 'Valley Post', role: 'the mayor of Springfield', articles: 1 },
    ]);
    assert.equal((await store.entityRoles({ speaker: 'Smith', outlet: 'Valley Post' }))?.articles, 1);
    // The totals kept on write agree with counting the rows (a filter that keeps every dated article).
    assert.deepEqual(await store.entityRoles({ speaker: 'john smith', from: '1900' }), roles);
    assert.deepEqual((await store.entityRoles({ speaker: 'Peskov' }))?.name, 'Dmitry Peskov');
    assert.equal(await store.entityRoles({ speaker: 'Nobody Atall' }), null);
  });
});

test('misdated lists articles whose stated date disagrees with the text', async () => {
  await withStore(CORPUS, async (store) => {
    const misdated = await store.misdated();
    assert.deepEqual(misdated.map((hit) => hit.id), [ids.oldLaw]);
    assert.equal(misdated[0]?.misdated, true);
    assert.equal(misdated[0]?.published, '2010-01-05T09:00:00Z');
    assert.match(misdated[0]?.estimated ?? '', /^2018-/);
    assert.deepEqual(await store.misdated({ outlet: 'Valley Post' }), []);
    assert.deepEqual(await store.misdated({ from: '2011-01-01' }), []);
  });
});

test('timeline counts articles and quotes per period', async () => {
  await withStore(CORPUS, async (store) => {
    const months = await store.timeline({});
    const june = months.find((bucket) => bucket.period === '2021-06-01');
    assert.deepEqual(june, { period: '2021-06-01', articles: 3, quotes: 15 });
    assert.ok(months.some((bucket) => bucket.period === '2019-03-01' && bucket.articles === 1));
    assert.deepEqual(months.map((b) => b.period), [...months.map((b) => b.period)].sort());
    const years = await store.timeline({ interval: 'year', outlet: 'Valley Post' });
    assert.deepEqual(years.map((b) => [b.period, b.articles]), [['2019-01-01', 1], ['2021-01-01', 1]]);
    // 10 June 2021 was a Thursday, 11 June a Friday: both in the week of Monday 7 June.
    assert.deepEqual((await store.timeline({ interval: 'week', from: '2021-01-01' })).map((b) => [b.period, b.articles]), [['2021-06-07', 3]]);
    assert.deepEqual((await store.timeline({ interval: 'day', from: '2021-06-11' })).map((b) => b.period), ['2021-06-11']);
    const topic = await store.timeline({ text: 'water' });
    assert.deepEqual(topic, [{ period: '2019-03-01', articles: 1, quotes: 1 }]);
  });
});

test('stats count what the corpus holds', async () => {
  await withStore(CORPUS, async (store) => {
    const stats = await store.stats();
    assert.equal(stats.articles, 6);
    assert.equal(stats.captures, 5, 'the mirror shares its capture with the original');
    assert.ok(stats.captureBytes > 0);
    assert.equal(stats.duplicateGroups, 1);
    assert.equal(stats.duplicateArticles, 3);
    assert.equal(stats.misdated, 1);
    assert.ok(stats.attributions >= 20);
    assert.ok(stats.entities > 0);
    assert.ok(stats.speakers >= 5);
    assert.deepEqual(stats.analyserVersions.map((v) => v.articles), [6]);
    assert.equal(stats.failures, 0);
    assert.equal(stats.schemaVersion, SCHEMA_VERSION);
  });
  // The counters kept on write agree with the rows.
  const db = new Database(dir.path(CORPUS), { readonly: true });
  const counted = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM attributions) AS attributions, (SELECT COUNT(*) FROM entities) AS entities,
         (SELECT COUNT(*) FROM captures) AS captures, (SELECT SUM(stored_bytes) FROM captures) AS captureBytes,
         (SELECT COUNT(DISTINCT speaker_key) FROM attributions) AS speakers`,
    )
    .get() as Record<string, number>;
  db.close();
  await withStore(CORPUS, async (store) => {
    const stats = await store.stats();
    assert.deepEqual(
      { attributions: stats.attributions, entities: stats.entities, captures: stats.captures, captureBytes: stats.captureBytes, speakers: stats.speakers },
      counted,
    );
  });
});

// ------------------------------------------------------------------ reprocessing

test('staleCaptures pages through old analyses; replaceAnalysis swaps the analysis and keeps search in sync', async () => {
  const path = 'reprocess.sqlite';
  await withStore(path, async (store) => {
    const current = newArticle(FLOODS, { url: 'https://valleypost.example/floods' });
    // An old analysis stored with these bytes: it read the page as the budget story.
    const old = newArticle(BUDGET, { url: 'https://gazette.example/budget' });
    old.result.extractor = { ...old.result.extractor, version: '0.0.9' };
    const stale: NewArticle = { ...current, result: old.result, minhash: old.minhash };
    const [storedStale] = await store.putArticles([stale, newArticle(OLD_LAW, { url: 'https://capital.example/tax-law' })]);
    const version = current.result.extractor.version;

    const batch = await store.staleCaptures(version, 0, 10);
    assert.deepEqual(batch.map((c) => c.articleId), [storedStale?.articleId]);
    assert.equal(Buffer.from(batch[0]?.raw ?? []).toString('utf8'), FLOODS);
    assert.equal(batch[0]?.url, 'https://valleypost.example/floods');
    assert.equal(batch[0]?.origin, 'url');
    assert.deepEqual(await store.staleCaptures(version, storedStale?.articleId ?? 0, 10), []);

    assert.equal((await store.quotesBySpeaker({ speaker: 'Smith' })).length, 3);
    assert.ok((await store.topSpeakers({})).some((row) => row.speaker === 'John Smith'));
    await store.replaceAnalysis(storedStale?.articleId as number, current);
    const speakers = await store.topSpeakers({});
    assert.ok(!speakers.some((row) => row.speaker === 'John Smith'), 'the old analysis no longer counts');
    assert.deepEqual(speakers.find((row) => row.speaker === 'Peter Novak'), { speaker: 'Peter Novak', group: null, quotes: 1, articles: 1, outlets: 1 });
    assert.deepEqual(speakers, await store.topSpeakers({ from: '1900' }));
    assert.deepEqual(await store.topSpeakers({ groupBy: 'month' }), await store.topSpeakers({ groupBy: 'month', from: '1900' }));
    assert.ok(!(await store.topSpeakers({ groupBy: 'year' })).some((row) => row.speaker === 'John Smith'));
    assert.equal(await store.entityRoles({ speaker: 'John Smith' }), null);
    assert.deepEqual(await store.entityRoles({ speaker: 'Novak' }), await store.entityRoles({ speaker: 'Novak', from: '1900' }));
    assert.deepEqual(await store.staleCaptures(version, 0, 10), []);
    assert.deepEqual(await store.quotesBySpeaker({ speaker: 'Smith' }), []);
    assert.deepEqual(await store.searchArticles({ text: 'parks' }), []);
    assert.deepEqual((await store.searchArticles({ text: 'flooded' })).map((hit) => hit.id), [storedStale?.articleId]);
    assert.equal((await store.quotesAbout({ text: 'water rose' }))[0]?.articleId, storedStale?.articleId);
    const article = await store.getArticle(storedStale?.articleId as number);
    assert.equal(article?.result.title, 'Floods hit valley');
    assert.equal(article?.analyserVersion, version);
    const stats = await store.stats();
    assert.equal(stats.articles, 2);
    assert.equal(stats.attributions, (current.result.attributions?.length ?? 0) + (newArticle(OLD_LAW).result.attributions?.length ?? 0));
    assert.equal(stats.entities, (current.result.entities?.length ?? 0) + (newArticle(OLD_LAW).result.entities?.length ?? 0));
    assert.equal(stats.captures, 2);

    await assert.rejects(store.replaceAnalysis(storedStale?.articleId as number, newArticle(OLD_LAW)), /must come from the article's own capture/);
    await assert.rejects(store.replaceAnalysis(424242, current), /no article 424242/);
  });
  ftsIntact(dir.path(path));
});
