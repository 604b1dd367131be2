import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { facilitatorAssignments, kubes, memberships, people, positions, type Role } from '../../../db/schema.ts';
import { hashSecret } from '../auth/password.ts';
import { seedDemoIndicators } from './indicators.ts';

// A clearly labelled demo of KUBE "Maju Bersama 1" (Desa Singkalanyar, Kecamatan Prambon, Kabupaten Nganjuk,
// Jawa Timur — the KUBE of the program's source paper): its three core officers, members whose businesses
// come from the paper, a facilitator, an admin, and its success-indicator records. The people are invented
// and every name ends in "(demo)". Loading it twice changes nothing. Used by `npm run db:seed-demo` and by
// the first-run page of an empty installation.

export type DemoPerson = { key: string; name: string; role: Role; secret: string; business?: string; jabatan?: string };

export const DEMO_KUBE_ID = 'demomajubersama1';
const JOINED = '2019-03-01';
export const DEMO_ACCOUNTS: DemoPerson[] = [
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

const demoId = (key: string) => `demo${key.replace(/\W/g, '')}`;

/** The demo admin's person id, for signing in right after loading the demo. */
export const DEMO_ADMIN_ID = demoId('admin.demo');

/** Loads the demo; `people` is false when it was there already. `indicators` is false when those were too. */
export async function loadDemo(db: Database): Promise<{ people: boolean; indicators: boolean }> {
  const [existing] = await db.select({ id: kubes.id }).from(kubes).where(eq(kubes.id, DEMO_KUBE_ID));
  if (!existing) {
    const hashed = await Promise.all(DEMO_ACCOUNTS.map((person) => hashSecret(person.secret)));
    await db.transaction(async (tx) => {
      await tx.insert(kubes).values({
        id: DEMO_KUBE_ID,
        name: 'Maju Bersama 1',
        desa: 'Singkalanyar',
        kecamatan: 'Prambon',
        kabupaten: 'Nganjuk',
        provinsi: 'Jawa Timur',
        businessTypes: ['warung sate', 'penjualan kambing', 'pedagang bakso', 'toko kelontong', 'kue basah'],
        skNumber: 'DEMO/141/SK/2019',
        skDate: JOINED,
      });
      for (const [index, person] of DEMO_ACCOUNTS.entries()) {
        const id = demoId(person.key);
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
          await tx.insert(memberships).values({ id: `${id}m`, kubeId: DEMO_KUBE_ID, personId: id, joinedOn: JOINED });
        }
        if (person.jabatan) {
          await tx.insert(positions).values({
            id: `${id}p`,
            kubeId: DEMO_KUBE_ID,
            personId: id,
            jabatanCode: person.jabatan,
            startDate: JOINED,
          });
        }
        if (person.role === 'pendamping')
          await tx.insert(facilitatorAssignments).values({ kubeId: DEMO_KUBE_ID, personId: id });
      }
    });
  }
  const indicators = await seedDemoIndicators(db, {
    kubeId: DEMO_KUBE_ID,
    facilitator: demoId('pendamping.demo'),
    ketua: demoId('ketua.demo'),
    sekretaris: demoId('sekretaris.demo'),
    bendahara: demoId('bendahara.demo'),
    marketing: demoId('sumarni.demo'),
    pemberdayaan: demoId('darto.demo'),
  });
  return { people: !existing, indicators };
}
