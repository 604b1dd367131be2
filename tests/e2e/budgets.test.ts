import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliCompressSync } from 'node:zlib';
import { eq, isNotNull } from 'drizzle-orm';
import { attempts, capacityAssessments, certificates, people, workshops } from '../../db/schema.ts';
import { certificateCode } from '../../src/features/certificates/code.ts';
import { measurePage, type Weight } from '../../scripts/page-weight.ts';
import { createSession } from '../../src/features/auth/session.ts';
import { DEMO_KUBE_ID, loadDemo } from '../../src/features/demo/seed.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { addPerson, cookieFor, waivePreTest } from './helpers/people.ts';
import { listEndpoints, listRoutes } from './helpers/routes.ts';

// Weight budgets on a first visit, compressed as a tablet downloads it (the numbers). Every page is
// found by reading src/pages, so a new page is held to the budgets without anyone adding it here.
const PAGE_BUDGET = 100 * 1024;
const REQUEST_BUDGET = 10;
const LESSON_BUDGET = 30 * 1024;
const TEST_PLAYER_JS_BUDGET = 80 * 1024;

let app: RunningApp;
const cookies: Record<'visitor' | 'member' | 'tablet' | 'pendamping' | 'admin', string> = {
  visitor: '',
  tablet: '',
  member: '',
  pendamping: '',
  admin: '',
};
const ids: Record<string, string> = {};
const TABLET_ATTEMPT = '5d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d';

beforeAll(async () => {
  app = await startApp();
  const { db } = app.connection;
  // The demo: a KUBE with officers, a facilitator, tests taken and indicator facts, so the report and the
  // indicator pages carry their charts and tables, as they will in use.
  await loadDemo(db);
  const idOf = async (username: string) =>
    (await db.select({ id: people.id }).from(people).where(eq(people.username, username)))[0]?.id ?? '';
  cookies.admin = await cookieFor(app.connection, await idOf('admin.demo'));
  cookies.pendamping = await cookieFor(app.connection, await idOf('pendamping.demo'));
  const member = await addPerson(app.connection, 'anggota', 'budget.anggota', '2468', DEMO_KUBE_ID);
  cookies.member = await cookieFor(app.connection, member.id);
  await waivePreTest(app.connection, member.id, 'usaha-produk');
  // An open pre-test, so the test page shows the player (React included).
  const started = await fetch(`${app.url}/belajar/hakikat-kube/tes/pre?_action=assessment.start`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: app.origin, cookie: cookies.member, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ attemptId: crypto.randomUUID(), moduleSlug: 'hakikat-kube', kind: 'pre' }),
  });
  expect(started.status).toBeLessThan(400);
  const workshop = await createWorkshop(
    db,
    { kubeId: DEMO_KUBE_ID, moduleSlug: 'usaha-produk', date: '2026-12-01', place: 'Balai desa', notes: null },
    await idOf('pendamping.demo'),
  );
  const [code] = await db.select({ code: workshops.code }).from(workshops).where(eq(workshops.id, workshop.id));
  // In its materi phase, so the tablet's lessons (read without a sign-in) open too.
  await db.update(workshops).set({ phase: 'materi' }).where(eq(workshops.id, workshop.id));
  // The thank-you page ends a session made by joining a workshop on a tablet.
  const tablet = await createSession(db, member.id, 'tablet', new Date(), workshop.id);
  cookies.tablet = `kube_session=${tablet.token}`;
  // Her post-test, handed in on that tablet: its result screen is the tablet's last page before the hand-over.
  await db.insert(attempts).values({
    id: TABLET_ATTEMPT,
    personId: member.id,
    moduleSlug: 'usaha-produk',
    kind: 'post',
    items: [],
    answerKey: {},
    startedAt: new Date(),
    submittedAt: new Date(),
    score: 50,
    correct: 0,
    total: 0,
    byObjective: {},
  });
  const [attempt] = await db
    .select({ id: attempts.id, moduleSlug: attempts.moduleSlug })
    .from(attempts)
    .where(isNotNull(attempts.submittedAt));
  const [assessment] = await db.select({ id: capacityAssessments.id }).from(capacityAssessments);
  Object.assign(ids, {
    workshop: workshop.id,
    code: code?.code ?? '',
    attempt: `${attempt?.moduleSlug ?? ''}/tes/hasil/${attempt?.id ?? ''}`,
    assessment: assessment?.id ?? '',
    person: await idOf('sumarni.demo'),
    treasurer: await idOf('bendahara.demo'),
    certificate: certificateCode(member.id, 'hakikat-kube', 1),
  });
  // A certificate of the member's, for its printable page and its public check.
  await db.insert(certificates).values({
    id: ids['certificate'] ?? '',
    personId: member.id,
    moduleSlug: 'hakikat-kube',
    serial: 1,
    earnedOn: '2026-05-02',
  });
}, 60_000);
afterAll(async () => {
  await app.stop();
});

/** The URL, the person who opens it, and the answer it gives, for each page pattern. */
function visit(route: string): { path: string; who: keyof typeof cookies; status: number } {
  const path = route
    .replace('[modul]/[pelajaran]', 'usaha-produk/01-memilih-usaha')
    .replace('materi/[pelajaran]', 'materi/01-memilih-usaha')
    .replace('[modul]/tes/[jenis]', 'hakikat-kube/tes/pre')
    .replace('[modul]/tes/hasil/[attempt]', ids['attempt'] ?? '')
    .replace('[modul]', 'usaha-produk')
    .replace('[kode]', (route.startsWith('/sertifikat') ? ids['certificate'] : ids['code']) ?? '')
    .replace('[personId]/praktik/[tugas]', `${ids['treasurer'] ?? ''}/praktik/buku-kas-sebulan`)
    .replace('[personId]', ids['person'] ?? '')
    .replace('[assessmentId]', ids['assessment'] ?? '')
    .replace('[nomor]', '1')
    .replace(/\[id\]/, () => {
      if (route.startsWith('/workshop')) return ids['workshop'] ?? '';
      if (route.startsWith('/admin/orang')) return ids['person'] ?? '';
      return DEMO_KUBE_ID;
    });
  if (/^\/(403|404|500)$/.test(route)) return { path, who: 'visitor', status: Number(route.slice(1)) };
  if (route === '/gabung/selesai') return { path, who: 'tablet', status: 200 };
  if (route === '/gabung/hasil/[attempt]')
    return { path: `/gabung/hasil/${TABLET_ATTEMPT}`, who: 'tablet', status: 200 };
  if (/^\/(masuk|mulai|offline|gabung)/.test(route)) return { path, who: 'visitor', status: 200 };
  if (route === '/sertifikat' || route === '/sertifikat/[kode]') return { path, who: 'visitor', status: 200 };
  if (route === '/sertifikat/[kode]/cetak') return { path, who: 'member', status: 200 };
  if (route.startsWith('/belajar/[modul]/tes/hasil') || route.startsWith('/admin')) {
    return { path, who: 'admin', status: 200 };
  }
  if (route === '/' || route === '/akun' || route.startsWith('/belajar')) return { path, who: 'member', status: 200 };
  return { path, who: 'pendamping', status: 200 };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** Inline scripts are part of the HTML's bytes; this is what they would weigh on their own. */
const inlineJs = (weight: Weight) => brotliCompressSync(weight.inlineScripts.join('\n')).length;

describe('weight budgets on a first visit (compressed)', () => {
  it(`keeps every page at or under ${kb(PAGE_BUDGET)} in ${REQUEST_BUDGET} requests`, async () => {
    const fragments = new Set(listEndpoints().map((endpoint) => endpoint.route));
    const pages = listRoutes().filter((route) => !fragments.has(route));
    expect(pages).toContain('/indikator');
    // The first-run page exists only until the first admin does: measure it on a fresh install below.
    const over: string[] = [];
    for (const route of pages.filter((page) => page !== '/mulai')) {
      const { path, who, status } = visit(route);
      let weight: Weight;
      try {
        weight = await measurePage(app.url, path, cookies[who], status);
      } catch (error) {
        over.push(`${route} (${who}): ${(error as Error).message}`);
        continue;
      }
      if (weight.total > PAGE_BUDGET) over.push(`${route} (${who}): ${kb(weight.total)} > ${kb(PAGE_BUDGET)}`);
      if (weight.requests > REQUEST_BUDGET) {
        over.push(`${route} (${who}): ${weight.requests} requests > ${REQUEST_BUDGET}`);
      }
    }
    expect(over).toEqual([]);
  });

  it(`keeps every lesson page at or under ${kb(LESSON_BUDGET)} with no script but the read-aloud enhancement`, async () => {
    const over: string[] = [];
    // Staff may open every module, so every lesson is measured.
    for (const module of readdirSync('content/lessons')) {
      for (const file of readdirSync(`content/lessons/${module}`)) {
        const path = `/belajar/${module}/${file.replace(/\.md$/, '')}`;
        const weight = await measurePage(app.url, path, cookies.admin);
        if (weight.total > LESSON_BUDGET) over.push(`${path}: ${kb(weight.total)} > ${kb(LESSON_BUDGET)}`);
        if (weight.requests > REQUEST_BUDGET) over.push(`${path}: ${weight.requests} requests`);
        // The one script a lesson ships is features/learning/client/learning.ts (read-aloud, offline notice),
        // inline.
        if (weight.js > 0) over.push(`${path}: ${kb(weight.js)} of script files (${weight.scriptFiles.join(', ')})`);
        const others = weight.inlineScripts.filter((script) => !script.includes('speechSynthesis'));
        if (others.length > 0 || weight.inlineScripts.length !== 1) {
          over.push(
            `${path}: ${weight.inlineScripts.length} inline scripts, ${kb(inlineJs(weight))}; only read-aloud allowed`,
          );
        }
      }
    }
    expect(over).toEqual([]);
  });

  it(`ships the test player in at most ${kb(TEST_PLAYER_JS_BUDGET)} of JavaScript, React included`, async () => {
    const weight = await measurePage(app.url, '/belajar/hakikat-kube/tes/pre', cookies.member);
    // The player is there (a React island), so the figure is about something.
    expect(weight.scriptFiles.some((file) => file.includes('TestPlayer'))).toBe(true);
    const js = weight.js + inlineJs(weight);
    expect(js, `test player: ${kb(js)} of JavaScript > ${kb(TEST_PLAYER_JS_BUDGET)}`).toBeLessThanOrEqual(
      TEST_PLAYER_JS_BUDGET,
    );
  });
});

describe('the first-run page', () => {
  it(`weighs at most ${kb(PAGE_BUDGET)} in ${REQUEST_BUDGET} requests on a fresh install`, async () => {
    const fresh = await startApp();
    try {
      const weight = await measurePage(fresh.url, '/mulai', '');
      expect(weight.total, `/mulai: ${kb(weight.total)}`).toBeLessThanOrEqual(PAGE_BUDGET);
      expect(weight.requests, `/mulai: ${weight.requests} requests`).toBeLessThanOrEqual(REQUEST_BUDGET);
    } finally {
      await fresh.stop();
    }
  });
});
