import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { positions } from '../../db/schema.ts';
import { todayIso } from '../../src/lib/dates.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';
import { SIZES } from './helpers/sizes.ts';

// A facilitator scores the bendahara's cash-book task before and after the training, sees both on the person
// page, and the bendahara reads them in their own history: at phone and tablet size, in real Chromium.

const KUBE = 'kubepraktik1';
const FACILITATOR = { username: 'prx.rina', secret: 'Pendamping-Praktik-24' };
const TREASURER = { username: 'prx.tini', secret: 'Bendahara-Praktik-24' };
const SHOTS = process.env['PRX_SHOTS'];

let app: RunningApp;
let browser: Browser;
let treasurerId = '';

beforeAll(async () => {
  app = await startApp();
  // With no admin the platform opens its first-run page instead of the sign-in.
  await addPerson(app.connection, 'admin', 'prx.admin', 'Admin-Praktik-2024');
  await addKube(app.connection, KUBE, 'Sumber Rejeki Praktik');
  await addPerson(app.connection, 'pendamping', FACILITATOR.username, FACILITATOR.secret, KUBE);
  treasurerId = (await addPerson(app.connection, 'pengurus', TREASURER.username, TREASURER.secret, KUBE)).id;
  await app.connection.db.insert(positions).values({
    ...{ id: 'prxposition01', kubeId: KUBE, personId: treasurerId, jabatanCode: 'bendahara' },
    startDate: '2025-01-01',
  });
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

const card = (page: Page) => page.getByRole('article', { name: 'Mengisi satu halaman buku kas dari 8 transaksi' });

async function shoot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function tick(page: Page, points: string[]) {
  for (const text of points) await page.getByRole('checkbox', { name: text }).check();
}

describe.skipIf(browserMissing)('practical tasks scored by the facilitator', () => {
  for (const [index, size] of SIZES.entries()) {
    it(`scores the bendahara's cash-book task pre, then post, and shows both (${size.name})`, async () => {
      // Each size scores afresh: the first run's rows are removed.
      await app.connection.client.execute('DELETE FROM practice_scores');
      const context = await browser.newContext({ viewport: size.viewport });
      const page = await signedInPage(context, app.url, FACILITATOR.username, FACILITATOR.secret);
      await page.goto(`${app.url}/kube/${KUBE}/orang/${treasurerId}`);
      await expect(card(page).getByText('Belum dinilai').count()).resolves.toBe(2);
      // A task for every officer fits the bendahara too; the report task (ketua, sekretaris) does not.
      await expect(page.getByRole('article', { name: /musyawarah/ }).count()).resolves.toBe(1);
      await expect(page.getByRole('article', { name: /laporan bulanan/ }).count()).resolves.toBe(0);
      await card(page).scrollIntoViewIfNeeded();
      await shoot(page, `${size.name}-person-empty`);

      await card(page).getByRole('link', { name: 'Nilai: Sebelum pelatihan' }).click();
      await page.waitForURL(/\/praktik\/buku-kas-sebulan\?jenis=pre$/);
      await expect(page.getByLabel('Tanggal tugas dikerjakan').inputValue()).resolves.toBe(todayIso());
      const row = await page.locator('.practice-point').first().boundingBox();
      expect(row?.height).toBeGreaterThanOrEqual(48);
      // A day in the future is refused beside the field, and the ticks come back.
      await tick(page, ['Nomor bukti', 'Kedelapan transaksi']);
      // The browser's own date check (max) is switched off, so the server's answer shows.
      await page.locator('form.practice-form').evaluate((form) => {
        form.setAttribute('novalidate', '');
      });
      await page.getByLabel('Tanggal tugas dikerjakan').fill('2099-01-01');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.waitForURL(/_action=practice\.score/);
      await expect(page.getByText('Tanggal ini belum lewat.').isVisible()).resolves.toBe(true);
      await expect(page.getByRole('checkbox', { name: /Nomor bukti/ }).isChecked()).resolves.toBe(true);
      const stored = await app.connection.client.execute('SELECT count(*) AS n FROM practice_scores');
      expect(Number(stored.rows[0]?.['n'])).toBe(0);
      await page.locator('.practice-checklist').scrollIntoViewIfNeeded();
      await shoot(page, `${size.name}-form-error`);

      await tick(page, ['Buku kas punya enam kolom', 'Saldo setiap baris']);
      await page.getByLabel('Tanggal tugas dikerjakan').fill('2026-06-03');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.waitForURL(/\?praktik=1#tugas-praktik$/);
      await expect(page.getByText('Nilai tugas praktik tersimpan.').isVisible()).resolves.toBe(true);
      await expect(card(page).getByText('4 dari 6 (67 %), 3 Juni 2026').isVisible()).resolves.toBe(true);
      await expect(card(page).getByText('Kenaikan baru terlihat').isVisible()).resolves.toBe(true);

      await card(page).getByRole('link', { name: 'Nilai: Sesudah pelatihan' }).click();
      await page.waitForURL(/jenis=post$/);
      await page.locator('h2').first().scrollIntoViewIfNeeded();
      await shoot(page, `${size.name}-form`);
      for (const box of await page.getByRole('checkbox').all()) await box.check();
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.waitForURL(/\?praktik=1#tugas-praktik$/);
      await expect(
        card(page)
          .getByText(/^6 dari 6 \(100 %\)/)
          .isVisible(),
      ).resolves.toBe(true);
      await expect(card(page).getByText('Kenaikan: 33,3 poin persen').isVisible()).resolves.toBe(true);
      await card(page).scrollIntoViewIfNeeded();
      await shoot(page, `${size.name}-person-scored`);

      // Scoring the pre again is a correction: the form shows what is stored, and the history keeps the old.
      await card(page).getByRole('link', { name: 'Koreksi: Sebelum pelatihan' }).click();
      await expect(page.getByText('Tugas ini sudah dinilai pada 3 Juni 2026.').isVisible()).resolves.toBe(true);
      await expect(page.getByRole('checkbox', { name: /Saldo akhir benar/ }).isChecked()).resolves.toBe(false);
      await expect(page.getByRole('checkbox', { name: /Nomor bukti/ }).isChecked()).resolves.toBe(true);
      await tick(page, ['Saldo akhir benar']);
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.waitForURL(/\?praktik-koreksi=1#tugas-praktik$/);
      await expect(card(page).getByText('5 dari 6 (83 %), 3 Juni 2026').isVisible()).resolves.toBe(true);
      const history = await app.connection.client.execute(
        "SELECT count(*) AS n FROM record_changes WHERE table_name = 'practice_scores'",
      );
      expect(Number(history.rows[0]?.['n'])).toBeGreaterThanOrEqual(index === 0 ? 2 : 4);
      await context.close();

      const own = await browser.newContext({ viewport: size.viewport });
      const mine = await signedInPage(own, app.url, TREASURER.username, TREASURER.secret);
      await mine.goto(`${app.url}/belajar/riwayat`);
      const result = mine.getByRole('article', { name: 'Mengisi satu halaman buku kas dari 8 transaksi' });
      await expect(result.getByText('5 dari 6 (83 %), 3 Juni 2026').isVisible()).resolves.toBe(true);
      await expect(result.getByText(/Sebelum pelatihan: Belum dikerjakan/).count()).resolves.toBe(1);
      await expect(result.getByRole('link').count()).resolves.toBe(0);
      await result.scrollIntoViewIfNeeded();
      await shoot(mine, `${size.name}-own`);
      await own.close();
    });
  }
});
