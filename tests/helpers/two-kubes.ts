import { kubes, people } from '../../db/schema.ts';
import type { TestDatabase } from './db.ts';

export const PLACE = { desa: 'Singkalanyar', kecamatan: 'Prambon', kabupaten: 'Nganjuk', provinsi: 'Jawa Timur' };

/** Two KUBEs of one village (`kubemaju1`, `kubemaju2`) and an admin (`admin0001`), as the people tests need. */
export async function addTwoKubesAndAdmin(t: TestDatabase): Promise<void> {
  await t.db.insert(kubes).values([
    { id: 'kubemaju1', name: 'Maju Bersama 1', ...PLACE },
    { id: 'kubemaju2', name: 'Maju Bersama 2', ...PLACE },
  ]);
  await t.db.insert(people).values({ id: 'admin0001', name: 'Admin Dinsos', username: 'admin', role: 'admin' });
}
