import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { facilitatorAssignments, memberships, people, positions, type Role } from '../../db/schema.ts';
import { issueMessage } from '../../src/lib/issues.ts';
import { latestAllowedDate } from '../../src/lib/dates.ts';
import {
  getKube,
  listFacilitators,
  listKubes,
  listMembers,
  listPositionHistory,
  structureOn,
} from '../../src/features/kube/queries.ts';
import { createKubeInput, type KubeInput } from '../../src/features/kube/schemas.ts';
import {
  assignFacilitator,
  createKube,
  endPosition,
  recordPosition,
  unassignFacilitator,
  updateKube,
} from '../../src/features/kube/service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const majuBersama: KubeInput = {
  name: 'Maju Bersama 1',
  desa: 'Singkalanyar',
  kecamatan: 'Prambon',
  kabupaten: 'Nganjuk',
  provinsi: 'Jawa Timur',
  businessTypes: ['warung sate', 'penjualan kambing'],
  skNumber: null,
  skDate: null,
};

let t: TestDatabase;
let kubeId: string;

async function addPerson(id: string, name: string, role: Role, options: { kube?: string; active?: boolean } = {}) {
  await t.db.insert(people).values({ id, name, username: id, role, active: options.active ?? true });
  if (options.kube) {
    await t.db.insert(memberships).values({ id: `${id}m`, kubeId: options.kube, personId: id, joinedOn: '2019-03-01' });
  }
}

const position = (personId: string, jabatanCode: string, startDate = '2024-01-10') => ({
  kubeId,
  personId,
  jabatanCode,
  startDate,
  note: null,
});

beforeEach(async () => {
  t = await createTestDatabase();
  ({ id: kubeId } = await createKube(t.db, majuBersama));
  await addPerson('siti', 'Siti Aminah', 'pengurus', { kube: kubeId });
  await addPerson('budi', 'Budi Santoso', 'anggota', { kube: kubeId });
  await addPerson('wati', 'Wati', 'anggota', { kube: kubeId });
  await addPerson('rina', 'Rina', 'pendamping');
});
afterEach(() => {
  t.cleanup();
});

describe('KUBE records', () => {
  it('registers a KUBE and saves changes to it', async () => {
    const created = await getKube(t.db, kubeId);
    expect(created).toMatchObject({ name: 'Maju Bersama 1', businessTypes: ['warung sate', 'penjualan kambing'] });
    expect(created?.updatedAt).toBeNull();

    await updateKube(t.db, { kubeId, ...majuBersama, skNumber: '141/12/2019', skDate: '2019-03-01' });
    const updated = await getKube(t.db, kubeId);
    expect(updated).toMatchObject({ skNumber: '141/12/2019', skDate: '2019-03-01' });
    expect(updated?.updatedAt).toBeInstanceOf(Date);
  });

  it('refuses to change a KUBE that does not exist', async () => {
    await expect(updateKube(t.db, { kubeId: 'nothere1', ...majuBersama })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads the kinds of business from one comma-separated field', () => {
    const form = { ...majuBersama, skNumber: null, skDate: null };
    const parsed = createKubeInput.parse({ ...form, businessTypes: ' warung sate, , Bakso,warung  sate ,  kambing ' });
    expect(parsed.businessTypes).toEqual(['warung sate', 'Bakso', 'kambing']);

    const empty = createKubeInput.safeParse({ ...form, businessTypes: ' , ' });
    expect(empty.error?.issues[0]?.message).toBe('errors.required');
    const many = createKubeInput.safeParse({ ...form, businessTypes: 'a,b,c,d,e,f,g,h,i,j,k' });
    const [tooMany] = many.error?.issues ?? [];
    expect(tooMany && issueMessage(tooMany)).toEqual({ key: 'kube.errors.tooManyBusinessTypes', params: { max: 10 } });
  });

  it('refuses a decree dated in the future', () => {
    const future = createKubeInput.safeParse({ ...majuBersama, businessTypes: 'sate', skDate: '2098-01-01' });
    expect(future.error?.issues[0]?.message).toBe('kube.errors.dateInFuture');
  });
});

describe('positions', () => {
  it('records a position for a current member only', async () => {
    const otherKube = await createKube(t.db, { ...majuBersama, name: 'Sejahtera' });
    await addPerson('joko', 'Joko', 'anggota', { kube: otherKube.id });
    await expect(recordPosition(t.db, position('joko', 'ketua'))).rejects.toMatchObject({
      key: 'kube.errors.notMember',
      field: 'personId',
    });

    await t.db.update(memberships).set({ leftOn: '2024-01-01' }).where(eq(memberships.personId, 'wati'));
    await expect(recordPosition(t.db, position('wati', 'ketua'))).rejects.toMatchObject({
      key: 'kube.errors.notMember',
    });
    expect(await t.db.select().from(positions)).toHaveLength(0);
  });

  it('refuses a second ketua while one holds the position, naming the holder and writing nothing', async () => {
    await recordPosition(t.db, position('siti', 'ketua'));
    await expect(recordPosition(t.db, position('budi', 'ketua', '2024-02-01'))).rejects.toMatchObject({
      key: 'kube.errors.positionTaken',
      params: { jabatan: 'Ketua', name: 'Siti Aminah' },
      field: 'jabatanCode',
    });
    expect(await t.db.select().from(positions)).toHaveLength(1);
  });

  it('corrects a position’s days, keeps the old values in the history, and refuses an overlap with another holder', async () => {
    const { correctPosition } = await import('../../src/features/kube/service.ts');
    const { listChanges } = await import('../../src/features/history/changes.ts');
    const first = await recordPosition(t.db, position('siti', 'ketua', '2024-01-10'));
    await endPosition(t.db, { positionId: first.id, endDate: '2024-06-30' });
    await recordPosition(t.db, position('budi', 'ketua', '2024-06-30'));
    const at = new Date('2024-08-01T02:00:00Z');
    // Siti actually began on 2 January.
    const result = await correctPosition(
      t.db,
      { positionId: first.id, startDate: '2024-01-02', endDate: '2024-06-30', note: 'Menurut SK' },
      'rina',
      at,
    );
    expect(result).toEqual({ kubeId, changed: 2 });
    const changes = await listChanges(t.db, positions, first.id);
    expect(changes.map((c) => [c.field, c.oldValue, c.newValue, c.changedBy]).sort()).toEqual([
      ['note', null, 'Menurut SK', 'Rina'],
      ['startDate', '2024-01-10', '2024-01-02', 'Rina'],
    ]);
    // Ending her later than Budi's first day would make two chairs at once: refused, nothing written.
    await expect(
      correctPosition(
        t.db,
        { positionId: first.id, startDate: '2024-01-02', endDate: '2024-07-15', note: null },
        'rina',
        at,
      ),
    ).rejects.toMatchObject({
      key: 'kube.errors.positionTaken',
      params: { jabatan: 'Ketua', name: 'Budi Santoso' },
    });
    await expect(
      correctPosition(
        t.db,
        { positionId: first.id, startDate: '2024-07-01', endDate: '2024-06-30', note: null },
        'rina',
        at,
      ),
    ).rejects.toMatchObject({ key: 'kube.errors.endBeforeStart' });
    const [kept] = await t.db.select().from(positions).where(eq(positions.id, first.id));
    expect(kept).toMatchObject({ startDate: '2024-01-02', endDate: '2024-06-30', note: 'Menurut SK' });
    expect(await listChanges(t.db, positions, first.id)).toHaveLength(2);
  });

  it('allows several members in a division but not the same person twice', async () => {
    await recordPosition(t.db, position('budi', 'anggota_marketing'));
    await recordPosition(t.db, position('wati', 'anggota_marketing'));
    await expect(recordPosition(t.db, position('wati', 'anggota_marketing', '2024-03-01'))).rejects.toMatchObject({
      key: 'kube.errors.alreadyHolds',
      params: { jabatan: 'Anggota Divisi Marketing' },
      field: 'personId',
    });
    const members = await listMembers(t.db, kubeId);
    expect(members.find((m) => m.personId === 'wati')?.positions.map((p) => p.jabatanCode)).toEqual([
      'anggota_marketing',
    ]);
  });

  it('refuses an unknown jabatan and a start date in the future', async () => {
    await expect(recordPosition(t.db, position('siti', 'penasihat'))).rejects.toMatchObject({
      key: 'errors.choice',
      field: 'jabatanCode',
    });
    await expect(recordPosition(t.db, position('siti', 'ketua', '2999-01-01'))).rejects.toMatchObject({
      key: 'kube.errors.dateInFuture',
      field: 'startDate',
    });
  });

  it('lets a new ketua start once the old one has ended, even on the same day', async () => {
    const { id } = await recordPosition(t.db, position('siti', 'ketua', '2022-01-01'));
    await expect(endPosition(t.db, { positionId: id, endDate: '2021-12-31' })).rejects.toMatchObject({
      key: 'kube.errors.endBeforeStart',
      field: 'endDate',
    });
    await endPosition(t.db, { positionId: id, endDate: '2024-06-30' });
    await expect(endPosition(t.db, { positionId: id, endDate: '2024-07-01' })).rejects.toMatchObject({
      key: 'kube.errors.alreadyEnded',
    });

    await recordPosition(t.db, position('budi', 'ketua', '2024-06-30'));
    const history = await listPositionHistory(t.db, kubeId);
    expect(history.map((row) => [row.name, row.startDate, row.endDate])).toEqual([
      ['Budi Santoso', '2024-06-30', null],
      ['Siti Aminah', '2022-01-01', '2024-06-30'],
    ]);
  });

  it('refuses a back-dated ketua whose period would overlap a past holder', async () => {
    const { id } = await recordPosition(t.db, position('siti', 'ketua', '2022-01-01'));
    await endPosition(t.db, { positionId: id, endDate: '2024-06-30' });
    await expect(recordPosition(t.db, position('budi', 'ketua', '2023-01-01'))).rejects.toMatchObject({
      key: 'kube.errors.positionTaken',
      params: { jabatan: 'Ketua', name: 'Siti Aminah' },
    });
  });

  it('shows who held which position on a past date, core officers first', async () => {
    const first = await recordPosition(t.db, position('siti', 'ketua', '2022-01-01'));
    await endPosition(t.db, { positionId: first.id, endDate: '2023-12-31' });
    await recordPosition(t.db, position('budi', 'ketua', '2024-01-01'));
    await recordPosition(t.db, position('wati', 'koordinator_pemberdayaan', '2024-05-01'));

    const holders = async (date: string, division: string, code: string) => {
      const groups = await structureOn(t.db, kubeId, date);
      const group = groups.find((g) => g.division === division);
      return { formed: group?.formed, names: group?.slots.find((s) => s.code === code)?.holders.map((h) => h.name) };
    };
    expect((await structureOn(t.db, kubeId, '2023-06-01')).map((g) => g.division)).toEqual([
      'inti',
      'marketing',
      'pemberdayaan',
    ]);
    expect(await holders('2023-06-01', 'inti', 'ketua')).toEqual({ formed: true, names: ['Siti Aminah'] });
    expect(await holders('2023-06-01', 'pemberdayaan', 'koordinator_pemberdayaan')).toEqual({
      formed: false,
      names: [],
    });
    expect(await holders('2024-06-01', 'inti', 'ketua')).toEqual({ formed: true, names: ['Budi Santoso'] });
    expect(await holders('2024-06-01', 'pemberdayaan', 'koordinator_pemberdayaan')).toEqual({
      formed: true,
      names: ['Wati'],
    });
    expect(await holders(latestAllowedDate(), 'marketing', 'anggota_marketing')).toEqual({ formed: false, names: [] });
  });
});

describe('facilitators', () => {
  it('assigns only an active facilitator, and assigning twice changes nothing', async () => {
    await expect(assignFacilitator(t.db, { kubeId, personId: 'budi' })).rejects.toMatchObject({
      key: 'kube.errors.notFacilitator',
      field: 'personId',
    });
    await addPerson('yanto', 'Yanto', 'pendamping', { active: false });
    await expect(assignFacilitator(t.db, { kubeId, personId: 'yanto' })).rejects.toMatchObject({
      key: 'kube.errors.notFacilitator',
    });

    await assignFacilitator(t.db, { kubeId, personId: 'rina' });
    await assignFacilitator(t.db, { kubeId, personId: 'rina' });
    expect((await listFacilitators(t.db, kubeId)).map((f) => f.name)).toEqual(['Rina']);

    await unassignFacilitator(t.db, { kubeId, personId: 'rina' });
    expect(await t.db.select().from(facilitatorAssignments)).toHaveLength(0);
  });
});

describe('listKubes()', () => {
  it('reports each KUBE’s current members and which divisions it has formed', async () => {
    const other = await createKube(t.db, { ...majuBersama, name: 'Sejahtera' });
    await recordPosition(t.db, position('siti', 'ketua'));
    await recordPosition(t.db, position('budi', 'anggota_marketing'));
    const ended = await recordPosition(t.db, position('wati', 'anggota_pemberdayaan'));
    await endPosition(t.db, { positionId: ended.id, endDate: '2024-02-01' });

    const list = await listKubes(t.db);
    expect(list.map((k) => k.name)).toEqual(['Maju Bersama 1', 'Sejahtera']);
    expect(list[0]).toMatchObject({
      memberCount: 3,
      divisions: [
        { division: 'marketing', formed: true },
        { division: 'pemberdayaan', formed: false },
      ],
    });
    expect(list[1]).toMatchObject({ memberCount: 0, divisions: [{ formed: false }, { formed: false }] });

    expect((await listKubes(t.db, [other.id])).map((k) => k.name)).toEqual(['Sejahtera']);
    expect(await listKubes(t.db, [])).toEqual([]);
  });
});
