// `npm run db:seed-demo`: loads the clearly labelled demo of KUBE "Maju Bersama 1" (src/features/demo/seed.ts)
// into the configured database and prints its accounts. Running it twice changes nothing.
import { openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { DEMO_ACCOUNTS, loadDemo } from '../src/features/demo/seed.ts';
import { readDatabaseConfig } from '../src/lib/config.ts';

const { client, db } = await openDatabase(readDatabaseConfig(process.env));
await migrateDatabase(db);
const loaded = await loadDemo(db);
if (!loaded.people && !loaded.indicators) {
  console.log('The demo is already loaded; nothing changed.');
} else {
  if (loaded.people) {
    console.log('Demo loaded: KUBE "Maju Bersama 1", Desa Singkalanyar, Kec. Prambon, Kab. Nganjuk, Jawa Timur.\n');
  }
  if (loaded.indicators) {
    console.log(
      'Indicator demo loaded: capacity baseline (Feb 2026) and follow-up (Oct 2026), divisions, tests, facts.',
    );
  }
  console.log('DEMO ACCOUNTS — for trying the platform only; change or remove them before real use.');
  console.table(
    DEMO_ACCOUNTS.map((p) => ({ role: p.role, username: p.key, 'password / PIN': p.secret, name: p.name })),
  );
}
client.close();
