// `npm start`: build when the sources changed since the last build, apply migrations, serve on :4321.
// Migrations: an embedded file is migrated here (safe when several processes start at once); a libSQL
// server, or any database with `--no-migrate`, is only checked, and a database that lacks migrations is
// refused: migrating is then the release step `npm run db:migrate`, run once before the instances start.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileIsMigrated } from '../db/migrated.ts';
import { readServerConfig, type ServerConfig } from '../src/lib/config.ts';
import type { Server } from 'node:http';
import { reportReady, runWithServerSettings, stopOnSignal } from './server-process.ts';
import { startServer } from './server.ts';

await runWithServerSettings();

const SOURCES = ['src', 'content', 'public', 'db/schema.ts', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];
const STAMP = 'dist/.build-stamp';

function fingerprint(): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else {
      hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  SOURCES.forEach(visit);
  return hash.digest('hex');
}

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

let config: ServerConfig;
try {
  config = readServerConfig(process.env);
} catch (error) {
  fail((error as Error).message);
}

if (!process.argv.includes('--no-build')) {
  const current = fingerprint();
  const built = existsSync('dist/server/entry.mjs') && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === current;
  if (!built) {
    console.log('Building KUBE Berdaya (first start or changed sources)…');
    const result = spawnSync('npx', ['astro', 'build'], { stdio: 'inherit' });
    if (result.status !== 0) fail('The build failed; see the messages above.');
    writeFileSync(STAMP, current);
  }
} else if (!existsSync('dist/server/entry.mjs')) {
  fail('No build found in dist/. Run `npm start` (without --no-build) or `npm run build` first.');
}

// Migrations run in a short-lived process of their own: loading drizzle from node_modules on Node 24 leaves
// over 100 MB of heap behind (it re-reads drizzle's large package.json for each of its modules), which the
// server, with drizzle bundled into its build, never needs to carry.
const migrateHere = config.DATABASE_URL.startsWith('file:') && !process.argv.includes('--no-migrate');
// A file that already has every migration needs no migrating process (most starts: about a second saved).
const upToDate = config.DATABASE_URL.startsWith('file:') && fileIsMigrated(config.DATABASE_URL.slice('file:'.length));
if (!upToDate) {
  const migrated = spawnSync(process.execPath, ['scripts/migrate.ts', ...(migrateHere ? [] : ['--check'])], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (migrated.status !== 0) {
    fail(migrateHere ? 'The database could not be migrated; see the message above.' : 'Not started; see above.');
  }
}

let server: Server;
try {
  server = await startServer({
    port: config.PORT,
    host: config.HOST,
    proxyHops: config.TRUST_PROXY ? config.TRUST_PROXY_HOPS : 0,
    // Every answer save and heartbeat through Astro's pipeline as well: for comparing the two (tests, bench).
    withoutFastPath: process.argv.includes('--no-fast-path'),
  });
} catch (error) {
  fail(`Could not start: ${(error as Error).message}`);
}
stopOnSignal(server);
reportReady();
const where = config.DATABASE_URL.startsWith('file:') ? config.DATABASE_URL : 'libSQL server';
console.log(`KUBE Berdaya is running at http://localhost:${config.PORT} (database: ${where})`);
