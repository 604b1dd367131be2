import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubes, memberships, people, workshopAttendance } from '../../db/schema.ts';
import {
  advanceWorkshop,
  createWorkshop,
  findOpenWorkshop,
  listParticipants,
  recordAttendance,
} from '../../src/features/workshop/service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(kubes).values([
    {
      id: 'k1',
      name: 'Maju Bersama 1',
      desa: 'Singkalanyar',
      kecamatan: 'Prambon',
      kabupaten: 'Nganjuk',
      provinsi: 'Jawa Timur',
    },
    { id: 'k2', name: 'KUBE Lain', desa: 'X', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' },
  ]);
  await t.db.insert(people).values([
    { id: 'f1', name: 'Rina', username: 'rina', role: 'pendamping' },
    { id: 'm1', name: 'Sumarni', username: 'sumarni', role: 'anggota', pinHash: 'x' },
    { id: 'm2', name: 'Bakri', username: 'bakri', role: 'anggota' },
    { id: 'm3', name: 'Orang Lain', username: 'lain', role: 'anggota' },
  ]);
  await t.db.insert(memberships).values([
    { id: 'ms1', kubeId: 'k1', personId: 'm1', joinedOn: '2024-01-01' },
    { id: 'ms2', kubeId: 'k1', personId: 'm2', joinedOn: '2024-01-01' },
    { id: 'ms3', kubeId: 'k2', personId: 'm3', joinedOn: '2024-01-01' },
  ]);
});
afterEach(() => {
  t.cleanup();
});

const newWorkshop = () =>
  createWorkshop(
    t.db,
    { kubeId: 'k1', moduleSlug: 'usaha-produk', date: '2026-12-01', place: 'Balai desa', notes: null },
    'f1',
  );

describe('workshops', () => {
  it('start in the pre-test phase with a code that finds them while open', async () => {
    const workshop = await newWorkshop();
    expect(workshop.phase).toBe('pre_test');
    expect((await findOpenWorkshop(t.db, workshop.code))?.id).toBe(workshop.id);
  });

  it('move forward one phase per tap, even when the tap arrives twice', async () => {
    const workshop = await newWorkshop();
    await advanceWorkshop(t.db, workshop.id, 'pre_test');
    const again = await advanceWorkshop(t.db, workshop.id, 'pre_test');
    expect(again.phase).toBe('materi');
  });

  it('stop answering to their code once closed', async () => {
    const workshop = await newWorkshop();
    for (const from of ['pre_test', 'materi', 'post_test'] as const) await advanceWorkshop(t.db, workshop.id, from);
    expect(await findOpenWorkshop(t.db, workshop.code)).toBeNull();
    await expect(recordAttendance(t.db, { workshopId: workshop.id, personId: 'm1', method: 'manual' })).rejects.toThrow(
      'workshop.errors.closed',
    );
  });

  it('record attendance once per member, and only for members of the KUBE', async () => {
    const workshop = await newWorkshop();
    await recordAttendance(
      t.db,
      { workshopId: workshop.id, personId: 'm1', method: 'pin' },
      new Date('2026-12-01T08:00:00Z'),
    );
    await recordAttendance(
      t.db,
      { workshopId: workshop.id, personId: 'm1', method: 'manual' },
      new Date('2026-12-01T09:00:00Z'),
    );
    const rows = await t.db.select().from(workshopAttendance);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: 'pin' });
    await expect(recordAttendance(t.db, { workshopId: workshop.id, personId: 'm3', method: 'manual' })).rejects.toThrow(
      'workshop.errors.notMember',
    );
    const participants = await listParticipants(t.db, workshop);
    expect(participants.map((p) => [p.name, p.joinedAt !== null, p.hasPin])).toEqual([
      ['Bakri', false, false],
      ['Sumarni', true, true],
    ]);
  });
});

describe('joining on a shared tablet', () => {
  it('refuses a wrong PIN, slows a guesser down, and records attendance with the right PIN', async () => {
    const { hashSecret } = await import('../../src/features/auth/password.ts');
    const { joinWorkshop } = await import('../../src/features/workshop/join.ts');
    const { eq } = await import('drizzle-orm');
    await t.db
      .update(people)
      .set({ pinHash: await hashSecret('2468') })
      .where(eq(people.id, 'm1'));
    const workshop = await newWorkshop();
    const code = workshop.code.toLowerCase();

    await expect(joinWorkshop(t.db, { code, personId: 'm1', pin: '1111' })).rejects.toThrow('workshop.errors.wrongPin');
    expect(await t.db.select().from(workshopAttendance)).toHaveLength(0);
    for (let i = 0; i < 4; i++) await joinWorkshop(t.db, { code, personId: 'm1', pin: '1111' }).catch(() => undefined);
    const blocked = await joinWorkshop(t.db, { code, personId: 'm1', pin: '1111' }).catch(() => null);
    expect(blocked && 'waitMs' in blocked ? blocked.waitMs : 0).toBeGreaterThan(0);

    const later = Date.now() + 60 * 60_000;
    const joined = await joinWorkshop(t.db, { code, personId: 'm1', pin: '2468' }, later);
    expect('workshop' in joined && joined.workshop.id).toBe(workshop.id);
    expect(await t.db.select().from(workshopAttendance)).toHaveLength(1);
  });

  it('does not let a closed workshop’s code in, nor a member of another KUBE', async () => {
    const { joinWorkshop } = await import('../../src/features/workshop/join.ts');
    const workshop = await newWorkshop();
    await expect(joinWorkshop(t.db, { code: workshop.code, personId: 'm3', pin: '1234' })).rejects.toThrow(
      'workshop.errors.notMember',
    );
    for (const from of ['pre_test', 'materi', 'post_test'] as const) await advanceWorkshop(t.db, workshop.id, from);
    await expect(joinWorkshop(t.db, { code: workshop.code, personId: 'm1', pin: '2468' })).rejects.toThrow(
      'workshop.errors.badCode',
    );
  });
});
