// The spreadsheet of a throw-away district, as an admin would import it: `kubes` KUBEs of `perKube` people in
// ten kabupaten, with a ketua, sekretaris and bendahara each and, in every other KUBE, both divisions'
// coordinators. Used by `npm run bench:import` and `npm run bench:district` (and its smaller twin in the tests).
import { COLUMNS } from '../../src/features/district-import/columns.ts';

const CORE = ['ketua', 'sekretaris', 'bendahara'];
const DIVISIONS = ['koordinator_marketing', 'koordinator_pemberdayaan'];

/** The jabatan of person `p` of KUBE `k`, or '' for a member. */
function jabatanOf(k: number, p: number): string {
  if (p < CORE.length) return CORE[p] ?? '';
  if (k % 2 === 0 && p < CORE.length + DIVISIONS.length) return DIVISIONS[p - CORE.length] ?? '';
  return '';
}

/** One row per person, in the template's column order. */
export function districtRows(kubes: number, perKube: number): string[][] {
  const rows: string[][] = [];
  for (let k = 0; k < kubes; k++) {
    for (let p = 0; p < perKube; p++) {
      const jabatan = jabatanOf(k, p);
      rows.push([
        `Kabupaten ${k % 10}`,
        `Kecamatan ${k % 50}`,
        `Desa ${k % 200}`,
        `KUBE Bench ${k}`,
        `Warga ${k} ${p}`,
        p % 2 ? 'L' : 'P',
        jabatan ? 'pengurus' : 'anggota',
        jabatan,
        p % 3 ? '' : `0812 ${String(k).padStart(4, '0')} ${String(p).padStart(4, '0')}`,
        '',
        'Jawa Timur',
      ]);
    }
  }
  return rows;
}

export const districtHeaders = COLUMNS.map((column) => column.header);

/** The rows as a CSV file's bytes (semicolons, as Excel in Indonesia writes them). */
export function districtCsv(rows: string[][]): Uint8Array {
  return new TextEncoder().encode([districtHeaders, ...rows].map((row) => row.join(';')).join('\r\n'));
}
