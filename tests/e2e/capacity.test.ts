import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';

const KUBE = 'kubekapasitas1';
const FACILITATOR = { username: 'cap.rina', secret: 'Pendamping-Kapasitas-24' };
const PROGRAM_DIMENSIONS = ['Strategi pemasaran', 'Pengembangan usaha', 'Kemitraan'];
// Texts of content/rubrics/kapasitas-kube.yaml.
const LAST_ITEM = 'Hasil usaha anggota meningkat.';
const PRICE_ITEM = 'Harga jual dihitung dari biaya dan keuntungan yang diinginkan.';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'cap.admin', 'Admin-Kapasitas-2024');
  await addKube(app.connection, KUBE, 'Maju Bersama Kapasitas');
  await addPerson(app.connection, 'pendamping', FACILITATOR.username, FACILITATOR.secret, KUBE);
  await addPerson(app.connection, 'anggota', 'cap.sumarni', '2468', KUBE);
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

async function countAssessments(): Promise<number> {
  const result = await app.connection.client.execute('SELECT count(*) AS n FROM capacity_assessments');
  return Number(result.rows[0]?.['n']);
}

/** Ticks `score` for every item of the scoring form (or of one part of it), except the groups named in `skip`. */
async function scoreEvery(scope: Page | Locator, score: number, skip: string[] = []) {
  for (const radio of await scope.locator(`input[type="radio"][value="${score}"]`).all()) {
    const name = await radio.getAttribute('name');
    if (name !== null && !skip.includes(name)) await radio.check();
  }
}

async function facilitatorPage(): Promise<Page> {
  return signedInPage(await browser.newContext(), app.url, FACILITATOR.username, FACILITATOR.secret);
}

const assessmentList = (page: Page) =>
  page.getByRole('region', { name: 'Penilaian kapasitas KUBE ini, dari yang pertama' });
const changeTable = (page: Page) =>
  page.getByRole('region', { name: 'Nilai rata-rata per dimensi: baseline dan tindak lanjut terakhir' });

describe.skipIf(browserMissing)('capacity assessments of a KUBE', () => {
  it('records a baseline only when every item is scored', async () => {
    const page = await facilitatorPage();
    await page.goto(`${app.url}/kube/${KUBE}/kapasitas`);
    await expect(page.getByText('KUBE ini belum pernah dinilai.').isVisible()).resolves.toBe(true);

    await page.getByRole('link', { name: 'Nilai sekarang' }).click();
    await page.waitForURL(/\/kapasitas\/baru$/);
    await expect(page.getByText('Ini penilaian pertama KUBE ini').isVisible()).resolves.toBe(true);
    await page.getByLabel('Tanggal penilaian').fill('2025-01-15');
    await scoreEvery(page, 2, ['skor-us-hasil-usaha']);
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Simpan penilaian' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await page.getByText('Ada isian yang perlu diperbaiki').waitFor();

    // The error sits with the unscored item; what was chosen stays chosen; nothing is saved.
    const unscored = page.getByRole('radiogroup', { name: LAST_ITEM });
    await expect(unscored.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(unscored.getByText('Masih ada 1 butir yang belum dinilai.').isVisible()).resolves.toBe(true);
    await expect(page.locator('input[name="skor-sp-harga"][value="2"]').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Tanggal penilaian').inputValue()).resolves.toBe('2025-01-15');
    await expect(countAssessments()).resolves.toBe(0);

    await unscored.locator('input[value="2"]').check();
    await page.getByRole('button', { name: 'Simpan penilaian' }).click();
    await page.waitForURL(/\/kube\/kubekapasitas1\/kapasitas\?dicatat=1$/);
    await expect(page.getByText('Penilaian tersimpan.').isVisible()).resolves.toBe(true);
    const baseline = assessmentList(page).getByRole('row', { name: /Baseline/ });
    await expect(baseline.textContent()).resolves.toContain('15 Januari 2025');
    await expect(baseline.textContent()).resolves.toContain('Uji cap.rina');
    await expect(countAssessments()).resolves.toBe(1);
  });

  it('shows the change from the baseline after a follow-up', async () => {
    const page = await facilitatorPage();
    await page.goto(`${app.url}/kube/${KUBE}/kapasitas/baru`);
    await expect(page.getByText('KUBE ini sudah dinilai 1 kali.').isVisible()).resolves.toBe(true);
    // Today's date is already filled in.
    await scoreEvery(page, 2);
    for (const dimension of PROGRAM_DIMENSIONS) {
      await scoreEvery(page.getByRole('group', { name: new RegExp(`^${dimension}`) }), 3);
    }
    await page.getByRole('button', { name: 'Simpan penilaian' }).click();
    await page.waitForURL(/\/kapasitas\?dicatat=1$/);
    await expect(countAssessments()).resolves.toBe(2);

    const changes = changeTable(page);
    for (const dimension of PROGRAM_DIMENSIONS) {
      const row = await changes.getByRole('row', { name: new RegExp(`^${dimension}`) }).textContent();
      expect(row).toContain('↑');
      expect(row).toContain('naik 1');
    }
    await expect(changes.getByRole('row', { name: /Aspek sosial/ }).textContent()).resolves.toContain('tetap');
    await expect(changes.getByRole('row', { name: /Rata-rata semua dimensi/ }).textContent()).resolves.toContain(
      'naik 0,5',
    );
    await expect(
      assessmentList(page)
        .getByRole('row', { name: /Tindak lanjut/ })
        .count(),
    ).resolves.toBe(1);
  });

  it('corrects a score and keeps the old value in the history', async () => {
    const page = await facilitatorPage();
    await page.goto(`${app.url}/kube/${KUBE}/kapasitas`);
    await assessmentList(page)
      .getByRole('row', { name: /Tindak lanjut/ })
      .getByRole('link')
      .click();
    await page.waitForURL(/\/kapasitas\/[a-z0-9]+$/);
    await expect(page.getByText('Penilaian ini belum pernah dikoreksi.').isVisible()).resolves.toBe(true);

    // The correction form starts from the recorded scores.
    await expect(page.locator('input[name="skor-sp-harga"][value="3"]').isChecked()).resolves.toBe(true);
    await page.locator('input[name="skor-sp-harga"][value="4"]').check();
    await page.getByRole('button', { name: 'Simpan koreksi' }).click();
    await page.waitForURL(/\/kapasitas\/[a-z0-9]+\?dikoreksi=1$/);
    await expect(page.getByText('Koreksi tersimpan.').isVisible()).resolves.toBe(true);

    const history = page.getByRole('region', { name: 'Koreksi penilaian ini, yang terbaru dulu' });
    await expect(history.getByRole('row').count()).resolves.toBe(2);
    const row = await history.getByRole('row', { name: PRICE_ITEM }).textContent();
    expect(row).toContain('3 · Berjalan');
    expect(row).toContain('4 · Mantap');
    expect(row).toContain('Uji cap.rina');
    const logged = await app.connection.client.execute(
      "SELECT old_value, new_value FROM record_changes WHERE table_name = 'capacity_scores'",
    );
    expect(logged.rows.map((r) => [r['old_value'], r['new_value']])).toEqual([['3', '4']]);
  });

  it('keeps members out of their KUBE’s capacity page', async () => {
    const member = await signedInPage(await browser.newContext(), app.url, 'cap.sumarni', '2468');
    const response = await member.goto(`${app.url}/kube/${KUBE}/kapasitas`);
    expect(response?.status()).toBe(403);
  });
});
