import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { advanceWorkshop } from '../../src/features/workshop/phases.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import { addKube, addPerson, testPersonId } from './helpers/people.ts';
import { VIEWPORTS as SIZES } from './helpers/sizes.ts';

// A member's own moment on a shared workshop tablet, at phone and tablet size: the PIN screen, the test
// without a way out in the header, and after the post-test the score, the rise since the pre-test and
// the questions missed, gone once "Selesai" (or a few idle minutes) hands the tablet on.

let app: RunningApp;
let browser: Browser;
const KUBE = 'kubetabletresult';
const MODULE = 'usaha-produk';
/** Where screenshots go when a person wants to look at them (not in CI). */
const SHOTS = process.env['SHOT_DIR'];

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'tr.admin', 'Admin-Tablet-Result-1');
  await addKube(app.connection, KUBE, 'Maju Bersama 7');
  await addPerson(app.connection, 'pendamping', 'tr.rina', 'Pendamping-Tablet-24', KUBE);
  for (const [name, pin] of [
    ['tr.ani', '1357'],
    ['tr.budi', '2468'],
    ['tr.citra', '3579'],
    ['tr.dewi', '4680'],
    ['tr.eko', '5791'],
  ] as const) {
    await addPerson(app.connection, 'anggota', name, pin, KUBE);
  }
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-${page.viewportSize()?.width ?? 0}.png` });
};

async function join(tablet: Page, code: string, username: string, pin: string) {
  await tablet.goto(`${app.url}/gabung?kode=${code}`);
  await tablet.getByRole('link', { name: `Uji ${username}` }).click();
  await tablet.getByLabel('PIN Anda').fill(pin);
  await tablet.getByRole('button', { name: 'Masuk' }).click();
}

/** Takes the test on screen, choosing the first option of each question, and hands it in. */
async function takeTest(tablet: Page, kind: 'Pre-test' | 'Post-test') {
  await tablet.getByRole('button', { name: `Mulai ${kind}` }).click();
  for (let i = 0; i < 8; i++) {
    await tablet.getByRole('radio').first().click();
    await tablet.getByRole('button', { name: i < 7 ? 'Berikutnya' : 'Periksa jawaban', exact: true }).click();
  }
  await tablet.getByRole('button', { name: 'Kumpulkan' }).click();
}

/** A workshop whose member `username` did the pre-test on a tablet and which is now in its post-test. */
async function postTestWorkshop(tablet: Page, username: string, pin: string) {
  const by = testPersonId('tr.rina');
  const workshop = await createWorkshop(
    app.connection.db,
    { kubeId: KUBE, moduleSlug: MODULE, date: '2026-12-01', place: 'Balai desa', notes: null },
    by,
  );
  await join(tablet, workshop.code, username, pin);
  await takeTest(tablet, 'Pre-test');
  await tablet.waitForURL(/\/gabung\/selesai$/);
  await advanceWorkshop(app.connection.db, { workshopId: workshop.id, from: 'pre_test', by, confirmed: true });
  await advanceWorkshop(app.connection.db, { workshopId: workshop.id, from: 'materi', by, confirmed: true });
  return workshop;
}

const headerButtons = (page: Page) => page.locator('.site-header').getByRole('button').allTextContents();

describe.skipIf(browserMissing)('a member’s own screens on a workshop tablet', () => {
  for (const [index, size] of SIZES.entries()) {
    const [username, pin] = index === 0 ? ['tr.ani', '1357'] : ['tr.budi', '2468'];

    it(`shows the post-test result in plain words, and Selesai hands the tablet on with nothing left (${size.width} px)`, async () => {
      const tablet = await (await browser.newContext({ viewport: size })).newPage();
      const workshop = await postTestWorkshop(tablet, username, pin);
      await join(tablet, workshop.code, username, pin);
      await tablet.waitForURL(/\/tes\/post$/);
      await takeTest(tablet, 'Post-test');
      await tablet.waitForURL(/\/gabung\/hasil\/[0-9a-f-]{36}$/);

      const scores = await app.connection.client.execute({
        sql: 'SELECT kind, score FROM attempts WHERE person_id = ? AND submitted_at IS NOT NULL',
        args: [testPersonId(username)],
      });
      const scoreOf = (kind: string) => Number(scores.rows.find((r) => r['kind'] === kind)?.['score']);
      const shown = (value: number) => value.toLocaleString('id-ID', { maximumFractionDigits: 1 });
      const [pre, post] = [scoreOf('pre'), scoreOf('post')];
      await tablet.getByRole('heading', { name: `Hasil post-test Anda, Uji ${username}` }).waitFor();
      await tablet.getByText(`Nilai Anda: ${shown(post)} dari 100`).waitFor();
      const change =
        post > pre ? `Naik ${shown(post - pre)} poin` : post < pre ? `Turun ${shown(pre - post)} poin` : 'Sama';
      await expect(tablet.locator('.tablet-result__change').textContent()).resolves.toContain(change);
      const missed = tablet.locator('ol.missed > li');
      expect(await missed.count()).toBeGreaterThan(0);
      await expect(missed.first().textContent()).resolves.toContain('Penjelasan:');
      // No way out in the header: the screen's own Selesai is the way on.
      expect(await headerButtons(tablet)).toEqual([]);
      await shot(tablet, 'hasil-post');

      // Headless Chromium has no voice: "Dengarkan" says so and how to add one, instead of vanishing.
      await missed.first().getByRole('button', { name: 'Dengarkan' }).click();
      await tablet.getByText('belum punya suara bahasa Indonesia').waitFor();
      await expect(tablet.getByText('Setelan').first().isVisible()).resolves.toBe(true);
      await shot(tablet, 'hasil-post-tanpa-suara');
      const resultUrl = tablet.url();

      await tablet.getByRole('button', { name: 'Selesai', exact: true }).first().click();
      await tablet.waitForURL(/\/gabung\/selesai$/);
      await tablet.getByText('Anda sudah keluar dari tablet ini').waitFor();
      // Back, or the result's own address: the name list, never the result.
      await tablet.goBack();
      await expect(tablet.content()).resolves.not.toContain('Nilai Anda');
      await tablet.goto(resultUrl);
      expect(new URL(tablet.url()).pathname).toBe('/gabung');
      await expect(tablet.content()).resolves.not.toContain('Nilai Anda');
      // A lesson opened on the signed-out tablet leads back to the workshop, not to the staff sign-in.
      await tablet.goto(`${app.url}/belajar/${MODULE}/01-memilih-usaha`);
      expect(new URL(tablet.url()).pathname).toBe('/gabung');
      await tablet.getByLabel('Kode workshop').waitFor();
      // And the sign-in page, if a tablet ever shows it, has the way back.
      await tablet.goto(`${app.url}/masuk`);
      await tablet.getByRole('link', { name: /Gabung workshop/ }).click();
      await tablet.getByLabel('Kode workshop').waitFor();
    });
  }

  it('hands the tablet on by itself after three minutes without a tap', async () => {
    const context = await browser.newContext({ viewport: SIZES[1] });
    const tablet = await context.newPage();
    const workshop = await postTestWorkshop(tablet, 'tr.citra', '3579');
    await join(tablet, workshop.code, 'tr.citra', '3579');
    await tablet.waitForURL(/\/tes\/post$/);
    await context.clock.install();
    await takeTest(tablet, 'Post-test');
    await tablet.waitForURL(/\/gabung\/hasil\//);
    await tablet.getByText(/Nilai Anda: .* dari 100/).waitFor();
    await context.clock.runFor(2 * 60_000);
    expect(tablet.url()).toMatch(/\/gabung\/hasil\//);
    await context.clock.runFor(60_000 + 1000);
    await tablet.waitForURL(/\/gabung\/selesai$/);
    await tablet.getByText('Anda sudah keluar dari tablet ini').waitFor();
  });

  for (const [index, size] of SIZES.entries()) {
    const [username, pin] = index === 0 ? ['tr.dewi', '4680'] : ['tr.eko', '5791'];
    it(`focuses the PIN, names the phase, and keeps the test free of the header’s way out (${size.width} px)`, async () => {
      const tablet = await (await browser.newContext({ viewport: size })).newPage();
      const workshop = await createWorkshop(
        app.connection.db,
        { kubeId: KUBE, moduleSlug: MODULE, date: '2026-12-01', place: 'Balai desa', notes: null },
        testPersonId('tr.rina'),
      );
      await tablet.goto(`${app.url}/gabung?kode=${workshop.code}`);
      await tablet.getByText('Sekarang: Pre-test').waitFor();
      await shot(tablet, 'nama');
      await tablet.getByRole('link', { name: `Uji ${username}` }).click();
      // The PIN page first: asking for the focus mid-navigation reads the name list that is going away.
      await tablet.locator('input[name="pin"]').waitFor();
      await expect(tablet.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('pin');
      await tablet.keyboard.type(pin);
      await tablet.keyboard.press('Enter');
      await tablet.waitForURL(/\/tes\/pre$/);
      // The module has two forms: the intro does not promise the same questions again.
      await expect(tablet.locator('main').textContent()).resolves.not.toContain('soal yang sama');
      await tablet.getByText('Post-test nanti memakai soal lain').waitFor();
      expect(await headerButtons(tablet)).toEqual([]);
      await tablet.getByRole('button', { name: 'Mulai Pre-test' }).click();
      await tablet.getByRole('radio').first().waitFor();
      expect(await headerButtons(tablet)).toEqual([]);
      // The player's "Dengarkan" stays without a voice, and says how to add one.
      await tablet.getByRole('button', { name: 'Dengarkan' }).click();
      await tablet.locator('.player').getByText('belum punya suara bahasa Indonesia').waitFor();
      await tablet.context().setOffline(true);
      const notice = tablet.locator('#offline-notice');
      await notice.waitFor();
      await expect(notice.textContent()).resolves.toContain('Jawaban Anda tetap tersimpan');
      await expect(notice.textContent()).resolves.not.toContain('Tanda selesai');
      await shot(tablet, 'tes-offline');
      await tablet.context().setOffline(false);
    });
  }
});
