// Applies committed migrations to the configured database (`npm run db:migrate`); `npm start` does this too.
import { readDatabaseConfig } from '../src/lib/config.ts';
import { openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';

const config = readDatabaseConfig(process.env);
const { client, db } = await openDatabase(config);
await migrateDatabase(db);
client.close();
console.log(`Migrations applied to ${config.url.startsWith('file:') ? config.url : 'the libSQL server'}.`);
