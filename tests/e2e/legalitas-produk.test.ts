import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { widestOverflow } from './helpers/overflow.ts';
import { addKube, addPerson, waivePreTest } from './helpers/people.ts';
import { VIEWPORTS } from './helpers/sizes.ts';

// Issue 16 point 4: the module on product legality and packaging (NIB, PIRT, halal, label, brand) reaches the
// members who make food, and its lessons, with the PIRT inspection table and the sample label, read on a phone
// and a tablet without sideways scrolling.

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  // An admin exists, as in any running install (without one, /masuk is the first-run page).
  await addPerson(app.connection, 'admin', 'lp.admin', 'Admin-Legal-2024');
  const kubeId = await addKube(app.connection, 'kubelp0001', 'Rukun Makmur');
  const member = await addPerson(app.connection, 'anggota', 'lp.anggota', '2580', kubeId);
  // These tests are about reading the lessons; the pre-test that comes first has its own tests.
  await waivePreTest(app.connection, member.id, 'legalitas-produk');
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

const SHOTS = process.env['KUBE_SHOTS'] ?? tmpdir();
const TITLE = 'Legalitas dan Kemasan Produk';

describe.skipIf(browserMissing)('the module on product legality and packaging', () => {
  it('is on the home page of a member', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[1] });
    const page = await signedInPage(context, app.url, 'lp.anggota', '2580');
    await expect(page.locator('.module-card', { hasText: TITLE }).count()).resolves.toBe(1);
    await context.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`lists its five lessons and shows the PIRT table and the sample label within the screen at ${viewport.width} px`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await signedInPage(context, app.url, 'lp.anggota', '2580');
      await page.goto(`${app.url}/belajar/legalitas-produk`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(TITLE);
      const lessons = await page
        .locator('a[href^="/belajar/legalitas-produk/0"]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(new Set(lessons).size).toBe(5);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.screenshot({ path: `${SHOTS}/lp-modul-${viewport.width}.png` });

      await page.goto(`${app.url}/belajar/legalitas-produk/02-izin-pirt`);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.locator('table').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/lp-pirt-${viewport.width}.png` });

      await page.goto(`${app.url}/belajar/legalitas-produk/04-label-kemasan`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Label yang lengkap dan jujur');
      await expect(page.getByRole('heading', { name: 'Kegiatan untuk KUBE Anda' }).isVisible()).resolves.toBe(true);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.getByText('Keripik Tempe Renyah Ning').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/lp-label-${viewport.width}.png` });
      await context.close();
    });
  }
});
