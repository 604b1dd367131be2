import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { attempts } from '../../db/schema.ts';
import { shot, submittedAttempt } from './helpers/suite.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson, type TestPerson } from './helpers/people.ts';
import { SIZES } from './helpers/sizes.ts';
import { joinWorkshop } from './helpers/workshop.ts';

// The retention test in real Chromium, with the clock moved on: a ketua's post-test of Hakikat KUBE is ten days
// old, so the retention test is not open yet and says from when; then the post-test is sixty-one days old (its
// day moved back in the database, which is what the server's clock sees), her home page offers "Tes ulang", she
// takes it and reads what stayed; the facilitator's gain report shows pre → post → retention with the share kept,
// and the plan names who else is due.

const KUBE = 'kubetesulang01';
const MODULE = 'hakikat-kube';
const DAY = 86_400_000;
let app: RunningApp;
let browser: Browser;
const who = {} as Record<'pendamping' | 'ketua' | 'sekretaris' | 'anggota', TestPerson>;

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'ulang.admin', 'Admin-Tes-Ulang-2024');
  await addKube(app.connection, KUBE, 'Tunas Tes Ulang');
  who.pendamping = await addPerson(app.connection, 'pendamping', 'ulang.rina', 'Pendamping-Ulang-2024', KUBE);
  who.ketua = await addPerson(app.connection, 'pengurus', 'ulang.sari', 'Ketua-Tes-Ulang-2024', KUBE);
  who.sekretaris = await addPerson(app.connection, 'pengurus', 'ulang.tono', 'Sekretaris-Ulang-2024', KUBE);
  who.anggota = await addPerson(app.connection, 'anggota', 'ulang.ani', '2468', KUBE);
  const now = Date.now();
  const seeded = (person: TestPerson, kind: 'pre' | 'post', daysAgo: number, score: number, n: number) =>
    submittedAttempt({
      id: `7b1c2d3e-4f5a-4b6c-8d7e-${String(n).padStart(12, '0')}`,
      personId: person.id,
      moduleSlug: MODULE,
      kind,
      startedAt: new Date(now - daysAgo * DAY - 600_000),
      submittedAt: new Date(now - daysAgo * DAY),
      score,
      correct: Math.round(score / 10),
      total: 10,
      counted: true,
    });
  await app.connection.db
    .insert(attempts)
    .values([
      seeded(who.ketua, 'pre', 20, 30, 1),
      seeded(who.ketua, 'post', 10, 80, 2),
      seeded(who.sekretaris, 'pre', 80, 40, 3),
      seeded(who.sekretaris, 'post', 70, 90, 4),
      seeded(who.anggota, 'pre', 75, 20, 5),
      seeded(who.anggota, 'post', 65, 70, 6),
    ]);
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

describe.skipIf(browserMissing)('a retention test sixty days after the post-test', () => {
  it('is not open ten days after, and says from when', async () => {
    const context = await browser.newContext({ viewport: SIZES[0].viewport });
    const page = await signedInPage(context, app.url, who.ketua.username, who.ketua.secret);
    await expect(page.getByRole('region', { name: 'Tes ulang', exact: true }).count()).resolves.toBe(0);
    await page.goto(`${app.url}/belajar/${MODULE}/tes/retention`);
    await expect(page.getByRole('heading', { name: 'Tes ulang', level: 1 }).isVisible()).resolves.toBe(true);
    await expect(
      page.getByText(/Tes ulang belum dibuka\. Tes ini baru bisa dikerjakan mulai \d+ \w+ \d{4}\./).isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Mulai Tes ulang' }).count()).resolves.toBe(0);
    // A start sent anyway is refused, the day in words, and nothing is started.
    const refused = await page.request.post(`${app.url}/belajar/${MODULE}/tes/retention?_action=assessment.start`, {
      form: { attemptId: '7b1c2d3e-4f5a-4b6c-8d7e-0000000000ff', moduleSlug: MODULE, kind: 'retention' },
      headers: { origin: app.url },
    });
    const body = await refused.text();
    expect(refused.status()).toBe(409);
    expect(body).toMatch(/Tes ini baru bisa dikerjakan mulai \d+ \w+ \d{4}\./);
    expect(body).not.toMatch(/mulai \d{4}-\d{2}-\d{2}/);
    const started = await app.connection.client.execute({
      sql: "SELECT count(*) AS n FROM attempts WHERE person_id = ? AND kind = 'retention'",
      args: [who.ketua.id],
    });
    expect(Number(started.rows[0]?.['n'])).toBe(0);
    await context.close();
  });

  it('is offered on the home page once the post-test is sixty-one days old, and shows what stayed', async () => {
    // Move the clock on 51 days: her tests are now 71 and 61 days old.
    await app.connection.db.run(
      sql`update ${attempts} set started_at = started_at - ${51 * DAY}, submitted_at = submitted_at - ${51 * DAY}
        where person_id = ${who.ketua.id}`,
    );
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size.viewport });
      const page = await signedInPage(context, app.url, who.ketua.username, who.ketua.secret);
      const offer = page.getByRole('region', { name: 'Tes ulang', exact: true });
      await expect(offer.getByRole('heading', { name: 'Hakikat KUBE' }).isVisible()).resolves.toBe(true);
      await expect(offer.getByText(/Sebaiknya dikerjakan paling lambat/).isVisible()).resolves.toBe(true);
      await offer.scrollIntoViewIfNeeded();
      await shot(page, `retention-home-${size.name}`);
      await context.close();
    }

    // She takes it on her phone, without JavaScript: the plain form, every question answered.
    const context = await browser.newContext({ viewport: SIZES[0].viewport, javaScriptEnabled: false });
    const page = await signedInPage(context, app.url, who.ketua.username, who.ketua.secret);
    await page.getByRole('link', { name: 'Mulai tes ulang' }).click();
    await expect(page.getByText(/apa yang masih Anda ingat/).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Mulai Tes ulang' }).click();
    const questions = page.locator('fieldset.plain-test__question');
    await questions.first().waitFor();
    for (const question of await questions.all()) await question.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Kumpulkan' }).click();
    await page.waitForURL(/\/tes\/hasil\//);
    await expect(page.getByRole('heading', { name: 'Hasil Tes ulang' }).isVisible()).resolves.toBe(true);
    await expect(
      page.getByText(/^Post-test 80, tes ulang [\d,]+: (naik|turun) [\d,]+ poin|sama\.$/).isVisible(),
    ).resolves.toBe(true);
    // Her retention test counts once, in the database as on the page.
    const kept = await app.connection.client.execute({
      sql: "SELECT form, counted, score FROM attempts WHERE person_id = ? AND kind = 'retention'",
      args: [who.ketua.id],
    });
    expect(kept.rows).toHaveLength(1);
    expect(kept.rows[0]?.['counted']).toBe(1);
    await shot(page, 'retention-result-phone');
    // The home page offers it no more.
    await page.goto(app.url);
    await expect(page.getByRole('region', { name: 'Tes ulang', exact: true }).count()).resolves.toBe(0);
    await context.close();
  });

  it('shows the facilitator pre → post → retention in the gain report, and who is due on the plan', async () => {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size.viewport });
      const page = await signedInPage(context, app.url, who.pendamping.username, who.pendamping.secret);
      await page.goto(`${app.url}/laporan?modul=${MODULE}&kube=${KUBE}`);
      const part = page.getByRole('region', { name: 'Apakah hasil belajar bertahan?' });
      await expect(part.getByText('1 orang sudah mengerjakan tes ulang').isVisible()).resolves.toBe(true);
      await expect(
        part.getByText(/Dihitung \(tes ulang − pre-test\) ÷ \(post-test − pre-test\)/).isVisible(),
      ).resolves.toBe(true);
      await expect(part.getByText(/Baru 1 orang yang mengerjakan tes ulang/).isVisible()).resolves.toBe(true);
      // Her retention score and the share she kept are in the report's table of people.
      const row = await page
        .getByRole('region', { name: 'Nilai setiap orang' })
        .getByRole('row', { name: /Uji ulang\.sari/ })
        .getByRole('cell')
        .allTextContents();
      expect(row.slice(1, 5)).toEqual(['30', '80', '50', '0,71']);
      expect(row.at(-1)).toMatch(/^-?\d+%$/);
      await part.scrollIntoViewIfNeeded();
      await shot(page, `retention-report-${size.name}`);

      // The secretary's post-test is 70 days old and he has not taken his: the plan names him, with a link that
      // plans a retention workshop for the module.
      await page.goto(`${app.url}/kube/${KUBE}/rencana`);
      const due = page.getByRole('region', { name: 'Tes ulang', exact: true });
      await expect(due.getByRole('rowheader', { name: 'Uji ulang.tono' }).isVisible()).resolves.toBe(true);
      await expect(
        due
          .getByRole('row', { name: /Uji ulang\.tono/ })
          .getByText(/Sudah waktunya, paling lambat/)
          .isVisible(),
      ).resolves.toBe(true);
      await expect(due.getByText('Uji ulang.sari').count()).resolves.toBe(0);
      await due.scrollIntoViewIfNeeded();
      await shot(page, `retention-plan-${size.name}`);
      await context.close();
    }
  });

  it('plans a retention workshop from the plan, and its tablets go straight to the retention test', async () => {
    const context = await browser.newContext({ viewport: SIZES[1].viewport });
    const page = await signedInPage(context, app.url, who.pendamping.username, who.pendamping.secret);
    await page.goto(`${app.url}/kube/${KUBE}/rencana`);
    await page.getByRole('link', { name: 'Buat workshop tes ulang: Hakikat KUBE' }).click();
    await expect(page.getByLabel('Jenis workshop').inputValue()).resolves.toBe('retention');
    await expect(page.getByLabel('Modul').inputValue()).resolves.toBe(MODULE);
    await page.getByLabel('Tempat').fill('Balai desa');
    await page.getByRole('button', { name: 'Buat workshop' }).click();
    await page.waitForURL(/\/workshop\/[^/]+\?dibuat=1$/);
    await expect(page.getByRole('heading', { name: 'Tahap sekarang: Tes ulang' }).isVisible()).resolves.toBe(true);
    // One test, then the end: the next step closes the workshop.
    await expect(page.getByRole('button', { name: 'Tutup workshop' }).isVisible()).resolves.toBe(true);
    await shot(page, 'retention-workshop-board');
    const code = (await page.locator('.workshop-code__value').textContent())?.trim() ?? '';

    // A member joins on the shared tablet and lands on the retention test, takes it, and reads her result there.
    const tabletContext = await browser.newContext({ viewport: SIZES[1].viewport, hasTouch: true });
    const tablet = await tabletContext.newPage();
    await joinWorkshop(tablet, app.url, code, who.anggota.username, who.anggota.secret);
    await tablet.waitForURL(new RegExp(`/belajar/${MODULE}/tes/retention$`));
    await tablet.getByRole('button', { name: 'Mulai Tes ulang' }).click();
    for (;;) {
      await tablet.getByRole('radio').first().click();
      const next = tablet.getByRole('button', { name: 'Berikutnya', exact: true });
      if (await next.isVisible()) await next.click();
      else break;
    }
    await tablet.getByRole('button', { name: 'Periksa jawaban', exact: true }).click();
    await tablet.getByRole('button', { name: 'Kumpulkan' }).click();
    await tablet.waitForURL(/\/gabung\/hasil\//);
    await expect(
      tablet.getByRole('heading', { name: 'Hasil tes ulang Anda, Uji ulang.ani' }).isVisible(),
    ).resolves.toBe(true);
    await expect(
      tablet.getByText(/sejak post-test\. Dulu 70, sekarang|Sama dengan post-test/).isVisible(),
    ).resolves.toBe(true);
    await shot(tablet, 'retention-tablet-result');
    // The board shows her retention test beside her post-test.
    await page.reload();
    await expect(
      page
        .getByRole('row', { name: /Uji ulang\.ani/ })
        .getByText('Sudah mengumpulkan')
        .isVisible(),
    ).resolves.toBe(true);
    await tabletContext.close();
    await context.close();
  });
});
