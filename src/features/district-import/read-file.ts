import type { Message } from '../../lib/errors.ts';
import { COLUMNS, MAX_BYTES, MAX_ROWS, matchKey, type ColumnKey, type RawRow } from './columns.ts';
import { parseCsv } from './read-csv.ts';
import { loadExcel } from '../../lib/excel.ts';

export type ReadResult = { ok: true; rows: RawRow[] } | { ok: false; error: Message };

/** An XLSX file is a ZIP archive: it starts with "PK\x03\x04". Anything else is read as UTF-8 CSV. */
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

async function readXlsxRows(bytes: Uint8Array): Promise<{ row: number; values: string[] }[]> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: { row: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) values.push(row.getCell(column).text);
    rows.push({ row: row.number, values });
  });
  return rows;
}

function readCsvRows(bytes: Uint8Array): { row: number; values: string[] }[] {
  const text = new TextDecoder('utf-8').decode(bytes);
  return parseCsv(text).map((values, index) => ({ row: index + 1, values }));
}

/**
 * The rows of an XLSX or CSV import file, each with the row number the spreadsheet shows (the header is
 * row 1). Refuses, with one message, a file too large, with too many rows, or missing a required header.
 */
export async function readImportFile(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.byteLength > MAX_BYTES) {
    return { ok: false, error: { key: 'import.errors.fileTooBig', params: { max: MAX_BYTES / 1024 / 1024 } } };
  }
  let lines: { row: number; values: string[] }[];
  try {
    lines = isZip(bytes) ? await readXlsxRows(bytes) : readCsvRows(bytes);
  } catch {
    return { ok: false, error: { key: 'import.errors.unreadable' } };
  }
  const [header, ...data] = lines;
  if (!header) return { ok: false, error: { key: 'import.errors.empty' } };
  const headers = header.values.map(matchKey);
  const positions = new Map<ColumnKey, number>();
  for (const column of COLUMNS) {
    const index = headers.indexOf(matchKey(column.header));
    if (index !== -1) positions.set(column.key, index);
    else if (column.required) {
      return { ok: false, error: { key: 'import.errors.missingHeader', params: { column: column.header } } };
    }
  }
  const filled = data.filter((line) => line.values.some((value) => value.trim() !== ''));
  if (filled.length === 0) return { ok: false, error: { key: 'import.errors.empty' } };
  if (filled.length > MAX_ROWS) {
    return { ok: false, error: { key: 'import.errors.tooManyRows', params: { max: MAX_ROWS } } };
  }
  const rows = filled.map((line) => {
    const cells = Object.fromEntries(
      COLUMNS.map((column) => {
        const index = positions.get(column.key);
        return [column.key, index === undefined ? '' : (line.values[index] ?? '')];
      }),
    ) as Record<ColumnKey, string>;
    return { row: line.row, cells };
  });
  return { ok: true, rows };
}
