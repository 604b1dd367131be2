import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { workshops } from '../../db/schema.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';

// The success indicators, moved by what a facilitator records: a new division, a capacity baseline and
// follow-up, a partnership, and officers' tests; each indicator and its drill-down follow.

let app: RunningApp;
let browser: Browser;
const KUBE = 'kubeindikator1';
const THIS_YEAR = new Date().getUTCFullYear();

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'ind.admin', 'Admin-Indikator-2024');
  await addKube(app.connection, KUBE, 'Maju Bersama Indikator');
  await addPerson(app.connection, 'pendamping', 'ind.rina', 'Pendamping-Indikator-24', KUBE);
  await addPerson(app.connection, 'anggota', 'ind.sumarni', '2468', KUBE);
  await addPerson(app.connection, 'anggota', 'ind.darto', '3579', KUBE);
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

const indicator = (page: Page, n: 1 | 2 | 3 | 4) => page.locator(`section[aria-labelledby="i${n}"]`);

async function recordPosition(page: Page, member: string, jabatan: string) {
  await page.goto(`${app.url}/kube/${KUBE}`);
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Catat jabatan' }) });
  await form.getByLabel('Anggota', { exact: true }).selectOption({ label: member });
  await form.getByLabel('Jabatan', { exact: true }).selectOption({ label: jabatan });
  await form.getByRole('button', { name: 'Catat jabatan' }).click();
  await page.waitForLoadState();
}

async function scoreAll(page: Page, date: string | null, score: number) {
  await page.goto(`${app.url}/kube/${KUBE}/kapasitas/baru`);
  if (date) await page.getByLabel('Tanggal penilaian').fill(date);
  for (const radio of await page.locator(`input[type="radio"][value="${score}"]`).all()) await radio.check();
  await page.getByRole('button', { name: 'Simpan penilaian' }).click();
  await page.getByText('Penilaian tersimpan.').waitFor();
}

describe.skipIf(browserMissing)('success indicators', () => {
  it('follow a new division, a capacity assessment, a partnership and officers’ tests, with their drill-downs', async () => {
    const page = await signedInPage(
      await browser.newContext({ acceptDownloads: true }),
      app.url,
      'ind.rina',
      'Pendamping-Indikator-24',
    );
    await page.getByRole('link', { name: 'Indikator', exact: true }).click();
    await expect(indicator(page, 1).locator('.indicator__value').textContent()).resolves.toMatch(/0%.*Belum/s);
    await expect(indicator(page, 2).getByText('Belum ada pengurus yang mengerjakan').isVisible()).resolves.toBe(true);
    await expect(indicator(page, 3).getByText('Belum ada KUBE yang dinilai kapasitasnya.').isVisible()).resolves.toBe(
      true,
    );
    // The charts are drawn by a module script after the page loads: wait for it, then count.
    await page.locator('canvas[data-drawn="true"]').first().waitFor();
    await expect(page.locator('canvas[data-drawn="true"]').count()).resolves.toBe(4);

    // Indicator 1: the KUBE forms its marketing and empowerment divisions.
    await recordPosition(page, 'Uji ind.sumarni', 'Koordinator Divisi Marketing');
    await page.goto(`${app.url}/indikator`);
    await expect(indicator(page, 1).locator('.indicator__value').textContent()).resolves.toMatch(/0%.*Belum/s);
    await recordPosition(page, 'Uji ind.darto', 'Koordinator Divisi Pemberdayaan');
    await page.goto(`${app.url}/indikator`);
    await expect(indicator(page, 1).locator('.indicator__value').textContent()).resolves.toMatch(/100%.*Tercapai/s);
    await indicator(page, 1).getByRole('link', { name: 'Lihat rincian dan data' }).click();
    const structure = await page
      .getByRole('row', { name: /Maju Bersama Indikator/ })
      .getByRole('cell')
      .allTextContents();
    expect(structure.slice(-3)).toEqual(['Ada', 'Ada', '2']);

    // Indicator 3: a baseline in January, a better follow-up today.
    await scoreAll(page, `${THIS_YEAR}-01-15`, 2);
    await page.goto(`${app.url}/indikator`);
    await expect(
      indicator(page, 3).getByText('0 dari 1 KUBE yang sudah punya penilaian awal').isVisible(),
    ).resolves.toBe(true);
    await scoreAll(page, null, 3);
    await page.goto(`${app.url}/indikator`);
    await expect(indicator(page, 3).locator('.indicator__value').textContent()).resolves.toMatch(/100%.*Tercapai/s);
    await expect(indicator(page, 3).getByText('1 dari 1 KUBE membaik').count()).resolves.toBe(3);

    // A partnership recorded on the KUBE's business page shows beside indicator 3.
    await page.goto(`${app.url}/kube/${KUBE}/usaha`);
    const newPartnership = page
      .getByRole('region', { name: 'Kemitraan', exact: true })
      .getByRole('form', { name: 'Catat kemitraan baru' });
    await newPartnership.getByLabel('Nama mitra', { exact: true }).fill('BUMDes Sejahtera');
    await newPartnership.getByLabel('Jenis mitra', { exact: true }).selectOption('bumdes');
    await newPartnership.getByLabel('Status', { exact: true }).selectOption('aktif');
    await newPartnership.getByRole('button', { name: 'Catat kemitraan' }).click();
    await page.getByText('Kemitraan dengan BUMDes Sejahtera dicatat.').waitFor();
    await page.goto(`${app.url}/indikator`);
    await expect(
      indicator(page, 3)
        .getByText(/1 kemitraan aktif/)
        .isVisible(),
    ).resolves.toBe(true);
    await indicator(page, 3).getByRole('link', { name: 'Lihat rincian dan data' }).click();
    const capacity = await page
      .getByRole('row', { name: /Maju Bersama Indikator/ })
      .getByRole('cell')
      .allTextContents();
    expect(capacity.slice(2, 5)).toEqual(['2 → 3 ↑', '2 → 3 ↑', '2 → 3 ↑']);
    expect(capacity[6]).toBe('1');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh data (CSV)' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain('Maju Bersama Indikator;Strategi pemasaran;');
    expect(csv.split('\r\n').filter((line) => line.endsWith(';Ya'))).toHaveLength(6);

    // A position recorded with the wrong first day is corrected; the old day stays in the history.
    await page.goto(`${app.url}/kube/${KUBE}`);
    await page.getByText('Koreksi: Koordinator Divisi Marketing, Uji ind.sumarni').click();
    const correction = page.getByRole('form', { name: 'Koreksi: Koordinator Divisi Marketing, Uji ind.sumarni' });
    await correction.getByLabel('Mulai').fill(`${THIS_YEAR}-01-02`);
    await correction.getByRole('button', { name: 'Simpan koreksi' }).click();
    await page.getByText('Koreksi jabatan disimpan.').waitFor();
    await expect(
      page.getByRole('list', { name: 'Koreksi jabatan Uji ind.sumarni' }).getByRole('listitem').textContent(),
    ).resolves.toMatch(new RegExp(`Uji ind\\.rina: Mulai .+ → 2 Januari ${THIS_YEAR}`));

    // Indicator 2: the marketing coordinator took a module's pre-test and post-test after taking office.
    const sumarni = 'tindsumarni';
    for (const [index, kind] of (['pre', 'post'] as const).entries()) {
      await seedAttempt(app.connection.db, {
        id: `00000000-0000-4000-8000-00000000ind${index}`,
        personId: sumarni,
        moduleSlug: 'divisi-kube',
        kind,
        results: { q1: 1, q2: kind === 'post' ? 1 : 0, q3: kind === 'post' ? 1 : 0, q4: 0 },
        submittedAt: new Date(),
        counted: true,
      });
    }
    await page.goto(`${app.url}/indikator`);
    await expect(
      indicator(page, 2).getByText('1 pengurus mengerjakan pre-test dan post-test').isVisible(),
    ).resolves.toBe(true);
    // ⟨g⟩ = (75 − 25) / (100 − 25) = 0.67; 75 is at mastery.
    await expect(indicator(page, 2).locator('.indicator__value').textContent()).resolves.toMatch(/0,67.*Tercapai/s);
    await indicator(page, 2).getByRole('link', { name: 'Lihat rincian dan data' }).click();
    await expect(
      page
        .getByRole('table', { name: 'Kemajuan pengurus menurut jabatan' })
        .getByRole('row', { name: /Koordinator Divisi Marketing/ })
        .textContent(),
    ).resolves.toContain('0,67');

    // Indicator 2 draws each series against its own target: ⟨g⟩ 0,3 is 30 on the ×100 axis, mastery 70 %.
    await page.goto(`${app.url}/indikator`);
    const trend = JSON.parse((await indicator(page, 2).locator('canvas').getAttribute('data-chart')) ?? '{}') as {
      targets: { value: number }[];
    };
    expect(trend.targets.map((target) => target.value)).toEqual([30, 70]);

    // She then takes a second module: still one officer, of two pairs of scores.
    for (const [index, kind] of (['pre', 'post'] as const).entries()) {
      await seedAttempt(app.connection.db, {
        id: `00000000-0000-4000-8000-00000000inu${index}`,
        personId: sumarni,
        moduleSlug: 'usaha-produk',
        kind,
        results: { q1: 1, q2: kind === 'post' ? 1 : 0, q3: 0, q4: 0 },
        submittedAt: new Date(),
        counted: true,
      });
    }
    for (const [width, height] of [
      [360, 740],
      [800, 1280],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${app.url}/indikator`);
      await expect(
        indicator(page, 2)
          .getByText('1 pengurus mengerjakan pre-test dan post-test dalam periode ini (2 pasangan nilai')
          .isVisible(),
      ).resolves.toBe(true);
      await indicator(page, 2).locator('canvas[data-drawn="true"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/figures-shots/indikator-2-${width}.png` });
      await page.goto(`${app.url}/indikator/2`);
      const marketing = await page
        .getByRole('table', { name: 'Kemajuan pengurus menurut jabatan' })
        .getByRole('row', { name: /Koordinator Divisi Marketing/ })
        .getByRole('cell')
        .allTextContents();
      expect(marketing.slice(0, 2)).toEqual(['1', '2']);
    }
  });

  it('shows the fourth figure, an addition of this platform: KUBEs trained in every quarter of a past year', async () => {
    const year = THIS_YEAR - 1;
    const period = `?dari=${String(year)}-01-01&sampai=${String(year)}-12-31`;
    const held = (month: number, purpose: 'learning' | 'retention' = 'learning') => {
      const date = `${String(year)}-${String(month).padStart(2, '0')}-15`;
      return {
        id: `indworkshop${String(month).padStart(2, '0')}${purpose[0] ?? ''}`,
        kubeId: KUBE,
        moduleSlug: 'hakikat-kube',
        date,
        place: 'Balai desa',
        code: `IND${String(month).padStart(2, '0')}${purpose === 'learning' ? 'A' : 'B'}`,
        phase: 'selesai' as const,
        purpose,
        closedAt: new Date(`${date}T09:00:00Z`),
      };
    };
    // Trained in the first three quarters; in the fourth only a retention test, which is no training.
    await app.connection.db.insert(workshops).values([held(2), held(5), held(8), held(11, 'retention')]);
    const page = await signedInPage(await browser.newContext(), app.url, 'ind.rina', 'Pendamping-Indikator-24');
    await page.goto(`${app.url}/indikator${period}`);
    const fourth = indicator(page, 4);
    await expect(fourth.getByRole('heading', { name: '4. Pelatihan berkala' }).isVisible()).resolves.toBe(true);
    await expect(
      fourth.getByText(/^Tambahan dari platform ini, bukan salah satu dari tiga indikator/).isVisible(),
    ).resolves.toBe(true);
    await expect(fourth.locator('.indicator__value').textContent()).resolves.toMatch(/0%.*Target 80%.*Belum/s);
    await expect(fourth.getByRole('definition').last().textContent()).resolves.toBe('0 dari 1 KUBE dilatih (0%)');

    await app.connection.db.insert(workshops).values(held(12));
    await page.goto(`${app.url}/indikator${period}`);
    await expect(fourth.locator('.indicator__value').textContent()).resolves.toMatch(/100%.*Tercapai/s);
    await expect(
      fourth.getByText(`1 dari 1 KUBE dilatih setidaknya sekali di setiap triwulan yang sudah selesai`).isVisible(),
    ).resolves.toBe(true);
    await fourth.getByRole('link', { name: 'Lihat rincian dan data' }).click();
    const row = await page
      .getByRole('row', { name: /Maju Bersama Indikator/ })
      .getByRole('cell')
      .allTextContents();
    expect(row.slice(1)).toEqual(['1', '1', '1', '1', 'Ya', `15 Desember ${String(year)}`]);
  });

  it('lets the admin set a target, refusing a bad one, and keeps the old value', async () => {
    const page = await signedInPage(await browser.newContext(), app.url, 'ind.admin', 'Admin-Indikator-2024');
    await page.goto(`${app.url}/admin/target`);
    const i3 = page.locator('section[aria-labelledby="target-i3_improved"]');
    await i3.getByLabel('Target baru').fill('banyak');
    await i3.getByRole('button', { name: 'Simpan target' }).click();
    await expect(i3.getByText('Target harus angka').isVisible()).resolves.toBe(true);
    // 150 is a number, out of range: the message names the range, not "not a number".
    await i3.getByLabel('Target baru').fill('150');
    await i3.getByRole('button', { name: 'Simpan target' }).click();
    await expect(i3.getByText('Target persen harus antara 0 dan 100.').isVisible()).resolves.toBe(true);
    await i3.getByLabel('Target baru').fill('85');
    await i3.getByRole('button', { name: 'Simpan target' }).click();
    await page.getByText('Target disimpan.').waitFor();
    await expect(i3.textContent()).resolves.toMatch(/70%\s*→\s*85%/);
    await page.goto(`${app.url}/indikator`);
    await expect(indicator(page, 3).textContent()).resolves.toContain('Target 85%');
  });
});
