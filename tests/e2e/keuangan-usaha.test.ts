import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { widestOverflow } from './helpers/overflow.ts';
import { addKube, addPerson, waivePreTest } from './helpers/people.ts';
import { VIEWPORTS } from './helpers/sizes.ts';

// Issue 16 point 4: the module on business finance and capital reaches every officer (and no member), and its
// lessons, with the month's profit table and the profit-sharing table, read on a phone and a tablet without
// sideways scrolling.

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  // An admin exists, as in any running install (without one, /masuk is the first-run page).
  await addPerson(app.connection, 'admin', 'ku.admin', 'Admin-Ku-2024');
  const kubeId = await addKube(app.connection, 'kubeku0001', 'Guyub Rukun');
  const officer = await addPerson(app.connection, 'pengurus', 'ku.bendahara', 'Bendahara-Ku-2024', kubeId);
  await addPerson(app.connection, 'anggota', 'ku.anggota', '2468', kubeId);
  // These tests are about reading the lessons; the pre-test that comes first has its own tests.
  await waivePreTest(app.connection, officer.id, 'keuangan-usaha');
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

const SHOTS = process.env['KUBE_SHOTS'] ?? tmpdir();
const TITLE = 'Keuangan Usaha dan Modal';

describe.skipIf(browserMissing)('the module on business finance and capital', () => {
  it('is on the home page of an officer without a recorded position, and not on a member’s', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[1] });
    const officer = await signedInPage(context, app.url, 'ku.bendahara', 'Bendahara-Ku-2024');
    await expect(officer.locator('.module-card', { hasText: TITLE }).count()).resolves.toBe(1);
    await context.close();

    const memberContext = await browser.newContext({ viewport: VIEWPORTS[1] });
    const member = await signedInPage(memberContext, app.url, 'ku.anggota', '2468');
    await expect(member.getByText(TITLE).count()).resolves.toBe(0);
    await memberContext.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`lists its five lessons and shows the profit and sharing tables within the screen at ${viewport.width} px`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await signedInPage(context, app.url, 'ku.bendahara', 'Bendahara-Ku-2024');
      await page.goto(`${app.url}/belajar/keuangan-usaha`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(TITLE);
      const lessons = await page
        .locator('a[href^="/belajar/keuangan-usaha/0"]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(new Set(lessons).size).toBe(5);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.screenshot({ path: `${SHOTS}/ku-modul-${viewport.width}.png` });

      await page.goto(`${app.url}/belajar/keuangan-usaha/01-laba-rugi-bulanan`);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.locator('table').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/ku-laba-${viewport.width}.png` });

      await page.goto(`${app.url}/belajar/keuangan-usaha/05-bagi-hasil-usaha-bersama`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Membagi hasil usaha bersama');
      await expect(page.getByRole('heading', { name: 'Kegiatan untuk KUBE Anda' }).isVisible()).resolves.toBe(true);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.locator('table').nth(1).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/ku-bagi-${viewport.width}.png` });

      // The lessons link to the modules they build on instead of repeating them.
      const link = page.locator('a[href="/belajar/bantuan-uep/01-bantuan-milik-kelompok"]');
      await expect(link.count()).resolves.toBe(1);
      await context.close();
    });
  }
});
