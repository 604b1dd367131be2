import { describe, expect, it } from 'vitest';
import { attemptAnswers, attempts, facilitatorAssignments, workshopAttendance, workshops } from '../../db/schema.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { todayIso } from '../../src/lib/dates.ts';
import { eq } from 'drizzle-orm';
import { browserMissing, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';
import { SIZES } from './helpers/sizes.ts';
import { shot, submittedAttempt, useAppAndBrowser } from './helpers/suite.ts';

// The facilitator's day on a phone and on a tablet: her workshops on the home page, a live board that puts
// trouble first, and a per-person page that offers only the allowances that fit.

let workshopId = '';
const seconds = (n: number) => new Date(Date.now() - n * 1000);

const suite = useAppAndBrowser(async (app) => {
  const { db } = app.connection;
  // An admin exists, so the app is past its first run.
  await addPerson(app.connection, 'admin', 'fd.admin', 'Admin-Hari-2024');
  await addKube(app.connection, 'kubefacila', 'Maju Bersama 1');
  await addKube(app.connection, 'kubefacilb', 'Sejahtera 2');
  const rina = await addPerson(app.connection, 'pendamping', 'fd.rina', 'Pendamping-Hari-2024', 'kubefacila');
  await db.insert(facilitatorAssignments).values({ kubeId: 'kubefacilb', personId: rina.id });
  const bakri = await addPerson(app.connection, 'anggota', 'fd.bakri', '8642', 'kubefacila');
  await addPerson(app.connection, 'anggota', 'fd.sumarni', '2468', 'kubefacila');
  await addPerson(app.connection, 'anggota', 'fd.ani', '1357', 'kubefacila');
  await addPerson(app.connection, 'pengurus', 'fd.dewi', 'Ketua-Hari-2024', 'kubefacila');
  const workshop = await createWorkshop(
    db,
    { kubeId: 'kubefacila', moduleSlug: 'usaha-produk', date: todayIso(), place: 'Balai desa', notes: null },
    rina.id,
  );
  workshopId = workshop.id;
  // Bakri joined and opened the pre-test; his tablet dropped seconds later, before its first report. Only
  // the attempt and his first two answers reached the server.
  await db.insert(workshopAttendance).values({ workshopId, personId: bakri.id, method: 'pin', joinedAt: seconds(300) });
  const attemptId = '5f0c2b8e-6d1a-4a7e-9b3c-1e2d3f4a5b60';
  await db.insert(attempts).values({
    id: attemptId,
    personId: bakri.id,
    moduleSlug: 'usaha-produk',
    kind: 'pre',
    items: [],
    answerKey: {},
    startedAt: seconds(120),
    total: 8,
  });
  await db.insert(attemptAnswers).values(
    ['q1', 'q2'].map((questionId) => ({
      attemptId,
      questionId,
      optionId: 'a',
      answeredAt: seconds(110),
      receivedAt: seconds(110),
    })),
  );
  // Sumarni handed in her pre-test of the first module; Ani has taken nothing yet.
  await db.insert(attempts).values(
    submittedAttempt({
      id: '5f0c2b8e-6d1a-4a7e-9b3c-1e2d3f4a5b61',
      personId: 'tfdsumarni',
      moduleSlug: 'hakikat-kube',
      kind: 'pre',
      startedAt: seconds(4000),
      submittedAt: seconds(3600),
      score: 40,
    }),
  );
});

/** Vertical gap between two boxes, or horizontal when they share a line. */
function gapBetween(a: { x: number; y: number; width: number; height: number }, b: typeof a): number {
  const vertical = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height));
  const horizontal = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
  return Math.max(vertical, horizontal);
}

describe.skipIf(browserMissing).each(SIZES)('the facilitator’s day at $name size', ({ name, viewport }) => {
  it('shows today’s workshop on the home page, one tap away, and “Buat workshop” with a choice of KUBE', async () => {
    const page = await signedInPage(
      await suite.browser.newContext({ viewport }),
      suite.app.url,
      'fd.rina',
      'Pendamping-Hari-2024',
    );
    const mine = page.getByRole('region', { name: 'Workshop Anda' });
    const today = mine.getByRole('link', { name: /Usaha/ });
    await expect(today.textContent()).resolves.toMatch(/Hari ini · Pre-test.*KUBE Maju Bersama 1 · Balai desa/);
    const box = await today.boundingBox();
    expect(box && box.x + box.width <= viewport.width).toBe(true);
    await shot(page, `home-${name}`);
    await today.click();
    await page.waitForURL(`${suite.app.url}/workshop/${workshopId}`);

    await page.goto(`${suite.app.url}/`);
    await mine.getByRole('link', { name: 'Buat workshop' }).click();
    await page.waitForURL(`${suite.app.url}/workshop/baru`);
    await page.getByLabel('KUBE').selectOption('kubefacilb');
    await page.getByLabel('Modul').selectOption('hakikat-kube');
    await page.getByLabel('Tempat').fill(`Rumah ketua ${name}`);
    await shot(page, `workshop-baru-${name}`);
    await page.getByRole('button', { name: 'Buat workshop' }).click();
    await page.waitForURL(/\/workshop\/[a-z0-9]+\?dibuat=1$/);
    const [created] = await suite.app.connection.db
      .select({ kubeId: workshops.kubeId })
      .from(workshops)
      .where(eq(workshops.place, `Rumah ketua ${name}`));
    expect(created?.kubeId).toBe('kubefacilb');
  });

  it('puts a tablet that dropped before its first report first on the board, loud and counted once', async () => {
    const page = await signedInPage(
      await suite.browser.newContext({ viewport }),
      suite.app.url,
      'fd.rina',
      'Pendamping-Hari-2024',
    );
    await page.goto(`${suite.app.url}/workshop/${workshopId}`);
    const trouble = page.locator('.board-trouble');
    await expect(trouble.getByRole('heading').textContent()).resolves.toBe('Perlu perhatian: 1 orang');
    await expect(trouble.getByRole('listitem').textContent()).resolves.toMatch(
      /^Uji fd\.bakri: tablet tidak tersambung/,
    );
    await expect(page.locator('.board-summary').textContent()).resolves.toContain('1 perlu perhatian');
    const names = await page.locator('#papan tbody th').allTextContents();
    expect(names[0]).toContain('fd.bakri');
    // Officers sign in with a password: they are not flagged for a missing PIN.
    expect(names.find((n) => n.includes('fd.dewi'))).not.toContain('Belum punya PIN');
    await trouble.scrollIntoViewIfNeeded();
    await shot(page, `papan-${name}`);

    // After the phase moves on, his unfinished pre-test is still there, in its column.
    await suite.app.connection.db.update(workshops).set({ phase: 'post_test' }).where(eq(workshops.id, workshopId));
    await page.reload();
    const cells = await page
      .getByRole('row', { name: /fd\.bakri/ })
      .getByRole('cell')
      .allTextContents();
    expect(cells[2]).toBe('Belum dikumpulkan (2/8)');
    await suite.app.connection.db.update(workshops).set({ phase: 'pre_test' }).where(eq(workshops.id, workshopId));
  });

  it('offers only the allowances that fit each person, spaced so they cannot be mis-tapped', async () => {
    const page = await signedInPage(
      await suite.browser.newContext({ viewport }),
      suite.app.url,
      'fd.rina',
      'Pendamping-Hari-2024',
    );
    await page.goto(`${suite.app.url}/kube/kubefacila/orang/tfdsumarni`);
    const hakikat = page.locator('section.grant', { has: page.getByRole('heading', { name: /Hakikat/ }) });
    const buttons = hakikat.getByRole('button');
    await expect(buttons.allTextContents()).resolves.toEqual(['Buka post-test', 'Izinkan ulang pre-test']);
    const boxes = await Promise.all((await buttons.all()).map((b) => b.boundingBox()));
    for (const box of boxes) expect(box?.height).toBeGreaterThanOrEqual(44);
    const [first, second] = boxes;
    if (!first || !second) throw new Error('buttons missing');
    expect(gapBetween(first, second)).toBeGreaterThanOrEqual(8);
    const pin = await page.locator('.grant-pin').boundingBox();
    const firstModule = await page.locator('section.grant:not(.grant-pin)').first().boundingBox();
    if (!pin || !firstModule) throw new Error('sections missing');
    expect(gapBetween(pin, firstModule)).toBeGreaterThanOrEqual(8);
    await hakikat.scrollIntoViewIfNeeded();
    await shot(page, `orang-${name}`);

    // Someone who has taken no test is offered no retake.
    await page.goto(`${suite.app.url}/kube/kubefacila/orang/tfdani00`);
    const texts = await page.locator('section.grant').getByRole('button').allTextContents();
    expect(texts).toContain('Bebaskan dari pre-test');
    expect(texts.filter((text) => text.startsWith('Izinkan ulang'))).toEqual([]);
  });
});
