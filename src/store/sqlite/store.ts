import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import type { AnalysisResult } from '../../model/result.js';
import type {
  ArticleHit,
  ArticleQuery,
  ArticleSummary,
  CaptureOrigin,
  CorpusStats,
  CorpusStore,
  DuplicateGroup,
  EntityRoles,
  FailureRow,
  NewArticle,
  NewFailure,
  PageKey,
  PageQuery,
  PutOutcome,
  QuoteHit,
  SpeakerCount,
  SpeakerGrouping,
  SpeakerQuery,
  StoredArticle,
  StoredCapture,
  StoredPageRef,
  TimelineBucket,
  TimelineQuery,
  TopSpeakersQuery,
  TopicQuery,
} from '../types.js';
import {
  DUPLICATE_THRESHOLD,
  estimateJaccard,
  lshBands,
  MINHASH_PERMUTATIONS,
  signatureFromBytes,
  signatureToBytes,
} from '../dedupe/minhash.js';
import {
  dayBound,
  ftsExpression,
  ftsInColumns,
  hostKey,
  isoDay,
  nameKey,
  nameParts,
  pageBounds,
  speakerKey,
} from '../query-text.js';
import { CorpusStoreError } from '../errors.js';
import { migrate, schemaVersion } from './migrations.js';

/**
 * Compression for raw captures and stored results: the fastest level. The store
 * is written by one thread while workers analyse, and level 1 costs about a
 * third of the default level's time for output only slightly larger.
 */
const FAST_GZIP = { level: zlibConstants.Z_BEST_SPEED };

export interface SqliteStoreOptions {
  /** Open for reading only (the HTTP server, question commands): no migration, no writes. */
  readonly?: boolean;
}

/** How long a writer or reader waits for a lock held by another process before failing. */
const BUSY_TIMEOUT_MS = 10_000;
/** Candidates sharing LSH bands that are verified per new article; the most-shared first. */
const MAX_DUPLICATE_CANDIDATES = 50;
/** Articles listed per duplicate group and per article's duplicates. */
const MAX_GROUP_MEMBERS = 100;
/** Distinct names a name lookup considers (a part shared by more is read on its most frequent forms). */
const MAX_NAME_FORMS = 1000;

const ORIGINS: readonly CaptureOrigin[] = ['file', 'url', 'warc', 'stdin'];

/** Opens (creating and migrating when writable) a SQLite corpus store. */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<SqliteCorpusStore> {
  return SqliteCorpusStore.open(path, options);
}

type Row = Record<string, unknown>;

const SUMMARY_COLUMNS = `a.id AS id, a.title AS title, a.url AS url, a.site AS site, a.published_stated AS published,
  a.estimated_best AS estimated, a.misdated AS misdated, a.duplicate_group AS duplicate_group`;

interface Filter {
  sql: string;
  params: unknown[];
}

export class SqliteCorpusStore implements CorpusStore {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  private constructor(
    readonly location: string,
    private readonly db: BetterSqlite3.Database,
    readonly schemaVersion: number,
  ) {}

  static open(path: string, options: SqliteStoreOptions = {}): SqliteCorpusStore {
    const readonly = options.readonly === true;
    // SQLite's own word for a folder is "unable to open database file" or "disk I/O error": say what it is.
    if (isDirectory(path)) throw new CorpusStoreError('cannot_open', path, `${path}: a folder, not a corpus file`);
    let db: BetterSqlite3.Database;
    try {
      db = new Database(path, { readonly, fileMustExist: readonly });
    } catch (error) {
      throw new CorpusStoreError('cannot_open', path, `${path}: cannot open the corpus store (${(error as Error).message})`, { cause: error });
    }
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // Before anything that changes the file (WAL is recorded in it): another program's database is left untouched.
      probeSchema(db, path);
      if (!readonly) {
        // WAL lets readers (the server) run while the ingest writes; NORMAL is durable across process crashes in WAL mode.
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('foreign_keys = ON');
      // Refuses a store from newer code; brings an older one up to date (when writable).
      const version = migrate(db, path, readonly);
      return new SqliteCorpusStore(path, db, version);
    } catch (error) {
      db.close();
      if (error instanceof Database.SqliteError && /^SQLITE_(NOTADB|CORRUPT)/.test(error.code)) {
        throw new CorpusStoreError('not_a_corpus', path, `${path}: not a SQLite corpus store (${error.message})`, { cause: error });
      }
      if (error instanceof Database.SqliteError && /^SQLITE_(IOERR|CANTOPEN|PERM|READONLY)/.test(error.code)) {
        throw new CorpusStoreError('cannot_open', path, `${path}: cannot open the corpus store (${error.message})`, { cause: error });
      }
      throw error;
    }
  }

  // ---------------------------------------------------------------- writing

  async findStored(key: PageKey): Promise<StoredPageRef | null> {
    let row: Row | undefined;
    if (key.contentHash !== null && key.canonicalUrl !== null) {
      row = this.get(
        `SELECT a.id, a.analyser_version FROM captures c JOIN articles a ON a.capture_id = c.id
         WHERE c.content_hash = ? AND a.url_key = ? LIMIT 1`,
        key.contentHash,
        key.canonicalUrl,
      );
    } else if (key.contentHash !== null) {
      row = this.get(
        `SELECT a.id, a.analyser_version FROM captures c JOIN articles a ON a.capture_id = c.id
         WHERE c.content_hash = ? ORDER BY a.id LIMIT 1`,
        key.contentHash,
      );
    } else if (key.canonicalUrl !== null) {
      row = this.get('SELECT id, analyser_version FROM articles WHERE url_key = ? ORDER BY id LIMIT 1', key.canonicalUrl);
    }
    return row === undefined ? null : { articleId: row.id as number, analyserVersion: row.analyser_version as string };
  }

  async putArticles(pages: readonly NewArticle[]): Promise<PutOutcome[]> {
    const prepared = pages.map((page) => prepareArticle(page));
    const write = this.db.transaction(() => prepared.map((page) => this.putOne(page)));
    return this.writing(() => write.immediate());
  }

  async replaceAnalysis(articleId: number, page: NewArticle): Promise<void> {
    const prepared = prepareArticle(page);
    const replace = this.db.transaction(() => {
      const old = this.get(
        `SELECT a.id, a.title, a.text, a.duplicate_group, a.input, a.host, c.content_hash FROM articles a
         JOIN captures c ON c.id = a.capture_id WHERE a.id = ?`,
        articleId,
      );
      if (old === undefined) throw new Error(`${this.location}: no article ${articleId} to replace`);
      if (old.content_hash !== prepared.page.contentHash) {
        throw new Error(
          `${page.input}: a replacement analysis must come from the article's own capture (content hash ${String(old.content_hash)}), not ${prepared.page.contentHash}`,
        );
      }
      this.removeAnalysis(articleId, old.title as string | null, old.text as string);
      const outlet = prepared.result.site ?? (old.host as string | null);
      this.run(
        `UPDATE articles SET analyser_version = ?, date_key = ?, misdated = ?, quote_count = ?, site_key = ?, outlet = ?,
           site = ?, title = ?, authors = ?, language = ?, page_type = ?, published_stated = ?, published_source = ?,
           estimated_best = ?, estimated_from = ?, estimated_to = ?, text = ?, result_gz = ?, minhash = ?, ingested_at = ?
         WHERE id = ?`,
        prepared.analyserVersion,
        prepared.dateKey,
        prepared.misdated ? 1 : 0,
        prepared.attributions.length,
        prepared.siteKey,
        outlet,
        prepared.result.site,
        prepared.result.title,
        JSON.stringify(prepared.result.authors ?? []),
        prepared.result.language,
        prepared.result.pageType,
        prepared.published.stated,
        prepared.published.source,
        prepared.published.best,
        prepared.published.earliest,
        prepared.published.latest,
        prepared.result.text,
        prepared.resultGz,
        prepared.minhash === null ? null : signatureToBytes(prepared.minhash),
        new Date().toISOString(),
        articleId,
      );
      this.addAnalysis(articleId, prepared);
      if (old.duplicate_group === null) this.assignGroup(articleId, prepared);
      this.run('DELETE FROM failures WHERE input = ?', old.input);
    });
    this.writing(() => replace.immediate());
  }

  async putFailures(failures: readonly NewFailure[]): Promise<void> {
    const now = new Date().toISOString();
    const write = this.db.transaction(() => {
      for (const failure of failures) {
        this.run(
          `INSERT INTO failures (input, url, reason, stage, analyser_version, failed_at, attempts) VALUES (?, ?, ?, ?, ?, ?, 1)
           ON CONFLICT (input) DO UPDATE SET url = excluded.url, reason = excluded.reason, stage = excluded.stage,
             analyser_version = excluded.analyser_version, failed_at = excluded.failed_at, attempts = failures.attempts + 1`,
          failure.input,
          failure.url,
          failure.reason,
          failure.stage,
          failure.analyserVersion,
          now,
        );
      }
    });
    this.writing(() => write.immediate());
  }

  async staleCaptures(currentVersion: string, afterId: number, limit: number): Promise<StoredCapture[]> {
    // Two ranges instead of <>, so the (analyser_version, id) index serves the filter.
    const rows = this.all(
      `SELECT a.id, a.input, a.origin, a.url, a.content_type, a.captured_at, c.raw FROM articles a
       JOIN captures c ON c.id = a.capture_id
       WHERE (a.analyser_version < ? OR a.analyser_version > ?) AND a.id > ?
       ORDER BY a.id LIMIT ?`,
      currentVersion,
      currentVersion,
      Number.isFinite(afterId) ? Math.floor(afterId) : 0,
      Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 1,
    );
    return rows.map((row) => ({
      articleId: row.id as number,
      input: row.input as string,
      origin: row.origin as CaptureOrigin,
      url: row.url as string | null,
      contentType: row.content_type as string | null,
      capturedAt: row.captured_at as string | null,
      raw: new Uint8Array(gunzipSync(row.raw as Buffer)),
    }));
  }

  // ---------------------------------------------------------------- reading

  async getArticle(id: number): Promise<StoredArticle | null> {
    if (!Number.isSafeInteger(id)) return null;
    const row = this.get(
      `SELECT a.*, c.content_hash FROM articles a JOIN captures c ON c.id = a.capture_id WHERE a.id = ?`,
      id,
    );
    if (row === undefined) return null;
    const result = JSON.parse(gunzipSync(row.result_gz as Buffer).toString('utf8')) as AnalysisResult;
    result.text = row.text as string;
    const group = row.duplicate_group as number | null;
    const duplicates =
      group === null
        ? []
        : this.all(
            `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.duplicate_group = ? AND a.id <> ? ORDER BY a.id LIMIT ?`,
            group,
            id,
            MAX_GROUP_MEMBERS,
          ).map(summaryOf);
    return {
      id: row.id as number,
      input: row.input as string,
      url: row.url as string | null,
      canonicalUrl: row.canonical_url as string | null,
      contentHash: row.content_hash as string,
      capturedAt: row.captured_at as string | null,
      ingestedAt: row.ingested_at as string,
      analyserVersion: row.analyser_version as string,
      duplicateGroup: group,
      duplicates,
      result,
    };
  }

  async failures(query: PageQuery = {}): Promise<FailureRow[]> {
    const { limit, offset } = pageBounds(query);
    return this.all('SELECT * FROM failures ORDER BY failed_at DESC, id DESC LIMIT ? OFFSET ?', limit, offset).map((row) => ({
      id: row.id as number,
      input: row.input as string,
      url: row.url as string | null,
      reason: row.reason as string,
      stage: row.stage as FailureRow['stage'],
      analyserVersion: row.analyser_version as string,
      failedAt: row.failed_at as string,
      attempts: row.attempts as number,
    }));
  }

  async stats(): Promise<CorpusStats> {
    const count = (sql: string): number => (this.get(sql)?.n as number | null) ?? 0;
    const groups = this.get(
      'SELECT COUNT(DISTINCT duplicate_group) AS groups, COUNT(*) AS members FROM articles WHERE duplicate_group IS NOT NULL',
    );
    const counts = new Map(this.all('SELECT name, value FROM corpus_counts').map((row) => [row.name as string, row.value as number]));
    return {
      articles: count('SELECT COUNT(*) AS n FROM articles'),
      failures: count('SELECT COUNT(*) AS n FROM failures'),
      attributions: counts.get('attributions') ?? 0,
      entities: counts.get('entities') ?? 0,
      speakers: count('SELECT COUNT(*) AS n FROM speaker_totals'),
      duplicateGroups: (groups?.groups as number) ?? 0,
      duplicateArticles: (groups?.members as number) ?? 0,
      misdated: count('SELECT COUNT(*) AS n FROM articles WHERE misdated = 1'),
      captures: counts.get('captures') ?? 0,
      captureBytes: counts.get('capture_bytes') ?? 0,
      analyserVersions: this.all(
        'SELECT analyser_version AS version, COUNT(*) AS articles FROM articles GROUP BY analyser_version ORDER BY articles DESC, version',
      ).map((row) => ({ version: row.version as string, articles: row.articles as number })),
      schemaVersion: schemaVersion(this.db),
    };
  }

  async searchArticles(query: ArticleQuery): Promise<ArticleHit[]> {
    const expression = ftsExpression(query.text ?? '');
    if (expression === null) return [];
    const { limit, offset } = pageBounds(query);
    const filter = articleFilter(query, 'a');
    // First the page of ids, ranked: every match is scored, so this step reads as little as it can (the FTS index
    // alone, or with filters the narrow articles_filter index rather than the wide article rows). Then the page's
    // summaries and snippets, for its rows only.
    const ranked =
      filter.sql === ''
        ? this.all(
            `SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?
             ORDER BY bm25(articles_fts, 4.0, 1.0), rowid LIMIT ? OFFSET ?`,
            expression,
            limit,
            offset,
          )
        : this.all(
            `SELECT a.id AS id FROM articles_fts JOIN articles a INDEXED BY articles_filter ON a.id = articles_fts.rowid
             WHERE articles_fts MATCH ?${filter.sql}
             ORDER BY bm25(articles_fts, 4.0, 1.0), a.id LIMIT ? OFFSET ?`,
            expression,
            ...filter.params,
            limit,
            offset,
          );
    const hits: ArticleHit[] = [];
    for (const { id } of ranked) {
      const row = this.get(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id = ?`, id);
      if (row === undefined) continue;
      const snippet = this.get(
        `SELECT snippet(articles_fts, -1, '⟦', '⟧', '…', 24) AS snippet FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?`,
        expression,
        id,
      );
      hits.push({ ...summaryOf(row), snippet: (snippet?.snippet as string | null | undefined) ?? null });
    }
    return hits;
  }

  async quotesBySpeaker(query: SpeakerQuery): Promise<QuoteHit[]> {
    const parts = nameParts(nameKey(query.speaker ?? ''));
    if (parts.length === 0) return [];
    const { limit, offset } = pageBounds(query);
    // The last word of a name (usually the surname) drives the scan in date order; the other words must also be in the key.
    const driver = parts[parts.length - 1] as string;
    const others = parts.slice(0, -1);
    const dates = dateFilter(query, 'date_key');
    const params: unknown[] = [];
    let source: string;
    if (query.outlet !== undefined && query.outlet.trim() !== '') {
      // One ordered index range per way of naming the outlet ((part, site, date) and (part, host, date)), merged:
      // the work is bounded by the speaker's quotes in that outlet, however rare they are among all the speaker's quotes.
      const site = query.outlet.trim().toLowerCase();
      const host = hostKey(query.outlet) ?? site;
      source = `(SELECT attribution_id, date_key FROM speaker_parts WHERE part = ? AND site_key = ?${dates.sql}
        UNION SELECT attribution_id, date_key FROM speaker_parts WHERE part = ? AND host = ?${dates.sql})`;
      params.push(driver, site, ...dates.params, driver, host, ...dates.params);
    } else {
      source = `(SELECT attribution_id, date_key FROM speaker_parts WHERE part = ?${dates.sql})`;
      params.push(driver, ...dates.params);
    }
    let sql = `SELECT sp.attribution_id AS id FROM ${source} sp WHERE 1 = 1`;
    for (const part of others) {
      sql += ` AND EXISTS (SELECT 1 FROM speaker_parts o WHERE o.attribution_id = sp.attribution_id AND o.part = ?)`;
      params.push(part);
    }
    sql += ` ORDER BY sp.date_key DESC, sp.attribution_id DESC LIMIT ? OFFSET ?`;
    params.push(limit, offset);
    return this.quoteHits(this.all(sql, ...params).map((row) => row.id as number));
  }

  async quotesAbout(query: TopicQuery): Promise<QuoteHit[]> {
    const expression = ftsExpression(query.text ?? '');
    if (expression === null) return [];
    const { limit, offset } = pageBounds(query);
    const filter = quoteFilter(query);
    const rows = this.all(
      `SELECT q.id AS id FROM quotes_fts JOIN attributions q ON q.id = quotes_fts.rowid${filter.join}
       WHERE quotes_fts MATCH ?${filter.sql}
       ORDER BY q.date_key DESC, q.id DESC LIMIT ? OFFSET ?`,
      ftsInColumns(expression, ['content_text', 'source_text']),
      ...filter.params,
      limit,
      offset,
    );
    return this.quoteHits(rows.map((row) => row.id as number));
  }

  async topSpeakers(query: TopSpeakersQuery): Promise<SpeakerCount[]> {
    const { limit, offset } = pageBounds(query);
    const grouping = query.groupBy ?? 'speaker';
    const groupExpression = {
      speaker: 'NULL',
      outlet: 'q.outlet',
      month: 'substr(q.date_key, 1, 7)',
      year: 'substr(q.date_key, 1, 4)',
    }[grouping];
    if (groupExpression === undefined) throw new RangeError(`groupBy: "${String(grouping)}" is not one of speaker, outlet, month, year`);
    const unfiltered =
      (query.text === undefined || query.text.trim() === '') &&
      (query.outlet === undefined || query.outlet.trim() === '') &&
      (query.from === undefined || query.from === '') &&
      (query.to === undefined || query.to === '');
    if (unfiltered) return this.topSpeakersFromTotals(grouping, limit, offset);
    const filter = quoteFilter(query);
    const params: unknown[] = [];
    let from = 'attributions q';
    let where = 'q.speaker_key IS NOT NULL';
    if (query.text !== undefined && query.text.trim() !== '') {
      const expression = ftsExpression(query.text);
      if (expression === null) return [];
      from = 'quotes_fts JOIN attributions q ON q.id = quotes_fts.rowid';
      where += ' AND quotes_fts MATCH ?';
      params.push(ftsInColumns(expression, ['content_text']));
    }
    const rows = this.all(
      `SELECT q.speaker_key AS speaker_key, MAX(q.speaker_name) AS speaker, ${groupExpression} AS grp, COUNT(*) AS quotes,
         COUNT(DISTINCT q.article_id) AS articles, COUNT(DISTINCT q.outlet) AS outlets
       FROM ${from}${filter.join}
       WHERE ${where}${filter.sql}
       GROUP BY q.speaker_key, grp
       ORDER BY quotes DESC, articles DESC, q.speaker_key, grp LIMIT ? OFFSET ?`,
      ...params,
      ...filter.params,
      limit,
      offset,
    );
    return rows.map((row) => ({
      speaker: row.speaker as string,
      group: row.grp === null || row.grp === undefined ? null : String(row.grp),
      quotes: row.quotes as number,
      articles: row.articles as number,
      outlets: row.outlets as number,
    }));
  }

  /** The most-quoted list over the whole corpus, read from the totals kept on every write. */
  private topSpeakersFromTotals(grouping: SpeakerGrouping, limit: number, offset: number): SpeakerCount[] {
    if (grouping === 'month' || grouping === 'year') {
      return this.all(
        `SELECT t.name AS name, p.period AS period, p.quotes AS quotes, p.articles AS articles, p.outlets AS outlets
         FROM speaker_periods p JOIN speaker_totals t ON t.speaker_key = p.speaker_key
         WHERE p.kind = ? ORDER BY p.quotes DESC, p.articles DESC, p.speaker_key, p.period LIMIT ? OFFSET ?`,
        grouping,
        limit,
        offset,
      ).map((row) => ({
        speaker: row.name as string,
        group: row.period === '' ? null : (row.period as string),
        quotes: row.quotes as number,
        articles: row.articles as number,
        outlets: row.outlets as number,
      }));
    }
    if (grouping === 'speaker') {
      return this.all(
        `SELECT name, quotes, articles, outlets FROM speaker_totals ORDER BY quotes DESC, articles DESC, speaker_key LIMIT ? OFFSET ?`,
        limit,
        offset,
      ).map((row) => ({
        speaker: row.name as string,
        group: null,
        quotes: row.quotes as number,
        articles: row.articles as number,
        outlets: row.outlets as number,
      }));
    }
    return this.all(
      `SELECT t.name AS name, o.outlet AS outlet, o.quotes AS quotes, o.articles AS articles FROM speaker_outlets o
       JOIN speaker_totals t ON t.speaker_key = o.speaker_key
       ORDER BY o.quotes DESC, o.articles DESC, o.speaker_key, o.outlet LIMIT ? OFFSET ?`,
      limit,
      offset,
    ).map((row) => ({
      speaker: row.name as string,
      group: row.outlet === '' ? null : (row.outlet as string),
      quotes: row.quotes as number,
      articles: row.articles as number,
      outlets: row.outlet === '' ? 0 : 1,
    }));
  }

  async entityRoles(query: SpeakerQuery): Promise<EntityRoles | null> {
    const parts = nameParts(nameKey(query.speaker ?? ''));
    if (parts.length === 0) return null;
    const matching = parts.map(() => 'SELECT key FROM name_parts WHERE part = ?').join(' INTERSECT ');
    const forms = this.all(
      `SELECT key, name, type, articles FROM entity_totals WHERE key IN (${matching})
       ORDER BY articles DESC, key LIMIT ${MAX_NAME_FORMS}`,
      ...parts,
    );
    const top = forms[0];
    if (top === undefined) return null;
    // The most frequent full form names the entity; shorter forms whose words are all in it ("Peskov" for
    // "Dmitry Peskov") count with it, while a different person sharing a word ("Jane Smith" for "John Smith") does not.
    const topParts = new Set(nameParts(top.key as string));
    const keyList = JSON.stringify(
      forms.map((form) => form.key as string).filter((key) => nameParts(key).every((part) => topParts.has(part))),
    );
    const { limit, offset } = pageBounds(query);
    const filter = articleFilter(query, 'a');
    let roles: Row[];
    let articles: number;
    let quotes: number;
    if (filter.sql === '') {
      // The whole corpus: read the totals kept on write.
      roles = this.all(
        `SELECT NULLIF(outlet, '') AS outlet, role, SUM(articles) AS articles FROM entity_outlet_roles
         WHERE key IN (SELECT value FROM json_each(?))
         GROUP BY outlet, role ORDER BY articles DESC, outlet, role LIMIT ? OFFSET ?`,
        keyList,
        limit,
        offset,
      );
      articles = (this.get('SELECT SUM(articles) AS n FROM entity_totals WHERE key IN (SELECT value FROM json_each(?))', keyList)?.n as number | null) ?? 0;
      quotes = (this.get('SELECT SUM(quotes) AS n FROM speaker_totals WHERE speaker_key IN (SELECT value FROM json_each(?))', keyList)?.n as number | null) ?? 0;
    } else {
      roles = this.all(
        `SELECT e.outlet AS outlet, r.value AS role, COUNT(DISTINCT e.article_id) AS articles
         FROM entities e JOIN json_each(e.roles) r JOIN articles a ON a.id = e.article_id
         WHERE e.key IN (SELECT value FROM json_each(?))${filter.sql}
         GROUP BY e.outlet, r.value ORDER BY articles DESC, e.outlet, r.value LIMIT ? OFFSET ?`,
        keyList,
        ...filter.params,
        limit,
        offset,
      );
      articles = (this.get(
        `SELECT COUNT(DISTINCT e.article_id) AS n FROM entities e JOIN articles a ON a.id = e.article_id
         WHERE e.key IN (SELECT value FROM json_each(?))${filter.sql}`,
        keyList,
        ...filter.params,
      )?.n as number | null) ?? 0;
      quotes = (this.get(
        `SELECT COUNT(*) AS n FROM attributions q JOIN articles a ON a.id = q.article_id
         WHERE q.speaker_key IN (SELECT value FROM json_each(?))${filter.sql}`,
        keyList,
        ...filter.params,
      )?.n as number | null) ?? 0;
    }
    return {
      name: top.name as string,
      type: top.type as string,
      quotes,
      articles,
      roles: roles.map((row) => ({ outlet: row.outlet as string | null, role: row.role as string, articles: row.articles as number })),
    };
  }

  async misdated(query: PageQuery = {}): Promise<ArticleHit[]> {
    const { limit, offset } = pageBounds(query);
    const filter = articleFilter(query, 'a');
    return this.all(
      `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.misdated = 1${filter.sql}
       ORDER BY a.date_key DESC, a.id DESC LIMIT ? OFFSET ?`,
      ...filter.params,
      limit,
      offset,
    ).map((row) => ({ ...summaryOf(row), snippet: null }));
  }

  async duplicateGroups(query: PageQuery = {}): Promise<DuplicateGroup[]> {
    const { limit, offset } = pageBounds(query);
    const filter = articleFilter(query, 'm');
    const filtered = filter.sql !== '';
    // With filters, a group is listed when any of its articles matches them; its size is still the whole group's.
    const groups = this.all(
      `SELECT a.duplicate_group AS id, COUNT(*) AS size FROM articles a
       WHERE a.duplicate_group IS NOT NULL${
         filtered
           ? ` AND a.duplicate_group IN (SELECT m.duplicate_group FROM articles m WHERE m.duplicate_group IS NOT NULL${filter.sql})`
           : ''
       }
       GROUP BY a.duplicate_group ORDER BY size DESC, a.duplicate_group LIMIT ? OFFSET ?`,
      ...filter.params,
      limit,
      offset,
    );
    return groups.map((group) => ({
      id: group.id as number,
      size: group.size as number,
      articles: this.all(
        `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.duplicate_group = ? ORDER BY a.id LIMIT ?`,
        group.id,
        MAX_GROUP_MEMBERS,
      ).map(summaryOf),
    }));
  }

  async timeline(query: TimelineQuery): Promise<TimelineBucket[]> {
    const interval = query.interval ?? 'month';
    const bucket = (column: string): string => {
      switch (interval) {
        case 'day':
          return column;
        case 'week':
          // The Monday of the week: back six days, then forward to the next Monday (the same day when it is one).
          return `date(${column}, '-6 days', 'weekday 1')`;
        case 'month':
          return `substr(${column}, 1, 7) || '-01'`;
        case 'year':
          return `substr(${column}, 1, 4) || '-01-01'`;
        default:
          throw new RangeError(`interval: "${String(interval)}" is not one of day, week, month, year`);
      }
    };
    const articleFilterSql = articleFilter(query, 'a');
    const buckets = new Map<string, TimelineBucket>();
    const at = (period: string): TimelineBucket => {
      let entry = buckets.get(period);
      if (entry === undefined) {
        entry = { period, articles: 0, quotes: 0 };
        buckets.set(period, entry);
      }
      return entry;
    };
    const text = query.text?.trim() ?? '';
    if (text === '') {
      for (const row of this.all(
        `SELECT ${bucket('a.date_key')} AS period, COUNT(*) AS articles, SUM(a.quote_count) AS quotes FROM articles a
         WHERE a.date_key IS NOT NULL${articleFilterSql.sql} GROUP BY period`,
        ...articleFilterSql.params,
      )) {
        const entry = at(row.period as string);
        entry.articles = row.articles as number;
        entry.quotes = (row.quotes as number | null) ?? 0;
      }
    } else {
      const expression = ftsExpression(text);
      if (expression === null) return [];
      for (const row of this.all(
        `SELECT ${bucket('a.date_key')} AS period, COUNT(*) AS articles FROM articles_fts JOIN articles a INDEXED BY articles_filter ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH ? AND a.date_key IS NOT NULL${articleFilterSql.sql} GROUP BY period`,
        expression,
        ...articleFilterSql.params,
      )) {
        at(row.period as string).articles = row.articles as number;
      }
      const quoteFilterSql = quoteFilter(query);
      for (const row of this.all(
        `SELECT ${bucket('q.date_key')} AS period, COUNT(*) AS quotes FROM quotes_fts JOIN attributions q ON q.id = quotes_fts.rowid${quoteFilterSql.join}
         WHERE quotes_fts MATCH ? AND q.date_key IS NOT NULL${quoteFilterSql.sql} GROUP BY period`,
        ftsInColumns(expression, ['content_text']),
        ...quoteFilterSql.params,
      )) {
        at(row.period as string).quotes = row.quotes as number;
      }
    }
    const sorted = [...buckets.values()].filter((entry) => entry.period !== null).sort((a, b) => (a.period < b.period ? -1 : 1));
    // A timeline is read whole, so it is only paged when the caller asks for it.
    if (query.limit === undefined && query.offset === undefined) return sorted;
    const { limit, offset } = pageBounds(query);
    return sorted.slice(offset, offset + limit);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    try {
      // Lets SQLite refresh the statistics its query planner uses, where they have gone stale (cheap when they have not).
      if (!this.db.readonly) this.db.pragma('optimize');
    } catch {
      // Only an optimisation: on a full disk or a failing file it fails too, and must neither keep the file open nor
      // replace the error that stopped the writer.
    }
    this.db.close();
  }

  // ---------------------------------------------------------------- internals

  /**
   * Runs a write, turning SQLite's errors about the file itself (full, I/O,
   * read-only, locked, damaged) into a CorpusStoreError: no page is to blame,
   * and no later write will fare better. Errors about the data pass as they are.
   */
  private writing<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      if (!(error instanceof Database.SqliteError)) throw error;
      if (error.code === 'SQLITE_FULL') {
        throw new CorpusStoreError('store_full', this.location, `${this.location}: the corpus could not be written: the disk or the database is full (${error.message})`, { cause: error });
      }
      if (/^SQLITE_(IOERR|READONLY|BUSY|LOCKED|CORRUPT|NOTADB|CANTOPEN|PROTOCOL|NOMEM|PERM)/.test(error.code)) {
        throw new CorpusStoreError('write_failed', this.location, `${this.location}: the corpus could not be written (${error.message})`, { cause: error });
      }
      throw error;
    }
  }

  private statement(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private get(sql: string, ...params: unknown[]): Row | undefined {
    return this.statement(sql).get(...bindable(params)) as Row | undefined;
  }

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.statement(sql).all(...bindable(params)) as Row[];
  }

  private run(sql: string, ...params: unknown[]): BetterSqlite3.RunResult {
    return this.statement(sql).run(...bindable(params));
  }

  private putOne(prepared: PreparedArticle): PutOutcome {
    const { page } = prepared;
    let capture = this.get('SELECT id FROM captures WHERE content_hash = ?', page.contentHash);
    if (capture === undefined) {
      const compressed = gzipSync(page.raw, FAST_GZIP);
      const info = this.run(
        `INSERT INTO captures (content_hash, bytes, stored_bytes, content_type, origin, captured_at, raw) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        page.contentHash,
        page.raw.byteLength,
        compressed.byteLength,
        page.contentType,
        page.origin,
        page.capturedAt,
        compressed,
      );
      capture = { id: Number(info.lastInsertRowid) };
      this.count('captures', 1);
      this.count('capture_bytes', compressed.byteLength);
    }
    const captureId = capture.id as number;
    const urlKey = page.canonicalUrl ?? '';
    const existing = this.get('SELECT id, duplicate_group FROM articles WHERE url_key = ? AND capture_id = ?', urlKey, captureId);
    if (existing !== undefined) {
      this.run('DELETE FROM failures WHERE input = ?', page.input);
      return { articleId: existing.id as number, created: false, duplicateGroup: existing.duplicate_group as number | null };
    }
    const host = urlHost(page.url) ?? urlHost(prepared.result.url) ?? urlHost(page.canonicalUrl);
    const info = this.run(
      `INSERT INTO articles (capture_id, url_key, analyser_version, duplicate_group, date_key, misdated, quote_count, site_key,
         host, outlet, input, origin, url, canonical_url, content_type, captured_at, ingested_at, site, title, authors, language,
         page_type, published_stated, published_source, estimated_best, estimated_from, estimated_to, text, result_gz, minhash)
       VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      captureId,
      urlKey,
      prepared.analyserVersion,
      prepared.dateKey,
      prepared.misdated ? 1 : 0,
      prepared.attributions.length,
      prepared.siteKey,
      host,
      prepared.result.site ?? host,
      page.input,
      page.origin,
      page.url,
      page.canonicalUrl,
      page.contentType,
      page.capturedAt,
      new Date().toISOString(),
      prepared.result.site,
      prepared.result.title,
      JSON.stringify(prepared.result.authors ?? []),
      prepared.result.language,
      prepared.result.pageType,
      prepared.published.stated,
      prepared.published.source,
      prepared.published.best,
      prepared.published.earliest,
      prepared.published.latest,
      prepared.result.text,
      prepared.resultGz,
      prepared.minhash === null ? null : signatureToBytes(prepared.minhash),
    );
    const articleId = Number(info.lastInsertRowid);
    this.addAnalysis(articleId, prepared);
    const group = this.assignGroup(articleId, prepared);
    this.run('DELETE FROM failures WHERE input = ?', page.input);
    return { articleId, created: true, duplicateGroup: group };
  }

  /** Adds an article's attributions, entities, search rows and LSH bands. */
  private addAnalysis(articleId: number, prepared: PreparedArticle): void {
    const row = this.get('SELECT title, text, date_key, outlet, site_key, host FROM articles WHERE id = ?', articleId) as Row;
    this.run('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)', articleId, row.title, row.text);
    const dateKey = row.date_key as string | null;
    const outlet = row.outlet as string | null;
    const rolesByEntity = new Map<string, string[]>();
    for (const attribution of prepared.attributions) {
      const speaker = attribution.speaker;
      const source = attribution.source?.text ?? null;
      const name = speaker?.name ?? source;
      const key = speakerKey(speaker?.name ?? null, source);
      const info = this.run(
        `INSERT INTO attributions (article_id, local_id, parent, kind, speaker_key, speaker_name, speaker_role, speaker_entity,
           date_key, outlet, source_text, source_start, source_end, cue_text, cue_start, cue_end, content_text, content_start, content_end)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        articleId,
        attribution.id,
        attribution.parent,
        attribution.kind,
        key,
        name,
        speaker?.role ?? null,
        speaker?.entity ?? null,
        dateKey,
        outlet,
        source,
        attribution.source?.start ?? null,
        attribution.source?.end ?? null,
        attribution.cue.text,
        attribution.cue.start,
        attribution.cue.end,
        attribution.content.text,
        attribution.content.start,
        attribution.content.end,
      );
      const attributionId = Number(info.lastInsertRowid);
      this.run(
        'INSERT INTO quotes_fts (rowid, content_text, source_text, speaker_name) VALUES (?, ?, ?, ?)',
        attributionId,
        attribution.content.text,
        source,
        name,
      );
      if (key !== null) {
        for (const part of nameParts(key)) {
          this.run(
            'INSERT INTO speaker_parts (attribution_id, part, date_key, site_key, host) VALUES (?, ?, ?, ?, ?)',
            attributionId,
            part,
            dateKey,
            row.site_key,
            row.host,
          );
        }
      }
      if (speaker?.role !== undefined && speaker.role !== '') {
        const roles = rolesByEntity.get(speaker.entity) ?? [];
        if (!roles.includes(speaker.role)) roles.push(speaker.role);
        rolesByEntity.set(speaker.entity, roles);
      }
    }
    for (const entity of prepared.result.entities ?? []) {
      const key = nameKey(entity.name);
      const roles = [...new Set([...(entity.role ? [entity.role] : []), ...(rolesByEntity.get(entity.id) ?? [])])];
      this.run(
        'INSERT INTO entities (article_id, local_id, name, key, type, role, roles, outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        articleId,
        entity.id,
        entity.name,
        key,
        entity.type,
        entity.role ?? null,
        JSON.stringify(roles),
        outlet,
      );
    }
    this.adjustSpeakerCounts(articleId, outlet, 1);
    this.adjustSpeakerPeriods(articleId, outlet, dateKey, 1);
    this.adjustEntityCounts(articleId, outlet, 1);
    this.count('attributions', prepared.attributions.length);
    this.count('entities', prepared.result.entities?.length ?? 0);
    if (prepared.minhash !== null) {
      for (const band of lshBands(prepared.minhash)) {
        this.run('INSERT OR IGNORE INTO minhash_bands (band_key, article_id) VALUES (?, ?)', band, articleId);
      }
    }
  }

  /** Removes what addAnalysis added, keeping the article row. */
  private removeAnalysis(articleId: number, title: string | null, text: string): void {
    const article = this.get('SELECT outlet, date_key FROM articles WHERE id = ?', articleId) as Row;
    const outlet = article.outlet as string | null;
    this.adjustSpeakerCounts(articleId, outlet, -1);
    this.adjustSpeakerPeriods(articleId, outlet, article.date_key as string | null, -1);
    this.adjustEntityCounts(articleId, outlet, -1);
    const removed = this.get(
      'SELECT (SELECT COUNT(*) FROM attributions WHERE article_id = ?) AS quotes, (SELECT COUNT(*) FROM entities WHERE article_id = ?) AS entities',
      articleId,
      articleId,
    ) as Row;
    this.count('attributions', -(removed.quotes as number));
    this.count('entities', -(removed.entities as number));
    this.run("INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)", articleId, title, text);
    for (const quote of this.all('SELECT id, content_text, source_text, speaker_name FROM attributions WHERE article_id = ?', articleId)) {
      this.run(
        "INSERT INTO quotes_fts (quotes_fts, rowid, content_text, source_text, speaker_name) VALUES ('delete', ?, ?, ?, ?)",
        quote.id,
        quote.content_text,
        quote.source_text,
        quote.speaker_name,
      );
    }
    // speaker_parts go with their attributions (ON DELETE CASCADE).
    this.run('DELETE FROM attributions WHERE article_id = ?', articleId);
    this.run('DELETE FROM entities WHERE article_id = ?', articleId);
    this.run('DELETE FROM minhash_bands WHERE article_id = ?', articleId);
  }

  /**
   * Adds (sign 1) or takes away (sign -1) an article's quotes in the
   * per-speaker totals. Every article's quotes share its outlet, so each
   * speaker of the article counts one article and, when the pair is new, one
   * more outlet.
   */
  private adjustSpeakerCounts(articleId: number, outlet: string | null, sign: 1 | -1): void {
    const outletKey = outlet ?? '';
    const speakers = this.all(
      `SELECT speaker_key, MAX(speaker_name) AS name, COUNT(*) AS quotes FROM attributions
       WHERE article_id = ? AND speaker_key IS NOT NULL GROUP BY speaker_key`,
      articleId,
    );
    for (const speaker of speakers) {
      const key = speaker.speaker_key as string;
      const quotes = (speaker.quotes as number) * sign;
      const pair = this.get('SELECT articles FROM speaker_outlets WHERE speaker_key = ? AND outlet = ?', key, outletKey);
      let outletChange = 0;
      if (pair === undefined) {
        if (sign < 0) continue; // nothing was counted for it
        this.run('INSERT INTO speaker_outlets (speaker_key, outlet, quotes, articles) VALUES (?, ?, ?, 1)', key, outletKey, quotes);
        if (outletKey !== '') outletChange = 1;
      } else if (sign < 0 && (pair.articles as number) <= 1) {
        this.run('DELETE FROM speaker_outlets WHERE speaker_key = ? AND outlet = ?', key, outletKey);
        if (outletKey !== '') outletChange = -1;
      } else {
        this.run(
          'UPDATE speaker_outlets SET quotes = quotes + ?, articles = articles + ? WHERE speaker_key = ? AND outlet = ?',
          quotes,
          sign,
          key,
          outletKey,
        );
      }
      this.run(
        `INSERT INTO speaker_totals (speaker_key, name, quotes, articles, outlets) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (speaker_key) DO UPDATE SET name = MAX(name, excluded.name), quotes = quotes + excluded.quotes,
           articles = articles + excluded.articles, outlets = outlets + excluded.outlets`,
        key,
        speaker.name,
        quotes,
        sign,
        outletChange,
      );
      if (sign < 0) this.run('DELETE FROM speaker_totals WHERE speaker_key = ? AND articles <= 0', key);
    }
  }

  /**
   * Adds or takes away an article's quotes in the per-speaker totals by month
   * and by year ('' when the article has no date), with the distinct outlets
   * of each counted through speaker_period_outlets.
   */
  private adjustSpeakerPeriods(articleId: number, outlet: string | null, dateKey: string | null, sign: 1 | -1): void {
    const outletKey = outlet ?? '';
    const speakers = this.all(
      'SELECT speaker_key, COUNT(*) AS quotes FROM attributions WHERE article_id = ? AND speaker_key IS NOT NULL GROUP BY speaker_key',
      articleId,
    );
    for (const speaker of speakers) {
      const key = speaker.speaker_key as string;
      const quotes = (speaker.quotes as number) * sign;
      for (const [kind, length] of [['month', 7], ['year', 4]] as const) {
        const period = dateKey === null ? '' : dateKey.slice(0, length);
        const seen = this.get(
          'SELECT articles FROM speaker_period_outlets WHERE speaker_key = ? AND kind = ? AND period = ? AND outlet = ?',
          key,
          kind,
          period,
          outletKey,
        );
        let outletChange = 0;
        if (seen === undefined) {
          if (sign < 0) continue; // nothing was counted for it
          this.run(
            'INSERT INTO speaker_period_outlets (speaker_key, kind, period, outlet, articles) VALUES (?, ?, ?, ?, 1)',
            key,
            kind,
            period,
            outletKey,
          );
          if (outletKey !== '') outletChange = 1;
        } else if (sign < 0 && (seen.articles as number) <= 1) {
          this.run(
            'DELETE FROM speaker_period_outlets WHERE speaker_key = ? AND kind = ? AND period = ? AND outlet = ?',
            key,
            kind,
            period,
            outletKey,
          );
          if (outletKey !== '') outletChange = -1;
        } else {
          this.run(
            'UPDATE speaker_period_outlets SET articles = articles + ? WHERE speaker_key = ? AND kind = ? AND period = ? AND outlet = ?',
            sign,
            key,
            kind,
            period,
            outletKey,
          );
        }
        this.run(
          `INSERT INTO speaker_periods (speaker_key, kind, period, quotes, articles, outlets) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (speaker_key, kind, period) DO UPDATE SET quotes = quotes + excluded.quotes,
             articles = articles + excluded.articles, outlets = outlets + excluded.outlets`,
          key,
          kind,
          period,
          quotes,
          sign,
          outletChange,
        );
        if (sign < 0) {
          this.run('DELETE FROM speaker_periods WHERE speaker_key = ? AND kind = ? AND period = ? AND articles <= 0', key, kind, period);
        }
      }
    }
  }

  /**
   * Adds or takes away an article's entities in the per-name totals and the
   * roles per outlet: each distinct name of the article counts one article,
   * and so does each distinct role the article gives it.
   */
  private adjustEntityCounts(articleId: number, outlet: string | null, sign: 1 | -1): void {
    const outletKey = outlet ?? '';
    for (const entity of this.all(
      `SELECT key, MAX(name) AS name, MAX(type) AS type FROM entities WHERE article_id = ? AND key <> '' GROUP BY key`,
      articleId,
    )) {
      const key = entity.key as string;
      this.run(
        `INSERT INTO entity_totals (key, name, type, articles) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET name = MAX(name, excluded.name), articles = articles + excluded.articles`,
        key,
        entity.name,
        entity.type,
        sign,
      );
      if (sign > 0) {
        for (const part of nameParts(key)) this.run('INSERT OR IGNORE INTO name_parts (part, key) VALUES (?, ?)', part, key);
      } else {
        this.run('DELETE FROM entity_totals WHERE key = ? AND articles <= 0', key);
      }
    }
    for (const role of this.all(
      `SELECT DISTINCT e.key AS key, r.value AS role FROM entities e, json_each(e.roles) r WHERE e.article_id = ? AND e.key <> ''`,
      articleId,
    )) {
      this.run(
        `INSERT INTO entity_outlet_roles (key, outlet, role, articles) VALUES (?, ?, ?, ?)
         ON CONFLICT (key, outlet, role) DO UPDATE SET articles = articles + excluded.articles`,
        role.key,
        outletKey,
        role.role,
        sign,
      );
      if (sign < 0) {
        this.run('DELETE FROM entity_outlet_roles WHERE key = ? AND outlet = ? AND role = ? AND articles <= 0', role.key, outletKey, role.role);
      }
    }
  }

  private count(name: string, change: number): void {
    if (change === 0) return;
    this.run(
      'INSERT INTO corpus_counts (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value',
      name,
      change,
    );
  }

  /**
   * Puts a new article into the duplicate group of its closest earlier copy:
   * any article with the same raw capture (an exact copy under another URL),
   * or one sharing an LSH band whose estimated Jaccard similarity reaches
   * DUPLICATE_THRESHOLD. The group's id is its first article's id; an article
   * whose best match has no group yet starts one with it.
   */
  private assignGroup(articleId: number, prepared: PreparedArticle): number | null {
    const scores = new Map<number, number>();
    for (const row of this.all(
      'SELECT a.id FROM articles a WHERE a.capture_id = (SELECT capture_id FROM articles WHERE id = ?) AND a.id <> ?',
      articleId,
      articleId,
    )) {
      scores.set(row.id as number, 1);
    }
    if (prepared.minhash !== null) {
      const candidates = this.all(
        `SELECT b.article_id AS id, COUNT(*) AS shared FROM minhash_bands b
         WHERE b.band_key IN (SELECT band_key FROM minhash_bands WHERE article_id = ?) AND b.article_id <> ?
         GROUP BY b.article_id ORDER BY shared DESC, b.article_id LIMIT ?`,
        articleId,
        articleId,
        MAX_DUPLICATE_CANDIDATES,
      );
      for (const candidate of candidates) {
        const id = candidate.id as number;
        if (scores.has(id)) continue;
        const other = signatureFromBytes((this.get('SELECT minhash FROM articles WHERE id = ?', id)?.minhash as Buffer | null) ?? null);
        if (other === null) continue;
        const similarity = estimateJaccard(prepared.minhash, other);
        if (similarity >= DUPLICATE_THRESHOLD) scores.set(id, similarity);
      }
    }
    let best: number | null = null;
    let bestScore = -1;
    for (const [id, score] of scores) {
      if (score > bestScore || (score === bestScore && best !== null && id < best)) {
        best = id;
        bestScore = score;
      }
    }
    if (best === null) return null;
    const bestGroup = this.get('SELECT duplicate_group FROM articles WHERE id = ?', best)?.duplicate_group as number | null;
    const group = bestGroup ?? Math.min(best, articleId);
    if (bestGroup === null) this.run('UPDATE articles SET duplicate_group = ? WHERE id = ?', group, best);
    this.run('UPDATE articles SET duplicate_group = ? WHERE id = ?', group, articleId);
    return group;
  }

  /** The quotes with these ids, in the order given, with their article and the speaker of the report they sit in. */
  private quoteHits(ids: number[]): QuoteHit[] {
    if (ids.length === 0) return [];
    const rows = this.all(
      `SELECT q.id AS quote_id, q.article_id AS article_id, q.local_id AS local_id, q.speaker_name AS speaker_name,
         q.speaker_role AS speaker_role, q.source_text AS source_text, q.cue_text AS cue_text, q.content_text AS content_text,
         q.kind AS kind, q.parent AS parent, p.speaker_name AS reported_by, ${SUMMARY_COLUMNS}
       FROM attributions q JOIN articles a ON a.id = q.article_id
       LEFT JOIN attributions p ON p.article_id = q.article_id AND p.local_id = q.parent
       WHERE q.id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(ids),
    );
    const byId = new Map(rows.map((row) => [row.quote_id as number, row]));
    const hits: QuoteHit[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (row === undefined) continue;
      hits.push({
        id,
        articleId: row.article_id as number,
        attribution: row.local_id as string,
        speaker: row.speaker_name as string | null,
        speakerRole: row.speaker_role as string | null,
        source: row.source_text as string | null,
        cue: row.cue_text as string,
        content: row.content_text as string,
        kind: row.kind as string,
        parent: row.parent as string | null,
        reportedBy: row.reported_by as string | null,
        article: summaryOf(row),
      });
    }
    return hits;
  }
}

/**
 * The parameters as SQLite should see them: whole numbers as INTEGER.
 * better-sqlite3 binds every JavaScript number as REAL, and an FTS5 table
 * does not use a REAL in `rowid = ?` as a rowid constraint: it drops the
 * filter, so a snippet query for one article returned the first matching
 * article's passage instead. BigInt is bound as INTEGER.
 */
function bindable(params: unknown[]): unknown[] {
  return params.map((param) => (typeof param === 'number' && Number.isSafeInteger(param) ? BigInt(param) : param));
}

/** What the store derives from a page before writing it, computed outside the transaction. */
interface PreparedArticle {
  page: NewArticle;
  result: AnalysisResult;
  analyserVersion: string;
  attributions: NonNullable<AnalysisResult['attributions']>;
  published: { stated: string | null; source: string | null; best: string | null; earliest: string | null; latest: string | null };
  dateKey: string | null;
  misdated: boolean;
  siteKey: string | null;
  resultGz: Buffer;
  minhash: Uint32Array | null;
}

function prepareArticle(page: NewArticle): PreparedArticle {
  const name = typeof page?.input === 'string' && page.input !== '' ? page.input : '<unnamed page>';
  if (page === null || typeof page !== 'object') throw new TypeError(`${name}: not a page to store`);
  if (!ORIGINS.includes(page.origin)) throw new RangeError(`${name}: origin "${String(page.origin)}" is not one of ${ORIGINS.join(', ')}`);
  if (!(page.raw instanceof Uint8Array)) throw new TypeError(`${name}: the raw capture is missing`);
  if (typeof page.contentHash !== 'string' || !/^[0-9a-f]{64}$/.test(page.contentHash)) {
    throw new RangeError(`${name}: content hash "${String(page.contentHash)}" is not a SHA-256 hex digest`);
  }
  const actual = createHash('sha256').update(page.raw).digest('hex');
  if (actual !== page.contentHash) {
    throw new RangeError(`${name}: the content hash ${page.contentHash} does not match the raw capture (SHA-256 ${actual})`);
  }
  const result = page.result;
  if (result === null || typeof result !== 'object' || typeof result.text !== 'string') {
    throw new TypeError(`${name}: the analysis result is missing or has no text`);
  }
  if (page.minhash !== null && page.minhash.length !== MINHASH_PERMUTATIONS) {
    throw new RangeError(`${name}: a MinHash signature has ${MINHASH_PERMUTATIONS} values, not ${page.minhash.length}`);
  }
  const estimated = result.published?.estimated;
  const estimate = estimated !== undefined && !('unknown' in estimated) ? estimated : null;
  const stated = result.published?.stated ?? null;
  // The text lives in its own column (searched, snippeted); the compressed result keeps everything else.
  const resultGz = gzipSync(JSON.stringify({ ...result, text: '' }), FAST_GZIP);
  return {
    page,
    result,
    analyserVersion: result.extractor?.version ?? 'unknown',
    attributions: result.attributions ?? [],
    published: {
      stated,
      source: result.published?.source ?? null,
      best: estimate?.best ?? null,
      earliest: estimate?.earliest ?? null,
      latest: estimate?.latest ?? null,
    },
    dateKey: isoDay(stated) ?? isoDay(estimate?.best),
    misdated: result.published?.misdated === true,
    siteKey: result.site === null || result.site === undefined || result.site.trim() === '' ? null : result.site.trim().toLowerCase(),
    resultGz,
    minhash: page.minhash,
  };
}

function summaryOf(row: Row): ArticleSummary {
  return {
    id: row.id as number,
    title: row.title as string | null,
    url: row.url as string | null,
    site: row.site as string | null,
    published: row.published as string | null,
    estimated: row.estimated as string | null,
    misdated: row.misdated === 1,
    duplicateGroup: row.duplicate_group as number | null,
  };
}

/** The host of an absolute URL as outlets are matched, or null when the string is not one. */
function urlHost(url: string | null | undefined): string | null {
  if (url === null || url === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim())) return null;
  return hostKey(url);
}

function outletFilter(outlet: string, alias: string): Filter {
  const site = outlet.trim().toLowerCase();
  return { sql: ` AND (${alias}.site_key = ? OR ${alias}.host = ?)`, params: [site, hostKey(outlet) ?? site] };
}

function dateFilter(query: PageQuery, column: string): Filter {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (query.from !== undefined && query.from !== '') {
    parts.push(` AND ${column} >= ?`);
    params.push(dayBound(query.from, 'from'));
  }
  if (query.to !== undefined && query.to !== '') {
    parts.push(` AND ${column} <= ?`);
    params.push(dayBound(query.to, 'to'));
  }
  return { sql: parts.join(''), params };
}

function articleFilter(query: PageQuery, alias: string): Filter {
  const dates = dateFilter(query, `${alias}.date_key`);
  if (query.outlet === undefined || query.outlet.trim() === '') return dates;
  const outlet = outletFilter(query.outlet, alias);
  return { sql: outlet.sql + dates.sql, params: [...outlet.params, ...dates.params] };
}

/** Filters on quotes: dates from the quote row itself, outlet through its article. */
function quoteFilter(query: PageQuery): Filter & { join: string } {
  const dates = dateFilter(query, 'q.date_key');
  if (query.outlet === undefined || query.outlet.trim() === '') return { ...dates, join: '' };
  const outlet = outletFilter(query.outlet, 'oa');
  return { join: ' JOIN articles oa ON oa.id = q.article_id', sql: outlet.sql + dates.sql, params: [...outlet.params, ...dates.params] };
}

/** The schema version of an opened file, refusing SQLite files that are some other program's database. */
function probeSchema(db: BetterSqlite3.Database, location: string): number {
  const version = schemaVersion(db);
  if (version > 0) return version;
  const tables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
  if (tables.n > 0) {
    throw new CorpusStoreError('not_a_corpus', location, `${location}: a SQLite database, but not a whosaid corpus store (it has no schema_version table)`);
  }
  return 0;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // missing (created when writable) or unreadable: opening says which
  }
}
