import type BetterSqlite3 from 'better-sqlite3';
import { CorpusStoreError } from '../errors.js';

/**
 * The schema as an ordered list of migrations. A store records the highest
 * version applied in `schema_version`; opening applies the missing ones in
 * one transaction, so a crash mid-migration leaves the previous version.
 * Migrations are append-only: a released one is never edited, a change is a
 * new migration.
 *
 * SQL stays portable where it costs nothing (plain tables, integer ids, ISO
 * dates as text, JSON as text); the FTS5 tables are SQLite's own, and a
 * PostgreSQL store would use tsvector columns instead (see docs/store.md).
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'captures, articles, attributions, entities, search tables, LSH bands, failures',
    sql: `
-- Raw bytes as captured, once per distinct content (SHA-256), gzip-compressed.
CREATE TABLE captures (
  id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,
  bytes INTEGER NOT NULL,
  stored_bytes INTEGER NOT NULL,
  content_type TEXT,
  origin TEXT NOT NULL,
  captured_at TEXT,
  raw BLOB NOT NULL
);

-- One analysed page. Small, often-read columns come first and the large ones
-- (text, result, signature) last, so scans that read only the first columns
-- do not touch overflow pages.
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  capture_id INTEGER NOT NULL REFERENCES captures(id),
  -- canonical_url or '' when the page has none: the page's identity with capture_id
  url_key TEXT NOT NULL,
  analyser_version TEXT NOT NULL,
  duplicate_group INTEGER,
  date_key TEXT,
  misdated INTEGER NOT NULL DEFAULT 0,
  quote_count INTEGER NOT NULL DEFAULT 0,
  site_key TEXT,
  host TEXT,
  outlet TEXT,
  input TEXT NOT NULL,
  origin TEXT NOT NULL,
  url TEXT,
  canonical_url TEXT,
  content_type TEXT,
  captured_at TEXT,
  ingested_at TEXT NOT NULL,
  site TEXT,
  title TEXT,
  authors TEXT NOT NULL DEFAULT '[]',
  language TEXT,
  page_type TEXT NOT NULL,
  published_stated TEXT,
  published_source TEXT,
  estimated_best TEXT,
  estimated_from TEXT,
  estimated_to TEXT,
  text TEXT NOT NULL,
  result_gz BLOB NOT NULL,
  minhash BLOB
);
CREATE UNIQUE INDEX articles_page ON articles(url_key, capture_id);
CREATE INDEX articles_capture ON articles(capture_id);
CREATE INDEX articles_input ON articles(input);
CREATE INDEX articles_version ON articles(analyser_version, id);
CREATE INDEX articles_date ON articles(date_key, quote_count);
CREATE INDEX articles_site ON articles(site_key, date_key);
CREATE INDEX articles_host ON articles(host, date_key);
CREATE INDEX articles_group ON articles(duplicate_group) WHERE duplicate_group IS NOT NULL;
CREATE INDEX articles_misdated ON articles(date_key) WHERE misdated = 1;

-- Who said what. date_key and outlet are copied from the article so quote
-- questions filter and group without a join.
CREATE TABLE attributions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  parent TEXT,
  kind TEXT NOT NULL,
  speaker_key TEXT,
  speaker_name TEXT,
  speaker_role TEXT,
  speaker_entity TEXT,
  date_key TEXT,
  outlet TEXT,
  source_text TEXT,
  source_start INTEGER,
  source_end INTEGER,
  cue_text TEXT NOT NULL,
  cue_start INTEGER NOT NULL,
  cue_end INTEGER NOT NULL,
  content_text TEXT NOT NULL,
  content_start INTEGER NOT NULL,
  content_end INTEGER NOT NULL
);
CREATE UNIQUE INDEX attributions_local ON attributions(article_id, local_id);
CREATE INDEX attributions_speaker ON attributions(speaker_key, article_id, outlet, date_key);

-- Each word of a speaker's key, for matching a name by any part ("Peskov").
CREATE TABLE speaker_parts (
  attribution_id INTEGER NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
  part TEXT NOT NULL,
  date_key TEXT,
  PRIMARY KEY (attribution_id, part)
) WITHOUT ROWID;
CREATE INDEX speaker_parts_part ON speaker_parts(part, date_key);

-- The people, organisations, … an article mentions, with the roles it gives them.
CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  name TEXT NOT NULL,
  key TEXT NOT NULL,
  type TEXT NOT NULL,
  role TEXT,
  roles TEXT NOT NULL DEFAULT '[]',
  outlet TEXT
);
CREATE UNIQUE INDEX entities_local ON entities(article_id, local_id);
CREATE INDEX entities_key ON entities(key, article_id);

CREATE TABLE entity_parts (
  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  part TEXT NOT NULL,
  PRIMARY KEY (entity_id, part)
) WITHOUT ROWID;
CREATE INDEX entity_parts_part ON entity_parts(part);

-- Full-text search over articles and quotes; external content, kept in sync
-- by the store on every insert and replace.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE quotes_fts USING fts5(
  content_text, source_text, speaker_name, content='attributions', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);

-- LSH band keys of each article's MinHash signature (src/store/dedupe).
CREATE TABLE minhash_bands (
  band_key INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
CREATE INDEX minhash_bands_article ON minhash_bands(article_id);

CREATE TABLE failures (
  id INTEGER PRIMARY KEY,
  input TEXT NOT NULL UNIQUE,
  url TEXT,
  reason TEXT NOT NULL,
  stage TEXT NOT NULL,
  analyser_version TEXT NOT NULL,
  failed_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX failures_time ON failures(failed_at);
`,
  },
  {
    version: 2,
    description: 'per-speaker totals, kept up to date on every write, so the most-quoted list needs no scan',
    sql: `
-- Quotes and articles per speaker and outlet ('' when the article has no outlet).
CREATE TABLE speaker_outlets (
  speaker_key TEXT NOT NULL,
  outlet TEXT NOT NULL,
  quotes INTEGER NOT NULL,
  articles INTEGER NOT NULL,
  PRIMARY KEY (speaker_key, outlet)
) WITHOUT ROWID;
CREATE INDEX speaker_outlets_rank ON speaker_outlets(quotes DESC, articles DESC);

-- Quotes, articles and outlets per speaker.
CREATE TABLE speaker_totals (
  speaker_key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  quotes INTEGER NOT NULL,
  articles INTEGER NOT NULL,
  outlets INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX speaker_totals_rank ON speaker_totals(quotes DESC, articles DESC);

INSERT INTO speaker_outlets (speaker_key, outlet, quotes, articles)
  SELECT speaker_key, COALESCE(outlet, ''), COUNT(*), COUNT(DISTINCT article_id) FROM attributions
  WHERE speaker_key IS NOT NULL GROUP BY speaker_key, COALESCE(outlet, '');
INSERT INTO speaker_totals (speaker_key, name, quotes, articles, outlets)
  SELECT speaker_key, MAX(speaker_name), COUNT(*), COUNT(DISTINCT article_id), COUNT(DISTINCT outlet) FROM attributions
  WHERE speaker_key IS NOT NULL GROUP BY speaker_key;
`,
  },
  {
    version: 3,
    description: 'entity totals and roles per outlet, name parts per distinct name, corpus counters, outlet columns on speaker parts',
    sql: `
-- Speaker parts carry the article's site and host, so a speaker's quotes in one outlet are read in date order from an index.
ALTER TABLE speaker_parts ADD COLUMN site_key TEXT;
ALTER TABLE speaker_parts ADD COLUMN host TEXT;
UPDATE speaker_parts SET (site_key, host) = (
  SELECT a.site_key, a.host FROM attributions q JOIN articles a ON a.id = q.article_id WHERE q.id = speaker_parts.attribution_id
);
CREATE INDEX speaker_parts_site ON speaker_parts(part, site_key, date_key);
CREATE INDEX speaker_parts_host ON speaker_parts(part, host, date_key);

-- Articles per entity name, and per name, outlet ('' when none) and role, kept up to date on every write.
CREATE TABLE entity_totals (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  articles INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE entity_outlet_roles (
  key TEXT NOT NULL,
  outlet TEXT NOT NULL,
  role TEXT NOT NULL,
  articles INTEGER NOT NULL,
  PRIMARY KEY (key, outlet, role)
) WITHOUT ROWID;
-- Each word of each distinct entity name, for finding names by a part.
CREATE TABLE name_parts (
  part TEXT NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (part, key)
) WITHOUT ROWID;
INSERT INTO entity_totals (key, name, type, articles)
  SELECT key, MAX(name), MAX(type), COUNT(DISTINCT article_id) FROM entities WHERE key <> '' GROUP BY key;
INSERT INTO entity_outlet_roles (key, outlet, role, articles)
  SELECT e.key, COALESCE(e.outlet, ''), r.value, COUNT(DISTINCT e.article_id) FROM entities e, json_each(e.roles) r
  WHERE e.key <> '' GROUP BY e.key, COALESCE(e.outlet, ''), r.value;
INSERT OR IGNORE INTO name_parts (part, key)
  SELECT p.part, e.key FROM entity_parts p JOIN entities e ON e.id = p.entity_id;
DROP TABLE entity_parts;

-- Row counts that stats would otherwise count by scanning.
CREATE TABLE corpus_counts (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO corpus_counts (name, value) VALUES
  ('attributions', (SELECT COUNT(*) FROM attributions)),
  ('entities', (SELECT COUNT(*) FROM entities)),
  ('captures', (SELECT COUNT(*) FROM captures)),
  ('capture_bytes', (SELECT COALESCE(SUM(stored_bytes), 0) FROM captures));
`,
  },
  {
    version: 4,
    description: "covering index of each article's speakers, for speaker counts within an outlet",
    sql: `
CREATE INDEX attributions_article_speaker ON attributions(article_id, speaker_key, date_key, outlet);
`,
  },
  {
    version: 5,
    description: 'narrow index of the article columns filters read, for joining search matches without reading article rows',
    sql: `
CREATE INDEX articles_filter ON articles(id, site_key, host, date_key);
`,
  },
  {
    version: 6,
    description: 'per-speaker totals by month and by year, so the most-quoted list per period needs no scan',
    sql: `
-- kind is 'month' (period YYYY-MM) or 'year' (period YYYY); period is '' for undated articles.
CREATE TABLE speaker_periods (
  speaker_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  quotes INTEGER NOT NULL,
  articles INTEGER NOT NULL,
  outlets INTEGER NOT NULL,
  PRIMARY KEY (speaker_key, kind, period)
) WITHOUT ROWID;
CREATE INDEX speaker_periods_rank ON speaker_periods(kind, quotes DESC, articles DESC);
-- Articles per speaker, period and outlet ('' when none): tells when a period gains or loses an outlet.
CREATE TABLE speaker_period_outlets (
  speaker_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  outlet TEXT NOT NULL,
  articles INTEGER NOT NULL,
  PRIMARY KEY (speaker_key, kind, period, outlet)
) WITHOUT ROWID;

INSERT INTO speaker_period_outlets (speaker_key, kind, period, outlet, articles)
  SELECT speaker_key, 'month', COALESCE(substr(date_key, 1, 7), ''), COALESCE(outlet, ''), COUNT(DISTINCT article_id)
  FROM attributions WHERE speaker_key IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO speaker_period_outlets (speaker_key, kind, period, outlet, articles)
  SELECT speaker_key, 'year', COALESCE(substr(date_key, 1, 4), ''), COALESCE(outlet, ''), COUNT(DISTINCT article_id)
  FROM attributions WHERE speaker_key IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO speaker_periods (speaker_key, kind, period, quotes, articles, outlets)
  SELECT speaker_key, 'month', COALESCE(substr(date_key, 1, 7), ''), COUNT(*), COUNT(DISTINCT article_id), COUNT(DISTINCT outlet)
  FROM attributions WHERE speaker_key IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO speaker_periods (speaker_key, kind, period, quotes, articles, outlets)
  SELECT speaker_key, 'year', COALESCE(substr(date_key, 1, 4), ''), COUNT(*), COUNT(DISTINCT article_id), COUNT(DISTINCT outlet)
  FROM attributions WHERE speaker_key IS NOT NULL GROUP BY 1, 2, 3;
`,
  },
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((highest, m) => Math.max(highest, m.version), 0);

/** The store's schema version: 0 for a new, empty file. */
export function schemaVersion(db: BetterSqlite3.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Brings the store to SCHEMA_VERSION. Refuses a store written by newer code
 * (its tables may mean things this code does not know) and a read-only store
 * that needs migrating.
 */
export function migrate(db: BetterSqlite3.Database, location: string, readonly: boolean): number {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new CorpusStoreError(
      'newer_schema',
      location,
      `${location}: the store has schema version ${current}, newer than the ${SCHEMA_VERSION} this version of whosaid knows; upgrade whosaid to open it`,
    );
  }
  if (current === SCHEMA_VERSION) return current;
  if (readonly) {
    throw new CorpusStoreError(
      'needs_migration',
      location,
      `${location}: the store has schema version ${current} and needs migrating to ${SCHEMA_VERSION}; open it once for writing (e.g. run an ingest) first`,
    );
  }
  const apply = db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.description,
        new Date().toISOString(),
      );
    }
  });
  apply.immediate();
  return SCHEMA_VERSION;
}
