import { describe, expect, it } from 'vitest';
import { readFormat, withFormat } from '../../src/features/analytics/download.ts';
import { numberFormat, sheetName } from '../../src/features/analytics/xlsx.ts';

describe('sheetName()', () => {
  it('drops the characters Excel refuses in a tab name and keeps it to 31 characters', () => {
    const name = sheetName("'Nilai [Maret]: KUBE/Desa*Baru? \\ per orang dan per tugas praktik'", new Set());
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).not.toMatch(/[[\]:*?/\\]/);
    expect(name).not.toMatch(/^'|'$/);
    expect(name.startsWith('Nilai Maret KUBE Desa Baru')).toBe(true);
  });

  it('never gives two tabs the same name, whatever their case', () => {
    const taken = new Set(['Ringkasan']);
    expect(sheetName('ringkasan', taken)).toBe('ringkasan 2');
    expect(sheetName('', new Set())).toBe('Data');
  });
});

describe('numberFormat()', () => {
  it('writes counts, decimals and percentages as Excel formats', () => {
    expect(numberFormat(0)).toBe('0');
    expect(numberFormat(3)).toBe('0.000');
    expect(numberFormat(1, true)).toBe('0.0%');
  });
});

describe('readFormat() and withFormat()', () => {
  it('takes CSV by default, XLSX when asked, and refuses anything else', () => {
    expect(readFormat(new URLSearchParams())).toBe('csv');
    expect(readFormat(new URLSearchParams('format=xlsx'))).toBe('xlsx');
    expect(readFormat(new URLSearchParams('format=xls'))).toBeNull();
  });

  it('keeps every filter of a download address when it asks for the workbook', () => {
    expect(withFormat('/laporan/unduh', 'xlsx')).toBe('/laporan/unduh?format=xlsx');
    expect(withFormat('/indikator/unduh?dari=2026-01-01&bagian=2', 'xlsx')).toBe(
      '/indikator/unduh?dari=2026-01-01&bagian=2&format=xlsx',
    );
  });
});
