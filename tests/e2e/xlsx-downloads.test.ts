import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positions } from '../../db/schema.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { widestOverflow } from './helpers/overflow.ts';
import { addKube, addPerson, cookieFor } from './helpers/people.ts';
import { SIZES } from './helpers/sizes.ts';

/** The rows frozen above a sheet's table (its header block and header row). */
function frozenRows(sheet: { views: readonly object[] }): number {
  const view = sheet.views[0];
  return view && 'ySplit' in view ? Number(view.ySplit) : Number.NaN;
}

// The Excel downloads beside the CSV ones (issue 18): an admin clicks them in Chromium against the built server
// and gets workbooks exceljs reads; a member, or a facilitator of another KUBE, is refused as for the CSV.

let app: RunningApp;
let browser: Browser;
const KUBE = 'kubexlsx01';
const OTHER = 'kubexlsx02';
const MODULE = 'keuangan-kube';
const PERIOD = 'dari=2026-01-01&sampai=2026-12-31';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const shots = process.env['SCREENSHOTS'];
let memberCookie = '';
let otherCookie = '';

beforeAll(async () => {
  app = await startApp();
  const { db } = app.connection;
  await addPerson(app.connection, 'admin', 'x.admin', 'Admin-Excel-2024');
  await addKube(app.connection, KUBE, 'Maju Bersama 1');
  await addKube(app.connection, OTHER, 'Sido Rukun');
  const officer = await addPerson(app.connection, 'pengurus', 'x.tini', 'Pengurus-Excel-24', KUBE);
  await db.insert(positions).values({
    id: `${officer.id}p`,
    kubeId: KUBE,
    personId: officer.id,
    jabatanCode: 'ketua',
    startDate: '2024-01-01',
  });
  for (const [n, kind, right] of [
    [1, 'pre', 1],
    [2, 'post', 3],
  ] as const) {
    await seedAttempt(db, {
      id: `00000000-0000-4000-8000-00000000000${String(n)}`,
      ...{ personId: officer.id, moduleSlug: MODULE, kind, counted: true },
      results: Object.fromEntries(['kk-q01', 'kk-q02', 'kk-q03', 'kk-q04'].map((q, i) => [q, i < right ? 1 : 0])),
      submittedAt: new Date(`2026-03-${kind === 'pre' ? '02' : '12'}T02:00:00Z`),
    });
  }
  const member = await addPerson(app.connection, 'anggota', 'x.darmo', '2468', KUBE);
  const other = await addPerson(app.connection, 'pendamping', 'x.budi', 'Pendamping-Excel-24', OTHER);
  memberCookie = await cookieFor(app.connection, member.id);
  otherCookie = await cookieFor(app.connection, other.id);
  if (shots) mkdirSync(shots, { recursive: true });
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

async function open(size: (typeof SIZES)[number], path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: size.viewport, acceptDownloads: true });
  const page = await signedInPage(context, app.url, 'x.admin', 'Admin-Excel-2024');
  await page.goto(`${app.url}${path}`);
  return page;
}

/** Clicks a download link and reads the file it saves as a workbook. */
async function download(page: Page, label: string, nth = 0): Promise<{ name: string; workbook: ExcelJS.Workbook }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: label }).nth(nth).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await file.path());
  return { name: file.suggestedFilename(), workbook };
}

const get = (path: string, cookie: string) => fetch(`${app.url}${path}`, { headers: { cookie }, redirect: 'manual' });

describe.skipIf(browserMissing)('Excel downloads of the report and the indicators', () => {
  for (const size of SIZES) {
    it(`offers "Unduh Excel (XLSX)" beside "Unduh CSV" as big buttons that fit the ${size.name}`, async () => {
      for (const [path, csv] of [
        [`/laporan?modul=${MODULE}&kube=${KUBE}`, 'Unduh CSV'],
        [`/indikator?${PERIOD}`, 'Unduh data (CSV)'],
        [`/indikator/2?${PERIOD}`, 'Unduh data (CSV)'],
      ] as const) {
        const page = await open(size, path);
        const xlsx = page.getByRole('link', { name: 'Unduh Excel (XLSX)' }).first();
        await expect(page.getByRole('link', { name: csv }).first().isVisible()).resolves.toBe(true);
        const box = await xlsx.boundingBox();
        expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
        await expect(widestOverflow(page)).resolves.toBeNull();
        if (shots) {
          await xlsx.scrollIntoViewIfNeeded();
          const name = path.split('?')[0]?.replaceAll('/', '-').slice(1) ?? 'page';
          await page.screenshot({ path: `${shots}/xlsx-${name}-${size.name}.png` });
        }
        await page.context().close();
      }
    });
  }

  it('downloads the report as a workbook with its summary and people sheets, numbers as numbers', async () => {
    const page = await open(SIZES[1], `/laporan?modul=${MODULE}&kube=${KUBE}`);
    const { name, workbook } = await download(page, 'Unduh Excel (XLSX)');
    expect(name).toMatch(new RegExp(`^laporan-${MODULE}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    expect(workbook.worksheets.map((ws) => ws.name).slice(0, 2)).toEqual(['Ringkasan', 'Nilai per orang']);
    const people = workbook.getWorksheet('Nilai per orang');
    if (!people) throw new Error('no people sheet');
    expect(people.getCell('A1').value).toBe('Nilai setiap orang');
    expect(people.getCell('B3').value).toBe('Maju Bersama 1');
    const top = frozenRows(people);
    const row = people.getRow(top + 1);
    expect([row.getCell(1).value, row.getCell(5).value, row.getCell(6).value]).toEqual(['Uji x.tini', 25, 75]);
    expect(row.getCell(4).value).toEqual(new Date(Date.UTC(2026, 2, 12)));
    await page.context().close();
  });

  it('downloads indicator 2 as a workbook of the officers’ pairs from the dashboard', async () => {
    const page = await open(SIZES[0], `/indikator?${PERIOD}`);
    const { name, workbook } = await download(page, 'Unduh Excel (XLSX)', 1);
    expect(name).toBe('indikator-2-2026-01-01-2026-12-31.xlsx');
    const [pairs] = workbook.worksheets;
    if (!pairs) throw new Error('no sheet');
    expect(pairs.name).toBe('Nilai tes pengurus');
    expect(pairs.getCell('B2').value).toBe('2026-01-01 – 2026-12-31');
    const row = pairs.getRow(frozenRows(pairs) + 1);
    expect([row.getCell(1).value, row.getCell(7).value, row.getCell(9).value]).toEqual(['Uji x.tini', 50, 'Ketua']);
    expect(row.getCell(7).type).toBe(ExcelJS.ValueType.Number);
    await page.context().close();
  });

  it('answers the workbooks with their type, an .xlsx name and no caching', async () => {
    const page = await open(SIZES[1], '/');
    for (const path of [
      `/laporan/unduh?modul=${MODULE}&format=xlsx`,
      `/indikator/unduh?${PERIOD}&bagian=3&format=xlsx`,
    ]) {
      const response = await page.request.get(`${app.url}${path}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe(XLSX);
      expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="[^"]+\.xlsx"$/);
      expect(response.headers()['cache-control']).toBe('private, no-store');
    }
    await expect(page.request.get(`${app.url}/laporan/unduh?format=xls`).then((r) => r.status())).resolves.toBe(400);
    await page.context().close();
  });

  it('refuses the workbooks to a member, and the report of another KUBE to its facilitator', async () => {
    for (const path of [
      `/laporan/unduh?modul=${MODULE}&format=xlsx`,
      `/indikator/unduh?${PERIOD}&bagian=1&format=xlsx`,
    ]) {
      const response = await get(path, memberCookie);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).not.toBe(XLSX);
    }
    const response = await get(`/laporan/unduh?kube=${KUBE}&format=xlsx`, otherCookie);
    expect(response.status).toBe(403);
  });
});
