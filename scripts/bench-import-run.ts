// The import bench (scripts/bench-import.ts loads it after the feature-import hook): a 15,000-row sheet of
// 1,000 KUBEs in new kabupaten, as CSV and XLSX, read, dry-run and imported into a fresh temp database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { applyImport } from '../src/features/district-import/apply.ts';
import { loadExisting } from '../src/features/district-import/existing.ts';
import { planImport } from '../src/features/district-import/plan.ts';
import { readImportFile } from '../src/features/district-import/read-file.ts';
import { districtCsv, districtHeaders, districtRows } from './bench/district-sheet.ts';

const KUBES = 1000;
const PER_KUBE = 15;

async function xlsx(rows: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  sheet.addRow(districtHeaders);
  sheet.addRows(rows);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function timed<T>(label: string, rowCount: number, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${label.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(rowCount / seconds)
      .toLocaleString('en')
      .padStart(8)} rows/s`,
  );
  return result;
}

const rows = districtRows(KUBES, PER_KUBE);
const files = { csv: districtCsv(rows), xlsx: await xlsx(rows) };
console.log(
  `${rows.length.toLocaleString('en')} rows, ${KUBES} KUBEs; CSV ${(files.csv.byteLength / 1e6).toFixed(1)} MB, XLSX ${(files.xlsx.byteLength / 1e6).toFixed(1)} MB`,
);
const dir = mkdtempSync(join(tmpdir(), 'kube-bench-import-'));
try {
  const { client, db } = await openDatabase({ url: `file:${join(dir, 'bench.db')}` });
  await migrateDatabase(db);
  const fromCsv = await timed('read CSV', rows.length, () => readImportFile(files.csv));
  const fromXlsx = await timed('read XLSX', rows.length, () => readImportFile(files.xlsx));
  if (!fromCsv.ok || !fromXlsx.ok) throw new Error('bench sheet unreadable');
  const plan = await timed('dry run (load + plan)', rows.length, async () =>
    planImport(fromXlsx.rows, await loadExisting(db)),
  );
  if (plan.errors.length > 0) throw new Error(`bench sheet has errors: ${JSON.stringify(plan.errors.slice(0, 3))}`);
  const result = await timed('import (hash + one transaction)', rows.length, () => {
    const start = performance.now();
    return applyImport(db, fromXlsx.rows, (done, total) => {
      if (done === total) console.log(`  secrets hashed after ${((performance.now() - start) / 1000).toFixed(2)} s`);
    });
  });
  console.log(`created: ${JSON.stringify(result.plan.counts)}; secrets ${result.secrets.length}`);
  await timed('same file again (nothing new)', rows.length, () => applyImport(db, fromCsv.rows));
  client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
