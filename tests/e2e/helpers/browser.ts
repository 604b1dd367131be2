import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (or CHROME_PATH); never a downloaded browser. */
export const CHROME_PATH = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';

/**
 * True when browser tests cannot run here. In CI they must run: a missing browser there is a failure,
 * not a skip (`.ci/run` installs Debian's chromium).
 */
export const browserMissing = !existsSync(CHROME_PATH) && process.env['CI'] !== 'true';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROME_PATH,
    headless: true,
    // This machine has no network beyond loopback; background services would only fail and slow start-up.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Fills and sends the sign-in form; the caller checks where it lands (a wrong secret stays on /masuk). */
export async function submitSignIn(page: Page, baseUrl: string, username: string, secret: string): Promise<void> {
  await page.goto(`${baseUrl}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi atau PIN').fill(secret);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForLoadState('domcontentloaded');
}

/** A new page in `context`, signed in and on the home page. */
export async function signedInPage(
  context: BrowserContext,
  baseUrl: string,
  username: string,
  secret: string,
): Promise<Page> {
  const page = await context.newPage();
  await submitSignIn(page, baseUrl, username, secret);
  await page.waitForURL(`${baseUrl}/`);
  return page;
}
