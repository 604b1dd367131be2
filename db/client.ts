import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client, type InStatement, type Transaction as ClientTransaction } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import type { DatabaseConfig } from '../src/lib/config.ts';
import { createFileClient } from './file-client.ts';
import { WriteQueue, type WriteQueueLimits } from './write-queue.ts';
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
export async function openDatabase(config: DatabaseConfig, limits?: Partial<WriteQueueLimits>): Promise<Connection> {
  const isFile = config.url.startsWith('file:');
  if (isFile) {
    const file = config.url.slice('file:'.length);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  }
  const path = isFile ? config.url.slice('file:'.length) : null;
  // An embedded file gets the client that keeps its prepared statements (db/file-client.ts); an in-memory
  // database, one per connection, and a server keep libSQL's own.
  const client =
    path !== null && path !== ':memory:'
      ? createFileClient(path, BUSY_TIMEOUT_MS)
      : createClient({
          url: config.url,
          ...(config.authToken === undefined ? {} : { authToken: config.authToken }),
          timeout: BUSY_TIMEOUT_MS,
        });
  if (isFile) {
    await switchToWal(client);
    // Durable commits: FULL syncs the WAL on every commit, so an answer the server acknowledged survives a
    // power cut. (It is also libSQL's default, which the transactions' own connections use; a test checks both.)
    await client.execute('PRAGMA synchronous = FULL');
  }
  const queued = isFile ? oneWriterAtATime(client, new WriteQueue(limits)) : client;
  const db = drizzle(queued, { schema });
  if (isFile) embeddedFiles.add(db);
  return { client: queued, db };
}

const embeddedFiles = new WeakSet<Database>();

/**
 * `db` when it was opened on an embedded file, whose commits this process syncs (db/group-commit.ts); null for a
 * libSQL server, which syncs its own, for an open transaction, and for any other wrapper of a client (a test's
 * round-trip counter counts as a server).
 */
export function embeddedFile(db: Executor): Database | null {
  return embeddedFiles.has(db as Database) ? (db as Database) : null;
}

/**
 * `PRAGMA journal_mode = WAL` needs the file to itself for a moment, and SQLite does not wait for a lock here
 * (no busy handler): a second process opening the file while the first migrates it got SQLITE_BUSY at once
 * (tests/integration/migrate-race.test.ts, now and then). So it is tried again, for up to the busy timeout.
 */
async function switchToWal(client: Client): Promise<void> {
  const until = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      await client.execute('PRAGMA journal_mode = WAL');
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code === 'SQLITE_BUSY';
      if (!busy || Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Makes this process's writes to an embedded file wait their turn in a queue instead of inside SQLite.
 * SQLite allows one writer; libSQL starts a transaction synchronously, so a second writer would wait for the
 * lock with the whole event loop blocked, while the first, holding the lock, cannot run to release it: both
 * stall for the busy timeout and one fails. Measured with `npm run bench` (200 tablets saving answers), the
 * queue turns those failures and multi-second stalls into a short wait. Reads are not queued (WAL).
 */
function oneWriterAtATime(client: Client, queue: WriteQueue): Client {
  const locked = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await queue.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  const transaction = async (mode?: 'write' | 'read' | 'deferred'): Promise<ClientTransaction> => {
    if (mode === 'read') return client.transaction(mode);
    const release = await queue.acquire();
    let tx: ClientTransaction;
    try {
      tx = await client.transaction(mode);
    } catch (error) {
      release();
      throw error;
    }
    return new Proxy(tx, {
      get(target, name) {
        const value: unknown = Reflect.get(target, name, target);
        if (typeof value !== 'function') return value;
        const method = (value as (...args: unknown[]) => unknown).bind(target);
        if (name !== 'commit' && name !== 'rollback' && name !== 'close') return method;
        return (...args: unknown[]) => {
          try {
            const result = method(...args);
            return result instanceof Promise ? result.finally(release) : (release(), result);
          } catch (error) {
            release();
            throw error;
          }
        };
      },
    });
  };
  return new Proxy(client, {
    get(target, name) {
      if (name === 'transaction') return transaction;
      if (name === 'execute') {
        return (statement: InStatement | string, args?: never) =>
          writes(statement)
            ? locked(() => target.execute(statement as string, args))
            : target.execute(statement as string, args);
      }
      if (name === 'batch' || name === 'migrate' || name === 'executeMultiple') {
        const method = (Reflect.get(target, name, target) as (...args: unknown[]) => Promise<unknown>).bind(target);
        return (...args: unknown[]) => locked(() => method(...args));
      }
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Whether a statement may write (anything but a plain read). */
function writes(statement: InStatement | string): boolean {
  const text = typeof statement === 'string' ? statement : statement.sql;
  return !/^\s*(select|with|explain)\b/i.test(text);
}
