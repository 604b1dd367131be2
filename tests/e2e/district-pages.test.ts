import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cookieFor,
  districtPages,
  percentileOf,
  timePage,
  type DistrictPage,
  type PageTiming,
} from '../../scripts/bench/district-pages.ts';
import { seedDistrict, type District } from '../../scripts/bench/district-seed.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import { shot } from './helpers/suite.ts';

// The district bench's pages (`npm run bench:district`, scripts/bench/district-*.ts) on a district a
// twenty-fifth of its size: 40 KUBEs, 600 people, 12,000 submitted attempts. Every page must answer, and the
// slowest — the ones whose work grows with the district — must stay within a budget. The budget is loose
// (this machine runs other tests meanwhile; the bench holds the real figures, in the README): it catches a
// page that starts reading per KUBE or per person, not a few per cent.
const SLOW_PAGE_BUDGET_MS = 1500;
const SLOW_PAGES = [
  'gain report, whole program',
  'gain report, one module',
  'indicator dashboard',
  'indicator 1 detail',
  'indicator 2 detail',
  'indicator 3 detail',
  'item bank, one module',
  'people list',
  'KUBE list',
];

let app: RunningApp;
let district: District;

beforeAll(async () => {
  app = await startApp();
  district = await seedDistrict(app.connection, { kubes: 40, perKube: 15, modules: 10 });
});

afterAll(async () => {
  await app.stop();
});

const cookieOf = (who: DistrictPage['who']) => cookieFor(district, who);

describe('a district of 40 KUBEs', () => {
  it('has every admin, facilitator and officer page of the bench answering', async () => {
    expect(district.counts.attempts).toBe(12_000);
    const failed: string[] = [];
    for (const page of districtPages(district)) {
      const { status } = await timePage(app.url, page, cookieOf(page.who), 0);
      if (status !== 200) failed.push(`${page.name} (${page.path}): ${status}`);
    }
    expect(failed).toEqual([]);
  });

  it('keeps the pages whose work grows with the district within their budget', async () => {
    const pages = districtPages(district).filter((page) => SLOW_PAGES.includes(page.name));
    expect(pages.map((page) => page.name).sort()).toEqual([...SLOW_PAGES].sort());
    const timings: PageTiming[] = [];
    for (const page of pages) timings.push(await timePage(app.url, page, cookieOf(page.who), 3));
    const over = timings
      .map((t) => ({ name: t.page.name, p50: Math.round(percentileOf(t.times, 50)) }))
      .filter((t) => t.p50 > SLOW_PAGE_BUDGET_MS);
    expect(over, `pages over ${SLOW_PAGE_BUDGET_MS} ms`).toEqual([]);
  });
});

describe.skipIf(browserMissing)('the gain report of a district, in a browser', () => {
  it('pages its table of people and finds a person by name, keeping every filter', async () => {
    const browser = await launchBrowser();
    try {
      for (const width of [360, 800]) {
        const context = await browser.newContext({ viewport: { width, height: width === 360 ? 740 : 1280 } });
        const [name = '', value = ''] = district.cookies.admin.split('=');
        await context.addCookies([{ name, value, url: app.url }]);
        const page = await context.newPage();
        const module = district.modules[0] ?? '';
        await page.goto(`${app.url}/laporan?modul=${module}`);
        const pager = page.getByRole('navigation', { name: 'Halaman Nilai setiap orang' });
        await expect.poll(() => pager.getByText(/^Menampilkan 1–50 dari /).count()).toBe(1);
        await pager.getByRole('link', { name: 'Berikutnya' }).click();
        await page.waitForURL(/halaman=2/);
        expect(new URL(page.url()).searchParams.get('modul')).toBe(module);
        expect(await pager.getByText(/^Menampilkan 51–100 dari /).count()).toBe(1);

        const someone = (
          await page.locator('section[aria-labelledby="per-orang"] tbody th').first().innerText()
        ).trim();
        await page.getByLabel('Cari orang dalam tabel ini').fill(someone);
        await page.getByRole('button', { name: 'Cari', exact: true }).click();
        await page.waitForURL(/cari=/);
        const url = new URL(page.url());
        expect(url.searchParams.get('modul')).toBe(module);
        expect(url.searchParams.has('halaman')).toBe(false);
        const found = await page.locator('section[aria-labelledby="per-orang"] tbody th').allInnerTexts();
        expect(found.length).toBeGreaterThan(0);
        expect(found.every((text) => text.includes(someone))).toBe(true);
        await shot(page, `laporan-cari-orang-${width}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

        await page.getByLabel('Cari orang dalam tabel ini').fill('tidak ada nama seperti ini');
        await page.getByRole('button', { name: 'Cari', exact: true }).click();
        await page.waitForURL(/cari=tidak/);
        expect(await page.getByRole('status').filter({ hasText: 'Tidak ada orang bernama' }).count()).toBe(1);

        // The dashboard's filter offers indicator 2's split by sex, and the print head names it.
        await page.goto(`${app.url}/indikator?jk=P`);
        expect(await page.getByLabel('Jenis kelamin pengurus (indikator 2)').inputValue()).toBe('P');
        expect(await page.locator('.report-print-head').innerText()).toContain('Perempuan');
        await shot(page, `indikator-jk-${width}`);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
});
