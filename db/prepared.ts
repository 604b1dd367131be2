import { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type { Executor } from './client.ts';

// Queries that every request runs (the session behind the cookie, the attempt of an answer save), built by
// drizzle once per database and kept prepared, their values given as placeholders. Building a query is not
// free: in a profile of answer saves under load (`npm run bench`), drizzle's query building was the largest
// cost left in the app once statements were kept prepared in the database (db/file-client.ts).

const kept = new WeakMap<Executor, Map<string, unknown>>();

/**
 * The query `build` makes for `db`, built on the first call and kept under `name`. Inside a transaction it is
 * built every time: a prepared query belongs to the session it was built on, and a transaction is short-lived.
 */
export function preparedFor<T>(db: Executor, name: string, build: (db: Executor) => T): T {
  if (db instanceof SQLiteTransaction) return build(db);
  let queries = kept.get(db);
  if (!queries) {
    queries = new Map();
    kept.set(db, queries);
  }
  let query = queries.get(name) as T | undefined;
  if (query === undefined) {
    query = build(db);
    queries.set(name, query);
  }
  return query;
}
