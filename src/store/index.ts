/**
 * The corpus store: open one by location, and the helpers the ingest uses to
 * key and fingerprint pages. See docs/store.md.
 */
import { openSqliteStore } from './sqlite/store.js';
import type { CorpusStore } from './types.js';

export type * from './types.js';
export { canonicalUrl } from './canonical-url.js';
export { CorpusStoreError, type CorpusStoreErrorCode } from './errors.js';
export {
  minhashSignature,
  estimateJaccard,
  lshBands,
  DUPLICATE_THRESHOLD,
  MINHASH_PERMUTATIONS,
  MIN_WORDS,
} from './dedupe/minhash.js';
export { openSqliteStore, SqliteCorpusStore, type SqliteStoreOptions } from './sqlite/store.js';
export { SCHEMA_VERSION } from './sqlite/migrations.js';

export interface OpenStoreOptions {
  /** Open for reading only: no migration, no writes (the HTTP server and question commands). */
  readonly?: boolean;
}

/**
 * Opens the corpus store at `location`: a file path selects SQLite (created
 * when missing, unless read-only); a postgres:// URL is reserved for a
 * PostgreSQL store, which this build does not include.
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<CorpusStore> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new Error(
      `${location.replace(/\/\/[^@/]*@/, '//…@')}: the PostgreSQL store is not available in this version of whosaid; use a SQLite file path (e.g. corpus.sqlite)`,
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new Error(`${location}: not a store location whosaid knows (give a SQLite file path)`);
  }
  return openSqliteStore(location, options);
}
