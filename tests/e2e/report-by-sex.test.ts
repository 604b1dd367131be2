import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedAttempt } from '../helpers/attempts.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';

// On a phone (360 px), an admin records a member's sex in the person form, and the gain report's table
// "Menurut jenis kelamin" moves her pair from "Tidak diketahui" to "Perempuan"; the filter `jk` keeps only her.

let app: RunningApp;
let browser: Browser;
const KUBE = 'kubesexes01';
let sriId = '';

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 's.admin', 'Admin-Sexes-2024');
  await addKube(app.connection, KUBE, 'Maju Bersama 1');
  let index = 0;
  for (const [username, pre, post] of [
    ['s.sri', 25, 75],
    ['s.budi', 0, 50],
  ] as const) {
    const person = await addPerson(app.connection, 'anggota', username, '2468', KUBE);
    if (username === 's.sri') sriId = person.id;
    for (const [kind, score] of [
      ['pre', pre],
      ['post', post],
    ] as const) {
      await seedAttempt(app.connection.db, {
        id: `00000000-0000-4000-8000-${String(++index).padStart(12, '0')}`,
        personId: person.id,
        moduleSlug: 'usaha-produk',
        kind,
        results: Object.fromEntries(
          ['up-q01', 'up-q02', 'up-q03', 'up-q04'].map((q, i) => [q, i < score / 25 ? 1 : 0]),
        ),
        submittedAt: new Date(`2026-03-0${kind === 'pre' ? 1 : 9}T02:00:00Z`),
        counted: true,
      });
    }
  }
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

describe.skipIf(browserMissing)('figures by sex', () => {
  it('follows the sex set in the person form into the report’s table by sex and its filter', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await signedInPage(context, app.url, 's.admin', 'Admin-Sexes-2024');
    const bySex = page.getByRole('table', { name: 'Angka utama menurut jenis kelamin' });
    const row = (name: string) => bySex.getByRole('row', { name: new RegExp(`^${name}`) });

    await page.goto(`${app.url}/laporan`);
    await expect(row('Perempuan').textContent()).resolves.toContain('Tidak ada orang');
    await expect(row('Tidak diketahui').textContent()).resolves.toMatch(/^Tidak diketahui2/);

    await page.goto(`${app.url}/admin/orang/${sriId}`);
    await page.locator('#edit-sex').selectOption({ label: 'Perempuan' });
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.waitForURL(/disimpan/);
    await expect(page.locator('dl.facts').textContent()).resolves.toContain('Perempuan');

    await page.goto(`${app.url}/laporan`);
    // Sri: 25 → 75, one pair; Budi stays unknown.
    await expect(row('Perempuan').textContent()).resolves.toBe('Perempuan1257550100%');
    await expect(row('Tidak diketahui').textContent()).resolves.toMatch(/^Tidak diketahui10/);
    await expect(row('Semua').textContent()).resolves.toMatch(/^Semua2/);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);

    await page.locator('.filter-panel summary').click();
    await page.locator('select[name=jk]').selectOption({ label: 'Perempuan' });
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.waitForURL(/jk=P/);
    await expect(page.locator('.filter-panel summary').textContent()).resolves.toContain('Perempuan');
    await expect(row('Laki-laki').textContent()).resolves.toContain('Tidak ada orang');
    await expect(row('Tidak diketahui').textContent()).resolves.toContain('Tidak ada orang');
    await expect(row('Semua').textContent()).resolves.toMatch(/^Semua1/);
    await context.close();
  });
});
