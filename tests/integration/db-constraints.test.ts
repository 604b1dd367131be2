import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attempts,
  capacityAssessments,
  capacityScores,
  deviceReports,
  kubePartnerships,
  kubes,
  memberships,
  moduleProgress,
  people,
  positions,
  sessions,
  workshops,
} from '../../db/schema.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// Rows written past zod (a script, a seed, a slip in a service) are refused by the database itself: each insert
// below is what a form would refuse, written straight through drizzle or SQL.

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(people).values({ id: 'p1', name: 'Siti', username: 'siti', role: 'anggota' });
  await t.db.insert(kubes).values({
    id: 'k1',
    name: 'KUBE Mawar',
    desa: 'Sukamaju',
    kecamatan: 'Cibeber',
    kabupaten: 'Cianjur',
    provinsi: 'Jawa Barat',
  });
  await t.db.insert(capacityAssessments).values({
    id: 'ca1',
    kubeId: 'k1',
    rubricSlug: 'kapasitas',
    rubricVersion: 1,
    assessedOn: '2024-02-10',
  });
  await t.db.insert(workshops).values({
    id: 'w1',
    kubeId: 'k1',
    moduleSlug: 'm',
    date: '2024-03-01',
    place: 'Balai',
    code: 'ABCDEF',
    phase: 'materi',
  });
});
afterEach(() => {
  t.cleanup();
});

/** The error SQLite gave, message and cause together (drizzle wraps the driver's error). */
async function refusal(write: PromiseLike<unknown>): Promise<string> {
  try {
    await write;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    return `${error instanceof Error ? error.message : String(error)} ${cause}`;
  }
  return 'accepted';
}

const counted = (id: string, submittedAt: Date) =>
  seedAttempt(t.db, {
    id,
    personId: 'p1',
    moduleSlug: 'm',
    kind: 'pre',
    results: { q1: 1 },
    submittedAt,
    counted: true,
  });

describe('the database refuses a row that breaks a rule', () => {
  it('refuses a rubric score of 5 (and of 0)', async () => {
    expect(await refusal(t.db.insert(capacityScores).values({ assessmentId: 'ca1', itemId: 'i1', score: 5 }))).toMatch(
      /CHECK constraint failed: capacity_scores_score/,
    );
    expect(await refusal(t.db.insert(capacityScores).values({ assessmentId: 'ca1', itemId: 'i1', score: 0 }))).toMatch(
      /capacity_scores_score/,
    );
    await t.db.insert(capacityScores).values({ assessmentId: 'ca1', itemId: 'i1', score: 4 });
  });

  it('refuses an empty or blank name', async () => {
    const person = (name: string) => t.db.insert(people).values({ id: 'p2', name, username: 'budi', role: 'anggota' });
    expect(await refusal(person(''))).toMatch(/CHECK constraint failed: people_name/);
    expect(await refusal(person('   '))).toMatch(/people_name/);
    expect(await refusal(t.db.update(kubes).set({ desa: ' ' }).where(eq(kubes.id, 'k1')))).toMatch(/kubes_names/);
  });

  it('refuses a role, a phase or a channel the app does not know', async () => {
    expect(
      await refusal(
        t.client.execute("INSERT INTO people (id, name, username, role) VALUES ('p3', 'X', 'x', 'superuser')"),
      ),
    ).toMatch(/CHECK constraint failed: people_role/);
    expect(await refusal(t.client.execute("UPDATE workshops SET phase = 'istirahat'"))).toMatch(/workshops_phase/);
    expect(
      await refusal(
        t.client.execute(
          "INSERT INTO kube_channels (id, kube_id, channel, started_on) VALUES ('c1', 'k1', 'tiktok', '2024-01-01')",
        ),
      ),
    ).toMatch(/kube_channels_channel/);
  });

  it('refuses a second counted attempt of one person, module and kind', async () => {
    await counted('a1', new Date('2024-03-01T08:00:00Z'));
    expect(await refusal(counted('a2', new Date('2024-03-01T09:00:00Z')))).toMatch(
      /UNIQUE constraint failed: attempts\.person_id, attempts\.module_slug, attempts\.kind/,
    );
    // A retake is stored; it just does not count.
    await seedAttempt(t.db, {
      id: 'a3',
      personId: 'p1',
      moduleSlug: 'm',
      kind: 'pre',
      results: { q1: 0 },
      submittedAt: new Date('2024-03-02T08:00:00Z'),
      counted: false,
    });
    expect(await t.db.select({ id: attempts.id }).from(attempts)).toHaveLength(2);
  });

  it('refuses a session that points to no workshop, and ends tablet sessions with their workshop', async () => {
    const session = (id: string, workshopId: string) =>
      t.db
        .insert(sessions)
        .values({ id, secretHash: Buffer.from(id), personId: 'p1', lastVerifiedAt: new Date(), workshopId });
    expect(await refusal(session('s1', 'nowhere'))).toMatch(/FOREIGN KEY constraint failed/);
    await session('s2', 'w1');
    await t.db.delete(workshops).where(eq(workshops.id, 'w1'));
    expect(await t.db.select().from(sessions)).toEqual([]);
  });

  it('refuses out-of-range numbers: a score over 100, progress over 1, unsent below 0, a negative turnover', async () => {
    await seedAttempt(t.db, {
      id: 'a1',
      personId: 'p1',
      moduleSlug: 'm',
      kind: 'post',
      results: null,
      submittedAt: new Date(),
      counted: false,
    });
    expect(await refusal(t.db.update(attempts).set({ score: 101 }).where(eq(attempts.id, 'a1')))).toMatch(
      /attempts_score/,
    );
    expect(
      await refusal(
        t.db.insert(moduleProgress).values({
          personId: 'p1',
          moduleSlug: 'm',
          progress: 1.5,
          state: 'sedang_belajar',
          lessonsCompleted: 3,
          lessonsTotal: 2,
          lastActivityAt: new Date(),
        }),
      ),
    ).toMatch(/module_progress_progress/);
    expect(
      await refusal(
        t.db
          .insert(deviceReports)
          .values({ attemptId: 'a1', workshopId: 'w1', unsent: -1, submitPending: false, reportedAt: new Date() }),
      ),
    ).toMatch(/device_reports_unsent/);
    expect(
      await refusal(
        t.client.execute(
          "INSERT INTO kube_turnover (kube_id, month, amount, recorded_at) VALUES ('k1', '2024-02', -5, 1)",
        ),
      ),
    ).toMatch(/kube_turnover_amount/);
  });

  it('refuses a date not written YYYY-MM-DD, and a period that ends before it starts', async () => {
    const membership = (joinedOn: string, leftOn: string | null) =>
      t.db.insert(memberships).values({ id: 'm1', kubeId: 'k1', personId: 'p1', joinedOn, leftOn });
    expect(await refusal(membership('1/2/2024', null))).toMatch(/memberships_dates/);
    expect(await refusal(membership('2024-02-01', '2024-01-31'))).toMatch(/memberships_in_order/);
    expect(
      await refusal(
        t.db.insert(positions).values({
          id: 'pos1',
          kubeId: 'k1',
          personId: 'p1',
          jabatanCode: 'ketua',
          startDate: '2024-02-01',
          endDate: '2024-01-01',
        }),
      ),
    ).toMatch(/positions_in_order/);
    const partnership = (status: 'aktif' | 'berakhir', endedOn: string | null) =>
      t.db
        .insert(kubePartnerships)
        .values({ id: 'pa1', kubeId: 'k1', partner: 'BUMDes', type: 'bumdes', since: '2024-01-01', status, endedOn });
    expect(await refusal(partnership('aktif', '2024-05-01'))).toMatch(/kube_partnerships_ended/);
    expect(await refusal(partnership('berakhir', null))).toMatch(/kube_partnerships_ended/);
    await membership('2024-02-01', '2024-02-01');
  });
});
