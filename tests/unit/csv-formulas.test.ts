import { describe, expect, it } from 'vitest';
import { csvFile, csvNumber, csvText, peopleCsv } from '../../src/features/analytics/csv.ts';

/**
 * Reads a CSV as LibreOffice and Excel do when told a separator: a field is quoted only when its first
 * character is a quote; anywhere else a quote is just a character, and the separator or a line break ends it.
 */
function splitAsSpreadsheet(csv: string, separator: string): string[] {
  const chars = Array.from(csv.replace(/^\uFEFF/, ''));
  const fields: string[] = [];
  let i = 0;
  const ends = (c: string | undefined) => c === undefined || c === separator || c === '\r' || c === '\n';
  while (i < chars.length) {
    let value = '';
    if (chars[i] === '"') {
      for (i++; i < chars.length; i++) {
        if (chars[i] === '"' && chars[i + 1] !== '"') break;
        if (chars[i] === '"') i++;
        value += chars[i] ?? '';
      }
      i++;
    }
    for (; !ends(chars[i]); i++) value += chars[i] ?? '';
    fields.push(value);
    if (chars[i] === '\r' && chars[i + 1] === '\n') i++;
    i++;
  }
  return fields;
}

const FORMULA_START = /^\s*[=+\-@\t\r]/;
// A negative score is a number in the file's own `;` columns, not a formula.
const isFormula = (field: string) => FORMULA_START.test(field) && !/^-\d+(,\d+)?$/.test(field);
const hostile = [
  'Ani,=1+1,@SUM(1+1),-2+3,=HYPERLINK(A1)',
  '=HYPERLINK("http://evil.example")',
  'Budi;=1+1',
  'Sari\n=1+1',
  'Tono,"=1+1"',
  'Wati, +62 812',
  '\t=1+1',
  'Dewi,\t-1',
];
const labels = {
  name: 'Nama',
  kube: 'KUBE',
  module: 'Modul',
  date: 'Tanggal',
  pre: 'Pre',
  post: 'Post',
  gain: 'Naik',
  g: 'g',
};
const row = (name: string) => ({
  personId: 'p1',
  name,
  kubeName: 'KUBE, =2+2',
  moduleSlug: 'usaha-produk',
  postDate: '2026-03-09',
  pre: -12.5,
  post: 87.5,
  gain: 50,
  g: 0.8,
  retention: null,
  retentionDate: null,
  retained: null,
  retentionDays: null,
});

describe('csvText()', () => {
  it('quotes a cell holding a comma', () => {
    expect(csvText('Sari, Ani')).toBe('"Sari, Ani"');
  });

  it('puts an apostrophe before every place a formula could start', () => {
    expect(csvText('Ani,=1+1,@SUM(1+1),-2+3,=HYPERLINK(A1)')).toBe(`"Ani,'=1+1,'@SUM(1+1),'-2+3,'=HYPERLINK(A1)"`);
    expect(csvText('=1+1')).toBe("'=1+1");
  });

  it('leaves ordinary names as they are', () => {
    expect(csvText('Siti Aminah')).toBe('Siti Aminah');
    expect(csvText('Ani-Budi')).toBe('Ani-Budi');
  });
});

describe('a report CSV opened in a spreadsheet', () => {
  const csv = peopleCsv(hostile.map(row), labels, () => 'Memilih Usaha');

  it.each([',', ';'])('gives no cell that starts a formula when split on %j', (separator) => {
    const fields = splitAsSpreadsheet(csv, separator);
    expect(fields.length).toBeGreaterThan(hostile.length);
    expect(fields.filter(isFormula)).toEqual([]);
  });

  it('still opens in columns with semicolons, each name whole', () => {
    const fields = splitAsSpreadsheet(csv, ';');
    expect(fields).toContain("Ani,'=1+1,'@SUM(1+1),'-2+3,'=HYPERLINK(A1)");
    expect(fields).toContain('-12,5');
  });

  it('keeps a negative number after a text cell ending in a comma harmless', () => {
    const file = csvFile(['a', 'b'], [[csvText('Ani,'), csvNumber(-25)]]);
    expect(splitAsSpreadsheet(file, ',').filter(isFormula)).toEqual([]);
  });
});
