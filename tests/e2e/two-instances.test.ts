import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts, memberships, people } from '../../db/schema.ts';
import { hashSecret } from '../../src/features/auth/password.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson, testPersonId } from './helpers/people.ts';
import { roundRobin, UPSTREAM_HEADER, type RoundRobin } from './helpers/round-robin.ts';

// Two server processes on one database file behind one address (a round-robin proxy): what the README
// promises for several instances, shown on this machine. Nothing lives in a process but its write queue,
// so sessions, boards, rate limits and answers must all hold across the two.

const KUBE = 'kubetwoinstances';
const PIN = '2468';
const TABLETS = 60;
const MODULE = 'hakikat-kube';

let a: RunningApp;
let b: RunningApp;
let proxy: RoundRobin;
let browser: Browser;
let workshop: { id: string; code: string };

beforeAll(async () => {
  a = await startApp();
  // The second instance, started as after the release step: it only checks that the file is migrated.
  b = await startApp({}, { databaseUrl: a.databaseUrl, noMigrate: true });
  proxy = await roundRobin([a.url, b.url]);
  await addKube(a.connection, KUBE, 'Maju Bersama Dua Server');
  await addPerson(a.connection, 'admin', 'ti.admin', 'Admin-Dua-Server-2026');
  const facilitator = await addPerson(a.connection, 'pendamping', 'ti.rina', 'Pendamping-Dua-2026', KUBE);
  await addPerson(a.connection, 'anggota', 'ti.ani', PIN, KUBE);
  const pinHash = await hashSecret(PIN);
  const tablets = Array.from({ length: TABLETS }, (_, i) => `tmember${i}`);
  await a.connection.db.insert(people).values(
    tablets.map((id, i) => ({
      id,
      name: `Anggota ${String(i).padStart(2, '0')}`,
      username: `ti.${i}`,
      role: 'anggota' as const,
      pinHash,
    })),
  );
  await a.connection.db
    .insert(memberships)
    .values(tablets.map((personId) => ({ id: `${personId}m`, kubeId: KUBE, personId, joinedOn: '2024-01-01' })));
  workshop = await createWorkshop(
    a.connection.db,
    { kubeId: KUBE, moduleSlug: MODULE, date: '2026-12-01', place: 'Balai desa', notes: null },
    facilitator.id,
  );
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await proxy.close();
  await b.stop();
  await a.stop();
});

/** A form post or a JSON action call to `base` (the proxy, or one server), as a tablet sends it. */
function send(base: string, path: string, cookie: string, body: Record<string, unknown>, json = false) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: base,
      cookie,
      ...(json
        ? { 'content-type': 'application/json', accept: 'application/json' }
        : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    body: json ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>),
  });
}

/** Joins the workshop with a PIN and starts the pre-test: the session cookie, the attempt and its questions. */
async function joinAndStart(base: string, personId: string) {
  const path = `/gabung/${workshop.code}/${personId}?_action=workshop.join`;
  const joined = await send(base, path, '', { code: workshop.code, personId, pin: PIN });
  const cookie = /kube_session=[^;]+/.exec(joined.headers.getSetCookie().join(';'))?.[0] ?? '';
  const attemptId = crypto.randomUUID();
  const started = await send(base, `/belajar/${MODULE}/tes/pre?_action=assessment.start`, cookie, {
    attemptId,
    moduleSlug: MODULE,
    kind: 'pre',
  });
  const [attempt] = await a.connection.db.select().from(attempts).where(eq(attempts.id, attemptId));
  const answers = (attempt?.items ?? []).map((item, n) => ({
    questionId: item.questionId,
    optionId: item.optionOrder[n % item.optionOrder.length] ?? '',
    answeredAt: new Date().toISOString(),
  }));
  return { cookie, attemptId, answers, statuses: [joined.status, started.status] };
}

const count = async (sql: string) => Number((await a.connection.client.execute(sql)).rows[0]?.['n']);

describe.skipIf(browserMissing)('two server processes on one database file', () => {
  it('keeps a member signed in whichever server answers', async () => {
    const context = await browser.newContext();
    const page = await signedInPage(context, proxy.url, 'ti.ani', PIN);
    const answeredBy = new Set<string>();
    for (let load = 0; load < 12 && answeredBy.size < 2; load++) {
      const response = await page.goto(`${proxy.url}/belajar`);
      expect(page.url()).toBe(`${proxy.url}/belajar`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      answeredBy.add(response?.headers()[UPSTREAM_HEADER] ?? '?');
      // A page and its assets may take an even number of turns: let the next page fall to the other server.
      proxy.skip();
    }
    // Signed in through one, the member's pages came from both, none sending her back to /masuk.
    expect([...answeredBy].sort()).toEqual(['0', '1']);
    await context.close();
  });

  it('shows on a board opened on one server the answers saved through the other', async () => {
    const context = await browser.newContext();
    const board = await signedInPage(context, a.url, 'ti.rina', 'Pendamping-Dua-2026');
    await board.goto(`${a.url}/workshop/${workshop.id}`);
    const row = board.getByRole('row', { name: /ti\.ani/ });
    await row.getByText('Belum hadir').waitFor();
    const ani = await joinAndStart(b.url, testPersonId('ti.ani'));
    expect(ani.statuses).toEqual([302, 302]);
    const saved = await send(
      b.url,
      '/_actions/assessment.saveAnswers',
      ani.cookie,
      { attemptId: ani.attemptId, answers: ani.answers.slice(0, 3) },
      true,
    );
    expect(saved.status).toBe(200);
    // The live board (refreshed every 3 s by server A) follows what server B stored (the state and the
    // pre-test column both say it).
    await row.getByText(`(3/${ani.answers.length})`).first().waitFor({ timeout: 15_000 });
    await context.close();
  });
});

describe('two server processes on one database file, over HTTP', () => {
  it('counts sign-in failures on both servers towards one limit', async () => {
    const from = proxy.served.length;
    const signIn = (secret: string) =>
      send(proxy.url, '/masuk?_action=auth.signIn', '', { username: 'ti.admin', secret });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn(`salah-${i}`)).status);
    // One server alone would allow five free failures and more: split over two, they still add up to one count.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(new Set(proxy.served.slice(from).map((request) => request.upstream))).toEqual(new Set([0, 1]));
    const pair = await a.connection.client.execute(
      `SELECT failures FROM rate_limits WHERE key LIKE 'pair:person:${testPersonId('ti.admin')}|%'`,
    );
    expect(pair.rows.map((row) => Number(row['failures']))).toEqual([6]);
    // The right password is refused for now by either server (two tries, one each).
    for (let i = 0; i < 2; i++) expect((await signIn('Admin-Dua-Server-2026')).status).toBe(429);
  });

  it(`stores every answer of ${TABLETS} tablets split across both servers`, async () => {
    const from = proxy.served.length;
    const statuses: number[] = [];
    let sent = 0;
    await Promise.all(
      Array.from({ length: TABLETS }, async (_, i) => {
        const tablet = await joinAndStart(proxy.url, `tmember${i}`);
        statuses.push(...tablet.statuses);
        const { cookie, attemptId, answers } = tablet;
        sent += answers.length;
        // The player saves in the background as the member answers, reports to the board, then hands in.
        for (let n = 0; n < answers.length; n += 5) {
          const batch = { attemptId, answers: answers.slice(n, n + 5) };
          statuses.push((await send(proxy.url, '/_actions/assessment.saveAnswers', cookie, batch, true)).status);
        }
        const held = { held: [{ attemptId, unsent: 0, submitPending: false }] };
        statuses.push((await send(proxy.url, '/_actions/workshop.report', cookie, held, true)).status);
        statuses.push(
          (await send(proxy.url, '/_actions/assessment.submit', cookie, { attemptId, answers }, true)).status,
        );
      }),
    );
    expect(statuses.filter((status) => status >= 400)).toEqual([]);
    const tablets = "SELECT id FROM attempts WHERE person_id LIKE 'tmember%'";
    expect(await count(`SELECT count(*) AS n FROM attempt_answers WHERE attempt_id IN (${tablets})`)).toBe(sent);
    expect(sent).toBeGreaterThanOrEqual(TABLETS * 10);
    expect(await count(`SELECT count(*) AS n FROM (${tablets} AND submitted_at IS NOT NULL)`)).toBe(TABLETS);
    const byServer = [0, 1].map((upstream) => proxy.served.slice(from).filter((r) => r.upstream === upstream).length);
    expect(Math.min(...byServer)).toBeGreaterThan(TABLETS * 2);
    // Each process queues its own writers; across the two, SQLite's busy timeout made them wait, never fail.
    expect(a.logs() + b.logs()).not.toMatch(/SQLITE_BUSY|database is locked/i);
  });
});
