import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'ws.admin', 'Admin-Workshop-2024');
  const kubeId = await addKube(app.connection, 'kubeworkshop1', 'Maju Bersama 1');
  await addPerson(app.connection, 'pendamping', 'ws.rina', 'Pendamping-Workshop-24', kubeId);
  await addPerson(app.connection, 'anggota', 'ws.sumarni', '2468', kubeId);
  await addPerson(app.connection, 'anggota', 'ws.bakri', '8642', kubeId);
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

describe.skipIf(browserMissing)('a workshop on shared tablets', () => {
  it('is created by the facilitator, joined by code, name and PIN, and records attendance', async () => {
    const facilitator = await signedInPage(await browser.newContext(), app.url, 'ws.rina', 'Pendamping-Workshop-24');
    await facilitator.goto(`${app.url}/kube/kubeworkshop1/workshop`);
    await facilitator.getByLabel('Modul').selectOption('usaha-produk');
    await facilitator.getByLabel('Tempat').fill('Balai Desa Singkalanyar');
    await facilitator.getByRole('button', { name: 'Buat workshop' }).click();
    await facilitator.waitForURL(/\/workshop\/[a-z0-9]+\?dibuat=1$/);
    const code = (await facilitator.locator('.workshop-code__value').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    await expect(facilitator.locator('.workshop-code__qr svg').count()).resolves.toBe(1);

    const tablet = await (await browser.newContext({ viewport: { width: 600, height: 960 } })).newPage();
    await tablet.goto(`${app.url}/gabung`);
    await tablet.getByLabel('Kode workshop').fill(code.toLowerCase());
    await tablet.getByRole('button', { name: 'Lanjut' }).click();
    await tablet.getByRole('link', { name: 'Uji ws.sumarni' }).click();
    await tablet.getByLabel('PIN Anda').fill('1111');
    await tablet.getByRole('button', { name: 'Masuk' }).click();
    await expect(tablet.getByText('PIN salah').isVisible()).resolves.toBe(true);
    await tablet.getByLabel('PIN Anda').fill('2468');
    await tablet.getByRole('button', { name: 'Masuk' }).click();
    // In the pre-test phase the tablet goes straight to the pre-test.
    await tablet.waitForURL(/\/belajar\/usaha-produk\/tes\/pre$/);
    await expect(tablet.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Pre-test');

    // She takes the pre-test; the tablet thanks her, signs her out and returns to the join screen.
    await tablet.getByRole('button', { name: 'Mulai Pre-test' }).click();
    for (let i = 0; i < 8; i++) {
      await tablet.getByRole('radio').first().click();
      await tablet.getByRole('button', { name: i < 7 ? 'Berikutnya' : 'Periksa jawaban', exact: true }).click();
    }
    await tablet.getByRole('button', { name: 'Kumpulkan' }).click();
    await tablet.waitForURL(/\/gabung\/selesai$/);
    await expect(tablet.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Terima kasih');
    await tablet.getByRole('link', { name: 'Anggota berikutnya' }).click();
    await expect(tablet.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Pilih nama Anda');
    // Handed on, the tablet goes back to the join screen, never to the staff sign-in.
    await tablet.goto(`${app.url}/akun`);
    expect(new URL(tablet.url()).pathname).toBe('/gabung');
    const submitted = await app.connection.client.execute(
      "SELECT count(*) AS n FROM attempts WHERE person_id = 'twssumarni' AND submitted_at IS NOT NULL",
    );
    expect(Number(submitted.rows[0]?.['n'])).toBe(1);

    // The live board shows it without a reload.
    await facilitator
      .getByRole('row', { name: /ws\.sumarni/ })
      .getByText('Sudah mengumpulkan')
      .waitFor({ timeout: 10_000 });
    await expect(facilitator.getByText('1 dari 2 anggota hadir').isVisible()).resolves.toBe(true);
    await facilitator
      .getByRole('row', { name: /ws\.bakri/ })
      .getByRole('button', { name: 'Catat hadir' })
      .click();
    await expect(facilitator.getByText('2 dari 2 anggota hadir').isVisible()).resolves.toBe(true);
    await expect(facilitator.getByText('dicatat pendamping').isVisible()).resolves.toBe(true);

    for (const phase of ['Lanjut ke tahap Materi', 'Lanjut ke tahap Post-test', 'Tutup workshop']) {
      await facilitator.getByRole('button', { name: phase }).click();
      await facilitator.waitForLoadState();
    }
    await expect(facilitator.getByText('Workshop ini sudah ditutup').isVisible()).resolves.toBe(true);
    await tablet.goto(`${app.url}/gabung?kode=${code}`);
    await expect(tablet.getByText('tidak dikenal atau workshop-nya sudah ditutup').isVisible()).resolves.toBe(true);
  });

  it('keeps members out of the facilitator’s workshop page', async () => {
    const row = (await app.connection.client.execute('SELECT id FROM workshops LIMIT 1')).rows[0];
    const member = await signedInPage(await browser.newContext(), app.url, 'ws.bakri', '8642');
    const id = row?.['id'];
    const response = await member.goto(`${app.url}/workshop/${typeof id === 'string' ? id : 'none'}`);
    expect(response?.status()).toBe(403);
  });

  it('lets the facilitator give a member who forgot it a new PIN', async () => {
    const facilitator = await signedInPage(await browser.newContext(), app.url, 'ws.rina', 'Pendamping-Workshop-24');
    await facilitator.goto(`${app.url}/kube/kubeworkshop1/orang/twsbakri`);
    await facilitator.getByLabel('PIN baru').fill('12');
    await facilitator.getByRole('button', { name: 'Ganti PIN' }).click();
    await expect(facilitator.getByText('PIN harus 4 sampai 6 angka').isVisible()).resolves.toBe(true);
    await facilitator.getByLabel('PIN baru').fill('975310');
    await facilitator.getByRole('button', { name: 'Ganti PIN' }).click();
    await expect(facilitator.getByText('PIN sudah diganti').isVisible()).resolves.toBe(true);
    const member = await signedInPage(await browser.newContext(), app.url, 'ws.bakri', '975310');
    expect(new URL(member.url()).pathname).toBe('/');
  });
});
