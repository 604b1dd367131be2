import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubes, memberships, people, positions } from '../../db/schema.ts';
import { applyImport } from '../../src/features/district-import/apply.ts';
import { loadExisting } from '../../src/features/district-import/existing.ts';
import { planImport } from '../../src/features/district-import/plan.ts';
import { readImportFile } from '../../src/features/district-import/read-file.ts';
import { buildImportTemplate } from '../../src/features/district-import/template.ts';
import ExcelJS from 'exceljs';
import type { RawRow } from '../../src/features/district-import/columns.ts';
import { verifySecret } from '../../src/features/auth/password.ts';
import { isWeakPin } from '../../src/features/auth/pin.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { csvFile, fiveMembers, HEADERS, personRow, xlsxFile } from '../helpers/import-sheet.ts';
import { addTwoKubesAndAdmin } from '../helpers/two-kubes.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await addTwoKubesAndAdmin(t);
});
afterEach(() => {
  t.cleanup();
});

async function rowsOf(file: Uint8Array): Promise<RawRow[]> {
  const read = await readImportFile(file);
  if (!read.ok) throw new Error(`unreadable: ${read.error.key}`);
  return read.rows;
}

const planOf = async (rows: string[][]) => planImport(await rowsOf(csvFile(rows)), await loadExisting(t.db));
const errorsOf = async (rows: string[][]) =>
  (await planOf(rows)).errors.map((issue) => ({ row: issue.row, column: issue.column, key: issue.message.key }));

const newKube = { 'Nama KUBE': 'Sejahtera', Desa: 'Baron' };

describe('readImportFile()', () => {
  it('reads a CSV with a byte-order mark, semicolons, quoted fields and headers in any case', async () => {
    const headers = HEADERS.map((header, i) => (i % 2 ? `  ${header.toUpperCase()} ` : header.toLowerCase()));
    const file = csvFile([personRow('Sari; "Ibu" Wati'), personRow('Budi')], { separator: ';', bom: true, headers });
    const rows = await rowsOf(file);
    expect(rows.map((row) => [row.row, row.cells.name, row.cells.kubeName])).toEqual([
      [2, 'Sari; "Ibu" Wati', 'Maju Bersama 1'],
      [3, 'Budi', 'Maju Bersama 1'],
    ]);
  });

  it('reads an XLSX with the row numbers the spreadsheet shows', async () => {
    const rows = await rowsOf(await xlsxFile([personRow('Sari'), personRow('Budi', { 'Nomor HP': '0812 3456 7890' })]));
    expect(rows.map((row) => [row.row, row.cells.name, row.cells.phone])).toEqual([
      [2, 'Sari', ''],
      [3, 'Budi', '0812 3456 7890'],
    ]);
  });

  it('refuses a file missing a required header with one message naming it', async () => {
    const headers = HEADERS.filter((header) => header !== 'Peran');
    const read = await readImportFile(csvFile([personRow('Sari').slice(0, 6)], { headers }));
    expect(read).toEqual({ ok: false, error: { key: 'import.errors.missingHeader', params: { column: 'Peran' } } });
  });

  it('accepts 20,000 rows and refuses 25,001 rows, an empty sheet and a file over the size limit', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => personRow(`Warga ${i}`));
    const read = await readImportFile(csvFile(many));
    expect(read.ok && read.rows.length).toBe(20_000);
    const tooMany = await readImportFile(csvFile(Array.from({ length: 25_001 }, (_, i) => personRow(`W ${i}`))));
    expect(!tooMany.ok && tooMany.error.key).toBe('import.errors.tooManyRows');
    const empty = await readImportFile(csvFile([]));
    expect(!empty.ok && empty.error.key).toBe('import.errors.empty');
    const huge = await readImportFile(new Uint8Array(11 * 1024 * 1024).fill(65));
    expect(!huge.ok && huge.error.key).toBe('import.errors.fileTooBig');
  });
});

describe('planImport()', () => {
  it('reports every bad cell with its row number, column and reason', async () => {
    expect(
      await errorsOf([
        ...fiveMembers(),
        personRow('Ketua Kedua', { Peran: 'pengurus', Jabatan: 'Ketua' }),
        personRow('Tukang', { Jabatan: 'tukang sapu' }),
        personRow('Tanpa KUBE', { 'Nama KUBE': '' }),
        personRow('Nama\u0007Aneh'),
        personRow('Salah Kelamin', { 'Jenis kelamin': 'X' }),
        personRow('Salah HP', { 'Nomor HP': 'telepon saya' }),
        personRow('Salah Peran', { Peran: 'ketua' }),
        personRow('Kembar A', { 'Nama pengguna': 'kembar' }),
        personRow('Kembar B', { 'Nama pengguna': 'kembar' }),
        personRow('Pakai Admin', { 'Nama pengguna': 'admin' }),
        personRow('Baru', { ...newKube, Kabupaten: 'Kediri' }),
        personRow('warga  satu'),
      ]),
    ).toEqual([
      { row: 7, column: 'jabatan', key: 'import.errors.twoHolders' },
      { row: 8, column: 'jabatan', key: 'import.errors.jabatan' },
      { row: 9, column: 'kubeName', key: 'errors.required' },
      { row: 10, column: 'name', key: 'errors.hiddenCharacters' },
      { row: 11, column: 'sex', key: 'import.errors.sex' },
      { row: 12, column: 'phone', key: 'people.errors.phone' },
      { row: 13, column: 'role', key: 'import.errors.role' },
      { row: 15, column: 'username', key: 'import.errors.usernameTwice' },
      { row: 16, column: 'username', key: 'import.errors.usernameTaken' },
      { row: 17, column: 'provinsi', key: 'import.errors.provinsi' },
      { row: 18, column: 'name', key: 'import.errors.nameTwice' },
    ]);
  });

  it('warns about a KUBE of fewer than 5 or more than 20 families without refusing it', async () => {
    const big = Array.from({ length: 21 }, (_, i) => personRow(`Warga ${i}`, { 'Nama KUBE': 'Maju Bersama 2' }));
    const plan = await planOf([personRow('Sendiri'), ...big]);
    expect(plan.errors).toEqual([]);
    expect(plan.warnings.map((issue) => [issue.row, issue.message.key])).toEqual([
      [2, 'import.warnings.fewFamilies'],
      [3, 'import.warnings.manyFamilies'],
    ]);
  });

  it('matches a KUBE by kabupaten, kecamatan, desa and name regardless of case and spaces', async () => {
    const plan = await planOf(
      fiveMembers({ Kabupaten: ' NGANJUK', Desa: 'singkalanyar ', 'Nama KUBE': 'maju  bersama 1' }),
    );
    expect(plan.kubes.map((kube) => [kube.id, kube.isNew])).toEqual([['kubemaju1', false]]);
  });
});

describe('planImport() against the database', () => {
  beforeEach(async () => {
    await t.db.insert(people).values([
      { id: 'ketua0001', name: 'Bu Ketua', username: 'bu.ketua', role: 'pengurus' },
      { id: 'pindah001', name: 'Pindahan', username: 'pindahan', role: 'anggota' },
    ]);
    await t.db.insert(memberships).values([
      { id: 'm1', kubeId: 'kubemaju1', personId: 'ketua0001', joinedOn: '2024-01-01' },
      { id: 'm2', kubeId: 'kubemaju2', personId: 'pindah001', joinedOn: '2024-01-01' },
    ]);
    await t.db
      .insert(positions)
      .values({ id: 'p1', kubeId: 'kubemaju1', personId: 'ketua0001', jabatanCode: 'ketua', startDate: '2024-01-01' });
  });

  it('refuses a second ketua beside the one in the database, a member of another KUBE and a changed role', async () => {
    expect(
      await errorsOf([
        personRow('Ketua Baru', { Peran: 'pengurus', Jabatan: 'ketua' }),
        personRow('Pindahan', { 'Nama pengguna': 'pindahan' }),
        personRow('Bu Ketua', { 'Nama pengguna': 'bu.ketua' }),
        personRow('bu ketua', { 'Nama pengguna': 'ketua.lain' }),
      ]),
    ).toEqual([
      { row: 2, column: 'jabatan', key: 'import.errors.positionTaken' },
      { row: 3, column: 'kubeName', key: 'import.errors.otherKube' },
      { row: 4, column: 'role', key: 'import.errors.roleDiffers' },
      { row: 5, column: 'username', key: 'import.errors.usernameDiffers' },
    ]);
  });

  it('makes a free username from the name when the cell is empty', async () => {
    await t.db.insert(people).values({ id: 'sitiam001', name: 'Siti Lain', username: 'siti.aminah', role: 'anggota' });
    const plan = await planOf([personRow('Siti Aminah'), personRow('Sítì  Aminah', { 'Nama KUBE': 'Maju Bersama 2' })]);
    expect(plan.people.map((person) => person.username)).toEqual(['siti.aminah.2', 'siti.aminah.3']);
  });
});

describe('applyImport()', () => {
  it('creates KUBEs, people, memberships and positions, with hashed PINs and first passwords', async () => {
    const rows = [...fiveMembers(), ...fiveMembers(newKube, 'Baru')];
    const { plan, secrets } = await applyImport(t.db, await rowsOf(await xlsxFile(rows)));
    expect(plan.errors).toEqual([]);
    expect(plan.counts.kubes).toEqual({ created: 1, updated: 0, skipped: 1 });
    expect(plan.counts.people.created).toBe(10);
    const [created] = await t.db.select().from(kubes).where(eq(kubes.name, 'Sejahtera'));
    expect(created?.provinsi).toBe('Jawa Timur');
    expect(secrets).toHaveLength(10);
    for (const secret of secrets) {
      const [person] = await t.db.select().from(people).where(eq(people.username, secret.username));
      if (!person) throw new Error(secret.username);
      const stored = secret.kind === 'pin' ? person.pinHash : person.passwordHash;
      expect(stored).toMatch(/^\$argon2id\$/);
      expect(stored).not.toContain(secret.secret);
      expect(await verifySecret(stored ?? '', secret.secret)).toBe(true);
      if (secret.kind === 'pin') expect(isWeakPin(secret.secret)).toBe(false);
      expect(person.mustChangePassword).toBe(person.role === 'pengurus');
    }
    expect(await t.db.select().from(memberships)).toHaveLength(10);
    expect((await t.db.select().from(positions)).map((p) => p.jabatanCode)).toEqual(['ketua', 'ketua']);
  });

  it('writes nothing when any row is bad', async () => {
    const rows = [...fiveMembers(newKube), personRow('Salah', { Peran: 'bos' })];
    const { plan, secrets } = await applyImport(t.db, await rowsOf(csvFile(rows)));
    expect(plan.errors).toHaveLength(1);
    expect(secrets).toEqual([]);
    expect(await t.db.select().from(kubes)).toHaveLength(2);
    expect(await t.db.select().from(people)).toHaveLength(1);
  });

  it('creates nothing new when the same file is imported twice', async () => {
    const file = csvFile([...fiveMembers(), ...fiveMembers(newKube, 'Baru')]);
    await applyImport(t.db, await rowsOf(file));
    const again = await applyImport(t.db, await rowsOf(file));
    expect(again.secrets).toEqual([]);
    expect(again.plan.counts).toEqual({
      kubes: { created: 0, updated: 0, skipped: 2 },
      people: { created: 0, updated: 0, skipped: 10 },
      memberships: { created: 0, updated: 0, skipped: 10 },
      positions: { created: 0, updated: 0, skipped: 2 },
    });
    expect(await t.db.select().from(people)).toHaveLength(11);
  });

  it('matches an existing person by username, and by name and KUBE', async () => {
    await t.db.insert(people).values([
      { id: 'sumarni01', name: 'Sumarni', username: 'sumarni', role: 'anggota' },
      { id: 'karti0001', name: 'Karti', username: 'bu.karti', role: 'anggota' },
    ]);
    await t.db
      .insert(memberships)
      .values({ id: 'm1', kubeId: 'kubemaju1', personId: 'karti0001', joinedOn: '2024-01-01' });
    const rows = [
      ...fiveMembers(),
      personRow('sumarni', { 'Nama pengguna': 'Sumarni', 'Nomor HP': '0812 1111 2222' }),
      personRow('KARTI', { 'Jenis kelamin': '' }),
    ];
    const { plan } = await applyImport(t.db, await rowsOf(csvFile(rows)));
    expect(plan.errors).toEqual([]);
    expect(plan.counts.people).toEqual({ created: 5, updated: 1, skipped: 1 });
    const [sumarni] = await t.db.select().from(people).where(eq(people.id, 'sumarni01'));
    expect(sumarni?.phone).toBe('0812 1111 2222');
    expect(await t.db.select().from(memberships).where(eq(memberships.personId, 'sumarni01'))).toHaveLength(1);
    expect(await t.db.select().from(memberships).where(eq(memberships.personId, 'karti0001'))).toHaveLength(1);
  });
});

describe('buildImportTemplate()', () => {
  it('has every header, an example row the import accepts, and a sheet explaining each column', async () => {
    const template = await buildImportTemplate('id');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    const [data, help] = workbook.worksheets;
    expect(data?.getRow(1).values).toEqual([undefined, ...HEADERS, 'Provinsi']);
    expect(help?.getRow(8).values).toEqual([undefined, 'Peran', expect.stringContaining('anggota (masuk dengan PIN)')]);
    const plan = planImport(await rowsOf(template), await loadExisting(t.db));
    expect(plan.errors).toEqual([]);
    expect(plan.counts.kubes.created).toBe(1);
  });
});
