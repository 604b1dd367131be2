import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';

// Whether an embedded file already has every committed migration, read without drizzle: `npm start` asks this
// first and starts the migrating process (about a second, and drizzle's heap) only when there is work for it.
// The rule is drizzle's (db/migrate.ts `pendingMigrations`): a migration is applied when the newest applied one
// is at least as recent as it.

const JOURNAL = fileURLToPath(new URL('./migrations/meta/_journal.json', import.meta.url));

/** The time of the newest committed migration (drizzle's `when`, its `folderMillis`). */
function newestMigration(): number {
  const journal = JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}

/** True only when the file exists and holds every migration; any doubt (no file, no table) answers false. */
export function fileIsMigrated(path: string): boolean {
  if (!existsSync(path)) return false;
  let db: InstanceType<typeof Database> | undefined;
  try {
    db = new Database(path, { readonly: true, timeout: 1000 });
    const row = db.prepare('SELECT max(created_at) AS at FROM "__drizzle_migrations"').get() as
      { at: number | null } | undefined;
    return (row?.at ?? 0) >= newestMigration();
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
