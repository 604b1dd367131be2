import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedAttempt } from '../helpers/attempts.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';

// A facilitator opens a gain report, sees its charts and tables, prints it, and downloads its CSV.

let app: RunningApp;
let browser: Browser;
const KUBE = 'kubereport01';

/** Pre and post scores for eight members of a 4-question test (scores in steps of 25). */
const SCORES: [string, number, number][] = [
  ['r.ani', 25, 75],
  ['r.budi', 0, 50],
  ['r.citra', 50, 100],
  ['r.dedi', 50, 75],
  ['r.eka', 75, 50],
  ['r.fajar', 25, 75],
  ['r.gita', 0, 75],
  ['r.hadi', 25, 100],
];

async function seed(personId: string, kind: 'pre' | 'post', score: number, index: number, moduleSlug = 'usaha-produk') {
  const right = score / 25;
  await seedAttempt(app.connection.db, {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    personId,
    moduleSlug,
    kind,
    // The module's own questions, so the report can name their objectives by their text.
    results: Object.fromEntries(['up-q01', 'up-q02', 'up-q03', 'up-q04'].map((q, i) => [q, i < right ? 1 : 0])),
    submittedAt: new Date(`2026-03-0${kind === 'pre' ? 1 : 9}T02:00:00Z`),
    counted: true,
  });
}

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'r.admin', 'Admin-Report-2024');
  await addKube(app.connection, KUBE, 'Maju Bersama 1');
  await addPerson(app.connection, 'pendamping', 'r.rina', 'Pendamping-Report-24', KUBE);
  let index = 0;
  for (const [username, pre, post] of SCORES) {
    const person = await addPerson(app.connection, 'anggota', username, '2468', KUBE);
    await seed(person.id, 'pre', pre, ++index);
    await seed(person.id, 'post', post, ++index);
    // Ani also took a second module: eight people, nine pairs over every module.
    if (username === 'r.ani') {
      await seed(person.id, 'pre', 25, ++index, 'hakikat-kube');
      await seed(person.id, 'post', 75, ++index, 'hakikat-kube');
    }
  }
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

describe.skipIf(browserMissing)('a gain report', () => {
  it('shows the verdict, the charts with their tables, and downloads a CSV that Excel opens in columns', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await signedInPage(context, app.url, 'r.rina', 'Pendamping-Report-24');
    await page.getByRole('link', { name: 'Laporan' }).click();
    // The filters are folded under the line naming what is shown, so the figures come first on a phone.
    await expect(page.getByLabel('Modul').isVisible()).resolves.toBe(false);
    await page.locator('.filter-panel summary').click();
    await page.getByLabel('Modul').selectOption('usaha-produk');
    await page.getByLabel('KUBE').selectOption(KUBE);
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.waitForURL(/\/laporan\?modul=usaha-produk&kube=kubereport01/);
    await expect(page.locator('.filter-panel summary').textContent()).resolves.toMatch(
      /Memilih dan Mengembangkan Usaha · .+ · Semua orang · Laki-laki dan perempuan · semua tanggal · Nilai tuntas 70/,
    );

    // Eight pairs, seven gains and one loss: the Wilcoxon test finds the rise convincing.
    await expect(page.getByText('Nilai naik rata-rata 43,8 poin').isVisible()).resolves.toBe(true);
    const summary = page.getByRole('table', { name: 'Angka utama laporan' });
    await expect(summary.getByRole('row', { name: /Jumlah orang/ }).textContent()).resolves.toContain('8');
    await expect(summary.getByRole('row', { name: /Rata-rata pre-test/ }).textContent()).resolves.toContain('31,3');

    // Every chart is drawn, and each has its figures in a table beside it.
    await page.locator('canvas[data-drawn="true"]').first().waitFor();
    await expect(page.locator('canvas[data-drawn="true"]').count()).resolves.toBe(3);
    const people = page.getByRole('table', { name: 'Pre-test, post-test, kenaikan dan g setiap orang' });
    await expect(people.getByRole('row').count()).resolves.toBe(9);
    await expect(people.getByRole('row', { name: /Uji r\.eka/ }).textContent()).resolves.toContain('-25');
    await expect(page.getByRole('button', { name: 'Cetak' }).isVisible()).resolves.toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^laporan-usaha-produk-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const csv = await readFile(path, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    // What the file is about comes first, then the summary figures, then one row per person.
    expect(lines.slice(0, 5)).toEqual([
      'Laporan kemajuan belajar untuk Dinas Sosial',
      'Modul;Memilih dan Mengembangkan Usaha',
      'KUBE;Maju Bersama 1',
      'Jenis kelamin;Laki-laki dan perempuan',
      'Periode;semua tanggal',
    ]);
    expect(lines).toContain('Jumlah orang;8;8 orang mengerjakan pre-test dan post-test.');
    expect(lines).toContain('Rata-rata kenaikan (poin);43,8;"Rata-rata naik 43,8 poin dari 100."');
    const header = lines.indexOf('Nama;KUBE;Modul;Tanggal post-test;Pre-test;Post-test;Kenaikan;g');
    expect(lines.slice(header)).toHaveLength(9);
    expect(lines).toContain('Uji r.dedi;Maju Bersama 1;Memilih dan Mengembangkan Usaha;2026-03-09;50;75;25;0,5');
    expect(lines).toContain('Uji r.eka;Maju Bersama 1;Memilih dan Mengembangkan Usaha;2026-03-09;75;50;-25;-1');
    await writeFile('/tmp/figures-shots/report.csv', csv);
  });

  for (const [width, height] of [
    [360, 740],
    [800, 1280],
  ] as const) {
    it(`counts people, not pairs, and says each figure in plain words (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await signedInPage(context, app.url, 'r.rina', 'Pendamping-Report-24');
      const summary = page.getByRole('table', { name: 'Angka utama laporan' });
      const row = (name: string | RegExp) => summary.getByRole('row', { name }).textContent();
      const histogram = page.locator('section[aria-labelledby="sebaran"] canvas');

      // Every module: Ani counts once among the people, twice among the pairs.
      await page.goto(`${app.url}/laporan?kube=${KUBE}`);
      await expect(row(/^Jumlah orang/)).resolves.toMatch(/^Jumlah orang8/);
      await expect(row(/^Pasangan nilai/)).resolves.toContain('9');
      await expect(
        page
          .getByText(/^Rata-rata naik [\d,]+ poin dari 100\.$/)
          .first()
          .isVisible(),
      ).resolves.toBe(true);
      await expect(page.getByText(/^Uji Wilcoxon bertanda, p \(V = /).isVisible()).resolves.toBe(true);
      await page.locator('section[aria-labelledby="sebaran"] canvas[data-drawn="true"]').waitFor();
      expect(JSON.parse((await histogram.getAttribute('data-chart')) ?? '{}')).toMatchObject({
        yLabel: 'Jumlah pasangan nilai (orang × modul)',
      });
      await page.locator('#ringkasan').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/figures-shots/report-all-${width}.png` });

      // One person in one module: a plain sentence of what happened, then the small-group caution.
      await page.goto(`${app.url}/laporan?modul=hakikat-kube&kube=${KUBE}`);
      await expect(
        page.getByRole('status').filter({ hasText: 'Rata-rata naik 50 poin dari 100.' }).textContent(),
      ).resolves.toContain('Tetapi hanya 1 orang');
      await page.locator('section[aria-labelledby="sebaran"] canvas[data-drawn="true"]').waitFor();
      // The people axis counts whole people: 0 and 1, no 0,2 of a person.
      const ticks = ((await histogram.getAttribute('data-ticks')) ?? '').split(' ');
      expect(ticks.length).toBeGreaterThan(1);
      expect(ticks.every((tick) => Number.isInteger(Number(tick)))).toBe(true);
      await histogram.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/figures-shots/report-one-${width}.png` });

      // The objectives chart names each objective by its text.
      await page.goto(`${app.url}/laporan?modul=usaha-produk&kube=${KUBE}`);
      const objectives = page.locator('section[aria-labelledby="per-tujuan"] canvas');
      const labels = (JSON.parse((await objectives.getAttribute('data-chart')) ?? '{}') as { labels: string[] }).labels;
      expect(labels).toEqual([
        'Memilih usaha yang sesuai dengan minat dan bakat, modal, keterampilan, dan potensi lokal.',
      ]);
      expect(labels.some((label) => /^up-\d$/.test(label))).toBe(false);
      await page.locator('section[aria-labelledby="per-tujuan"] canvas[data-drawn="true"]').waitFor();
      await objectives.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/figures-shots/report-objectives-${width}.png` });
      await context.close();
    });
  }

  it('names a bad filter and keeps another facilitator’s KUBE out', async () => {
    const page = await signedInPage(await browser.newContext(), app.url, 'r.rina', 'Pendamping-Report-24');
    const bad = await page.goto(`${app.url}/laporan?ketuntasan=120&dari=2026-05-01&sampai=2026-04-01`);
    expect(bad?.status()).toBe(400);
    await expect(page.getByText('Nilai tuntas harus angka 0 sampai 100.').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Tanggal akhir harus sama atau sesudah tanggal awal.').isVisible()).resolves.toBe(true);
    const foreign = await page.goto(`${app.url}/laporan?kube=kubelain999`);
    expect(foreign?.status()).toBe(403);
  });
});
