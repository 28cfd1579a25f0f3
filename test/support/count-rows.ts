import Database from 'better-sqlite3';

/** Counts rows with a connection of its own, read-only, as another process would see the corpus. */
export function countRows(db: string, sql: string): number {
  const connection = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return Number((connection.prepare(sql).pluck().get() as number | bigint) ?? 0);
  } finally {
    connection.close();
  }
}
