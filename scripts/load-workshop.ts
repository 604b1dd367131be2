// `npm run bench:workshop`: 60 tablets join one workshop with their PINs and hand in a 15-question pre-test
// at the same moment, against the built server on loopback. Prints p50/p95 latency per step, the errors
// (must be 0) and the answers stored against the answers sent (must be equal).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { attempts, kubes, memberships, people, workshops } from '../db/schema.ts';
import { hashSecret } from '../src/features/auth/password.ts';
import { generateCode } from '../src/features/workshop/rules.ts';
import { startServerProcess } from './server-process.ts';

const TABLETS = 60;
const dir = mkdtempSync(join(tmpdir(), 'kube-load-'));
const url = `file:${join(dir, 'load.db')}`;
const base = 'http://127.0.0.1:4391';

const { client, db } = await openDatabase({ url });
await migrateDatabase(db);
const pinHash = await hashSecret('2468');
await db
  .insert(kubes)
  .values({ id: 'loadkube1', name: 'KUBE Uji Beban', desa: 'X', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' });
await db.insert(people).values([
  { id: 'loadadmin1', name: 'Admin', username: 'load.admin', role: 'admin', passwordHash: pinHash },
  ...Array.from({ length: TABLETS }, (_, i) => ({
    id: `loadmember${i}`,
    name: `Anggota ${String(i).padStart(2, '0')}`,
    username: `load.${i}`,
    role: 'anggota' as const,
    pinHash,
  })),
]);
await db.insert(memberships).values(
  Array.from({ length: TABLETS }, (_, i) => ({
    id: `loadms${i}`,
    kubeId: 'loadkube1',
    personId: `loadmember${i}`,
    joinedOn: '2024-01-01',
  })),
);
const workshop = { id: 'loadworkshop1', code: generateCode() };
await db.insert(workshops).values({
  ...workshop,
  kubeId: 'loadkube1',
  moduleSlug: 'hakikat-kube',
  date: '2026-12-01',
  place: 'Balai desa',
  phase: 'pre_test',
});

const { stop } = await startServerProcess({ DATABASE_URL: url, PORT: '4391' }, { build: false });
const timings: Record<string, number[]> = { join: [], start: [], submit: [] };
let errors = 0;
let sent = 0;

async function timed(step: string, request: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const response = await request();
  timings[step]?.push(performance.now() - started);
  if (response.status >= 400) errors += 1;
  return response;
}

async function tablet(i: number) {
  const form = (body: Record<string, string>, cookie = '') => ({
    method: 'POST',
    redirect: 'manual' as const,
    headers: { origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  });
  const joined = await timed('join', () =>
    fetch(
      `${base}/gabung/${workshop.code}/loadmember${i}?_action=workshop.join`,
      form({ code: workshop.code, personId: `loadmember${i}`, pin: '2468' }),
    ),
  );
  const cookie = /kube_session=[^;]+/.exec(joined.headers.getSetCookie().join(';'))?.[0] ?? '';
  const attemptId = crypto.randomUUID();
  await timed('start', () =>
    fetch(
      `${base}/belajar/hakikat-kube/tes/pre?_action=assessment.start`,
      form({ attemptId, moduleSlug: 'hakikat-kube', kind: 'pre' }, cookie),
    ),
  );
  const [attempt] = await db.select().from(attempts).where(eq(attempts.id, attemptId));
  const answers = (attempt?.items ?? []).map((item, n) => ({
    questionId: item.questionId,
    optionId: item.optionOrder[n % item.optionOrder.length] ?? '',
    answeredAt: new Date().toISOString(),
  }));
  sent += answers.length;
  await timed('submit', () =>
    fetch(`${base}/_actions/assessment.submit`, {
      method: 'POST',
      headers: { origin: base, cookie, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ attemptId, answers }),
    }),
  );
}

try {
  const started = performance.now();
  await Promise.all(Array.from({ length: TABLETS }, (_, i) => tablet(i)));
  const seconds = (performance.now() - started) / 1000;
  const count = async (sql: string) => Number((await client.execute(sql)).rows[0]?.['n'] ?? 0);
  const stored = await count('SELECT count(*) AS n FROM attempt_answers');
  const submitted = await count('SELECT count(*) AS n FROM attempts WHERE submitted_at IS NOT NULL');
  const pct = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  };
  console.log(
    `\n${TABLETS} tablets, one workshop, a 15-question pre-test each, all at once (${seconds.toFixed(1)} s):\n`,
  );
  console.log('| step   | requests | p50 ms | p95 ms |');
  console.log('|--------|----------|--------|--------|');
  for (const [step, values] of Object.entries(timings)) {
    console.log(
      `| ${step.padEnd(6)} | ${String(values.length).padStart(8)} | ${pct(values, 50).toFixed(0).padStart(6)} | ${pct(values, 95).toFixed(0).padStart(6)} |`,
    );
  }
  console.log(
    `\nerrors: ${errors}; attempts submitted: ${submitted}; answers sent: ${sent}; answers stored: ${stored}`,
  );
  if (errors > 0 || stored !== sent) process.exitCode = 1;
} finally {
  stop();
  client.close();
  rmSync(dir, { recursive: true, force: true });
}
