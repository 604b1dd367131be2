import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { attempts } from '../../../db/schema.ts';
import { startApp, type AppOptions, type RunningApp } from './app.ts';
import { browserMissing, launchBrowser } from './browser.ts';

// What most browser test files do around their tests: one built server with a fresh database, the file's own
// data, one Chromium; all stopped afterwards. And the screenshots a developer asks for with SHOTS_DIR.

export type Suite = { readonly app: RunningApp; readonly browser: Browser };

/**
 * Starts the app (then `seed` with it) before the file's tests and Chromium when the machine has it; stops both
 * after. Read `suite.app` and `suite.browser` inside tests and hooks, once `beforeAll` has run.
 */
export function useAppAndBrowser(
  seed?: (app: RunningApp) => Promise<void>,
  env: Record<string, string> = {},
  options: AppOptions = {},
): Suite {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp(env, options);
    await seed?.(app);
    if (!browserMissing) browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test or hook`);
    return value;
  };
  return {
    get app() {
      return started(app, 'The app');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
  };
}

/** Saves a screenshot under SHOTS_DIR when a developer sets it (to look at the pages); else does nothing. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env['SHOTS_DIR'] ?? process.env['SCREENSHOTS'];
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

/** A submitted, counted-or-not attempt row with no item detail: what board and report tests seed. */
export function submittedAttempt(
  fields: Pick<typeof attempts.$inferInsert, 'id' | 'personId' | 'moduleSlug' | 'kind' | 'startedAt' | 'submittedAt'> &
    Partial<typeof attempts.$inferInsert>,
): typeof attempts.$inferInsert {
  return { items: [], answerKey: {}, byObjective: {}, score: 0, correct: 0, total: 0, ...fields };
}
