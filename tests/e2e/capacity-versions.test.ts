import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { rubricShape } from '../../src/features/capacity/rubric.ts';
import { rubricSchema, type Rubric } from '../../src/features/capacity/rubric-schema.ts';
import { archivePath } from '../../src/features/capacity/rubric-versions.ts';
import { recordAssessment } from '../../src/features/capacity/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson, testPersonId } from './helpers/people.ts';
import { SIZES } from './helpers/sizes.ts';

// A KUBE assessed first with rubric version 1 and then with the current version: each assessment reads in
// the words it was scored with, and where the two are compared the page says so and names what changed.

const current = rubricSchema.parse(parse(readFileSync('content/rubrics/kapasitas-kube.yaml', 'utf8')));
const v1 = rubricSchema.parse(parse(readFileSync(archivePath('content', current.slug, 1), 'utf8')));
const FACILITATOR = { username: 'cv.rina', secret: 'Pendamping-Versi-2024' };
const V1_ITEM = 'KUBE menjual hasil usahanya lewat beberapa jalur penjualan.';
const V2_ITEM = 'Hasil usaha dijual lewat beberapa jalur penjualan.';
const SHOTS = process.env['SCREENSHOTS_DIR'];

let app: RunningApp;
let browser: Browser;
const ids: Record<string, { baseline: string; followUp: string }> = {};

const scores = (rubric: Rubric, score: number) =>
  Object.fromEntries(rubric.dimensions.flatMap((d) => d.items.map((item) => [item.id, score])));

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'cv.admin', 'Admin-Versi-2024');
  for (const { viewport } of SIZES) {
    const kube = await addKube(app.connection, `kubeversi${viewport.width}`, `Rukun Santoso ${viewport.width}`);
    await addPerson(app.connection, 'pendamping', `${FACILITATOR.username}${viewport.width}`, FACILITATOR.secret, kube);
    const by = testPersonId(`${FACILITATOR.username}${viewport.width}`);
    const today = '2026-11-30';
    // The baseline was scored before version 2 existed, with version 1's words.
    const baseline = await recordAssessment(
      app.connection.db,
      { kubeId: kube, assessedOn: '2025-02-01', notes: null, scores: scores(v1, 1) },
      rubricShape({ data: v1 }),
      by,
      today,
    );
    const followUp = await recordAssessment(
      app.connection.db,
      { kubeId: kube, assessedOn: '2026-10-01', notes: null, scores: scores(current, 3) },
      rubricShape({ data: current }),
      by,
      today,
    );
    ids[kube] = { baseline: baseline.id, followUp: followUp.id };
  }
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

async function shoot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

const versionOf = async (id: string) =>
  Number(
    (
      await app.connection.client.execute({
        sql: 'SELECT rubric_version AS v FROM capacity_assessments WHERE id = ?',
        args: [id],
      })
    ).rows[0]?.['v'],
  );

describe.skipIf(browserMissing)('assessments scored with different rubric versions', () => {
  for (const { viewport } of SIZES) {
    it(`shows each in its own words and warns where they are compared (${viewport.width} px)`, async () => {
      const kube = `kubeversi${viewport.width}`;
      const { baseline, followUp } = ids[kube] ?? { baseline: '', followUp: '' };
      const context = await browser.newContext({ viewport });
      const page = await signedInPage(context, app.url, `${FACILITATOR.username}${viewport.width}`, FACILITATOR.secret);

      // The version 1 baseline: its items, level labels and descriptors as version 1 wrote them.
      await page.goto(`${app.url}/kube/${kube}/kapasitas/${baseline}`);
      await expect(page.getByText('Versi 1. Rubrik yang dipakai sekarang versi 2.').isVisible()).resolves.toBe(true);
      await expect(page.getByRole('cell', { name: V1_ITEM }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('cell', { name: '1 · Belum ada' }).first().isVisible()).resolves.toBe(true);
      await expect(page.getByText(V2_ITEM).count()).resolves.toBe(0);
      await expect(page.getByText('bandingkan dengan hati-hati').count()).resolves.toBe(0);
      const oldLevel = page.getByText('Ada satu jalur lain selain di rumah, misalnya titip di warung');
      await expect(oldLevel.isVisible()).resolves.toBe(true);
      await shoot(page, `capacity-v1-${viewport.width}`);

      // Corrected, it keeps its version and its words.
      await page.getByLabel('Tanggal penilaian').fill('2025-02-03');
      // On a phone the form shows one dimension at a time, the button after the last.
      const next = page.locator('fieldset.capacity-dimension:visible').getByRole('button', { name: 'Berikutnya' });
      while (!(await page.getByRole('button', { name: 'Simpan koreksi' }).isVisible())) await next.click();
      await page.getByRole('button', { name: 'Simpan koreksi' }).click();
      await page.waitForURL(/dikoreksi=1$/);
      await expect(versionOf(baseline)).resolves.toBe(1);
      await expect(page.getByRole('cell', { name: V1_ITEM }).isVisible()).resolves.toBe(true);

      // The follow-up, version 2, is compared with a version 1 baseline: the page says so and marks the items.
      await page.goto(`${app.url}/kube/${kube}/kapasitas/${followUp}`);
      const warning = page.getByText(
        'Penilaian awal memakai rubrik versi 1; penilaian ini versi 2. Beberapa butir berubah — bandingkan dengan hati-hati.',
      );
      await expect(warning.isVisible()).resolves.toBe(true);
      await expect(page.getByRole('listitem').filter({ hasText: V2_ITEM }).textContent()).resolves.toContain(
        '(kata-kata atau tingkatnya berubah)',
      );
      await expect(page.getByRole('cell', { name: `${V2_ITEM} (berubah sejak versi 1)` }).isVisible()).resolves.toBe(
        true,
      );
      await expect(
        page
          .getByRole('cell', { name: 'Harga jual dihitung dari biaya dan keuntungan yang diinginkan.', exact: true })
          .isVisible(),
      ).resolves.toBe(true);
      await warning.scrollIntoViewIfNeeded();
      await shoot(page, `capacity-warning-${viewport.width}`);

      // The KUBE's page: the change table is introduced by the same warning, and each assessment names its version.
      await page.goto(`${app.url}/kube/${kube}/kapasitas`);
      await expect(
        page.getByText('Penilaian awal memakai rubrik versi 1; penilaian terakhir versi 2.').isVisible(),
      ).resolves.toBe(true);
      const list = page.getByRole('region', { name: 'Penilaian kapasitas KUBE ini, dari yang pertama' });
      await expect(list.getByRole('cell', { name: 'Versi 1' }).isVisible()).resolves.toBe(true);
      await expect(list.getByRole('cell', { name: 'Versi 2' }).isVisible()).resolves.toBe(true);
      await shoot(page, `capacity-list-${viewport.width}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await context.close();
    });
  }
});
