import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';

// The capacity rubric on a phone, one dimension at a time; on a tablet (or without JavaScript) all at once.
// Either way a refused save brings the facilitator to the item that needs an answer, not to the page's top.

const KUBE = 'kubelangkah1';
const FACILITATOR = { username: 'st.rina', secret: 'Pendamping-Langkah-24' };
// Content/rubrics/kapasitas-kube.yaml: six dimensions; this item opens the second one.
const MISSED = { name: 'skor-pu-mutu-produk', text: 'Mutu produk atau layanan dijaga tetap sama dari waktu ke waktu.' };
const SHOTS = process.env['SHOTS_DIR'];

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'st.admin', 'Admin-Langkah-2024');
  await addKube(app.connection, KUBE, 'Maju Langkah');
  await addPerson(app.connection, 'pendamping', FACILITATOR.username, FACILITATOR.secret, KUBE);
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

async function rubricPage(width: number, height: number, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled });
  const page = await signedInPage(context, app.url, FACILITATOR.username, FACILITATOR.secret);
  await page.goto(`${app.url}/kube/${KUBE}/kapasitas/baru`);
  return page;
}

/** Scores every visible item 3, except the one missed on purpose. */
async function scoreVisible(page: Page) {
  for (const radio of await page.locator('input[type="radio"][value="3"]:visible').all()) {
    if ((await radio.getAttribute('name')) !== MISSED.name) await radio.check();
  }
}

const visibleDimensions = (page: Page) =>
  page.locator('fieldset.capacity-dimension:visible legend .capacity-dimension__title');

/** The refused save lands on the missed item: shown, in view, and its first choice focused. */
async function expectLandedOnMissed(page: Page) {
  const missed = page.getByRole('radiogroup', { name: MISSED.text });
  await expect(missed.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(missed.isVisible()).resolves.toBe(true);
  await expect(page.evaluate(() => document.activeElement?.closest('.capacity-item')?.id)).resolves.toBe(
    'butir-pu-mutu-produk',
  );
  const box = await missed.boundingBox();
  const viewport = page.viewportSize();
  // Scrolled to the top of the view: a fraction of a pixel above it is rounding, not out of sight.
  expect(box && viewport && box.y > -1 && box.y < viewport.height).toBe(true);
  await expect(page.getByRole('alert').getByRole('link', { name: MISSED.text }).getAttribute('href')).resolves.toBe(
    '#butir-pu-mutu-produk',
  );
}

describe.skipIf(browserMissing)('the capacity rubric step by step', () => {
  it('shows one dimension at a time on a 360 px phone, with Back and Next, and lands on the missed item', async () => {
    const page = await rubricPage(360, 740);
    await expect(visibleDimensions(page).allTextContents()).resolves.toEqual(['Strategi pemasaran']);
    await expect(page.getByText('Bagian 1 dari 6').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Simpan penilaian' }).isVisible()).resolves.toBe(false);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/kapasitas-langkah-phone.png` });
    for (let step = 1; step < 6; step++) {
      await scoreVisible(page);
      if (SHOTS && step === 2) {
        await page.locator('fieldset.capacity-dimension:visible .capacity-steps').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}/kapasitas-langkah-nav-phone.png` });
      }
      await page.locator('fieldset.capacity-dimension:visible').getByRole('button', { name: 'Berikutnya' }).click();
    }
    await expect(visibleDimensions(page).allTextContents()).resolves.toEqual(['Aspek perkembangan usaha']);
    await page.locator('fieldset.capacity-dimension:visible').getByRole('button', { name: 'Kembali' }).click();
    await expect(visibleDimensions(page).allTextContents()).resolves.toEqual(['Aspek kelembagaan']);
    await page.locator('fieldset.capacity-dimension:visible').getByRole('button', { name: 'Berikutnya' }).click();
    await scoreVisible(page);
    await page.getByRole('button', { name: 'Simpan penilaian' }).click();
    await page.getByText('Ada isian yang perlu diperbaiki').waitFor();

    // Back on the second dimension, at the item, with every answer given kept.
    await expect(visibleDimensions(page).allTextContents()).resolves.toEqual(['Pengembangan usaha']);
    await expectLandedOnMissed(page);
    await expect(page.locator('input[type="radio"]:checked').count()).resolves.toBe(27);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/kapasitas-error-phone.png` });
  });

  it('keeps every dimension on one page on an 800 px tablet, and still lands on the missed item', async () => {
    const page = await rubricPage(800, 1280);
    await expect(visibleDimensions(page).count()).resolves.toBe(6);
    await scoreVisible(page);
    await page.getByRole('button', { name: 'Simpan penilaian' }).click();
    await page.getByText('Ada isian yang perlu diperbaiki').waitFor();
    await expectLandedOnMissed(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/kapasitas-error-tablet.png` });
  });

  it('shows every dimension on a phone without JavaScript', async () => {
    const page = await rubricPage(360, 740, false);
    await expect(visibleDimensions(page).count()).resolves.toBe(6);
    await expect(page.getByRole('button', { name: 'Simpan penilaian' }).isVisible()).resolves.toBe(true);
  });
});
