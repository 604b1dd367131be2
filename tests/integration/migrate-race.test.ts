import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../db/migrate.ts';

const START_TOGETHER = new URL('../helpers/start-together.ts', import.meta.url).href;

// Two instances that start at the same moment both run `npm run db:migrate` (as `npm start` does for a
// file) on one fresh file. Before the check-and-apply was made one locked step, the loser read "nothing
// applied yet", then failed with "table already exists" once the winner had applied them.

const dir = mkdtempSync(join(tmpdir(), 'kube-migrate-race-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Run = { code: number | null; output: string };

/** Starts the migrate script on `url`, held back until `go` settles; resolves when it is ready to go. */
function migrate(url: string, go: Promise<void>): { ready: Promise<void>; done: Promise<Run> } {
  const child = spawn(process.execPath, ['--import', START_TOGETHER, 'scripts/migrate.ts'], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) resolve();
    });
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  void go.then(() => child.stdin.end('go\n'));
  const done = new Promise<Run>((resolve) => {
    child.once('exit', (code) => {
      resolve({ code, output });
    });
  });
  return { ready: Promise.race([ready, done.then(() => undefined)]), done };
}

/** The migrate script, on its own. */
async function run(url: string, ...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['scripts/migrate.ts', ...args], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

/** Every table, index and trigger of the app as SQLite stores it (the record of migrations aside). */
async function schemaOf(url: string): Promise<string[]> {
  const { client } = await openDatabase({ url });
  const rows = await client.execute(
    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> '__drizzle_migrations' ORDER BY name",
  );
  client.close();
  return rows.rows.map((row) => row['sql'] as string);
}

let reference: string[] = [];
beforeAll(async () => {
  // The schema drizzle's own migrator makes, in one process: the locked path must make the same.
  const url = `file:${join(dir, 'reference.db')}`;
  const { client, db } = await openDatabase({ url });
  await migrateDatabase(db);
  client.close();
  reference = await schemaOf(url);
});

const MIGRATIONS = readdirSync(MIGRATIONS_FOLDER).filter((name) => name.endsWith('.sql')).length;

describe('npm run db:migrate, twice at the same moment', () => {
  it('succeeds in both processes and applies every migration once, round after round', async () => {
    for (let round = 0; round < 8; round++) {
      const url = `file:${join(dir, `race-${round}.db`)}`;
      let go = () => {};
      const started = new Promise<void>((resolve) => (go = resolve));
      const both = [migrate(url, started), migrate(url, started)];
      await Promise.all(both.map((run) => run.ready));
      go();
      const runs = await Promise.all(both.map((run) => run.done));
      expect(
        runs.map((run) => run.code),
        runs.map((run) => run.output).join('\n'),
      ).toEqual([0, 0]);
      // One applied them all; the other waited for the lock and found nothing left to do.
      const said = runs.map((run) => /(\d+) migration\(s\) applied/.exec(run.output)?.[1]).sort();
      expect(said).toEqual(['0', String(MIGRATIONS)]);
      expect(await schemaOf(url)).toEqual(reference);
    }
  }, 120_000);
});

describe('npm run db:migrate -- --check (what `npm start --no-migrate` and a libSQL server run)', () => {
  it('refuses a database that lacks migrations, telling to run the release step, and passes a migrated one', async () => {
    const url = `file:${join(dir, 'check.db')}`;
    const refused = await run(url, '--check');
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`lacks ${MIGRATIONS} migration(s)`);
    expect(refused.output).toContain('npm run db:migrate');
    expect((await run(url)).code).toBe(0);
    expect(await run(url, '--check')).toEqual({ code: 0, output: '' });
  }, 30_000);
});
