import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { widestOverflow } from './helpers/overflow.ts';
import { addKube, addPerson, waivePreTest } from './helpers/people.ts';

// Issue 16 point 4: the module on the bantuan sosial UEP and its LPJ reaches every officer (and no member),
// and its lessons, with the RAB table and the LPJ comparison, read on a phone and a tablet
// without sideways scrolling.

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  // An admin exists, as in any running install (without one, /masuk is the first-run page).
  await addPerson(app.connection, 'admin', 'uep.admin', 'Admin-Uep-2024');
  const kubeId = await addKube(app.connection, 'kubeuep001', 'Rukun Makmur');
  const officer = await addPerson(app.connection, 'pengurus', 'uep.sekretaris', 'Sekretaris-Uep-2024', kubeId);
  await addPerson(app.connection, 'anggota', 'uep.anggota', '1357', kubeId);
  // These tests are about reading the lessons; the pre-test that comes first has its own tests.
  await waivePreTest(app.connection, officer.id, 'bantuan-uep');
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

const SHOTS = process.env['KUBE_SHOTS'] ?? tmpdir();
const TITLE = 'Mengelola Bantuan UEP dan Menyusun LPJ';

describe.skipIf(browserMissing)('the module on the bantuan UEP and its LPJ', () => {
  it('is on the home page of an officer without a recorded position, and not on a member’s', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 1280 } });
    const officer = await signedInPage(context, app.url, 'uep.sekretaris', 'Sekretaris-Uep-2024');
    await expect(officer.locator('.module-card', { hasText: TITLE }).count()).resolves.toBe(1);
    await context.close();

    const memberContext = await browser.newContext({ viewport: { width: 800, height: 1280 } });
    const member = await signedInPage(memberContext, app.url, 'uep.anggota', '1357');
    await expect(member.getByText(TITLE).count()).resolves.toBe(0);
    await memberContext.close();
  });

  for (const viewport of [
    { width: 360, height: 740 },
    { width: 800, height: 1280 },
  ]) {
    it(`lists its five lessons and shows the RAB table and the LPJ comparison within the screen at ${viewport.width} px`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await signedInPage(context, app.url, 'uep.sekretaris', 'Sekretaris-Uep-2024');
      await page.goto(`${app.url}/belajar/bantuan-uep`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(TITLE);
      const lessons = await page
        .locator('a[href^="/belajar/bantuan-uep/0"]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(new Set(lessons).size).toBe(5);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.screenshot({ path: `${SHOTS}/uep-modul-${viewport.width}.png` });

      await page.goto(`${app.url}/belajar/bantuan-uep/02-rencana-usaha-dan-rab`);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.locator('table').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/uep-rab-${viewport.width}.png` });

      await page.goto(`${app.url}/belajar/bantuan-uep/05-menyusun-lpj`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Menyusun LPJ');
      await expect(page.getByRole('heading', { name: 'Kegiatan untuk KUBE Anda' }).isVisible()).resolves.toBe(true);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await page.getByText('Nyata artinya belanja menurut bukti').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/uep-lpj-${viewport.width}.png` });
      await context.close();
    });
  }
});
