import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { positions } from '../../db/schema.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { seedPracticeScore } from '../helpers/practice.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { widestOverflow } from './helpers/overflow.ts';
import { addKube, addPerson } from './helpers/people.ts';
import { SIZES } from './helpers/sizes.ts';

// A facilitator's practical-task scores (content/tasks/buku-kas-sebulan.yaml, module keuangan-kube) in the gain
// report beside the knowledge score, and in indicator 2 on a line of their own, on a phone and a tablet.

let app: RunningApp;
let browser: Browser;
const KUBE = 'kubeprak001';
const QUIET = 'kubeprak002';
const MODULE = 'keuangan-kube';
const TASK = 'Mengisi satu halaman buku kas dari 8 transaksi';
const REPORT = `/laporan?modul=${MODULE}&kube=${KUBE}`;
const PERIOD = 'dari=2026-01-01&sampai=2026-12-31';
// SCREENSHOTS=<folder> keeps each page's screenshots for a person to look at.
const shots = process.env['SCREENSHOTS'];

/** Pre and post test scores (of 4 questions) and practical scores (null: not scored after yet) per officer. */
const OFFICERS: [string, string, [number, number], [number, number | null]][] = [
  ['p.tini', 'bendahara', [1, 3], [50, 100]],
  ['p.harjo', 'ketua', [2, 4], [33.3, 83.3]],
  ['p.wati', 'sekretaris', [0, 2], [50, null]],
];

beforeAll(async () => {
  app = await startApp();
  const { db } = app.connection;
  await addPerson(app.connection, 'admin', 'p.admin', 'Admin-Praktik-2024');
  await addKube(app.connection, KUBE, 'Maju Bersama 1');
  await addKube(app.connection, QUIET, 'Sido Rukun');
  let serial = 0;
  const test = async (personId: string, kind: 'pre' | 'post', right: number) => {
    serial += 1;
    await seedAttempt(db, {
      id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
      personId,
      moduleSlug: MODULE,
      kind,
      results: Object.fromEntries(['kk-q01', 'kk-q02', 'kk-q03', 'kk-q04'].map((q, i) => [q, i < right ? 1 : 0])),
      submittedAt: new Date(`2026-03-${kind === 'pre' ? '02' : '12'}T02:00:00Z`),
      counted: true,
    });
  };
  for (const [username, jabatanCode, [pre, post], [skillPre, skillPost]] of OFFICERS) {
    const person = await addPerson(app.connection, 'pengurus', username, 'Pengurus-Praktik-24', KUBE);
    await db
      .insert(positions)
      .values({ id: `${person.id}p`, kubeId: KUBE, personId: person.id, jabatanCode, startDate: '2024-01-01' });
    await test(person.id, 'pre', pre);
    await test(person.id, 'post', post);
    const task = 'buku-kas-sebulan';
    await seedPracticeScore(db, {
      personId: person.id,
      taskSlug: task,
      kind: 'pre',
      score: skillPre,
      doneOn: '2026-03-02',
    });
    if (skillPost !== null) {
      await seedPracticeScore(db, {
        personId: person.id,
        taskSlug: task,
        kind: 'post',
        score: skillPost,
        doneOn: '2026-03-12',
      });
    }
  }
  // A KUBE whose member took the tests but was never scored on the task.
  const quiet = await addPerson(app.connection, 'anggota', 'p.darmo', '2468', QUIET);
  await test(quiet.id, 'pre', 1);
  await test(quiet.id, 'post', 2);
  if (shots) mkdirSync(shots, { recursive: true });
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

async function open(size: (typeof SIZES)[number], path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: size.viewport });
  const page = await signedInPage(context, app.url, 'p.admin', 'Admin-Praktik-2024');
  await page.goto(`${app.url}${path}`);
  return page;
}

/** Screenshots of the page scrolled to an element, and one screen further. */
async function shoot(page: Page, selector: string, name: string) {
  if (!shots) return;
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/${name}-1.png` });
  await page.mouse.wheel(0, page.viewportSize()?.height ?? 700);
  await page.waitForTimeout(100);
  await page.screenshot({ path: `${shots}/${name}-2.png` });
}

describe.skipIf(browserMissing)('practical tasks in the gain report and indicator 2', () => {
  for (const size of SIZES) {
    it(`shows the skill figures beside the knowledge score on the ${size.name}`, async () => {
      const page = await open(size, REPORT);
      const section = page.locator('section.report-skills');
      await expect(section.getByRole('heading', { name: 'Keterampilan (tugas praktik)' }).isVisible()).resolves.toBe(
        true,
      );
      // Two officers scored before and after (Bu Wati has no post yet): 41,7 → 91,7, +50 points, ⟨g⟩ 50 / 58,35.
      const row = section.getByRole('row', { name: new RegExp(TASK) });
      await expect(row.locator('td').allTextContents()).resolves.toEqual(['2', '41,7', '91,7', '50', '0,86']);
      const people = section.locator('table').nth(1).locator('tbody tr');
      await expect(people.allInnerTexts()).resolves.toHaveLength(2);
      await expect(people.first().innerText()).resolves.toMatch(/Uji p\.harjo\s+Maju Bersama 1\s+33,3 → 83,3\s+50/);
      await expect(page.locator('.report-skills-line').textContent()).resolves.toBe(
        'Tugas praktik: 2 orang dinilai sebelum dan sesudah. Rata-rata nilainya naik 50 poin, dari 41,7 menjadi 91,7.',
      );
      await expect(widestOverflow(page)).resolves.toBeNull();
      await shoot(page, 'section.report-skills', `report-${size.name}`);

      const quiet = await open(size, `/laporan?modul=${MODULE}&kube=${QUIET}`);
      await expect(quiet.locator('section.report-skills').textContent()).resolves.toContain(
        'Belum ada tugas praktik yang dinilai untuk modul ini.',
      );
      await expect(quiet.locator('.report-skills-line').count()).resolves.toBe(0);
      // A module without tasks shows no skills part at all.
      const plain = await open(size, `/laporan?modul=hakikat-kube&kube=${KUBE}`);
      await expect(plain.locator('section.report-skills').count()).resolves.toBe(0);
    });

    it(`shows indicator 2's skill line of its own on the ${size.name}`, async () => {
      const detail = await open(size, `/indikator/2?${PERIOD}`);
      const skills = detail.locator('.indicator-skills');
      await expect(skills.getByRole('heading').textContent()).resolves.toBe(
        'Keterampilan (tugas praktik, dinilai pendamping)',
      );
      await expect(skills.locator('dd').allTextContents()).resolves.toEqual(['41,7', '91,7', '0,86']);
      await expect(skills.textContent()).resolves.toContain('2 pengurus dinilai tugas praktiknya');
      const row = detail.getByRole('row', { name: new RegExp(TASK) });
      await expect(row.locator('td').allTextContents()).resolves.toEqual(['2', '41,7', '91,7', '50', '0,86']);
      await expect(widestOverflow(detail)).resolves.toBeNull();
      await shoot(detail, '.indicator-skills', `indicator2-${size.name}`);

      const dashboard = await open(size, `/indikator?${PERIOD}`);
      await expect(
        dashboard.locator('section[aria-labelledby="i2"] .indicator-skills dd').allTextContents(),
      ).resolves.toEqual(['41,7', '91,7', '0,86']);
      await expect(widestOverflow(dashboard)).resolves.toBeNull();
      await shoot(dashboard, '.indicator-skills', `dashboard-${size.name}`);
    });
  }

  it('prints the skills part on A4 with the report', async () => {
    const page = await open(SIZES[1], REPORT);
    await page.locator('canvas[data-drawn="true"]').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('section.report-skills').isVisible()).resolves.toBe(true);
    const pdf = await page.pdf({ format: 'A4', ...(shots ? { path: `${shots}/report.pdf` } : {}) });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0).toBeLessThanOrEqual(6);
  });

  it('puts the skills in the CSV downloads of the report and of indicator 2', async () => {
    const page = await open(SIZES[1], REPORT);
    const report = await (await page.request.get(`${app.url}/laporan/unduh?modul=${MODULE}&kube=${KUBE}`)).text();
    const lines = report.split('\r\n');
    expect(lines).toContain(`${TASK};2;41,7;91,7;50;0,857`);
    expect(lines).toContain(`Uji p.tini;Maju Bersama 1;${TASK};2026-03-12;50;100;50;1`);
    const part2 = await (await page.request.get(`${app.url}/indikator/unduh?${PERIOD}&bagian=2`)).text();
    const rows = part2.split('\r\n');
    expect(rows).toContain('"Keterampilan (tugas praktik, dinilai pendamping)"');
    expect(rows).toContain('Gain kelas ⟨g⟩ tugas praktik;0,857');
    expect(rows).toContain(`Uji p.harjo;Maju Bersama 1;${TASK};2026-03-12;33,3;83,3;50;0,75;Ketua`);
  });
});
