import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubes, memberships, people, positions } from '../../db/schema.ts';
import { sheetFooter } from '../../src/features/analytics/download.ts';
import { loadReportFile } from '../../src/features/analytics/load-report-file.ts';
import { workbookBytes } from '../../src/features/analytics/xlsx.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { rubricSchema } from '../../src/features/capacity/rubric-schema.ts';
import { rubricShape } from '../../src/features/capacity/rubric.ts';
import { recordAssessment } from '../../src/features/capacity/service.ts';
import { loadIndicators } from '../../src/features/indicators/data.ts';
import { readIndicatorRequest } from '../../src/features/indicators/query.ts';
import { indicatorSheets } from '../../src/features/indicators/xlsx.ts';
import { useTranslations } from '../../src/i18n/index.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// The report's and the indicators' Excel workbooks, built from a real database and read back with exceljs as
// Excel would: typed cells with their formats, the header block, sheet names, text that looks like a formula.

let db: TestDatabase;
const t = useTranslations('id');
const admin: Actor = { id: 'adm', role: 'admin', kubeId: null, assignedKubeIds: [] };
const MODULE = 'keuangan-kube';
const FORMULA_NAME = '=HYPERLINK("http://contoh.test","klik")';
const footer = sheetFooter(t, new Date('2026-04-15T07:05:00Z'));
// `astro:content` answers only inside Astro: the curriculum comes in as the pages' loaders take it.
const rubric = rubricSchema.parse(parse(readFileSync('content/rubrics/kapasitas-kube.yaml', 'utf8')));
const TASK = { slug: 'buku-kas-sebulan', title: 'Buku kas sebulan' };
const reportContent = {
  modules: () => Promise.resolve([{ id: MODULE, title: 'Keuangan KUBE' }]),
  tasks: (slug: string) => Promise.resolve(slug === MODULE ? [TASK] : []),
};
const indicatorContent = {
  rubric,
  moduleTitles: () => Promise.resolve(new Map([[MODULE, 'Keuangan KUBE']])),
  taskTitles: () => Promise.resolve(new Map([[TASK.slug, TASK.title]])),
};
const reportOptions = { format: 'xlsx', footer, today: '2026-04-15', content: reportContent } as const;

beforeAll(async () => {
  db = await createTestDatabase();
  const place = { desa: 'Singkalanyar', kecamatan: 'Prambon', kabupaten: 'Nganjuk', provinsi: 'Jawa Timur' };
  await db.db.insert(kubes).values({ id: 'k1', name: '+62 Maju Bersama', ...place });
  await db.db.insert(people).values([
    { id: 'a', name: FORMULA_NAME, username: 'a', role: 'pengurus' },
    { id: 'b', name: 'Siti Aminah', username: 'b', role: 'anggota' },
    { id: 'adm', name: 'Admin', username: 'adm', role: 'admin' },
  ]);
  await db.db.insert(memberships).values([
    { id: 'ma', kubeId: 'k1', personId: 'a', joinedOn: '2024-01-01' },
    { id: 'mb', kubeId: 'k1', personId: 'b', joinedOn: '2024-01-01' },
  ]);
  await db.db
    .insert(positions)
    .values({ id: 'p1', kubeId: 'k1', personId: 'a', jabatanCode: 'ketua', startDate: '2024-01-01', endDate: null });
  let n = 0;
  for (const personId of ['a', 'b']) {
    for (const [kind, results, day] of [
      ['pre', { q1: 1, q2: 0, q3: 0, q4: 0 }, '2026-03-01'],
      ['post', { q1: 1, q2: 1, q3: 1, q4: 0 }, '2026-03-10'],
    ] as const) {
      n += 1;
      await seedAttempt(db.db, {
        id: `00000000-0000-4000-8000-00000000000${String(n)}`,
        ...{ personId, moduleSlug: MODULE, kind, results },
        ...{ submittedAt: new Date(`${day}T03:00:00Z`), counted: true },
      });
    }
  }
  const shape = rubricShape({ data: rubric });
  const items = shape.dimensions.flatMap((d) => d.itemIds);
  for (const [assessedOn, score] of [
    ['2026-01-10', 2],
    ['2026-03-20', 3],
  ] as const) {
    const scores = Object.fromEntries(items.map((id) => [id, score]));
    await recordAssessment(db.db, { kubeId: 'k1', assessedOn, notes: null, scores }, shape, 'adm', '2026-04-01');
  }
});
afterAll(() => {
  db.cleanup();
});

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // The bytes themselves: a small Buffer's `.buffer` is Node's shared pool, with other data around them.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** The row number of a sheet's table header: the first bold row after the header block. */
function headerRowOf(ws: ExcelJS.Worksheet): number {
  const view = ws.views[0];
  if (view?.state !== 'frozen' || !view.ySplit) throw new Error(`${ws.name}: no frozen header`);
  return view.ySplit;
}

function expectWellFormed(ws: ExcelJS.Worksheet, title: string): void {
  expect(ws.name.length).toBeLessThanOrEqual(31);
  expect(ws.name).not.toMatch(/[[\]:*?/\\]/);
  expect(ws.getCell('A1').value).toBe(title);
  expect(ws.getCell('A1').font.bold).toBe(true);
  const rowsOfA = Array.from({ length: 10 }, (_, i) => ws.getCell(i + 1, 1).value);
  expect(rowsOfA).toContain(t('footer.program'));
  expect(rowsOfA).toContain(t('report.csv.made'));
  const headerRow = headerRowOf(ws);
  expect(ws.getRow(headerRow).getCell(1).font.bold).toBe(true);
  // exceljs reads the filter back as its range, e.g. A7:I8: from the header row down, over every column.
  expect(ws.autoFilter).toMatch(new RegExp(`^A${String(headerRow)}:[A-Z]+\\d+$`));
  for (let c = 1; c <= ws.getRow(headerRow).cellCount; c += 1) {
    expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(10);
  }
}

describe('loadReportFile() as xlsx', () => {
  it('writes the summary and one row per person as typed cells under a header block', async () => {
    const params = new URLSearchParams({ modul: MODULE });
    const file = await loadReportFile(db.db, admin, params, t, 'id', reportOptions);
    if (file.status !== 200 || typeof file.body === 'string') throw new Error('no workbook');
    expect(file.filename).toBe(`laporan-${MODULE}-2026-04-15.xlsx`);
    const workbook = await read(file.body);
    const names = workbook.worksheets.map((ws) => ws.name);
    expect(names.slice(0, 3)).toEqual([
      t('report.xlsx.sheet.summary'),
      t('report.xlsx.sheet.people'),
      t('report.bySex'),
    ]);
    const bySex = workbook.getWorksheet(t('report.bySex'));
    if (!bySex) throw new Error('no sheet by sex');
    expectWellFormed(bySex, t('report.bySex'));
    const groups = bySex.getColumn(1).values.slice(-4);
    expect(groups).toEqual(['Laki-laki', 'Perempuan', 'Tidak diketahui', 'Semua']);

    const summary = workbook.getWorksheet(t('report.xlsx.sheet.summary'));
    if (!summary) throw new Error('no summary');
    expectWellFormed(summary, t('report.print.title'));
    expect(summary.getCell('B2').value).toBe('Keuangan KUBE');
    expect(summary.getCell(4, 2).value).toBe(t('report.filter.sex.all'));
    expect(summary.getCell(6, 2).value).toBe(70);
    expect(summary.getCell(7, 2).value).toBe('2026-04-15 14:05 WIB');
    const header = headerRowOf(summary);
    const rows = Array.from({ length: 15 }, (_, i) => summary.getRow(header + 1 + i));
    const n = rows.find((row) => row.getCell(1).value === t('report.n'));
    expect(n?.getCell(2).value).toBe(2);
    expect(n?.getCell(2).numFmt).toBe('0');
    const after = rows.find((row) => row.getCell(1).value === t('report.masteryAfter', { mastery: '70' }));
    expect(after?.getCell(2).value).toBe(1);
    expect(after?.getCell(2).numFmt).toBe('0.0%');

    const perPerson = workbook.getWorksheet(t('report.xlsx.sheet.people'));
    if (!perPerson) throw new Error('no people sheet');
    expectWellFormed(perPerson, t('report.people'));
    const top = headerRowOf(perPerson);
    expect(perPerson.getRow(top).getCell(1).value).toBe(t('report.col.name'));
    const people = [perPerson.getRow(top + 1), perPerson.getRow(top + 2)];
    const formula = people.find((row) => row.getCell(1).value === FORMULA_NAME);
    if (!formula) throw new Error('the formula-looking name is missing');
    expect(formula.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(formula.getCell(2).value).toBe('+62 Maju Bersama');
    expect(formula.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(formula.getCell(4).value).toEqual(new Date(Date.UTC(2026, 2, 10)));
    expect(formula.getCell(4).numFmt).toBe('yyyy-mm-dd');
    expect(formula.getCell(5).value).toBe(25);
    expect(formula.getCell(5).numFmt).toBe('0.0');
    expect(formula.getCell(8).value).toBeCloseTo(50 / 75, 9);
    expect(formula.getCell(8).numFmt).toBe('0.000');
    expect(perPerson.getColumn(1).width).toBeGreaterThanOrEqual(FORMULA_NAME.length);
  });

  it('never writes a formula into the file', async () => {
    const params = new URLSearchParams({ modul: MODULE });
    const file = await loadReportFile(db.db, admin, params, t, 'id', reportOptions);
    if (file.status !== 200 || typeof file.body === 'string') throw new Error('no workbook');
    const workbook = await read(file.body);
    workbook.eachSheet((ws) => {
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        });
      });
    });
  });
});

describe('indicatorSheets()', () => {
  const request = readIndicatorRequest(admin, new URLSearchParams({ dari: '2026-01-01', sampai: '2026-04-15' }));
  const build = async (part: '1' | '2' | '3') => {
    if (!request.ok) throw new Error('refused');
    const data = await loadIndicators(db.db, request.scope, rubricShape({ data: rubric }));
    return read(
      await workbookBytes(await indicatorSheets(db.db, part, data, t, request.scope, indicatorContent), footer),
    );
  };

  it('writes part 1 as one sheet of KUBEs with counts as numbers and the day as a date', async () => {
    const workbook = await build('1');
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([t('indicators.xlsx.sheet.structure')]);
    const [ws] = workbook.worksheets;
    if (!ws) throw new Error('no sheet');
    expectWellFormed(ws, t('indicators.i1.title'));
    expect(ws.getCell('B2').value).toBe('2026-01-01 – 2026-04-15');
    expect(ws.getCell('B3').value).toBe(t('indicators.print.allArea'));
    const row = ws.getRow(headerRowOf(ws) + 1);
    expect(row.getCell(1).value).toEqual(new Date(Date.UTC(2026, 3, 15)));
    expect(row.getCell(2).value).toBe('+62 Maju Bersama');
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(6).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(6).value).toBe(1);
  });

  it('writes part 2 as the officers’ pairs, the practical tasks’ summary and their rows, each on a sheet', async () => {
    const workbook = await build('2');
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      t('indicators.xlsx.sheet.knowledge'),
      t('indicators.detail.i2.bySex'),
      t('indicators.xlsx.sheet.skills'),
      t('indicators.xlsx.sheet.skillPeople'),
    ]);
    for (const ws of workbook.worksheets) expectWellFormed(ws, t('indicators.i2.title'));
    const [pairs] = workbook.worksheets;
    if (!pairs) throw new Error('no sheet');
    const row = pairs.getRow(headerRowOf(pairs) + 1);
    expect(row.getCell(1).value).toBe(FORMULA_NAME);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect([row.getCell(5).value, row.getCell(6).value, row.getCell(7).value]).toEqual([25, 75, 50]);
    expect(row.getCell(9).value).toBe('Ketua');
  });

  it('writes part 3 as each KUBE’s dimensions against its baseline, scores with two decimals', async () => {
    const workbook = await build('3');
    const [ws] = workbook.worksheets;
    if (!ws) throw new Error('no sheet');
    expect(ws.name).toBe(t('indicators.xlsx.sheet.capacity'));
    expectWellFormed(ws, t('indicators.i3.title'));
    const row = ws.getRow(headerRowOf(ws) + 1);
    expect(row.getCell(3).value).toEqual(new Date(Date.UTC(2026, 0, 10)));
    expect([row.getCell(4).value, row.getCell(6).value, row.getCell(7).value]).toEqual([2, 3, 1]);
    expect(row.getCell(4).numFmt).toBe('0.00');
    expect(row.getCell(8).value).toBe(t('indicators.csv.yes'));
  });
});
