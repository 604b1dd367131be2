import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { people } from '../../db/schema.ts';
import { loadDemo } from '../../src/features/demo/seed.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import { cookieFor } from './helpers/people.ts';

// Charts write numbers in the page's language, not the browser's: an Indonesian phone set to English reads
// "74.1" on a chart, as in the text beside it, and "74,1" in Indonesian.

let app: RunningApp;
let browser: Browser;
let token = '';
const SHOTS = process.env['SCREENSHOTS'];

beforeAll(async () => {
  app = await startApp();
  const { db } = app.connection;
  await loadDemo(db);
  const [admin] = await db.select({ id: people.id }).from(people).where(eq(people.username, 'admin.demo'));
  token = (await cookieFor(app.connection, admin?.id ?? '')).replace('kube_session=', '');
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

/** The numbers each chart of the demo's keuangan-kube report writes, as its tooltips read them, in a browser set to Indonesian. */
async function chartNumbers(language: 'id' | 'en', width: number): Promise<string[]> {
  const context = await browser.newContext({
    locale: 'id-ID',
    viewport: { width, height: width === 360 ? 740 : 1280 },
  });
  await context.addCookies([
    { name: 'kube_session', value: token, url: app.url },
    { name: 'bahasa', value: language, url: app.url },
  ]);
  const page = await context.newPage();
  await page.goto(`${app.url}/laporan?modul=keuangan-kube`);
  const charts = page.locator('canvas[data-drawn="true"]');
  await charts.first().waitFor({ state: 'attached' });
  if (SHOTS) {
    await charts.nth(1).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/chart-${language}-${width}.png` });
  }
  const labels = await charts.evaluateAll((canvases) => canvases.map((c) => c.getAttribute('data-value-labels') ?? ''));
  await context.close();
  return labels.join(' ').split(' ');
}

describe.skipIf(browserMissing)('chart numbers', () => {
  for (const width of [360, 800]) {
    it(`use a decimal dot in English and a decimal comma in Indonesian, at ${width} px`, async () => {
      // The demo's figures follow its banks (the bendahara's 33.3 → 100 today), so the test takes whichever
      // decimals the charts hold.
      const english = await chartNumbers('en', width);
      const decimals = english.filter((label) => /^\d+\.\d+$/.test(label));
      expect(decimals.length).toBeGreaterThan(0);
      expect(english.filter((label) => label.includes(','))).toEqual([]);
      const indonesian = await chartNumbers('id', width);
      for (const label of decimals) expect(indonesian).toContain(label.replace('.', ','));
    });
  }
});
