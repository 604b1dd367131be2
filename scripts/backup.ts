// `npm run db:backup [FOLDER]`: a consistent copy of the embedded database while the server runs, made by
// SQLite's `VACUUM INTO` (readers and the writer carry on), named with a timestamp.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '../db/client.ts';
import { readDatabaseConfig } from '../src/lib/config.ts';

const config = readDatabaseConfig(process.env);
if (!config.url.startsWith('file:')) {
  console.error('db:backup copies the embedded file database; a libSQL server keeps its own backups.');
  process.exit(1);
}
const folder = resolve(process.argv[2] ?? 'backups');
mkdirSync(folder, { recursive: true });
const target = join(folder, `kube-berdaya-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
const { client } = await openDatabase(config);
await client.execute({ sql: 'VACUUM INTO ?', args: [target] });
client.close();
console.log(`Backup written: ${target}`);
