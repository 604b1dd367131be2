import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people } from '../../db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { csvFile, fiveMembers, personRow } from '../helpers/import-sheet.ts';
import { addTwoKubesAndAdmin } from '../helpers/two-kubes.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await addTwoKubesAndAdmin(t);
});
afterEach(() => {
  t.cleanup();
});

/** Runs `npm run import -- …args` as the server's admin would, on the test database. */
function runImport(...args: string[]) {
  const result = spawnSync('node_modules/.bin/node', ['scripts/import.ts', ...args], {
    env: { ...process.env, DATABASE_URL: `file:${t.path}` },
    encoding: 'utf8',
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

function writeSheet(rows: string[][]): string {
  const file = join(dirname(t.path), 'sheet.csv');
  writeFileSync(file, csvFile(rows));
  return file;
}

describe('scripts/import.ts', () => {
  it('dry run: prints the plan and every bad row in Indonesian, exits non-zero and changes nothing', () => {
    const file = writeSheet([...fiveMembers(), personRow('Tukang', { Jabatan: 'tukang sapu' })]);
    const { code, out } = runImport(file, '--dry-run');
    expect(code).toBe(1);
    expect(out).toContain('Orang: 6 baru');
    expect(out).toContain('Baris 7, Jabatan: Jabatan "tukang sapu" tidak ada di daftar.');
    expect(out).toContain('Uji coba: tidak ada yang disimpan.');
  });

  it('dry run of a good file exits 0 and writes nothing', async () => {
    const { code, out } = runImport(writeSheet(fiveMembers()), '--dry-run');
    expect(code).toBe(0);
    expect(out).toContain('Orang: 5 baru');
    expect(await t.db.select().from(people)).toHaveLength(1);
  });

  it('a real run prints counts and writes the new secrets to a file only its owner may read', async () => {
    const file = writeSheet(fiveMembers());
    const { code, out } = runImport(file);
    expect(code).toBe(0);
    expect(out).toContain('Impor selesai.');
    expect(await t.db.select().from(people)).toHaveLength(6);
    const secretsFile = readdirSync(dirname(file)).find((name) => name.includes('rahasia'));
    if (!secretsFile) throw new Error(out);
    const path = join(dirname(file), secretsFile);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(6);
  });

  it('writes the template with --template', () => {
    const target = join(dirname(t.path), 'templat.xlsx');
    const { code } = runImport('--template', target);
    expect(code).toBe(0);
    expect(statSync(target).size).toBeGreaterThan(1000);
  });
});
