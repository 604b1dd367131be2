// The import CLI (scripts/import.ts loads it after the feature-import hook): imports KUBEs, people and
// positions from an XLSX or CSV file into the server's database (DATABASE_URL). `--dry-run` only prints the
// plan; `--template FILE` writes the empty template. Exits non-zero when the file has errors (nothing is saved).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '../db/client.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { applyImport, type IssuedSecret } from '../src/features/district-import/apply.ts';
import { loadExisting } from '../src/features/district-import/existing.ts';
import { planImport } from '../src/features/district-import/plan.ts';
import { readImportFile } from '../src/features/district-import/read-file.ts';
import { planLines } from '../src/features/district-import/report.ts';
import { buildImportTemplate } from '../src/features/district-import/template.ts';
import { useTranslations } from '../src/i18n/index.ts';
import { databaseConfig } from '../src/lib/config.ts';
import { DomainError, translateMessage } from '../src/lib/errors.ts';
import { settings } from '../src/lib/settings.ts';

const t = useTranslations('id');
const args = process.argv.slice(2);
const [file] = args.filter((arg) => !arg.startsWith('--'));

/** Writes the new secrets beside the file, once, readable by its owner only: they are in clear. */
function writeSecrets(source: string, secrets: IssuedSecret[]): string {
  const target = resolve(`${source}.rahasia-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
  const cell = (value: string | number) => `"${String(value).replaceAll('"', '""')}"`;
  const lines = [
    ['Baris', 'Nama', 'Nama KUBE', 'Nama pengguna', 'Jenis', 'PIN atau kata sandi'].map(cell).join(';'),
    ...secrets.map((s) =>
      [s.row, s.name, s.kubeName, s.username, s.kind === 'pin' ? 'PIN' : 'kata sandi', s.secret].map(cell).join(';'),
    ),
  ];
  // `wx`: never over an earlier file of secrets, which may not be printed yet.
  writeFileSync(target, `\uFEFF${lines.join('\r\n')}\r\n`, { mode: 0o600, flag: 'wx' });
  return target;
}

if (args.includes('--template')) {
  const target = resolve(file ?? 'template-impor.xlsx');
  writeFileSync(target, await buildImportTemplate('id'));
  console.log(t('import.report.template', { path: target }));
  process.exit(0);
}
if (!file) {
  console.error('Usage: npm run import -- FILE [--dry-run] | npm run import -- --template FILE');
  process.exit(2);
}

const read = await readImportFile(readFileSync(resolve(file)));
if (!read.ok) {
  console.error(translateMessage(read.error, t));
  process.exit(1);
}
const { client, db } = await openDatabase(databaseConfig(settings));
try {
  if ((await pendingMigrations(client)).length > 0) {
    console.error('The database is not up to date: run `npm run db:migrate` first.');
    process.exitCode = 1;
  } else if (args.includes('--dry-run')) {
    const plan = planImport(read.rows, await loadExisting(db));
    console.log([...planLines(plan), '', t('import.report.dryRun')].join('\n'));
    process.exitCode = plan.errors.length > 0 ? 1 : 0;
  } else {
    const { plan, secrets } = await applyImport(db, read.rows);
    console.log(planLines(plan).join('\n'));
    if (plan.errors.length > 0) process.exitCode = 1;
    else {
      console.log(`\n${t('import.report.done')}`);
      if (secrets.length > 0) console.log(t('import.report.secrets', { path: writeSecrets(file, secrets) }));
    }
  }
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(translateMessage(error, t));
  process.exitCode = 1;
} finally {
  client.close();
}
