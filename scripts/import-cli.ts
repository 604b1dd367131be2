// The import CLI (scripts/import.ts loads it after the dictionary hook): imports KUBEs, people and positions from an XLSX or CSV file into the
// server's database. `npm run import -- --template FILE` writes the empty template. Exits non-zero when the
// file has errors (then nothing is saved).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '../db/client.ts';
import { applyImport } from '../src/features/district-import/apply.ts';
import { loadExisting } from '../src/features/district-import/existing.ts';
import { planImport } from '../src/features/district-import/plan.ts';
import { readImportFile } from '../src/features/district-import/read-file.ts';
import { planLines } from '../src/features/district-import/report.ts';
import { buildImportTemplate } from '../src/features/district-import/template.ts';
import { useTranslations } from '../src/i18n/index.ts';
import { databaseConfig } from '../src/lib/config.ts';
import { translateMessage } from '../src/lib/errors.ts';
import { settings } from '../src/lib/settings.ts';

const t = useTranslations('id');
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const [file] = args.filter((arg) => !arg.startsWith('--'));

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
  if (dryRun) {
    const plan = planImport(read.rows, await loadExisting(db));
    console.log([...planLines(plan), '', t('import.report.dryRun')].join('\n'));
    process.exitCode = plan.errors.length > 0 ? 1 : 0;
  } else {
    const { plan, secrets } = await applyImport(db, read.rows);
    console.log(planLines(plan).join('\n'));
    if (plan.errors.length > 0) process.exitCode = 1;
    else {
      console.log(`\n${t('import.report.done')}`);
      if (secrets.length > 0) {
        const target = resolve(`${file}.rahasia-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
        const lines = ['Baris;Nama;Nama KUBE;Nama pengguna;Jenis;Rahasia'];
        for (const s of secrets)
          lines.push(
            [s.row, s.name, s.kubeName, s.username, s.kind === 'pin' ? 'PIN' : 'kata sandi', s.secret]
              .map((v) => `"${String(v).replaceAll('"', '""')}"`)
              .join(';'),
          );
        // Only its owner may read the file: it holds every new PIN and first password in clear.
        writeFileSync(target, `\uFEFF${lines.join('\r\n')}\r\n`, { mode: 0o600, flag: 'wx' });
        console.log(t('import.report.secrets', { path: target }));
      }
    }
  }
} finally {
  client.close();
}
