import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';

// A Dinas Sosial officer prints the demo's gain report and indicator summary on A4 and signs them: one title,
// page numbers, a signature block, few pages, charts inside the margins, no warning colours on paper.

let app: RunningApp;
let browser: Browser;
let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;

/** The A4 sheet inside report.css' page margins (210 mm − 2 × 14 mm), in CSS pixels (96 per inch). */
const CONTENT_WIDTH = (182 / 25.4) * 96;
const REPORT = '/laporan?modul=manajemen-kube&kube=demomajubersama1';
const SUMMARY = '/indikator?dari=2026-01-01&sampai=2026-11-30';

/** How many pages a PDF has: its page objects (`/Type /Page`, not the `/Pages` tree). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;

beforeAll(async () => {
  app = await startApp();
  if (browserMissing) return;
  browser = await launchBrowser();
  // The demo, loaded from the first-run page, signs its admin in.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.url}/mulai`);
  await page.getByRole('button', { name: 'Muat data contoh' }).click();
  await page.getByRole('heading', { name: 'Data contoh sudah dimuat' }).waitFor();
  signedIn = await context.storageState();
  await context.close();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

/** The page, signed in as the demo admin, once its charts are drawn (if it has any). */
async function openAt(width: number, height: number, path: string, charts = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, storageState: signedIn });
  const page = await context.newPage();
  await page.goto(`${app.url}${path}`);
  if (charts) await page.locator('canvas[data-drawn="true"]').first().waitFor();
  return page;
}

/** Prints the page as A4 and keeps the PDF for a person to look at when PRINT_SHOTS names a folder. */
async function printA4(page: Page, name: string): Promise<Buffer> {
  const pdf = await page.pdf({ format: 'A4' });
  const folder = process.env['PRINT_SHOTS'];
  if (folder) await writeFile(join(folder, `${name}.pdf`), pdf);
  return pdf;
}

/** Each drawn chart's box, against the A4 content width and the box it sits in (figure, indicator card). */
function chartsOutside(page: Page, container: string): Promise<string[]> {
  return page.evaluate(
    ({ width, container }) => {
      const main = document.querySelector('main')?.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-drawn="true"]')].flatMap((canvas, i) => {
        const box = canvas.getBoundingClientRect();
        const holder = canvas.closest(container)?.getBoundingClientRect();
        const wide = main !== undefined && box.right - main.left > width + 0.5;
        const spills = holder !== undefined && (box.left < holder.left - 0.5 || box.right > holder.right + 0.5);
        return wide || spills ? [`chart ${String(i + 1)}: ${box.left.toFixed(0)}–${box.right.toFixed(0)} px`] : [];
      });
    },
    { width: CONTENT_WIDTH, container },
  );
}

/** What is the same on every print: one title, a signature block, the page-number words, no colour boxes. */
async function expectPaperBasics(page: Page, title: string, boxes: string): Promise<void> {
  await expect(page.locator('h1:visible').count()).resolves.toBe(1);
  await expect(page.locator('h1').innerText()).resolves.toBe(title);
  await expect(
    page
      .getByText(/^Laporan (kemajuan belajar|indikator)/)
      .filter({ visible: true })
      .count(),
  ).resolves.toBe(1);
  const signature = page.getByRole('region', { name: 'Tanda tangan' });
  await expect(signature.isVisible()).resolves.toBe(true);
  await expect(signature.innerText()).resolves.toMatch(/Mengetahui,[\s\S]*Petugas Dinas Sosial[\s\S]*NIP\./);
  await expect(signature.innerText()).resolves.toMatch(/Nganjuk, \d{1,2} \w+ \d{4}[\s\S]*Pendamping KUBE/);
  // The page margin's words come from the dictionary, on the root element, for report.css' @page rule.
  const words = await page.evaluate(() => Object.fromEntries(Object.entries(document.documentElement.dataset)));
  expect(words).toMatchObject({ pageBefore: 'Halaman ', pageBetween: ' dari ', pageAfter: '' });
  const backgrounds = await page.evaluate(
    (selector) => [...document.querySelectorAll(selector)].map((box) => getComputedStyle(box).backgroundColor),
    boxes,
  );
  expect(backgrounds.length).toBeGreaterThan(0);
  for (const colour of backgrounds) expect(colour).toMatch(/^rgba?\((255, 255, 255|0, 0, 0, 0)\)$/);
}

describe.skipIf(browserMissing)('the A4 prints', () => {
  for (const [width, height] of [
    [360, 740],
    [800, 1280],
  ] as const) {
    it(`prints the gain report of three people on at most 5 pages, signed, with one title (${width} px)`, async () => {
      const page = await openAt(width, height, REPORT);
      // On screen nobody signs: the block is for paper.
      await expect(page.getByRole('region', { name: 'Tanda tangan' }).isVisible()).resolves.toBe(false);
      await expect(page.locator('h1').innerText()).resolves.toBe('Laporan kemajuan belajar');

      await page.emulateMedia({ media: 'print' });
      await expectPaperBasics(page, 'Laporan kemajuan belajar untuk Dinas Sosial', '.report-verdict, .report-flag');
      await expect(page.getByRole('region', { name: 'Tanda tangan' }).innerText()).resolves.toContain(
        'Rina Pendamping (demo)',
      );
      await expect.poll(() => chartsOutside(page, 'figure')).toEqual([]);
      const pdf = await printA4(page, `report-${width}`);
      expect(pageCount(pdf)).toBeGreaterThan(0);
      // Three people took 8 pages before the print layout. Since manajemen-kube has two forms of 15 items, the
      // question table alone is 30 rows, about a page and a half: 4 pages was the layout's figure, not 8. The
      // practical tasks (a table per task and one per person) add half a page, and the signature moves to a 5th.
      expect(pageCount(pdf)).toBeLessThanOrEqual(5);
      await page.context().close();
    });

    it(`prints the indicator summary on at most 2 pages, charts inside their cards (${width} px)`, async () => {
      const page = await openAt(width, height, SUMMARY);
      await expect(page.getByRole('region', { name: 'Tanda tangan' }).isVisible()).resolves.toBe(false);

      await page.emulateMedia({ media: 'print' });
      await expectPaperBasics(page, 'Laporan indikator keberhasilan untuk Dinas Sosial', '.indicator .badge');
      await expect.poll(() => chartsOutside(page, '.indicator')).toEqual([]);
      const pdf = await printA4(page, `indikator-${width}`);
      expect(pageCount(pdf)).toBeGreaterThan(0);
      expect(pageCount(pdf)).toBeLessThanOrEqual(2);
      await page.context().close();
    });
  }

  it('prints an indicator’s data with its area, period and signature block', async () => {
    const page = await openAt(800, 1280, '/indikator/2?dari=2026-01-01&sampai=2026-11-30', false);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('h1:visible').count()).resolves.toBe(1);
    await expect(page.locator('.report-print-head').innerText()).resolves.toMatch(/^Wilayah\s+semua wilayah\s+Periode/);
    await expect(page.getByRole('region', { name: 'Tanda tangan' }).innerText()).resolves.toContain('Nganjuk,');
    const pdf = await printA4(page, 'indikator-2');
    expect(pageCount(pdf)).toBeGreaterThan(0);
    await page.context().close();
  });
});
