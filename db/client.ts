import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import type { DatabaseConfig } from '../src/lib/config.ts';
import * as schema from './schema.ts';

export type Database = LibSQLDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: query helpers accept both. */
export type Executor = Database | Transaction;

/** How long a writer waits for another writer's lock before giving up (SQLite busy timeout). */
const BUSY_TIMEOUT_MS = 5000;

export type Connection = { client: Client; db: Database };

/**
 * Opens the database. For an embedded file it creates the folder and switches to WAL, so readers never
 * wait for the writer; libSQL turns foreign keys on for every connection by itself. File-only pragmas are
 * skipped for server URLs, where the server owns them.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Connection> {
  const isFile = config.url.startsWith('file:');
  if (isFile) {
    const path = config.url.slice('file:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  const client = createClient({
    url: config.url,
    ...(config.authToken === undefined ? {} : { authToken: config.authToken }),
    timeout: BUSY_TIMEOUT_MS,
  });
  if (isFile) {
    await client.execute('PRAGMA journal_mode = WAL');
    // Durable commits: FULL syncs the WAL on every commit, so an answer the server acknowledged survives a
    // power cut. (It is also libSQL's default, which the transactions' own connections use; a test checks both.)
    await client.execute('PRAGMA synchronous = FULL');
  }
  return { client, db: drizzle(client, { schema }) };
}
