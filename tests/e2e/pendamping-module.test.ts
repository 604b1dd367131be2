import { tmpdir } from 'node:os';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { attempts, people } from '../../db/schema.ts';
import { loadDemo } from '../../src/features/demo/seed.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { SIZES } from './helpers/sizes.ts';
import { takeEmptyTest } from './helpers/tests-taken.ts';

// The pendamping's own module: listed first on a facilitator's home page, studied as any learner studies
// (pre-test before the lessons), while every other module stays open to read for preparing a workshop.

const MODULE = 'peran-pendamping';
const TITLE = 'Peran Pendamping dan Menjalankan Pelatihan KUBE';
const SHOTS = process.env['KUBE_SHOTS'] ?? tmpdir();

let app: RunningApp;
let browser: Browser;
let pendampingId = '';

beforeAll(async () => {
  app = await startApp();
  await loadDemo(app.connection.db);
  const [row] = await app.connection.db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.username, 'pendamping.demo'));
  pendampingId = row?.id ?? '';
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

describe.skipIf(browserMissing)("the pendamping's own module", () => {
  for (const { name, viewport } of SIZES) {
    it(`is on pendamping.demo's home page, pre-test first, then a lesson opens (${name}, ${viewport.width} px)`, async () => {
      // Each size starts before the pre-test.
      await app.connection.db
        .delete(attempts)
        .where(and(eq(attempts.personId, pendampingId), eq(attempts.moduleSlug, MODULE)));
      const context = await browser.newContext({ viewport });
      const page = await signedInPage(context, app.url, 'pendamping.demo', 'Pendamping-Prambon-24');
      const shot = (what: string) => page.screenshot({ path: `${SHOTS}/pendamping-${what}-${viewport.width}.png` });

      // Home: the module for the pendamping comes first, marked where to begin; the rest follow to prepare.
      const cards = page.locator('.module-card h3');
      await expect(cards.first().textContent()).resolves.toContain(TITLE);
      await expect(page.locator('.module-card--start h3').textContent()).resolves.toContain(TITLE);
      await expect(page.getByRole('heading', { name: 'Modul lain, untuk persiapan' }).isVisible()).resolves.toBe(true);
      await shot('beranda');

      // Its lessons wait for the pre-test, as for every learner.
      await page.getByRole('link', { name: TITLE }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(TITLE);
      await expect(page.getByRole('link', { name: 'Mulai Pre-test' }).isVisible()).resolves.toBe(true);
      await expect(page.locator('.lesson-list a').count()).resolves.toBe(0);
      await expect(page.locator('.lesson-list__locked').count()).resolves.toBe(5);
      const locked = await page.goto(`${app.url}/belajar/${MODULE}/01-tugas-pendamping`);
      expect(new URL(locked?.url() ?? '').pathname).toBe(`/belajar/${MODULE}`);
      await shot('modul');

      await takeEmptyTest(app.connection, pendampingId, MODULE, 'pre');
      await page.goto(`${app.url}/belajar/${MODULE}`);
      await page.getByRole('link', { name: 'Tugas pendamping KUBE' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Tugas pendamping KUBE');
      await shot('pelajaran');

      // A module for officers stays open to read without its pre-test.
      await page.goto(`${app.url}/belajar/hakikat-kube/01-apa-itu-kube`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Apa itu KUBE?');
      await context.close();
    });
  }
});
