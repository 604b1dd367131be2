import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import { widestOverflow } from './helpers/overflow.ts';

// The first-run page of an empty installation, which the phone-fit test cannot reach (it loads the demo first):
// the form and the demo's accounts fit a cheap phone and a tablet, every name, username and secret in view.

let app: RunningApp;
let browser: Browser;
const SHOTS = process.env['SCREENSHOTS'];

beforeAll(async () => {
  app = await startApp();
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

/** Each account's cells that lie (even partly) outside the viewport's width. */
const cellsOutOfView = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('tbody tr > *')]
      .filter((cell) => {
        const box = cell.getBoundingClientRect();
        return box.left < 0 || box.right > window.innerWidth + 0.5;
      })
      .map((cell) => cell.textContent.trim()),
  );

async function shoot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

describe.skipIf(browserMissing)('the first-run page', () => {
  it('fits 360 and 800 px, and shows every demo account’s secret without sideways scrolling', async () => {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await page.goto(`${app.url}/mulai`);
    await expect(widestOverflow(page)).resolves.toBeNull();
    await page.setViewportSize({ width: 800, height: 1280 });
    await expect(widestOverflow(page)).resolves.toBeNull();
    await shoot(page, 'mulai-800');

    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('button', { name: 'Muat data contoh' }).click();
    await page.getByRole('heading', { name: 'Data contoh sudah dimuat' }).waitFor();
    const secrets = page.locator('tbody td:last-child');
    await expect(secrets.count()).resolves.toBeGreaterThan(5);
    await expect(widestOverflow(page)).resolves.toBeNull();
    await expect(cellsOutOfView(page)).resolves.toEqual([]);
    // The demo admin's secret, the one a new user needs first, is in the first screen or one scroll below.
    await secrets.first().scrollIntoViewIfNeeded();
    await expect(secrets.first().isVisible()).resolves.toBe(true);
    await shoot(page, 'demo-360');
    await page.mouse.wheel(0, 700);
    await shoot(page, 'demo-360-scrolled');

    await page.setViewportSize({ width: 800, height: 1280 });
    await expect(widestOverflow(page)).resolves.toBeNull();
    await expect(cellsOutOfView(page)).resolves.toEqual([]);
    await shoot(page, 'demo-800');
  });
});
