import { describe, expect, it } from 'vitest';
import { csvNumber, csvText, peopleCsv } from '../../src/features/analytics/csv.ts';

describe('report CSV for Excel in an Indonesian locale', () => {
  it('writes decimal commas, and nothing for a missing value', () => {
    expect(csvNumber(62.5)).toBe('62,5');
    expect(csvNumber(-25)).toBe('-25');
    expect(csvNumber(2 / 3, 3)).toBe('0,667');
    expect(csvNumber(null)).toBe('');
    expect(csvNumber(Number.NaN)).toBe('');
  });

  it('quotes separators, quotes and line breaks, and never lets a name run as a formula', () => {
    expect(csvText('Sari')).toBe('Sari');
    expect(csvText('KUBE "Maju"; Nganjuk')).toBe('"KUBE ""Maju""; Nganjuk"');
    expect(csvText('baris\nbaru')).toBe('"baris\nbaru"');
    expect(csvText('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvText('+62 812')).toBe("'+62 812");
  });

  it('starts with a byte-order mark, separates with semicolons and ends lines with CRLF', () => {
    const csv = peopleCsv(
      [
        {
          personId: 'p1',
          name: 'Siti Aminah',
          kubeName: 'Maju Bersama 1',
          moduleSlug: 'usaha-produk',
          postDate: '2026-03-09',
          pre: 37.5,
          post: 87.5,
          gain: 50,
          g: 0.8,
        },
      ],
      { name: 'Nama', kube: 'KUBE', module: 'Modul', date: 'Tanggal', pre: 'Pre', post: 'Post', gain: 'Naik', g: 'g' },
      () => 'Memilih Usaha',
    );
    expect(csv).toBe(
      '\uFEFFNama;KUBE;Modul;Tanggal;Pre;Post;Naik;g\r\nSiti Aminah;Maju Bersama 1;Memilih Usaha;2026-03-09;37,5;87,5;50;0,8\r\n',
    );
  });
});
