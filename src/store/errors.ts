/**
 * Why a corpus store cannot be used or written, as a code a program can
 * branch on; the message names the store's file and says the same in words.
 */
export type CorpusStoreErrorCode =
  /** The file cannot be opened at all: a folder, a file without permission, a missing folder on the way. */
  | 'cannot_open'
  /** Not a SQLite file, or another program's SQLite database. */
  | 'not_a_corpus'
  /** A corpus made by a newer whosaid, whose tables this version cannot read safely. */
  | 'newer_schema'
  /** An older corpus opened read-only, which must be migrated (opened once for writing) first. */
  | 'needs_migration'
  /** The disk, or the database's own size limit, is full: nothing more can be written. */
  | 'store_full'
  /** A write failed for another reason that is not the page's (an I/O error, a read-only file, a lock held too long). */
  | 'write_failed';

/** A problem with the corpus store itself, not with any one page: the run or the command cannot go on. */
export class CorpusStoreError extends Error {
  override name = 'CorpusStoreError';
  constructor(
    readonly code: CorpusStoreErrorCode,
    /** The store's location, as given (a file path). */
    readonly location: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
