// The columns of the import sheet, in the order of the template. Headers are Indonesian, as the district's
// staff write them; they are matched case-insensitively, ignoring surrounding spaces.

export const COLUMNS = [
  { key: 'kabupaten', header: 'Kabupaten', required: true },
  { key: 'kecamatan', header: 'Kecamatan', required: true },
  { key: 'desa', header: 'Desa', required: true },
  { key: 'kubeName', header: 'Nama KUBE', required: true },
  { key: 'name', header: 'Nama lengkap', required: true },
  { key: 'sex', header: 'Jenis kelamin', required: false },
  { key: 'role', header: 'Peran', required: true },
  { key: 'jabatan', header: 'Jabatan', required: false },
  { key: 'phone', header: 'Nomor HP', required: false },
  { key: 'username', header: 'Nama pengguna', required: false },
  // Only needed for a KUBE in a kabupaten that has no KUBE yet. Columns whose cells may be empty may be left out.
  { key: 'provinsi', header: 'Provinsi', required: false },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];

/** One data row as read: each column's text ('' when empty), and the row number the spreadsheet shows. */
export type RawRow = { row: number; cells: Record<ColumnKey, string> };

/** The header a column key is written with, for messages ("Nama lengkap"). */
export function headerOf(key: ColumnKey): string {
  return COLUMNS.find((column) => column.key === key)?.header ?? key;
}

/** Case- and space-insensitive form of a header, a KUBE's place or a name, for matching. */
export function matchKey(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

// 15,000 rows is a district; the limit leaves room for the largest, and the size for long names in CSV.
export const MAX_ROWS = 25_000;
export const MAX_BYTES = 10 * 1024 * 1024;
