import { describe, expect, it } from 'vitest';
import { browserMissing } from './helpers/browser.ts';
import { useAppAndBrowser } from './helpers/suite.ts';

// An empty installation offers the demo on its first-run page: a new user sees meaningful indicators at once.

const suite = useAppAndBrowser();

describe.skipIf(browserMissing)('the demo on first start', () => {
  it('loads KUBE Maju Bersama 1 with its indicator records and signs in as the demo admin', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await page.goto(suite.app.url);
    expect(new URL(page.url()).pathname).toBe('/mulai');
    await page.getByRole('button', { name: 'Muat data contoh' }).click();
    await page.getByRole('heading', { name: 'Data contoh sudah dimuat' }).waitFor();
    const accounts = page.getByRole('table', { name: 'Akun contoh' });
    await expect(accounts.getByRole('row', { name: /Admin Dinas Sosial \(demo\)/ }).textContent()).resolves.toContain(
      'admin.demo',
    );

    await page.getByRole('link', { name: 'Lihat indikator keberhasilan' }).click();
    const indicator = (n: number) => page.locator(`section[aria-labelledby="i${n}"] .indicator__value`);
    await expect(indicator(1).textContent()).resolves.toMatch(/100%.*Tercapai/s);
    await expect(indicator(3).textContent()).resolves.toMatch(/100%.*Tercapai/s);
    await page.goto(`${suite.app.url}/kube/demomajubersama1/kapasitas`);
    await expect(page.getByText('Tindak lanjut').first().isVisible()).resolves.toBe(true);

    // The first-run page is gone once there is an admin; the demo cannot be loaded twice.
    const again = await suite.app.connection.client.execute('SELECT count(*) AS n FROM capacity_assessments');
    expect(Number(again.rows[0]?.['n'])).toBe(2);
    const other = await (await suite.browser.newContext()).newPage();
    await other.goto(`${suite.app.url}/mulai`);
    expect(new URL(other.url()).pathname).toBe('/masuk');

    // The data behind each indicator, as the CSV parts give it for the demo's year.
    const csv = async (part: number) => {
      const response = await page.request.get(
        `${suite.app.url}/indikator/unduh?bagian=${part}&dari=2026-01-01&sampai=2026-11-30`,
      );
      expect(response.status()).toBe(200);
      return (await response.text()).split('\r\n');
    };
    const [structure, knowledge, capacity] = [await csv(1), await csv(2), await csv(3)];
    expect(structure.slice(0, 2)).toEqual([
      '\uFEFFTanggal;KUBE;Desa;Kecamatan;Kabupaten;Pengurus inti;Divisi marketing;Divisi pemberdayaan;Pengurus di luar inti',
      '2026-11-30;Maju Bersama 1;Singkalanyar;Prambon;Nganjuk;3;Ada;Ada;2',
    ]);
    // The core officers took the retention test of manajemen-kube in August: its day, score and share kept follow.
    expect(knowledge[0]).toBe(
      '\uFEFFNama;KUBE;Modul;Tanggal post-test;Pre-test;Post-test;Kenaikan;g;Jabatan saat post-test;Tanggal tes ulang;Tes ulang;Bertahan (%)',
    );
    expect(knowledge).toContain(
      'Dewi Anggraini (demo);Maju Bersama 1;"Pembukuan Kas, IKS dan Simpan Pinjam";2026-05-25;29,4;100;70,6;1;Bendahara;;;',
    );
    expect(knowledge.filter((line) => line.includes(';2026-08-03;'))).toHaveLength(3);
    // The fourth figure's data: the KUBE's learning workshops per quarter (none in the first: the story of the paper).
    const trainings = await csv(4);
    expect(trainings.slice(0, 2)).toEqual([
      '\uFEFFKUBE;Desa;Kecamatan;Kabupaten;Triwulan I 2026;Triwulan II 2026;Triwulan III 2026;Setiap triwulan;Terakhir dilatih',
      'Maju Bersama 1;Singkalanyar;Prambon;Nganjuk;0;2;1;Tidak;2026-09-14',
    ]);
    expect(capacity.slice(0, 2)).toEqual([
      '\uFEFFKUBE;Dimensi;Tanggal baseline;Skor baseline;Tanggal terakhir;Skor terakhir;Perubahan;Membaik',
      'Maju Bersama 1;Strategi pemasaran;2026-02-16;1,6;2026-10-19;2,2;0,6;Ya',
    ]);
  });
});
