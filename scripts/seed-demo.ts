// `npm run db:seed-demo`: loads a clearly labelled demo of KUBE "Maju Bersama 1" (Desa Singkalanyar,
// Kecamatan Prambon, Kabupaten Nganjuk, Jawa Timur — the KUBE of the program's source paper), with its
// three core officers, members whose businesses come from the paper, a facilitator and an admin.
// The people are invented and every name ends in "(demo)". Running it twice changes nothing.
import { eq } from 'drizzle-orm';
import { openDatabase } from '../db/client.ts';
import { readDatabaseConfig } from '../src/lib/config.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { facilitatorAssignments, kubes, memberships, people, positions, type Role } from '../db/schema.ts';
import { hashSecret } from '../src/features/auth/password.ts';
import { seedDemoIndicators } from './seed-demo-indicators.ts';

type DemoPerson = { key: string; name: string; role: Role; secret: string; business?: string; jabatan?: string };

const KUBE_ID = 'demomajubersama1';
const JOINED = '2019-03-01';
const DEMO: DemoPerson[] = [
  { key: 'admin.demo', name: 'Admin Dinas Sosial (demo)', role: 'admin', secret: 'Dinsos-Nganjuk-2024' },
  { key: 'pendamping.demo', name: 'Rina Pendamping (demo)', role: 'pendamping', secret: 'Pendamping-Prambon-24' },
  {
    key: 'ketua.demo',
    name: 'Slamet Riyadi (demo)',
    role: 'pengurus',
    secret: 'Ketua-MajuBersama-1',
    business: 'warung sate',
    jabatan: 'ketua',
  },
  {
    key: 'sekretaris.demo',
    name: 'Sri Utami (demo)',
    role: 'pengurus',
    secret: 'Sekretaris-MajuBersama-1',
    business: 'toko kelontong',
    jabatan: 'sekretaris',
  },
  {
    key: 'bendahara.demo',
    name: 'Dewi Anggraini (demo)',
    role: 'pengurus',
    secret: 'Bendahara-MajuBersama-1',
    business: 'jahit pakaian',
    jabatan: 'bendahara',
  },
  { key: 'sumarni.demo', name: 'Sumarni (demo)', role: 'anggota', secret: '2468', business: 'warung sate' },
  { key: 'qomar.demo', name: 'Qomarudin (demo)', role: 'anggota', secret: '1357', business: 'penjualan kambing' },
  { key: 'bakri.demo', name: 'Bakri (demo)', role: 'anggota', secret: '8642', business: 'pedagang bakso' },
  { key: 'sulastri.demo', name: 'Sulastri (demo)', role: 'anggota', secret: '9753', business: 'kue basah' },
  { key: 'darto.demo', name: 'Darto (demo)', role: 'anggota', secret: '3579', business: 'ternak ayam kampung' },
];

const { client, db } = await openDatabase(readDatabaseConfig(process.env));
await migrateDatabase(db);

const [existing] = await db.select({ id: kubes.id }).from(kubes).where(eq(kubes.id, KUBE_ID));
if (existing) {
  console.log('The demo is already loaded; nothing changed.');
} else {
  const hashed = await Promise.all(DEMO.map((person) => hashSecret(person.secret)));
  await db.transaction(async (tx) => {
    await tx.insert(kubes).values({
      id: KUBE_ID,
      name: 'Maju Bersama 1',
      desa: 'Singkalanyar',
      kecamatan: 'Prambon',
      kabupaten: 'Nganjuk',
      provinsi: 'Jawa Timur',
      businessTypes: ['warung sate', 'penjualan kambing', 'pedagang bakso', 'toko kelontong', 'kue basah'],
      skNumber: 'DEMO/141/SK/2019',
      skDate: JOINED,
    });
    for (const [index, person] of DEMO.entries()) {
      const id = `demo${person.key.replace(/\W/g, '')}`;
      const secretHash = hashed[index] ?? '';
      await tx.insert(people).values({
        id,
        name: person.name,
        username: person.key,
        role: person.role,
        passwordHash: person.role === 'anggota' ? null : secretHash,
        pinHash: person.role === 'anggota' ? secretHash : null,
        business: person.business ?? null,
      });
      if (person.role === 'anggota' || person.role === 'pengurus') {
        await tx.insert(memberships).values({ id: `${id}m`, kubeId: KUBE_ID, personId: id, joinedOn: JOINED });
      }
      if (person.jabatan) {
        await tx
          .insert(positions)
          .values({ id: `${id}p`, kubeId: KUBE_ID, personId: id, jabatanCode: person.jabatan, startDate: JOINED });
      }
      if (person.role === 'pendamping')
        await tx.insert(facilitatorAssignments).values({ kubeId: KUBE_ID, personId: id });
    }
  });
  console.log('Demo loaded: KUBE "Maju Bersama 1", Desa Singkalanyar, Kec. Prambon, Kab. Nganjuk, Jawa Timur.\n');
  console.log('DEMO ACCOUNTS — for trying the platform only; change or remove them before real use.');
  console.table(DEMO.map((p) => ({ role: p.role, username: p.key, 'password / PIN': p.secret, name: p.name })));
}
// The success-indicator records (added to a demo loaded before they existed, too).
const demoId = (key: string) => `demo${key.replace(/\W/g, '')}`;
if (
  await seedDemoIndicators(db, {
    kubeId: KUBE_ID,
    facilitator: demoId('pendamping.demo'),
    ketua: demoId('ketua.demo'),
    sekretaris: demoId('sekretaris.demo'),
    bendahara: demoId('bendahara.demo'),
    marketing: demoId('sumarni.demo'),
    pemberdayaan: demoId('darto.demo'),
  })
) {
  console.log('Indicator demo loaded: capacity baseline (Feb 2026) and follow-up (Oct 2026), divisions, tests, facts.');
}
client.close();
