import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { positions } from '../../db/schema.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';

// Issue 16: risk management reaches every officer, not only the bendahara and the ketua. The module on money
// and its risks (keuangan-kube) is now on the home page of a sekretaris and of a division coordinator.

let app: RunningApp;
let browser: Browser;
const SHOTS = process.env['KUBE_SHOTS'] ?? tmpdir();
const TITLE = 'Pembukuan Kas, IKS dan Simpan Pinjam';

beforeAll(async () => {
  app = await startApp();
  // With no admin yet the app opens its first-run page instead of the sign-in form.
  await addPerson(app.connection, 'admin', 'risiko.admin', 'Admin-Risiko-2024');
  const kubeId = await addKube(app.connection, 'kuberisiko1', 'Maju Bersama 1');
  const officers = [
    ['risiko.sekretaris', 'Sekretaris-Risiko-2024', 'sekretaris'],
    ['risiko.marketing', 'Marketing-Risiko-2024', 'koordinator_marketing'],
  ] as const;
  for (const [username, secret, jabatanCode] of officers) {
    const person = await addPerson(app.connection, 'pengurus', username, secret, kubeId);
    await app.connection.db
      .insert(positions)
      .values({ id: `${person.id}p`, kubeId, personId: person.id, jabatanCode, startDate: '2025-01-01' });
  }
  await addPerson(app.connection, 'anggota', 'risiko.anggota', '1357', kubeId);
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

describe.skipIf(browserMissing)('the money and risk module for every officer, in Chromium', () => {
  for (const [width, height] of [
    [360, 740],
    [800, 1280],
  ] as const) {
    it(`shows it to a sekretaris on home and opens it, with the risk lesson, at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await signedInPage(context, app.url, 'risiko.sekretaris', 'Sekretaris-Risiko-2024');
      const card = page.locator('.module-card', { hasText: TITLE });
      await expect(card.isVisible()).resolves.toBe(true);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/risiko-beranda-sekretaris-${width}.png` });

      await card.getByRole('link').first().click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(TITLE);
      await expect(page.getByText('Modul ini untuk semua pengurus.').isVisible()).resolves.toBe(true);
      await expect(page.getByText('Mengelola risiko keuangan').first().isVisible()).resolves.toBe(true);
      await page.screenshot({ path: `${SHOTS}/risiko-modul-sekretaris-${width}.png` });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide).toBeLessThanOrEqual(width);
      await context.close();
    });
  }

  it('shows it to a division coordinator too', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await signedInPage(context, app.url, 'risiko.marketing', 'Marketing-Risiko-2024');
    await expect(page.locator('.module-card', { hasText: TITLE }).isVisible()).resolves.toBe(true);
    const response = await page.goto(`${app.url}/belajar/keuangan-kube`);
    expect(response?.status()).toBe(200);
    await context.close();
  });

  it('still keeps it from members, who have their own modules', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await signedInPage(context, app.url, 'risiko.anggota', '1357');
    await expect(page.getByText(TITLE).count()).resolves.toBe(0);
    const response = await page.goto(`${app.url}/belajar/keuangan-kube`);
    expect(response?.status()).toBe(403);
    await context.close();
  });
});
