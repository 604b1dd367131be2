// `npm run db:migrate`: applies committed migrations to the configured database, the release step before new
// instances start. `npm start` runs it for an embedded file, and runs it with `--check` otherwise (or with
// `--no-migrate`): then it only says whether migrations are missing, and exits 1 if they are.
import { readDatabaseConfig } from '../src/lib/config.ts';
import { openDatabase } from '../db/client.ts';
import { migrateDatabase, migrateFileExclusively, pendingMigrations } from '../db/migrate.ts';

const config = readDatabaseConfig(process.env);
const isFile = config.url.startsWith('file:');
const where = isFile ? config.url : 'the libSQL server';
// Opening first creates the file's folder and turns on WAL (it stays on in the file).
const { client, db } = await openDatabase(config);

if (process.argv.includes('--check')) {
  const pending = (await pendingMigrations(client)).length;
  client.close();
  if (pending > 0) {
    console.error(
      `The database (${where}) lacks ${pending} migration(s) of this version. ` +
        'Run `npm run db:migrate` once (the release step), then start the instances.',
    );
    process.exit(1);
  }
} else if (isFile) {
  client.close();
  // Safe when several instances start at once: check and apply are one step under the file's write lock.
  const applied = await migrateFileExclusively(config.url);
  console.log(`${applied} migration(s) applied to ${where}.`);
} else {
  // drizzle's migrator: one atomic batch, but its check runs before it; run the release step once.
  await migrateDatabase(db);
  client.close();
  console.log(`Migrations applied to ${where}.`);
}
