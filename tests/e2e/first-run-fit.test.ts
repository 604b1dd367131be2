import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing } from './helpers/browser.ts';
import { widestOverflow } from './helpers/overflow.ts';
import { shot, useAppAndBrowser } from './helpers/suite.ts';

// The first-run page of an empty installation, which the phone-fit test cannot reach (it loads the demo first):
// the form and the demo's accounts fit a cheap phone and a tablet, every name, username and secret in view.

const suite = useAppAndBrowser();

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

describe.skipIf(browserMissing)('the first-run page', () => {
  it('fits 360 and 800 px, and shows every demo account’s secret without sideways scrolling', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await page.goto(`${suite.app.url}/mulai`);
    await expect(widestOverflow(page)).resolves.toBeNull();
    await page.setViewportSize({ width: 800, height: 1280 });
    await expect(widestOverflow(page)).resolves.toBeNull();
    await shot(page, 'mulai-800');

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
    await shot(page, 'demo-360');
    await page.mouse.wheel(0, 700);
    await shot(page, 'demo-360-scrolled');

    await page.setViewportSize({ width: 800, height: 1280 });
    await expect(widestOverflow(page)).resolves.toBeNull();
    await expect(cellsOutOfView(page)).resolves.toEqual([]);
    await shot(page, 'demo-800');
  });
});
