// `npm run bench:district` (scripts/bench-district.ts loads it after the feature-import hook): a throw-away
// district of 1,000 KUBEs, 15,000 people and 300,000 submitted attempts (scripts/bench/district-seed.ts),
// the built server on it, and every admin, facilitator and officer page timed (p50/p95), with the database's size.
// `--quick` builds a tenth of it and times each page fewer times, for trying the script itself. `--keep` leaves
// the district's file behind and prints where it is with the two sign-in cookies, for a profile of one page;
// `--pages=WORDS` times only the pages whose name contains one of the comma-separated words.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/client.ts';
import { cookieFor, districtPages, percentileOf, timePage, type PageTiming } from './bench/district-pages.ts';
import { FULL_DISTRICT, seedDistrict } from './bench/district-seed.ts';
import { startServerProcess } from './server-process.ts';

const quick = process.argv.includes('--quick');
const keep = process.argv.includes('--keep');
const only = process.argv
  .find((arg) => arg.startsWith('--pages='))
  ?.slice('--pages='.length)
  .split(',')
  .filter(Boolean);
const scale = quick ? { kubes: 100, perKube: 15, modules: 10 } : FULL_DISTRICT;
const RUNS = quick ? 5 : 15;
const PORT = 4395;
/** The issue's aim for the indicator dashboard and the gain report over the whole program. */
const AIM_MS = 1000;
const base = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'kube-bench-district-'));
const file = join(dir, 'district.db');
const url = `file:${file}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sizeMb = (path: string) => {
  try {
    return statSync(path).size / 1e6;
  } catch {
    return 0;
  }
};

try {
  console.log(`Building the district (${scale.kubes} KUBEs of ${scale.perKube}, ${scale.modules} modules each)…`);
  const connection = await openDatabase({ url });
  const district = await seedDistrict(connection, scale, (line) => {
    console.log(`  ${line}`);
  });
  await connection.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  connection.client.close();
  const { counts } = district;
  console.log(
    `  ${counts.kubes.toLocaleString('en')} KUBEs, ${counts.people.toLocaleString('en')} people, ` +
      `${counts.attempts.toLocaleString('en')} attempts, ${counts.answers.toLocaleString('en')} answers ` +
      `(built in ${seconds(district.seedMs)})`,
  );

  console.log('Starting the server (building first if the sources changed)…');
  const { stop } = await startServerProcess({ DATABASE_URL: url, PORT: String(PORT) });
  const timings: PageTiming[] = [];
  try {
    for (const page of districtPages(district)) {
      if (only && !only.some((word) => page.name.includes(word))) continue;
      const cookie = cookieFor(district, page.who);
      timings.push(await timePage(base, page, cookie, RUNS));
    }
  } finally {
    stop();
  }

  const rows = (scale.kubes * scale.perKube).toLocaleString('en');
  console.log(
    `\nImport of ${rows} rows (read, plan, hash the new secrets, one transaction): ${seconds(district.importMs)}`,
  );
  console.log(`Database on disk: ${(sizeMb(file) + sizeMb(`${file}-wal`)).toFixed(0)} MB\n`);
  console.log(`| page | as | status | KB | p50 ms | p95 ms |`);
  console.log(`| ---- | -- | -----: | -: | -----: | -----: |`);
  for (const { page, status, bytes, times } of timings) {
    const p50 = percentileOf(times, 50);
    const p95 = percentileOf(times, 95);
    console.log(
      `| ${page.name} | ${page.who} | ${status} | ${(bytes / 1024).toFixed(1)} | ${p50.toFixed(0)} | ${p95.toFixed(0)} |`,
    );
  }
  const aimed = timings.filter((t) => ['indicator dashboard', 'gain report, whole program'].includes(t.page.name));
  console.log('');
  for (const t of aimed) {
    const p50 = percentileOf(t.times, 50);
    console.log(
      `${t.page.name}: p50 ${p50.toFixed(0)} ms — ${p50 < AIM_MS ? 'within' : 'MISSES'} the ${AIM_MS} ms aim`,
    );
  }
  const failed = timings.filter((t) => t.status !== 200);
  if (failed.length > 0) {
    console.error(
      `\n${failed.length} page(s) did not answer 200: ${failed.map((t) => `${t.page.name} ${t.status}`).join(', ')}`,
    );
    process.exitCode = 1;
  }
  if (keep) {
    console.log(`\nKept: DATABASE_URL=${url}`);
    console.log(`  admin cookie: ${district.cookies.admin}\n  facilitator cookie: ${district.cookies.facilitator}`);
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
