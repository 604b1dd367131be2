import ExcelJS from 'exceljs';

export const HEADERS = [
  'Kabupaten',
  'Kecamatan',
  'Desa',
  'Nama KUBE',
  'Nama lengkap',
  'Jenis kelamin',
  'Peran',
  'Jabatan',
  'Nomor HP',
  'Nama pengguna',
] as const;

/** A person row in header order: place of KUBE Maju Bersama 1 (tests/helpers/two-kubes.ts) unless told. */
export function personRow(name: string, overrides: Partial<Record<(typeof HEADERS)[number], string>> = {}): string[] {
  const row: Record<(typeof HEADERS)[number], string> = {
    Kabupaten: 'Nganjuk',
    Kecamatan: 'Prambon',
    Desa: 'Singkalanyar',
    'Nama KUBE': 'Maju Bersama 1',
    'Nama lengkap': name,
    'Jenis kelamin': 'P',
    Peran: 'anggota',
    Jabatan: '',
    'Nomor HP': '',
    'Nama pengguna': '',
    ...overrides,
  };
  return HEADERS.map((header) => row[header]);
}

/** Five members of one KUBE (a size that draws no warning), the first its ketua. */
export function fiveMembers(
  kube: Partial<Record<(typeof HEADERS)[number], string>> = {},
  prefix = 'Warga',
): string[][] {
  return ['Satu', 'Dua', 'Tiga', 'Empat', 'Lima'].map((word, i) =>
    personRow(`${prefix} ${word}`, i === 0 ? { ...kube, Peran: 'pengurus', Jabatan: 'ketua' } : kube),
  );
}

const quote = (value: string) => (/[",;\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** A CSV file as Excel writes it: `separator`-separated, CRLF lines, optionally with a byte-order mark. */
export function csvFile(
  rows: string[][],
  { separator = ',', bom = false, headers = [...HEADERS] as string[] } = {},
): Uint8Array {
  const text = [headers, ...rows].map((row) => row.map(quote).join(separator)).join('\r\n');
  return new TextEncoder().encode(`${bom ? '\uFEFF' : ''}${text}\r\n`);
}

export async function xlsxFile(rows: string[][], headers: string[] = [...HEADERS]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
