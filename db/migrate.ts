import { fileURLToPath } from 'node:url';
import { createClient, type Client, type Transaction } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import type { Database } from './client.ts';

// Kept apart from client.ts: the server bundle opens the database but never migrates it (`npm start` does).
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** drizzle's own record of applied migrations, shared by both paths below so either can follow the other. */
const APPLIED_TABLE = '__drizzle_migrations';
/**
 * How long a second migrating process waits for the first to finish (SQLite's busy timeout, which holds the
 * event loop while it waits; harmless in a process that only migrates).
 */
const LOCK_WAIT_MS = 60_000;

/**
 * Applies the committed migrations in `db/migrations`; each runs once, in order, and none is destructive.
 * drizzle reads what is applied before the batch that applies the rest, so two of these at once can race:
 * for tests and tools on their own database; `npm run db:migrate` uses `migrateFileExclusively` for files.
 */
export async function migrateDatabase(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** The committed migrations not yet applied to the database (drizzle's rule: newer than the last applied). */
export async function pendingMigrations(client: Client | Transaction): Promise<MigrationMeta[]> {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const table = await client.execute({
    sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
    args: [APPLIED_TABLE],
  });
  if (table.rows.length === 0) return migrations;
  const last = await client.execute(`SELECT max(created_at) AS at FROM "${APPLIED_TABLE}"`);
  const appliedUntil = Number(last.rows[0]?.['at'] ?? 0);
  return migrations.filter((migration) => migration.folderMillis > appliedUntil);
}

/**
 * Applies the pending migrations to an embedded file as one step under SQLite's write lock: the transaction
 * starts with `BEGIN IMMEDIATE`, so a second process waits for the lock and then finds them applied,
 * instead of reading "nothing applied" while the first is still applying. Returns how many it applied.
 */
export async function migrateFileExclusively(url: string): Promise<number> {
  // One connection, so the pragma below holds on the connection the transaction runs on.
  const client = createClient({ url, concurrency: 1, timeout: LOCK_WAIT_MS });
  try {
    // A migration that rebuilds a table drops the old one; with foreign keys on, that drop would first
    // delete (and cascade to) every row pointing at it. The pragma cannot change inside a transaction.
    await client.execute('PRAGMA foreign_keys = OFF');
    const tx = await client.transaction('write');
    try {
      const applied = await applyPending(tx);
      await tx.commit();
      return applied;
    } finally {
      tx.close();
    }
  } finally {
    client.close();
  }
}

async function applyPending(tx: Transaction): Promise<number> {
  await tx.execute(
    `CREATE TABLE IF NOT EXISTS "${APPLIED_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  );
  const pending = await pendingMigrations(tx);
  for (const migration of pending) {
    for (const statement of migration.sql) await tx.executeMultiple(statement);
    await tx.execute({
      sql: `INSERT INTO "${APPLIED_TABLE}" (hash, created_at) VALUES (?, ?)`,
      args: [migration.hash, migration.folderMillis],
    });
  }
  // With the checks off, nothing above was checked: refuse to commit rows that point nowhere.
  const broken = await tx.execute('PRAGMA foreign_key_check');
  if (broken.rows.length > 0) {
    throw new Error(`The migrations would leave ${broken.rows.length} rows pointing at missing rows; nothing applied.`);
  }
  return pending.length;
}
