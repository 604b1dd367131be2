import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
