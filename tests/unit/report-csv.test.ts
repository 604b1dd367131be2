import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/features/analytics/compute.ts';
import { csvNumber, csvText, peopleCsv } from '../../src/features/analytics/csv.ts';
import type { Pair } from '../../src/features/analytics/pairs.ts';
import { reportCsv } from '../../src/features/analytics/report-csv.ts';
import { useTranslations } from '../../src/i18n/index.ts';

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
          retention: null,
          retentionDate: null,
          retained: null,
          retentionDays: null,
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

describe('reportCsv()', () => {
  const t = useTranslations('id');
  const side = (score: number) => ({ score, form: null, questionIds: [], bits: '' });
  const pair = (personId: string, pre: number, post: number, moduleSlug = 'usaha-produk'): Pair => ({
    ...{ personId, name: `Uji ${personId}`, kubeId: 'kubemaju1', kubeName: 'Maju Bersama 1', moduleSlug },
    ...{ sex: null, postDate: '2026-03-09', pre: side(pre), post: side(post) },
  });
  const report = buildReport([pair('ani', 25, 75), pair('ani', 50, 50, 'hakikat-kube'), pair('budi', 0, 50)]);
  const about = {
    module: 'Semua modul',
    kube: 'Maju Bersama 1',
    sex: 'Laki-laki dan perempuan',
    period: '2026-03-01 – 2026-03-31',
    made: '2026-12-01',
  };
  const lines = reportCsv(report, about, t, 'id', (slug) => slug)
    .slice(1)
    .split('\r\n');

  it('says what it is about before the rows: module, KUBE, sex, period, mastery score, day made', () => {
    expect(lines.slice(0, 8)).toEqual([
      'Laporan kemajuan belajar untuk Dinas Sosial',
      'Modul;Semua modul',
      'KUBE;Maju Bersama 1',
      'Jenis kelamin;Laki-laki dan perempuan',
      'Periode;2026-03-01 – 2026-03-31',
      'Nilai tuntas;70',
      'Dibuat;2026-12-01',
      '',
    ]);
  });

  it('carries the summary figures as numbers with their meaning, and the verdict', () => {
    expect(lines).toContain('Jumlah orang;2;2 orang mengerjakan pre-test dan post-test.');
    expect(lines.find((line) => line.startsWith('Pasangan nilai (orang × modul);'))).toMatch(/^[^;]+;3;/);
    // (25 + 50 + 0) / 3 = 25; gains 50, 0, 50 → 33.3.
    // A meaning with a comma in it is quoted, so a spreadsheet keeps it in one cell.
    expect(lines).toContain('Rata-rata pre-test;25;"Sebelum pelatihan, rata-rata nilainya 25 dari 100."');
    expect(lines).toContain('Rata-rata kenaikan (poin);33,3;"Rata-rata naik 33,3 poin dari 100."');
    expect(lines.find((line) => line.startsWith('Mencapai nilai tuntas (70) sesudah (%);'))).toMatch(/;33,3;/);
    expect(lines.find((line) => line.startsWith('Kemajuan kelompok;'))).toMatch(/;Gain kelas ⟨g⟩ \(Hake\)$/);
    expect(lines.find((line) => line.startsWith('Kesimpulan;'))).toMatch(/Tetapi hanya ada 3 pasangan nilai/);
  });

  it('has the table by sex: nobody recorded as L or P here, so all three pairs are unknown', () => {
    const title = lines.indexOf('Menurut jenis kelamin');
    expect(lines.slice(title, title + 6)).toEqual([
      'Menurut jenis kelamin',
      'Jenis kelamin;Pasangan tes;Rata-rata pre-test;Rata-rata post-test;Rata-rata kenaikan;Tuntas sesudah (%)',
      'Laki-laki;0;Tidak ada orang',
      'Perempuan;0;Tidak ada orang',
      'Tidak diketahui;3;25;58,3;33,3;33,3',
      'Semua;3;25;58,3;33,3;33,3',
    ]);
  });

  it('then the per-person table, each row with as many cells as its header', () => {
    const header = lines.indexOf('Nama;KUBE;Modul;Tanggal post-test;Pre-test;Post-test;Kenaikan;g');
    expect(header).toBeGreaterThan(8);
    expect(lines[header + 1]).toBe('Uji ani;Maju Bersama 1;usaha-produk;2026-03-09;25;75;50;0,667');
    expect(lines.slice(header + 1, -1).every((line) => line.split(';').length === 8)).toBe(true);
    expect(lines.at(-1)).toBe('');
  });

  it('adds the retention test’s day, score and share of the gain kept where retention tests exist', () => {
    const kept = buildReport([
      { ...pair('ani', 25, 75), retention: { score: 50, date: '2026-05-20' } },
      pair('budi', 0, 50),
    ]);
    const rows = reportCsv(kept, about, t, 'id', (slug) => slug)
      .slice(1)
      .split('\r\n');
    const header = rows.indexOf(
      'Nama;KUBE;Modul;Tanggal post-test;Pre-test;Post-test;Kenaikan;g;Tanggal tes ulang;Tes ulang;Bertahan (%)',
    );
    expect(header).toBeGreaterThan(8);
    // (50 − 25) / (75 − 25) = 50 %; Budi has none: his cells stay empty.
    expect(rows[header + 1]).toBe('Uji ani;Maju Bersama 1;usaha-produk;2026-03-09;25;75;50;0,667;2026-05-20;50;50');
    expect(rows[header + 2]).toBe('Uji budi;Maju Bersama 1;usaha-produk;2026-03-09;0;50;50;0,5;;;');
  });
});
