import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { widestOverflow } from './helpers/overflow.ts';
import { addKube, addPerson, waivePreTest } from './helpers/people.ts';
import { VIEWPORTS } from './helpers/sizes.ts';

// Issue 16 point 4: the module on the officers' duties, leadership and the secretary's administration reaches
// every officer (and no member), and its lessons, with the coordinators' table, the sample letter and the
// inventory table, read on a phone and a tablet without sideways scrolling.

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  // An admin exists, as in any running install (without one, /masuk is the first-run page).
  await addPerson(app.connection, 'admin', 'tp.admin', 'Admin-Tugas-2024');
  const kubeId = await addKube(app.connection, 'kubetp0001', 'Mekar Rukun');
  const officer = await addPerson(app.connection, 'pengurus', 'tp.sekretaris', 'Sekretaris-Tugas-2024', kubeId);
  await addPerson(app.connection, 'anggota', 'tp.anggota', '2468', kubeId);
  // These tests are about reading the lessons; the pre-test that comes first has its own tests.
  await waivePreTest(app.connection, officer.id, 'tugas-pengurus');
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

const SHOTS = process.env['KUBE_SHOTS'] ?? tmpdir();
const TITLE = 'Tugas Pengurus, Kepemimpinan dan Administrasi';

describe.skipIf(browserMissing)('the module on the officers’ duties, leadership and administration', () => {
  it('is on the home page of an officer without a recorded position, and not on a member’s', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[1] });
    const officer = await signedInPage(context, app.url, 'tp.sekretaris', 'Sekretaris-Tugas-2024');
    await expect(officer.locator('.module-card', { hasText: TITLE }).count()).resolves.toBe(1);
    await context.close();

    const memberContext = await browser.newContext({ viewport: VIEWPORTS[1] });
    const member = await signedInPage(memberContext, app.url, 'tp.anggota', '2468');
    await expect(member.getByText(TITLE).count()).resolves.toBe(0);
    await memberContext.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`lists its five lessons and shows the tables and the sample letter within the screen at ${viewport.width} px`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await signedInPage(context, app.url, 'tp.sekretaris', 'Sekretaris-Tugas-2024');
      await page.goto(`${app.url}/belajar/tugas-pengurus`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(TITLE);
      const lessons = await page
        .locator('a[href^="/belajar/tugas-pengurus/0"]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(new Set(lessons).size).toBe(5);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.screenshot({ path: `${SHOTS}/tp-modul-${viewport.width}.png` });

      await page.goto(`${app.url}/belajar/tugas-pengurus/02-koordinator-divisi`);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.locator('table').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/tp-koordinator-${viewport.width}.png` });

      await page.goto(`${app.url}/belajar/tugas-pengurus/04-buku-tamu-dan-surat`);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.getByText('Nomor: 07/KUBE-MR/VII/2025').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/tp-surat-${viewport.width}.png` });

      await page.goto(`${app.url}/belajar/tugas-pengurus/05-arsip-inventaris-stempel`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Arsip, buku inventaris, dan stempel',
      );
      await expect(page.getByRole('heading', { name: 'Kegiatan untuk KUBE Anda' }).isVisible()).resolves.toBe(true);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.locator('table').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/tp-inventaris-${viewport.width}.png` });
      await context.close();
    });
  }
});
