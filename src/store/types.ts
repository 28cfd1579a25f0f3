import type { AnalysisResult } from '../model/result.js';

/**
 * The corpus store: where analysed pages, their raw captures and failures
 * live, and the questions asked across them.
 *
 * Every method is asynchronous so that a client/server database (PostgreSQL)
 * or a remote work queue can implement the same interface; the SQLite store
 * answers synchronously underneath.
 */
export interface CorpusStore {
  /** Where the store lives, for messages ("corpus.sqlite"). */
  readonly location: string;

  // ---- writing (the ingest job is the only writer) ----

  /**
   * What is already stored for a page, so a re-run can skip it: an article
   * with this canonical URL and content hash, or (hash null) any article with
   * this canonical URL (used to skip refetching URLs), or (URL null) any
   * article whose raw capture has this hash.
   */
  findStored(key: PageKey): Promise<StoredPageRef | null>;

  /**
   * Stores analysed pages, each atomically with its raw capture, its
   * attributions, entities and search rows, and assigns duplicate groups.
   * A page whose (canonical URL, content hash) is already stored is not
   * stored twice: its existing id comes back with `created: false`. All pages
   * of one call are committed in one transaction, so a process killed at any
   * moment leaves either all of them or none.
   */
  putArticles(pages: readonly NewArticle[]): Promise<PutOutcome[]>;

  /** Replaces a stored article's analysis (same raw capture) with a new one: used by reprocess. */
  replaceAnalysis(articleId: number, page: NewArticle): Promise<void>;

  /** Records why an input failed; a later success for the same input removes it. */
  putFailures(failures: readonly NewFailure[]): Promise<void>;

  /** Stored raw captures whose analysis was made by another analyser version, `limit` at a time, in id order after `afterId`. */
  staleCaptures(currentVersion: string, afterId: number, limit: number): Promise<StoredCapture[]>;

  // ---- reading ----

  getArticle(id: number): Promise<StoredArticle | null>;
  failures(query?: PageQuery): Promise<FailureRow[]>;
  stats(): Promise<CorpusStats>;

  /** Articles matching full-text search terms, best first. */
  searchArticles(query: ArticleQuery): Promise<ArticleHit[]>;
  /** Quotes whose speaker matches a name (canonical or as written), newest first. */
  quotesBySpeaker(query: SpeakerQuery): Promise<QuoteHit[]>;
  /** Quotes whose content (or source) mentions an entity or phrase. */
  quotesAbout(query: TopicQuery): Promise<QuoteHit[]>;
  /** Who is quoted most about a topic (all quotes when `text` is empty), grouped as asked. */
  topSpeakers(query: TopSpeakersQuery): Promise<SpeakerCount[]>;
  /** The roles each outlet gives an entity. */
  entityRoles(query: SpeakerQuery): Promise<EntityRoles | null>;
  /** Articles whose stated date disagrees with when the text says it was written. */
  misdated(query?: PageQuery): Promise<ArticleHit[]>;
  /** Groups of syndicated or near-duplicate copies, largest first. */
  duplicateGroups(query?: PageQuery): Promise<DuplicateGroup[]>;
  /** Counts of articles and quotes per period for a topic (all when `text` is empty). */
  timeline(query: TimelineQuery): Promise<TimelineBucket[]>;

  close(): Promise<void>;
}

/** How a page is recognised across runs. */
export interface PageKey {
  canonicalUrl: string | null;
  /** SHA-256 (hex) of the raw captured bytes. */
  contentHash: string | null;
}

export interface StoredPageRef {
  articleId: number;
  analyserVersion: string;
}

/** Where a page came from. */
export type CaptureOrigin = 'file' | 'url' | 'warc' | 'stdin';

/** One analysed page on its way into the store. */
export interface NewArticle {
  /** How the input was named (path, URL, "file.warc.gz#1234"). */
  input: string;
  origin: CaptureOrigin;
  /** The page's URL as given or fetched. */
  url: string | null;
  /** The URL normalised for matching (see src/store/canonical-url.ts); null when the page has no URL. */
  canonicalUrl: string | null;
  /** SHA-256 (hex) of `raw`. */
  contentHash: string;
  /** The bytes as captured, before decoding. The store keeps them compressed. */
  raw: Uint8Array;
  contentType: string | null;
  /** When the page was captured (fetch time, WARC-Date, file mtime), ISO 8601. */
  capturedAt: string | null;
  /** The analysis; `extractor.version` is the analyser version recorded with it. */
  result: AnalysisResult;
  /** MinHash signature of the article text (see src/store/dedupe), for grouping near-duplicates. */
  minhash: Uint32Array | null;
}

export interface PutOutcome {
  articleId: number;
  /** False when the page was already stored. */
  created: boolean;
  /** The duplicate group the article joined, when it has copies. */
  duplicateGroup: number | null;
}

export interface NewFailure {
  input: string;
  url: string | null;
  /** The problem in words, naming the input ("a.html: not a web page"). */
  reason: string;
  /** Where it failed: reading (load), analysing, or storing. */
  stage: 'load' | 'analyse' | 'store';
  analyserVersion: string;
}

export interface FailureRow extends NewFailure {
  id: number;
  /** ISO 8601. */
  failedAt: string;
  /** How many runs have failed on this input. */
  attempts: number;
}

export interface StoredCapture {
  articleId: number;
  input: string;
  origin: CaptureOrigin;
  url: string | null;
  contentType: string | null;
  capturedAt: string | null;
  /** Decompressed raw bytes. */
  raw: Uint8Array;
}

/** An article as stored: the full analysis plus corpus fields. */
export interface StoredArticle {
  id: number;
  input: string;
  url: string | null;
  canonicalUrl: string | null;
  contentHash: string;
  capturedAt: string | null;
  ingestedAt: string;
  analyserVersion: string;
  duplicateGroup: number | null;
  /** Other articles in the same duplicate group. */
  duplicates: ArticleSummary[];
  result: AnalysisResult;
}

export interface ArticleSummary {
  id: number;
  title: string | null;
  url: string | null;
  site: string | null;
  /** The stated publication date (ISO), or null. */
  published: string | null;
  /** The estimated date of writing (ISO best guess), or null. */
  estimated: string | null;
  misdated: boolean;
  duplicateGroup: number | null;
}

export interface ArticleHit extends ArticleSummary {
  /** A short passage around the match, with the matched terms between ⟦ and ⟧. */
  snippet: string | null;
}

/** Filters shared by every question. Dates compare with the stated publication date (or the estimate when none is stated). */
export interface PageQuery {
  /** Only articles from this site or host (matches `site` or the URL's host). */
  outlet?: string;
  /** ISO date, inclusive. */
  from?: string;
  /** ISO date, inclusive. */
  to?: string;
  limit?: number;
  offset?: number;
}

export interface ArticleQuery extends PageQuery {
  /** Search terms: words are ANDed; "quoted phrases" match as phrases. */
  text: string;
}

export interface SpeakerQuery extends PageQuery {
  /** A name as the corpus resolves it ("Dmitry Peskov") or part of it ("Peskov"). */
  speaker: string;
}

export interface TopicQuery extends PageQuery {
  /** An entity name or a phrase. */
  text: string;
}

export interface QuoteHit {
  /** The attribution's row id. */
  id: number;
  articleId: number;
  /** The attribution's id within its article ("a3"). */
  attribution: string;
  /** The resolved speaker's canonical name, or the source as written, or null. */
  speaker: string | null;
  speakerRole: string | null;
  source: string | null;
  cue: string;
  content: string;
  kind: string;
  /** The id within the article of the report it was made through ("a1"), or null. */
  parent: string | null;
  /** Who the parent report is by, when there is one. */
  reportedBy: string | null;
  article: ArticleSummary;
}

export type SpeakerGrouping = 'speaker' | 'outlet' | 'month' | 'year';

export interface TopSpeakersQuery extends PageQuery {
  /** Topic terms that the quote content must match; empty for all quotes. */
  text?: string;
  /** 'speaker' (default): one row per speaker; 'outlet', 'month', 'year': one row per speaker and outlet or period. */
  groupBy?: SpeakerGrouping;
}

export interface SpeakerCount {
  speaker: string;
  /** The outlet or period, when grouped by one. */
  group: string | null;
  quotes: number;
  articles: number;
  outlets: number;
}

export interface EntityRoles {
  /** The canonical name found. */
  name: string;
  type: string;
  quotes: number;
  articles: number;
  /** One row per outlet and role, most frequent first. */
  roles: Array<{ outlet: string | null; role: string; articles: number }>;
}

export interface DuplicateGroup {
  id: number;
  size: number;
  articles: ArticleSummary[];
}

export interface TimelineQuery extends PageQuery {
  text?: string;
  /** Bucket size (default 'month'). */
  interval?: 'day' | 'week' | 'month' | 'year';
}

export interface TimelineBucket {
  /** The period's first day, ISO date. */
  period: string;
  articles: number;
  quotes: number;
}

export interface CorpusStats {
  articles: number;
  failures: number;
  attributions: number;
  entities: number;
  /** Distinct speakers across the corpus (by canonical name). */
  speakers: number;
  duplicateGroups: number;
  /** Articles in some duplicate group. */
  duplicateArticles: number;
  misdated: number;
  /** Raw captures kept, and their compressed size in bytes. */
  captures: number;
  captureBytes: number;
  /** Analyser versions present, with how many articles each analysed. */
  analyserVersions: Array<{ version: string; articles: number }>;
  /** Schema version of the store. */
  schemaVersion: number;
}
