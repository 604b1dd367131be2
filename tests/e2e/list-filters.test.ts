import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { kubes, memberships, people } from '../../db/schema.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { widestOverflow } from './helpers/overflow.ts';
import { addPerson, cookieFor } from './helpers/people.ts';

// Lists for thousands: on a phone, the KUBE list and the people list narrow by area and name, and the filter
// stays on as one pages through; odd addresses answer with the first page, never an error.

let app: RunningApp;
let browser: Browser;
let admin: string;
const KABUPATEN = ['Kediri', 'Nganjuk', 'Sidoarjo'];
const SHOTS = process.env['SCREENSHOTS'];

beforeAll(async () => {
  app = await startApp();
  const person = await addPerson(app.connection, 'admin', 'daftar.admin', 'Admin-Daftar-Panjang-24');
  admin = await cookieFor(app.connection, person.id);
  // 300 KUBEs: 100 in each kabupaten, 2 kecamatan each; every KUBE with one member.
  const rows = Array.from({ length: 300 }, (_, i) => {
    const kabupaten = KABUPATEN[i % 3] ?? 'Nganjuk';
    const kecamatan = `${kabupaten} ${i % 2 === 0 ? 'Utara' : 'Selatan'}`;
    const name = `${i % 5 === 0 ? 'Maju' : 'Sejahtera'} ${String(i).padStart(3, '0')}`;
    return {
      id: `kd${String(i).padStart(6, '0')}`,
      name,
      desa: `Desa ${i % 4}`,
      kecamatan,
      kabupaten,
      provinsi: 'Jawa Timur',
    };
  });
  await app.connection.db.insert(kubes).values(rows);
  await app.connection.db.insert(people).values(
    rows.map((k, i) => ({
      id: `pd${String(i).padStart(6, '0')}`,
      name: `Warga ${k.name}`,
      username: `warga.d${i}`,
      role: 'anggota' as const,
    })),
  );
  await app.connection.db.insert(memberships).values(
    rows.map((k, i) => ({
      id: `md${String(i).padStart(6, '0')}`,
      kubeId: k.id,
      personId: `pd${String(i).padStart(6, '0')}`,
      joinedOn: '2024-01-01',
    })),
  );
  if (!browserMissing) browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  return signedInPage(context, app.url, 'daftar.admin', 'Admin-Daftar-Panjang-24');
}

describe.skipIf(browserMissing)('the KUBE list on a phone', () => {
  it('narrows by kabupaten and name, and keeps both on page 2', async () => {
    const page = await phone();
    await page.goto(`${app.url}/kube`);
    // With JavaScript the form is sent as soon as a kabupaten is chosen; the kecamatan of it appear.
    await Promise.all([page.waitForURL(/kabupaten=Nganjuk/), page.getByLabel('Kabupaten').selectOption('Nganjuk')]);
    expect(await page.getByLabel('Kecamatan').locator('option').allTextContents()).toEqual([
      'Semua kecamatan',
      'Nganjuk Selatan',
      'Nganjuk Utara',
    ]);
    await expect(page.getByText('100 KUBE', { exact: true }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Nama KUBE').fill('sejahtera');
    await Promise.all([page.waitForURL(/cari=sejahtera/), page.getByRole('button', { name: 'Terapkan' }).click()]);
    await expect(page.getByText('Menampilkan 1–50 dari 80').isVisible()).resolves.toBe(true);
    await Promise.all([page.waitForURL(/halaman=2/), page.getByRole('link', { name: 'Berikutnya' }).click()]);
    await expect(page.getByText('Menampilkan 51–80 dari 80').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Nama KUBE').inputValue()).resolves.toBe('sejahtera');
    await expect(page.getByLabel('Kabupaten').inputValue()).resolves.toBe('Nganjuk');
    const names = await page.locator('.cards h2').allTextContents();
    expect(names).toHaveLength(30);
    expect(names.every((name) => name.startsWith('Sejahtera'))).toBe(true);
    expect(await widestOverflow(page)).toBeNull();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/kube-filter-360.png`, fullPage: true });
    await page.context().close();
  });

  it('shows "Hapus filter" when nothing matches', async () => {
    const page = await phone();
    await page.goto(`${app.url}/kube?cari=tidak-ada-kube&kabupaten=Kediri`);
    await expect(page.getByText('Tidak ada KUBE yang cocok').isVisible()).resolves.toBe(true);
    await Promise.all([
      page.waitForURL(`${app.url}/kube`),
      page.locator('.empty').getByRole('link', { name: 'Hapus filter' }).click(),
    ]);
    await expect(page.getByText('Menampilkan 1–50 dari 300').isVisible()).resolves.toBe(true);
    await page.context().close();
  });
});

describe.skipIf(browserMissing)('the people list on a phone', () => {
  it('narrows people to an area, then to one KUBE of it', async () => {
    const page = await phone();
    await page.goto(`${app.url}/admin/orang`);
    await Promise.all([page.waitForURL(/kabupaten=Sidoarjo/), page.getByLabel('Kabupaten').selectOption('Sidoarjo')]);
    await expect(page.getByText('Menampilkan 1–50 dari 100').isVisible()).resolves.toBe(true);
    await page.getByLabel('KUBE', { exact: true }).selectOption({ label: 'Maju 005 (Desa 1)' });
    await Promise.all([page.waitForURL(/kube=kd000005/), page.getByRole('button', { name: 'Cari' }).click()]);
    await expect(page.getByText('Menampilkan 1–1 dari 1').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Warga Maju 005' }).isVisible()).resolves.toBe(true);
    expect(await widestOverflow(page)).toBeNull();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/people-filter-360.png`, fullPage: true });
    await page.context().close();
  });
});

describe('odd list addresses', () => {
  const odd = [
    'halaman=-1',
    'halaman=1e9',
    'halaman=%00',
    'cari=%25%25%25',
    `cari=${'x'.repeat(5000)}`,
    'kabupaten=Atlantis&kecamatan=x&desa=y',
    'kabupaten=Nganjuk&kecamatan=Kediri+Utara',
    'kabupaten[]=a&kabupaten=b',
    'kube=..%2F..%2Fetc',
    'peran=root',
  ];

  it.each(['/kube', '/admin/orang', '/indikator/1', '/indikator/2', '/indikator/3'])(
    '%s answers every odd address with 200 and the first page',
    async (path) => {
      for (const query of odd) {
        const response = await fetch(`${app.url}${path}?${query}`, { headers: { cookie: admin } });
        expect(response.status, `${path}?${query}`).toBe(200);
        const body = await response.text();
        // A page number that is not one shows the first page of the lists that have rows here.
        if (query.startsWith('halaman') && !path.startsWith('/indikator/2')) expect(body).toContain('Menampilkan 1–');
      }
    },
    60_000,
  );
});
