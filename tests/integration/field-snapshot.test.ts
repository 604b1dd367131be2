import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  facilitatorAssignments,
  kubes,
  lessonVisits,
  memberships,
  people,
  workshopAttendance,
  workshops,
} from '../../db/schema.ts';
import { handlePair, handlePull, handlePush } from '../../src/features/sync/district/handlers.ts';
import type { PullAnswer, SnapshotLimits } from '../../src/features/sync/district/pull.ts';
import { readFieldLink } from '../../src/features/sync/field/link.ts';
import { pairWithDistrict } from '../../src/features/sync/field/pair.ts';
import { fieldStatus } from '../../src/features/sync/field/status.ts';
import { syncNow } from '../../src/features/sync/field/sync-now.ts';
import type { Transport } from '../../src/features/sync/field/transport.ts';
import { pullRequest, type SnapshotPosition } from '../../src/features/sync/protocol.ts';
import { tableRank } from '../../src/features/sync/tables.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { FACILITATOR_PASSWORD, seedDistrict } from '../helpers/field-kit.ts';

// The snapshot of a newly assigned KUBE, in pages: a field laptop against the district's own handlers on two real
// databases, with pages of a few rows so a small KUBE takes many of them.

/** Rows per snapshot page: 25, or fewer where a test needs a page to end inside one table. */
let page: SnapshotLimits = { bytes: 1_000_000, rows: 25 };
const MEMBERS = 20;
const VISITS = 150;

let field: TestDatabase;
let district: TestDatabase;
/** The snapshot position each pull request carried, in order. */
let positions: (SnapshotPosition | null)[] = [];
/** The district's pull answers, in order. */
let answers: PullAnswer[] = [];
/** Called before the district answers each pull: a test makes the network fail, or the district change. */
let beforePull: (position: SnapshotPosition | null) => Promise<void> | void = () => undefined;

const transport: Transport = async (path, body, headers) => {
  if (path === '/api/lapangan/pasang') return handlePair(district.db, body, '192.168.1.10');
  if (path === '/api/lapangan/tarik') {
    const position = pullRequest.parse(JSON.parse(body)).snapshot ?? null;
    positions.push(position);
    await beforePull(position);
    const reply = await handlePull(district.db, new Headers(headers), body, Date.now(), page);
    answers.push(reply.body as PullAnswer);
    return reply;
  }
  return handlePush(district.db, new Headers(headers), body);
};

const pair = () =>
  pairWithDistrict(
    field.db,
    {
      districtUrl: 'http://kabupaten.test',
      facilitatorUsername: 'tini',
      facilitatorPassword: FACILITATOR_PASSWORD,
      deviceName: 'Laptop',
    },
    transport,
  );

const count = async (db: TestDatabase, table: string) =>
  (await db.db.all<{ n: number }>(sql`select count(*) as n from ${sql.identifier(table)}`))[0]?.n ?? 0;

/** The rows of kubemaju1 on a side: its people's visits, memberships, workshops and attendance. */
const kubeRows = async (db: TestDatabase) => ({
  memberships: (
    await db.db.all<{ n: number }>(sql`select count(*) as n from memberships where kube_id = 'kubemaju1'`)
  )[0]?.n,
  visits: await count(db, 'lesson_visits'),
  workshops: await count(db, 'workshops'),
  attendance: await count(db, 'workshop_attendance'),
});

beforeEach(async () => {
  field = await createTestDatabase();
  district = await createTestDatabase();
  positions = [];
  answers = [];
  page = { bytes: 1_000_000, rows: 25 };
  beforePull = () => undefined;
  await seedDistrict(district);
  const ids = Array.from({ length: MEMBERS }, (_, index) => `anggotabaru${String(index).padStart(2, '0')}`);
  await district.db
    .insert(people)
    .values(ids.map((id, index) => ({ id, name: `Anggota ${index + 1}`, username: id, role: 'anggota' as const })));
  await district.db
    .insert(memberships)
    .values(ids.map((id) => ({ id: `m-${id}`, kubeId: 'kubemaju1', personId: id, joinedOn: '2026-01-05' })));
  await district.db.insert(workshops).values({
    id: 'workshop01',
    kubeId: 'kubemaju1',
    moduleSlug: 'usaha-pasar',
    date: '2026-03-02',
    place: 'Balai desa',
    code: 'ABCDEF',
    phase: 'selesai',
  });
  await district.db
    .insert(workshopAttendance)
    .values(
      ids.map((id) => ({ workshopId: 'workshop01', personId: id, joinedAt: new Date(1), method: 'manual' as const })),
    );
  await district.db.insert(lessonVisits).values(
    Array.from({ length: VISITS }, (_, index) => ({
      id: `visit${String(index).padStart(4, '0')}`,
      personId: ids[index % MEMBERS] as string,
      moduleSlug: 'usaha-pasar',
      lessonId: 'usaha-pasar/01-pasar',
      visitedAt: new Date(index + 1),
    })),
  );
});
afterEach(() => {
  field.cleanup();
  district.cleanup();
});

describe('the snapshot of a newly assigned KUBE, in pages', () => {
  it('arrives in pages of at most the page size, and the laptop ends with every row of the KUBE once', async () => {
    const paired = await pair();
    expect(paired.complete).toBe(true);
    // 20 + 1 members and their memberships, 20 attendances, 150 visits and more, 25 rows a page.
    expect(positions.length).toBeGreaterThan(8);
    expect(await kubeRows(field)).toEqual(await kubeRows(district));
    const link = await readFieldLink(field.db);
    expect(link?.kubeIds).toEqual(['kubemaju1']);
    expect(link?.pullSnapshot).toBeNull();
    // The other KUBE's member never came, and nothing the snapshot stored waits to be sent back.
    expect(await field.db.all(sql`select id from people where id = 'anggota2'`)).toEqual([]);
    expect(await field.db.all(sql`select seq from change_log where origin is null`)).toEqual([]);
    expect((await fieldStatus(field.db))?.snapshotUnfinished).toBe(false);
  });

  it('resumes a snapshot cut off half-way from the last stored page: the pairing stands, nothing comes twice', async () => {
    beforePull = () => {
      if (positions.length === 4) throw new Error('the hotspot dropped');
    };
    const paired = await pair();
    expect(paired.complete).toBe(false);
    const link = await readFieldLink(field.db);
    const stored = link?.pullSnapshot as SnapshotPosition;
    expect(stored.kubeIds).toEqual(['kubemaju1']);
    // Not yet whole: the KUBE is not counted as held, and the screen says the pull is unfinished.
    expect(link?.kubeIds).toEqual([]);
    expect((await fieldStatus(field.db))?.snapshotUnfinished).toBe(true);
    // The facilitator's own sign-in came with the first page.
    expect(await field.db.all(sql`select id from people where id = 'pendamping1'`)).toEqual([{ id: 'pendamping1' }]);

    beforePull = () => undefined;
    const before = positions.length;
    await syncNow(field.db, transport);
    expect(positions[before]).toEqual(stored);
    expect(await kubeRows(field)).toEqual(await kubeRows(district));
    expect((await readFieldLink(field.db))?.kubeIds).toEqual(['kubemaju1']);
    expect((await fieldStatus(field.db))?.snapshotUnfinished).toBe(false);
  });

  it('drops a row whose parent was made after its table was sent, and takes both with the changes after', async () => {
    let made = false;
    page = { bytes: 1_000_000, rows: 5 };
    beforePull = async (position) => {
      // Workshops are sent, their attendance only in part: the district opens a workshop and a member joins it.
      if (made || position?.table !== tableRank('workshop_attendance') || position.after === 0) return;
      made = true;
      await district.db.insert(workshops).values({
        id: 'workshop02',
        kubeId: 'kubemaju1',
        moduleSlug: 'usaha-pasar',
        date: '2026-03-09',
        place: 'Balai desa',
        code: 'GHJKLM',
        phase: 'pre_test',
      });
      await district.db
        .insert(workshopAttendance)
        .values({ workshopId: 'workshop02', personId: 'anggota1', joinedAt: new Date(2), method: 'pin' });
    };
    expect((await pair()).complete).toBe(true);
    expect(made).toBe(true);
    expect(await kubeRows(field)).toEqual(await kubeRows(district));
    expect(await field.db.all(sql`select person_id from workshop_attendance where workshop_id = 'workshop02'`)).toEqual(
      [{ person_id: 'anggota1' }],
    );
    expect(await field.db.all(sql`select seq from change_log where origin is null`)).toEqual([]);
  });

  it('takes a KUBE assigned later in pages during an ordinary send, while the KUBE it held stays', async () => {
    await pair();
    await district.db.insert(facilitatorAssignments).values({ kubeId: 'kubemaju2', personId: 'pendamping1' });
    await district.db
      .insert(kubes)
      .values({ id: 'kubebaru3', name: 'KUBE Baru', desa: 'A', kecamatan: 'B', kabupaten: 'C', provinsi: 'D' });
    await district.db.insert(facilitatorAssignments).values({ kubeId: 'kubebaru3', personId: 'pendamping1' });
    const before = answers.length;
    await syncNow(field.db, transport);
    const pages = answers.slice(before);
    // A snapshot page of the new KUBEs only (no KUBE-less tables), then the changes of all three.
    expect(pages.map((page) => page.kind)).toEqual(['snapshot', 'changes']);
    const tables = new Set(pages[0]?.changes.map((change) => change.table));
    expect(tables.has('jabatan')).toBe(false);
    const sent = pages[0]?.changes.filter((change) => change.table === 'kubes').map((change) => change.key);
    expect(sent?.sort()).toEqual(['["kubebaru3"]', '["kubemaju2"]']);
    expect((await readFieldLink(field.db))?.kubeIds).toEqual(['kubebaru3', 'kubemaju1', 'kubemaju2']);
    expect(await field.db.all(sql`select id from people where id = 'anggota2'`)).toEqual([{ id: 'anggota2' }]);
    expect(await kubeRows(field)).toEqual(await kubeRows(district));
  });
});
