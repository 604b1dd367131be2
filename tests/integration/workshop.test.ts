import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attempts, kubes, memberships, people, testPermissions, workshopAttendance } from '../../db/schema.ts';
import { holdsAnswers, loadBoard } from '../../src/features/workshop/board.ts';
import { recordDeviceReports } from '../../src/features/workshop/devices.ts';
import { advanceWorkshop } from '../../src/features/workshop/phases.ts';
import {
  createWorkshop,
  findOpenWorkshop,
  listParticipants,
  recordAttendance,
} from '../../src/features/workshop/service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { countRoundTrips } from '../helpers/round-trips.ts';

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

const advance = (workshopId: string, from: 'pre_test' | 'materi' | 'post_test', confirmed = false) =>
  advanceWorkshop(t.db, { workshopId, from, by: 'f1', confirmed });

/** An open attempt of a member at the workshop's module. */
async function openAttempt(id: string, personId: string, kind: 'pre' | 'post' = 'pre', moduleSlug = 'usaha-produk') {
  await t.db.insert(attempts).values({
    id,
    personId,
    moduleSlug,
    kind,
    items: [],
    answerKey: {},
    startedAt: new Date('2026-12-01T08:00:00Z'),
    total: 8,
  });
}

const ATTEMPT_1 = '0b9c2a52-6f0e-4c4e-9a43-0a4f3d1f0001';
const ATTEMPT_2 = '0b9c2a52-6f0e-4c4e-9a43-0a4f3d1f0002';
const ATTEMPT_3 = '0b9c2a52-6f0e-4c4e-9a43-0a4f3d1f0003';

describe('workshops', () => {
  it('start in the pre-test phase with a code that finds them while open', async () => {
    const workshop = await newWorkshop();
    expect(workshop.phase).toBe('pre_test');
    expect((await findOpenWorkshop(t.db, workshop.code))?.id).toBe(workshop.id);
  });

  it('move forward one phase per tap, even when the tap arrives twice', async () => {
    const workshop = await newWorkshop();
    await advance(workshop.id, 'pre_test');
    const again = await advance(workshop.id, 'pre_test');
    expect(again.moved && again.workshop.phase).toBe('materi');
  });

  it('stop answering to their code once closed', async () => {
    const workshop = await newWorkshop();
    for (const from of ['pre_test', 'materi', 'post_test'] as const) await advance(workshop.id, from);
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

/** One tablet in the room, as the join action would see it. */
const TABLET = { address: '192.168.1.21', device: null };

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

    await expect(joinWorkshop(t.db, { code, personId: 'm1', pin: '1111' }, TABLET)).rejects.toThrow(
      'workshop.errors.wrongPin',
    );
    expect(await t.db.select().from(workshopAttendance)).toHaveLength(0);
    for (let i = 0; i < 4; i++)
      await joinWorkshop(t.db, { code, personId: 'm1', pin: '1111' }, TABLET).catch(() => undefined);
    const blocked = await joinWorkshop(t.db, { code, personId: 'm1', pin: '1111' }, TABLET).catch(() => null);
    expect(blocked && 'waitMs' in blocked ? blocked.waitMs : 0).toBeGreaterThan(0);

    const later = Date.now() + 60 * 60_000;
    const joined = await joinWorkshop(t.db, { code, personId: 'm1', pin: '2468' }, TABLET, later);
    expect('workshop' in joined && joined.workshop.id).toBe(workshop.id);
    expect(await t.db.select().from(workshopAttendance)).toHaveLength(1);
  });

  it('does not let a closed workshop’s code in, nor a member of another KUBE', async () => {
    const { joinWorkshop } = await import('../../src/features/workshop/join.ts');
    const workshop = await newWorkshop();
    await expect(joinWorkshop(t.db, { code: workshop.code, personId: 'm3', pin: '1234' }, TABLET)).rejects.toThrow(
      'workshop.errors.notMember',
    );
    for (const from of ['pre_test', 'materi', 'post_test'] as const) await advance(workshop.id, from);
    await expect(joinWorkshop(t.db, { code: workshop.code, personId: 'm1', pin: '2468' }, TABLET)).rejects.toThrow(
      'workshop.errors.badCode',
    );
  });
});

describe('tablets that still hold answers', () => {
  const at = (time: string) => new Date(`2026-12-01T${time}Z`);

  it('show on the board, keep the phase until the facilitator confirms, and name who', async () => {
    const workshop = await newWorkshop();
    await openAttempt(ATTEMPT_1, 'm1');
    await openAttempt(ATTEMPT_2, 'm2');
    await openAttempt(ATTEMPT_3, 'm3'); // another KUBE: skipped, not stored
    const stored = await recordDeviceReports(
      t.db,
      workshop,
      [
        { attemptId: ATTEMPT_1, unsent: 3, submitPending: false },
        { attemptId: ATTEMPT_2, unsent: 0, submitPending: false },
        { attemptId: ATTEMPT_3, unsent: 9, submitPending: true },
      ],
      at('08:10:00'),
    );
    expect(stored).toEqual({ stored: 2, unchanged: 0, skipped: 1 });

    const board = await loadBoard(t.db, workshop, at('08:10:05'));
    const sumarni = board.find((r) => r.personId === 'm1');
    const bakri = board.find((r) => r.personId === 'm2');
    expect(sumarni).toMatchObject({ state: 'belum_terkirim', unsent: 3, submitPending: false, silentSince: null });
    expect(bakri).toMatchObject({ state: 'mengerjakan', unsent: 0, silentSince: null });
    expect(board.filter(holdsAnswers).map((r) => r.name)).toEqual(['Sumarni']);

    const refused = await advanceWorkshop(
      t.db,
      { workshopId: workshop.id, from: 'pre_test', by: 'f1' },
      at('08:10:05'),
    );
    expect(refused.moved).toBe(false);
    expect(!refused.moved && refused.holders.map((r) => r.name)).toEqual(['Sumarni']);
    expect((await findOpenWorkshop(t.db, workshop.code))?.phase).toBe('pre_test');

    // Her answers arrive; a later report says so. Bakri's tablet has gone quiet for 30 s meanwhile.
    await recordDeviceReports(
      t.db,
      workshop,
      [{ attemptId: ATTEMPT_1, unsent: 0, submitPending: false }],
      at('08:10:30'),
    );
    const later = await loadBoard(t.db, workshop, at('08:10:31'));
    expect(later.find((r) => r.personId === 'm1')).toMatchObject({ state: 'mengerjakan', unsent: 0 });
    expect(later.find((r) => r.personId === 'm2')?.silentSince).toEqual(at('08:10:00'));
    const again = await advanceWorkshop(t.db, { workshopId: workshop.id, from: 'pre_test', by: 'f1' }, at('08:10:31'));
    expect(!again.moved && again.holders.map((r) => r.name)).toEqual(['Bakri']);

    const confirmed = await advanceWorkshop(
      t.db,
      { workshopId: workshop.id, from: 'pre_test', by: 'f1', confirmed: true },
      at('08:10:32'),
    );
    expect(confirmed.moved && confirmed.workshop.phase).toBe('materi');
  });

  it('count a pressed but unconfirmed "Kumpulkan", and forget reports of submitted attempts', async () => {
    const workshop = await newWorkshop();
    await openAttempt(ATTEMPT_1, 'm1');
    await recordDeviceReports(
      t.db,
      workshop,
      [{ attemptId: ATTEMPT_1, unsent: 0, submitPending: true }],
      at('08:00:00'),
    );
    // The board puts trouble first, so rows are found by name, not by place.
    const sumarni = (rows: Awaited<ReturnType<typeof loadBoard>>) => rows.find((r) => r.name === 'Sumarni');
    expect(sumarni(await loadBoard(t.db, workshop, at('08:00:01')))).toMatchObject({
      name: 'Sumarni',
      state: 'belum_terkirim',
      submitPending: true,
    });
    const { eq } = await import('drizzle-orm');
    await t.db
      .update(attempts)
      .set({ submittedAt: at('08:00:02'), score: 50, correct: 4 })
      .where(eq(attempts.id, ATTEMPT_1));
    const row = sumarni(await loadBoard(t.db, workshop, at('08:05:00')));
    expect(row).toMatchObject({ state: 'selesai', unsent: 0, submitPending: false, silentSince: null, pre: 50 });
  });

  it('ignore attempts of another module on the same tablet', async () => {
    const workshop = await newWorkshop();
    await openAttempt(ATTEMPT_1, 'm1', 'pre', 'hakikat-kube');
    const stored = await recordDeviceReports(t.db, workshop, [
      { attemptId: ATTEMPT_1, unsent: 2, submitPending: false },
    ]);
    expect(stored).toEqual({ stored: 0, unchanged: 0, skipped: 1 });
  });
  it('store every held attempt of a heartbeat with one read and one statement', async () => {
    const workshop = await newWorkshop();
    await openAttempt(ATTEMPT_1, 'm1');
    await openAttempt(ATTEMPT_2, 'm2');
    await recordDeviceReports(t.db, workshop, [{ attemptId: ATTEMPT_1, unsent: 5, submitPending: false }]);
    const trips = countRoundTrips(t.client);
    const stored = await recordDeviceReports(trips.db, workshop, [
      { attemptId: ATTEMPT_1, unsent: 1, submitPending: true },
      { attemptId: ATTEMPT_2, unsent: 2, submitPending: false },
    ]);
    expect(stored).toEqual({ stored: 2, unchanged: 0, skipped: 0 });
    expect(trips.count()).toBe(2);
    const board = await loadBoard(t.db, workshop);
    expect(board.find((r) => r.personId === 'm1')).toMatchObject({ unsent: 1, submitPending: true });
    expect(board.find((r) => r.personId === 'm2')).toMatchObject({ unsent: 2, submitPending: false });
  });

  it('write a beat that changes nothing only when the stored one grows old, and never call that tablet silent', async () => {
    const workshop = await newWorkshop();
    await openAttempt(ATTEMPT_1, 'm1');
    const beat = [{ attemptId: ATTEMPT_1, unsent: 0, submitPending: false }];
    expect(await recordDeviceReports(t.db, workshop, beat, at('09:00:00'))).toEqual({
      stored: 1,
      unchanged: 0,
      skipped: 0,
    });
    // The same beat 4 s later: one read, no write.
    const trips = countRoundTrips(t.client);
    expect(await recordDeviceReports(trips.db, workshop, beat, at('09:00:04'))).toEqual({
      stored: 0,
      unchanged: 1,
      skipped: 0,
    });
    expect(trips.count()).toBe(1);
    // A change is written at once.
    const changed = [{ attemptId: ATTEMPT_1, unsent: 2, submitPending: false }];
    expect((await recordDeviceReports(t.db, workshop, changed, at('09:00:08'))).stored).toBe(1);
    // Unchanged beats every 4 s: the stored time is renewed after 10 s, so the board never sees 20 s of silence.
    const after = (seconds: number) => new Date(at('09:00:00').getTime() + seconds * 1000);
    for (let second = 12; second <= 80; second += 4) {
      await recordDeviceReports(t.db, workshop, changed, after(second));
      const row = (await loadBoard(t.db, workshop, after(second + 3.9))).find((r) => r.personId === 'm1');
      expect(row?.silentSince).toBeNull();
    }
  });
});

describe('opening the post-test', () => {
  it('opens it for everyone present, and only for them', async () => {
    const workshop = await newWorkshop();
    await recordAttendance(t.db, { workshopId: workshop.id, personId: 'm1', method: 'pin' });
    await advance(workshop.id, 'pre_test');
    expect(await t.db.select().from(testPermissions)).toHaveLength(0);
    await advance(workshop.id, 'materi');
    const granted = await t.db.select().from(testPermissions);
    expect(granted.map((g) => [g.personId, g.moduleSlug, g.kind, g.grantedBy])).toEqual([
      ['m1', 'usaha-produk', 'open_post', 'f1'],
    ]);
  });
});
