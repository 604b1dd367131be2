// `npm run db:restore -- FILE [--yes]`: puts a backup made by `npm run db:backup` back as the embedded
// database. It checks the backup first, says what will be replaced by what, and asks for the word
// "pulihkan" (or takes --yes), keeps a copy of the current database beside it, then swaps the files.
// Stop the server first: a running server holds the database open.
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/client.ts';
import { readDatabaseConfig } from '../src/lib/config.ts';

const args = process.argv.slice(2);
const confirmed = args.includes('--yes');
const file = args.find((arg) => !arg.startsWith('--'));

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const config = readDatabaseConfig(process.env);
if (!config.url.startsWith('file:'))
  fail('db:restore restores the embedded file database; a libSQL server keeps its own backups.');
if (!file) fail('Which backup? Usage: npm run db:restore -- backups/kube-berdaya-<time>.db [--yes]');
const backup = resolve(file);
if (!existsSync(backup)) fail(`No such file: ${backup}`);
const target = config.url.startsWith('file://') ? fileURLToPath(config.url) : resolve(config.url.slice('file:'.length));

/** A value from a result row as text (numbers and strings; anything else is empty). */
const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : '';

/** What a database holds, to say what is replaced by what; refuses a file that is not a KUBE Berdaya database. */
async function describe(path: string): Promise<string> {
  const { client } = await openDatabase({ url: `file:${path}` });
  try {
    const check = await client.execute('PRAGMA quick_check');
    if (check.rows[0]?.[0] !== 'ok') throw new Error(`the file is damaged (${text(check.rows[0]?.[0])})`);
    const counts = await client.execute(
      'SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM kubes) AS kubes, (SELECT count(*) FROM attempts) AS attempts, (SELECT count(*) FROM attempt_answers) AS answers',
    );
    const row = counts.rows[0];
    return `${text(row?.['people'])} people, ${text(row?.['kubes'])} KUBEs, ${text(row?.['attempts'])} attempts, ${text(row?.['answers'])} answers`;
  } finally {
    client.close();
  }
}

let backupHolds: string;
try {
  backupHolds = await describe(backup);
} catch (error) {
  fail(`${backup} is not a usable KUBE Berdaya backup: ${error instanceof Error ? error.message : String(error)}`);
}
const currentHolds = existsSync(target) ? await describe(target).catch(() => 'an unreadable database') : 'nothing';

console.log(`Restore ${backup}\n  (${backupHolds})\ninto ${target}\n  (now ${currentHolds}).`);
console.log('Stop the server before you go on. The current database is kept beside it first.');
if (!confirmed) {
  const answer = await createInterface({ input: process.stdin, output: process.stdout }).question(
    'Type "pulihkan" to restore: ',
  );
  if (answer.trim().toLowerCase() !== 'pulihkan') fail('Nothing changed.');
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
if (existsSync(target)) {
  // A consistent copy of what is there now, in case the restore was a mistake.
  const keep = join(dirname(target), `kube-berdaya-before-restore-${stamp}.db`);
  const { client } = await openDatabase({ url: `file:${target}` });
  await client.execute({ sql: 'VACUUM INTO ?', args: [keep] });
  client.close();
  console.log(`Kept the current database as ${keep}`);
}
// Copy next to the target, then rename over it (atomic on one file system); drop the old WAL and index.
const incoming = `${target}.restoring-${stamp}`;
copyFileSync(backup, incoming);
for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
renameSync(incoming, target);
console.log(`Restored. Start the server again: npm start`);
