import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, isNotNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { attempts, capacityAssessments, certificates, people, workshops } from '../../db/schema.ts';
import { certificateCode } from '../../src/features/certificates/code.ts';
import { DEMO_KUBE_ID, loadDemo } from '../../src/features/demo/seed.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import { cookieFor } from './helpers/people.ts';
import { listEndpoints, listRoutes } from './helpers/routes.ts';
import { widestOverflow } from './helpers/overflow.ts';

// No page is wider than a cheap phone's screen: every page of every role, every lesson, the test player, the
// report with data and the workshop board with members, opened at 360 px in real Chromium. Pages are found
// by reading src/pages, so a new page is held to this without anyone adding it here.

type SignedIn = 'admin' | 'pendamping' | 'ketua' | 'bendahara' | 'anggota';
type Who = 'visitor' | SignedIn;
const SIGNED_IN: SignedIn[] = ['admin', 'pendamping', 'ketua', 'bendahara', 'anggota'];
const USERNAMES: Record<SignedIn, string> = {
  admin: 'admin.demo',
  pendamping: 'pendamping.demo',
  ketua: 'ketua.demo',
  bendahara: 'bendahara.demo',
  anggota: 'sumarni.demo',
};

let app: RunningApp;
let browser: Browser;
const tokens = {} as Record<Who, string>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp();
  const { db } = app.connection;
  // The demo: a KUBE with officers, members, tests taken and indicator records, so tables and charts are full.
  await loadDemo(db);
  const idOf = async (username: string) =>
    (await db.select({ id: people.id }).from(people).where(eq(people.username, username)))[0]?.id ?? '';
  tokens.visitor = '';
  for (const who of SIGNED_IN) {
    tokens[who] = (await cookieFor(app.connection, await idOf(USERNAMES[who]))).replace('kube_session=', '');
  }
  const workshop = await createWorkshop(
    db,
    { kubeId: DEMO_KUBE_ID, moduleSlug: 'keuangan-kube', date: '2026-12-01', place: 'Balai desa', notes: null },
    await idOf('pendamping.demo'),
  );
  const [code] = await db.select({ code: workshops.code }).from(workshops).where(eq(workshops.id, workshop.id));
  // In its materi phase, so the tablet's lessons (read without a sign-in) open too.
  await db.update(workshops).set({ phase: 'materi' }).where(eq(workshops.id, workshop.id));
  const [attempt] = await db
    .select({ id: attempts.id, moduleSlug: attempts.moduleSlug })
    .from(attempts)
    .where(isNotNull(attempts.submittedAt));
  const [assessment] = await db.select({ id: capacityAssessments.id }).from(capacityAssessments);
  // A certificate of the bendahara's, for its printable page and its public check.
  const bendahara = await idOf('bendahara.demo');
  const certificate = certificateCode(bendahara, 'hakikat-kube', 1);
  await db
    .insert(certificates)
    .values({ id: certificate, personId: bendahara, moduleSlug: 'hakikat-kube', serial: 1, earnedOn: '2026-05-02' })
    .onConflictDoNothing();
  Object.assign(ids, {
    certificate,
    workshop: workshop.id,
    code: code?.code ?? '',
    attempt: `${attempt?.moduleSlug ?? ''}/tes/hasil/${attempt?.id ?? ''}`,
    assessment: assessment?.id ?? '',
    person: await idOf('sumarni.demo'),
  });
  if (!browserMissing) browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

const LESSONS = readdirSync('content/lessons').flatMap((module) =>
  readdirSync(`content/lessons/${module}`).map((file) => `/belajar/${module}/${file.replace(/\.md$/, '')}`),
);

/** The addresses to open for a page pattern, and who opens them. */
function visits(route: string): { path: string; who: Who }[] {
  const path = route
    .replace('[modul]/tes/[jenis]', 'hakikat-kube/tes/pre')
    .replace('[modul]/tes/hasil/[attempt]', ids['attempt'] ?? '')
    .replace('[modul]', 'keuangan-kube')
    .replace('[kode]', (route.startsWith('/sertifikat') ? ids['certificate'] : ids['code']) ?? '')
    .replace('[personId]', ids['person'] ?? '')
    .replace('[assessmentId]', ids['assessment'] ?? '')
    .replace(/\[id\]/, () => {
      if (route.startsWith('/workshop')) return ids['workshop'] ?? '';
      if (route.startsWith('/admin/orang')) return ids['person'] ?? '';
      return DEMO_KUBE_ID;
    });
  const as = (...who: Who[]) => who.map((w) => ({ path, who: w }));
  if (route === '/belajar/[modul]/[pelajaran]') return LESSONS.map((lesson) => ({ path: lesson, who: 'admin' }));
  // The workshop's lessons on a tablet, money tables included: the same lessons, read by a visitor.
  if (route === '/gabung/[kode]/materi/[pelajaran]') {
    return LESSONS.filter((lesson) => lesson.startsWith('/belajar/keuangan-kube/')).map((lesson) => ({
      path: lesson.replace('/belajar/keuangan-kube', `/gabung/${ids['code'] ?? ''}/materi`),
      who: 'visitor',
    }));
  }
  if (route === '/indikator/[nomor]') {
    return [1, 2, 3].flatMap((n) => ['admin', 'pendamping'].map((w) => ({ path: `/indikator/${n}`, who: w as Who })));
  }
  if (route === '/laporan') {
    return [
      { path: `/laporan?kube=${DEMO_KUBE_ID}`, who: 'admin' },
      { path: `/laporan?modul=keuangan-kube&kube=${DEMO_KUBE_ID}`, who: 'pendamping' },
    ];
  }
  // The test player is measured below, with its first question on screen.
  if (route === '/belajar/[modul]/tes/[jenis]') return [];
  if (/^\/(403|404|500|masuk|offline|gabung)/.test(route) || route === '/mulai') return as('visitor');
  if (route === '/sertifikat' || route === '/sertifikat/[kode]') return as('visitor');
  if (route === '/sertifikat/[kode]/cetak') return as('admin', 'pendamping', 'bendahara');
  if (route.startsWith('/belajar/[modul]/tes/hasil')) return as('admin', 'bendahara');
  if (route.startsWith('/admin')) return as('admin');
  if (route === '/' || route === '/akun' || route.startsWith('/belajar')) return as(...SIGNED_IN);
  return as('admin', 'pendamping');
}

async function pageAs(who: Who, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width === 360 ? 740 : 1280 } });
  if (tokens[who] !== '') {
    await context.addCookies([{ name: 'kube_session', value: tokens[who], url: app.url }]);
  }
  return context.newPage();
}

/** Every page that is wider than the screen, with its width and its widest element. */
async function tooWide(list: { path: string; who: Who }[], width: number): Promise<string[]> {
  const found: string[] = [];
  const byWho = new Map<Who, Page>();
  for (const { path, who } of list) {
    const page = byWho.get(who) ?? (await pageAs(who, width));
    byWho.set(who, page);
    await page.goto(`${app.url}${path}`);
    const overflow = await widestOverflow(page);
    if (overflow !== null) found.push(`${path} (${who}): ${overflow}`);
  }
  for (const page of byWho.values()) await page.context().close();
  return found;
}

function everyPage(): { path: string; who: Who }[] {
  const fragments = new Set(listEndpoints().map((endpoint) => endpoint.route));
  return listRoutes()
    .filter((route) => !fragments.has(route))
    .flatMap(visits);
}

describe.skipIf(browserMissing)('every page fits a phone', () => {
  it('opens every page of every role at 360×740 and none is wider than the screen', async () => {
    const list = everyPage();
    expect(list.map((visit) => visit.path)).toContain('/belajar/keuangan-kube/01-buku-kas');
    // The admin's item statistics, on the demo's keuangan-kube tests (a stacked table).
    expect(list).toContainEqual({ path: '/admin/soal/keuangan-kube', who: 'admin' });
    expect(await tooWide(list, 360)).toEqual([]);
  }, 240_000);

  it('shows the test player with a question at 360×740 within the screen', async () => {
    const page = await pageAs('anggota', 360);
    await page.goto(`${app.url}/belajar/hakikat-kube/tes/pre`);
    await page.getByRole('button', { name: 'Mulai Pre-test' }).click();
    await page.getByRole('radiogroup').waitFor();
    expect(await widestOverflow(page)).toBeNull();
    await page.context().close();
  });

  it('keeps the main pages within an 800×1280 tablet too', async () => {
    const main = everyPage().filter(({ path }) => !path.startsWith('/belajar/') || !/\/\d\d-/.test(path));
    expect(await tooWide(main, 800)).toEqual([]);
  }, 240_000);
});

describe.skipIf(browserMissing)('tables, charts and the header on a phone', () => {
  it('right-aligns the money columns of the cash-book lesson by a class, not by a style the CSP blocks', async () => {
    const page = await pageAs('admin', 360);
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') blocked.push(message.text());
    });
    await page.goto(`${app.url}/belajar/keuangan-kube/01-buku-kas`);
    const money = page.getByRole('cell', { name: '350.000', exact: true }).first();
    await expect(money.evaluate((cell) => getComputedStyle(cell).textAlign)).resolves.toBe('right');
    await expect(money.getAttribute('style')).resolves.toBeNull();
    expect(blocked.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
    await page.context().close();
  });

  for (const width of [360, 800]) {
    it(`shows that a wide table scrolls and keeps its key column in view at ${width} px`, async () => {
      const page = await pageAs('admin', width);
      await page.goto(`${app.url}/belajar/keuangan-kube/03-simpan-pinjam`);
      const box = page.locator('.table-wrap').filter({ hasText: 'Mas Anto' }).first();
      const hint = box.locator('.table-wrap__hint [lang="id"]');
      const scrolls = await box.evaluate((element) => element.scrollWidth > element.clientWidth);
      // The hint is there exactly when the table is wider than its box.
      await expect(hint.isVisible()).resolves.toBe(scrolls);
      if (scrolls) {
        const first = box.locator('tbody tr').first().locator('td').first();
        const before = await first.boundingBox();
        await box.evaluate((element) => {
          element.scrollBy({ left: 200 });
        });
        expect((await first.boundingBox())?.x).toBe(before?.x);
      }
      await page.context().close();
    });

    it(`stacks the test history into cards with every figure on screen at ${width} px`, async () => {
      const page = await pageAs('ketua', width);
      await page.goto(`${app.url}/belajar/riwayat`);
      const link = page.getByRole('link', { name: 'Lihat' }).first();
      const box = await link.boundingBox();
      expect((box?.x ?? width) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
      await page.context().close();
    });

    it(`shows each capacity dimension's change on screen at ${width} px`, async () => {
      const page = await pageAs('admin', width);
      await page.goto(`${app.url}/kube/${DEMO_KUBE_ID}/kapasitas`);
      const change = await page.locator('.capacity-change').first().boundingBox();
      expect((change?.x ?? width) + (change?.width ?? 0)).toBeLessThanOrEqual(width);
      await page.context().close();
    });

    it(`draws the indicator trends and the report charts tall enough to read at ${width} px`, async () => {
      const page = await pageAs('admin', width);
      const heights = async () =>
        page.locator('canvas[data-drawn]').evaluateAll((canvases) => canvases.map((c) => c.clientHeight));
      await page.goto(`${app.url}/indikator`);
      await page.locator('canvas[data-drawn]').first().waitFor();
      for (const height of await heights()) expect(height).toBeGreaterThanOrEqual(200);
      await page.goto(`${app.url}/laporan?modul=keuangan-kube&kube=${DEMO_KUBE_ID}`);
      await page.locator('canvas[data-drawn]').first().waitFor();
      for (const height of await heights()) expect(height).toBeGreaterThanOrEqual(250);
      await page.context().close();
    });

    it(`keeps the header to one row with its menu opened by keyboard at ${width} px`, async () => {
      const page = await pageAs('admin', width);
      await page.goto(`${app.url}/`);
      const header = await page.locator('.site-header').boundingBox();
      expect(header?.height ?? 999).toBeLessThanOrEqual(80);
      // Behind one button below a wide screen; the button is a <details> summary, so Enter opens it.
      const people = page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Orang' });
      await expect(people.isVisible()).resolves.toBe(false);
      await page.locator('.site-menu__button').focus();
      await page.keyboard.press('Enter');
      await expect(people.isVisible()).resolves.toBe(true);
      await people.click();
      await page.waitForURL(`${app.url}/admin/orang`);
      await page.context().close();
    });
  }
});
