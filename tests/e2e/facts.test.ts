import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'fx.admin', 'Admin-Usaha-2024');
  const kubeId = await addKube(app.connection, 'kubefacts1', 'Maju Bersama Usaha');
  await addPerson(app.connection, 'pendamping', 'fx.rina', 'Pendamping-Usaha-2024', kubeId);
  await addPerson(app.connection, 'anggota', 'fx.sumarni', '2468', kubeId);
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

async function countRows(table: 'kube_partnerships' | 'kube_channels'): Promise<number> {
  const result = await app.connection.client.execute(`SELECT count(*) AS n FROM ${table} WHERE kube_id = 'kubefacts1'`);
  return Number(result.rows[0]?.['n']);
}

/** A section of the page, named by its heading (each form on the page has the same labels as its twins). */
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

describe.skipIf(browserMissing)('the business and partnerships of a KUBE', () => {
  it('are recorded by the facilitator, refused when incomplete, corrected with history, and summed up', async () => {
    const page = await signedInPage(await browser.newContext(), app.url, 'fx.rina', 'Pendamping-Usaha-2024');
    await page.goto(`${app.url}/kube/kubefacts1/usaha`);
    for (const empty of [
      'Belum ada saluran pemasaran yang dicatat.',
      'Belum ada produk yang dicatat.',
      'Belum ada kemitraan yang dicatat.',
      'Belum ada omzet yang dicatat.',
    ]) {
      await expect(page.getByText(empty).isVisible()).resolves.toBe(true);
    }

    // A partnership marked as ended needs its end date: refused, nothing saved, what was typed kept.
    const partnerships = section(page, 'Kemitraan');
    const newPartnership = partnerships.getByRole('form', { name: 'Catat kemitraan baru' });
    await newPartnership.getByLabel('Nama mitra', { exact: true }).fill('Toko Sumber Rejeki');
    await newPartnership.getByLabel('Jenis mitra', { exact: true }).selectOption('pembeli');
    await newPartnership.getByLabel('Status', { exact: true }).selectOption('berakhir');
    await newPartnership.getByRole('button', { name: 'Catat kemitraan' }).click();
    await newPartnership.getByText('Kemitraan yang sudah berakhir perlu tanggal berakhirnya.').waitFor();
    await expect(countRows('kube_partnerships')).resolves.toBe(0);
    await expect(newPartnership.getByLabel('Nama mitra', { exact: true }).inputValue()).resolves.toBe(
      'Toko Sumber Rejeki',
    );

    // Recorded properly as still being explored.
    await newPartnership.getByLabel('Status', { exact: true }).selectOption('dijajaki');
    await newPartnership.getByRole('button', { name: 'Catat kemitraan' }).click();
    await page.waitForURL(/dicatat=kemitraan/);
    await expect(page.getByText('Kemitraan dengan Toko Sumber Rejeki dicatat.').isVisible()).resolves.toBe(true);
    await expect(countRows('kube_partnerships')).resolves.toBe(1);

    // It became active: the correction keeps the old status in the record's history.
    await partnerships.locator('summary', { hasText: 'Koreksi' }).click();
    const correction = partnerships.getByRole('form', { name: 'Koreksi: Toko Sumber Rejeki' });
    await correction.getByLabel('Status', { exact: true }).selectOption('aktif');
    await correction.getByRole('button', { name: 'Simpan koreksi' }).click();
    await page.waitForURL(/dikoreksi=kemitraan/);
    await expect(page.getByText('Koreksi kemitraan dengan Toko Sumber Rejeki disimpan.').isVisible()).resolves.toBe(
      true,
    );
    const line = partnerships.getByRole('listitem').filter({ hasText: 'Status: Dijajaki → Aktif' });
    await expect(line.isVisible()).resolves.toBe(true);
    await expect(line.textContent()).resolves.toContain('Uji fx.rina');

    // A WhatsApp channel, and a month's turnover typed the Indonesian way.
    const channels = section(page, 'Saluran pemasaran');
    const newChannel = channels.getByRole('form', { name: 'Catat saluran pemasaran baru' });
    await newChannel.getByLabel('Saluran', { exact: true }).selectOption('whatsapp');
    await newChannel.getByRole('button', { name: 'Catat saluran' }).click();
    await page.waitForURL(/dicatat=saluran/);
    await expect(page.getByText('Saluran pemasaran WhatsApp dicatat.').isVisible()).resolves.toBe(true);
    await expect(countRows('kube_channels')).resolves.toBe(1);

    const turnover = section(page, 'Omzet bulanan');
    await turnover.getByLabel('Omzet (rupiah)', { exact: true }).fill('1.500.000');
    await turnover.getByRole('button', { name: 'Simpan omzet' }).click();
    await page.waitForURL(/dicatat=omzet/);
    await expect(page.getByText(/^Omzet bulan .+ disimpan\.$/).isVisible()).resolves.toBe(true);
    await expect(section(page, 'Omzet bulanan').getByText('Rp 1.500.000').isVisible()).resolves.toBe(true);
    const stored = await app.connection.client.execute("SELECT amount FROM kube_turnover WHERE kube_id = 'kubefacts1'");
    expect(Number(stored.rows[0]?.['amount'])).toBe(1_500_000);

    // Today: one channel in use and it is digital, no product yet, one active partnership.
    const summary = await section(page, 'Keadaan hari ini').textContent();
    expect(summary).toContain('1 dipakai, 1 di antaranya digital');
    expect(summary).toContain('0 ditawarkan');
    expect(summary).toContain('1 aktif');
    await expect(page.getByText('Belum ada produk yang dicatat.').isVisible()).resolves.toBe(true);
  });

  it('is not open to a member of the KUBE', async () => {
    const member = await signedInPage(await browser.newContext(), app.url, 'fx.sumarni', '2468');
    const response = await member.goto(`${app.url}/kube/kubefacts1/usaha`);
    expect(response?.status()).toBe(403);
  });
});
