import type ExcelJS from 'exceljs';
import { loadExcel } from '../../lib/excel.ts';

// Workbooks for Excel users (issue 18), shared by the gain report and the indicator data: each sheet opens with
// a block saying what it is, then one table with a bold header row, frozen under it, filtered, and typed cells
// (numbers as numbers, days as dates), so a Dinas Sosial officer can sort and sum without retyping anything.

/** How a column's cells are written: text, a day (YYYY-MM-DD in, an Excel date out), or a number. */
export type Column =
  { header: string; kind: 'text' | 'date' } | { header: string; kind: 'number'; digits: number; percent?: boolean };

/** A number whose format differs from its column's (the summary sheet: each figure has its own decimals). */
export type NumberCell = { number: number | null; digits: number; percent?: boolean };
export type Cell = string | number | null | NumberCell;

export type Sheet = {
  /** The tab's name, Indonesian; made safe for Excel by sheetName(). */
  name: string;
  title: string;
  /** What the file is about, label and value: period, area or KUBE, module… */
  about: readonly (readonly [string, string | number])[];
  columns: readonly Column[];
  rows: readonly (readonly Cell[])[];
};

/** The words every sheet's header block needs besides its own. */
export type SheetFooter = { madeLabel: string; made: string; program: string };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FORBIDDEN_IN_NAME = /[[\]:*?/\\]/g;
// XML 1.0 cannot hold these: a name that somehow carries one would make the whole file unreadable.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A tab name Excel accepts: none of []:*?/\, at most 31 characters, no apostrophe at either end, unique. */
export function sheetName(wanted: string, taken: ReadonlySet<string>): string {
  const clean = wanted.replace(FORBIDDEN_IN_NAME, ' ').replace(NOT_XML, '').replace(/\s+/g, ' ');
  const base =
    clean
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31)
      .trim() || 'Data';
  let name = base;
  for (let n = 2; [...taken].some((t) => t.toLowerCase() === name.toLowerCase()); n += 1) {
    name = `${base.slice(0, 31 - String(n).length - 1).trim()} ${n}`;
  }
  return name;
}

/** Excel's number format for a count, decimals or a share shown as a percentage. */
export function numberFormat(digits: number, percent = false): string {
  const decimals = digits > 0 ? `.${'0'.repeat(digits)}` : '';
  return `0${decimals}${percent ? '%' : ''}`;
}

/** A YYYY-MM-DD day as the UTC midnight Excel stores as that day (exceljs counts from UTC). */
function day(value: string): Date | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : value;
}

const isNumberCell = (cell: Cell): cell is NumberCell => typeof cell === 'object' && cell !== null;

/** The value written and its format. A string is always written as a string cell: never a formula. */
function typed(cell: Cell, column: Column | undefined): { value: ExcelJS.CellValue; format?: string } {
  if (cell === null || cell === '') return { value: null };
  if (isNumberCell(cell)) {
    if (cell.number === null || !Number.isFinite(cell.number)) return { value: null };
    return { value: cell.number, format: numberFormat(cell.digits, cell.percent) };
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { value: null };
    const format = column?.kind === 'number' ? numberFormat(column.digits, column.percent) : numberFormat(0);
    return { value: cell, format };
  }
  if (column?.kind === 'date') return { value: day(cell), format: 'yyyy-mm-dd' };
  return { value: cell.replace(NOT_XML, '') };
}

/** How wide a cell reads, in characters, as Excel counts column widths. */
function shownLength(cell: Cell, column: Column | undefined): number {
  if (cell === null) return 0;
  if (isNumberCell(cell) || typeof cell === 'number') {
    const n = isNumberCell(cell) ? cell.number : cell;
    const digits = isNumberCell(cell) ? cell.digits : column?.kind === 'number' ? column.digits : 0;
    return n === null ? 0 : Math.round(n).toString().length + digits + 2;
  }
  return column?.kind === 'date' ? 10 : Math.max(...cell.split('\n').map((line) => line.length));
}

// 10, not 9: exceljs leaves a column of width 9 out of the file as if it had Excel's default width.
const MIN_WIDTH = 10;
const MAX_WIDTH = 60;

function addSheet(workbook: ExcelJS.Workbook, sheet: Sheet, footer: SheetFooter, taken: Set<string>): void {
  const name = sheetName(sheet.name, taken);
  taken.add(name);
  const about = [...sheet.about, [footer.madeLabel, footer.made] as const];
  // Title, the about lines, the program, an empty row: the table's header comes after.
  const headerRow = about.length + 4;
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: headerRow }] });
  ws.getCell(1, 1).value = sheet.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  about.forEach(([label, value], i) => {
    ws.getCell(i + 2, 1).value = label;
    ws.getCell(i + 2, 1).font = { bold: true };
    ws.getCell(i + 2, 2).value = typeof value === 'number' ? value : value.replace(NOT_XML, '');
  });
  ws.getCell(about.length + 2, 1).value = footer.program;

  const header = ws.getRow(headerRow);
  sheet.columns.forEach((column, c) => {
    const cell = header.getCell(c + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.rows.forEach((row, r) => {
    const line = ws.getRow(headerRow + 1 + r);
    row.forEach((value, c) => {
      const { value: written, format } = typed(value, sheet.columns[c]);
      const cell = line.getCell(c + 1);
      cell.value = written;
      if (format) cell.numFmt = format;
    });
  });
  ws.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: headerRow + sheet.rows.length, column: Math.max(1, sheet.columns.length) },
  };

  const widths = sheet.columns.map((column, c) =>
    Math.max(column.header.length, ...sheet.rows.map((row) => shownLength(row[c] ?? null, column))),
  );
  // The header block's labels sit in column A and its values in B: wide enough to read them too.
  widths[0] = Math.max(widths[0] ?? 0, ...about.map(([label]) => label.length));
  widths[1] = Math.max(widths[1] ?? 0, ...about.map(([, value]) => String(value).length));
  widths.forEach((width, c) => {
    ws.getColumn(c + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
  });
}

/** The workbook's bytes, one sheet per table, in the order given. */
export async function workbookBytes(sheets: readonly Sheet[], footer: SheetFooter): Promise<Uint8Array<ArrayBuffer>> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = footer.program;
  const taken = new Set<string>();
  for (const sheet of sheets) addSheet(workbook, sheet, footer, taken);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
