import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attempts,
  jabatan,
  kubes,
  memberships,
  people,
  positions,
  workshopAttendance,
  workshops,
} from '../../db/schema.ts';
import { buildReport } from '../../src/features/analytics/compute.ts';
import { loadPairs } from '../../src/features/analytics/pairs.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// A gain report built from seeded attempts in a real libSQL file, every figure checked. The expected
// statistics come from SciPy 1.17 on the same scores (ttest_rel; wilcoxon with zero_method='wilcox',
// correction=True, method='approx', which is what R's wilcox.test does with ties).

let t: TestDatabase;
const QUESTIONS = ['q1', 'q2', 'q3', 'q4'] as const;
const OBJECTIVE: Record<string, string> = { q1: 'o1', q2: 'o1', q3: 'o2', q4: 'o2' };
const MODULE = 'usaha-produk';

let serial = 0;
/** The first submitted attempt per person, module and kind counts (as submitAttempt marks it). */
const seen = new Set<string>();
async function attempt(
  personId: string,
  kind: 'pre' | 'post',
  results: (0 | 1)[] | null,
  submittedAt: string,
  moduleSlug = MODULE,
) {
  serial += 1;
  const key = `${personId}/${moduleSlug}/${kind}`;
  const counted = results !== null && !seen.has(key);
  if (counted) seen.add(key);
  await seedAttempt(t.db, {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    personId,
    moduleSlug,
    kind,
    results: results && Object.fromEntries(QUESTIONS.map((q, i) => [q, results[i] ?? 0])),
    objectives: OBJECTIVE,
    submittedAt: new Date(submittedAt),
    counted,
  });
}

const PRE: Record<string, (0 | 1)[]> = {
  ani: [1, 0, 0, 0],
  budi: [0, 0, 0, 0],
  citra: [1, 1, 0, 0],
  dedi: [1, 0, 1, 0],
  eka: [1, 1, 1, 0],
  fajar: [0, 1, 0, 0],
};
const POST: Record<string, (0 | 1)[]> = {
  ani: [1, 0, 1, 1],
  budi: [1, 0, 1, 0],
  citra: [1, 1, 1, 1],
  dedi: [0, 0, 1, 1],
  eka: [1, 1, 0, 0],
  fajar: [1, 0, 1, 1],
};

beforeEach(async () => {
  t = await createTestDatabase();
  seen.clear();
  await t.db.insert(kubes).values([
    {
      id: 'k1',
      name: 'Maju Bersama 1',
      desa: 'Singkalanyar',
      kecamatan: 'Prambon',
      kabupaten: 'Nganjuk',
      provinsi: 'Jawa Timur',
    },
    { id: 'k2', name: 'Sido Rukun', desa: 'X', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' },
  ]);
  const names = ['Ani', 'Budi', 'Citra', 'Dedi', 'Eka', 'Fajar', 'Gita', 'Hadi'];
  await t.db.insert(people).values([
    { id: 'f1', name: 'Rina', username: 'rina', role: 'pendamping' },
    ...names.map((name) => ({
      id: name.toLowerCase(),
      name,
      username: name.toLowerCase(),
      role: 'anggota' as const,
    })),
  ]);
  await t.db.insert(memberships).values(
    names.map((name) => ({
      id: `ms-${name.toLowerCase()}`,
      kubeId: name === 'Gita' ? 'k2' : 'k1',
      personId: name.toLowerCase(),
      joinedOn: '2025-01-01',
    })),
  );
  const [someJabatan] = await t.db.select().from(jabatan).limit(1);
  expect(someJabatan).toBeDefined();
  await t.db.insert(positions).values([
    { id: 'pos1', kubeId: 'k1', personId: 'citra', jabatanCode: 'ketua', startDate: '2025-01-01' },
    {
      id: 'pos2',
      kubeId: 'k1',
      personId: 'dedi',
      jabatanCode: 'bendahara',
      startDate: '2025-01-01',
      endDate: '2026-01-01',
    },
  ]);
  for (const [person, results] of Object.entries(PRE)) await attempt(person, 'pre', results, '2026-03-01T02:00:00Z');
  for (const [person, results] of Object.entries(POST)) {
    // Eka hands in at 01:00 on 1 April in Nganjuk (still 31 March in UTC); Fajar on 2 April.
    const when =
      person === 'eka' ? '2026-03-31T18:00:00Z' : person === 'fajar' ? '2026-04-02T03:00:00Z' : '2026-03-10T03:00:00Z';
    await attempt(person, 'post', results, when);
  }
  // A retake of the pre-test never replaces the first one.
  await attempt('ani', 'pre', [1, 1, 1, 1], '2026-03-05T02:00:00Z');
  // Gita is in another KUBE; Hadi has a pre-test and only an open post-test: no pair.
  await attempt('gita', 'pre', [0, 0, 0, 0], '2026-03-01T02:00:00Z');
  await attempt('gita', 'post', [1, 1, 1, 1], '2026-03-10T02:00:00Z');
  await attempt('hadi', 'pre', [1, 0, 0, 0], '2026-03-01T02:00:00Z');
  await attempt('hadi', 'post', null, '2026-03-10T02:00:00Z');
  // Another module's pair for Ani.
  await attempt('ani', 'pre', [0, 0, 0, 0], '2026-03-01T02:00:00Z', 'hakikat-kube');
  await attempt('ani', 'post', [1, 1, 0, 0], '2026-03-10T02:00:00Z', 'hakikat-kube');
});
afterEach(() => {
  t.cleanup();
});

describe('a gain report for one module of one KUBE', () => {
  it('pairs each person’s first pre-test with their first post-test, and nobody else', async () => {
    const pairs = await loadPairs(t.db, { moduleSlug: MODULE, kubeIds: ['k1'] });
    expect(pairs.map((p) => [p.name, p.pre.score, p.post.score, p.kubeName])).toEqual([
      ['Ani', 25, 75, 'Maju Bersama 1'],
      ['Budi', 0, 50, 'Maju Bersama 1'],
      ['Citra', 50, 100, 'Maju Bersama 1'],
      ['Dedi', 50, 50, 'Maju Bersama 1'],
      ['Eka', 75, 50, 'Maju Bersama 1'],
      ['Fajar', 25, 75, 'Maju Bersama 1'],
    ]);
    expect(pairs.find((p) => p.name === 'Eka')?.postDate).toBe('2026-04-01');
  });

  it('computes every figure', async () => {
    const report = buildReport(await loadPairs(t.db, { moduleSlug: MODULE, kubeIds: ['k1'] }), 70);
    expect(report.n).toBe(6);
    expect(report.meanPre).toBeCloseTo(37.5, 12);
    expect(report.meanPost).toBeCloseTo(66.666666666667, 9);
    expect(report.meanGain).toBeCloseTo(29.166666666667, 9);
    // <g> = (66.667 − 37.5) / (100 − 37.5); g per person 2/3, 1/2, 1, 0, −1, 2/3.
    expect(report.classGain).toBeCloseTo(29.166666666667 / 62.5, 9);
    expect(report.classBand).toBe('medium');
    expect(report.meanG).toBeCloseTo((2 / 3 + 0.5 + 1 + 0 - 1 + 2 / 3) / 6, 12);
    expect(report.meanGBand).toBe('medium');
    expect(report.nG).toBe(6);
    expect(report.masteryBefore).toBeCloseTo(1 / 6, 12);
    expect(report.masteryAfter).toBeCloseTo(3 / 6, 12);
    expect(report.dz).toBeCloseTo(0.8777472595071586, 12);
    expect(report.tTest?.t).toBeCloseTo(2.1500329089188295, 10);
    expect(report.tTest?.df).toBe(5);
    expect(report.tTest?.p).toBeCloseTo(0.08424151962939279, 10);
    expect(report.wilcoxon).toMatchObject({ v: 14, n: 5, exact: false });
    expect(report.wilcoxon?.p).toBeCloseTo(0.08968602177036457, 10);
    expect(report.verdict).toBe('unclear');
    expect(report.people.map((p) => [p.name, p.gain, p.g === null ? null : Math.round(p.g * 1000) / 1000])).toEqual([
      ['Ani', 50, 0.667],
      ['Budi', 50, 0.5],
      ['Citra', 50, 1],
      ['Dedi', 0, 0],
      ['Eka', -25, -1],
      ['Fajar', 50, 0.667],
    ]);
    expect(report.distribution.before).toEqual([1, 0, 2, 0, 0, 2, 0, 1, 0, 0]);
    expect(report.distribution.after).toEqual([0, 0, 0, 0, 0, 3, 0, 2, 0, 1]);
  });

  it('gives the share right per objective and per question, and flags the question that got worse', async () => {
    const objectives = new Map([[MODULE, new Map(Object.entries(OBJECTIVE))]]);
    const report = buildReport(await loadPairs(t.db, { moduleSlug: MODULE, kubeIds: ['k1'] }), 70, objectives);
    expect(report.objectives.map((o) => [o.objective, o.before.correct, o.before.total, o.after.correct])).toEqual([
      ['o1', 7, 12, 7],
      ['o2', 2, 12, 9],
    ]);
    expect(
      report.questions.map((q) => [q.questionId, q.before.correct, q.after.correct, q.before.total, q.worse]),
    ).toEqual([
      ['q1', 4, 5, 6, false],
      ['q2', 3, 2, 6, true],
      ['q3', 2, 5, 6, false],
      ['q4', 0, 4, 6, false],
    ]);
    // Six people are too few to call a question weak, whatever its discrimination.
    expect(report.questions.some((q) => q.weak)).toBe(false);
    expect(report.reliability.map((r) => [r.kind, r.items, r.people])).toEqual([
      ['pre', 4, 6],
      ['post', 4, 6],
    ]);
  });
});

describe('report scopes', () => {
  it('every KUBE, every module: a person counts once per module', async () => {
    const pairs = await loadPairs(t.db, {});
    expect(pairs.map((p) => `${p.name}/${p.moduleSlug}`)).toEqual([
      'Ani/hakikat-kube',
      'Ani/usaha-produk',
      'Budi/usaha-produk',
      'Citra/usaha-produk',
      'Dedi/usaha-produk',
      'Eka/usaha-produk',
      'Fajar/usaha-produk',
      'Gita/usaha-produk',
    ]);
    expect(await loadPairs(t.db, { kubeIds: [] })).toEqual([]);
    // Ani took two modules: eight pairs, seven people.
    expect(buildReport(pairs)).toMatchObject({ n: 8, nPeople: 7 });
  });

  it('a period counts the day of the post-test in Western Indonesia Time', async () => {
    const april = await loadPairs(t.db, { moduleSlug: MODULE, from: '2026-04-01' });
    expect(april.map((p) => p.name)).toEqual(['Eka', 'Fajar']);
    const march = await loadPairs(t.db, { moduleSlug: MODULE, from: '2026-03-01', to: '2026-03-31' });
    expect(march.map((p) => p.name)).toEqual(['Ani', 'Budi', 'Citra', 'Dedi', 'Gita']);
  });

  it('a position counts only while it was held on the day of the post-test', async () => {
    expect((await loadPairs(t.db, { jabatanCode: 'ketua' })).map((p) => p.name)).toEqual(['Citra']);
    expect(await loadPairs(t.db, { jabatanCode: 'bendahara' })).toEqual([]);
  });

  it('a workshop counts the members who were there', async () => {
    await t.db.insert(workshops).values({
      id: 'ws1',
      kubeId: 'k1',
      moduleSlug: MODULE,
      date: '2026-03-10',
      place: 'Balai desa',
      code: 'ABCDEF',
      phase: 'selesai',
      createdBy: 'f1',
      closedAt: new Date('2026-03-10T06:00:00Z'),
    });
    await t.db.insert(workshopAttendance).values([
      { workshopId: 'ws1', personId: 'ani', joinedAt: new Date('2026-03-10T01:00:00Z'), method: 'pin' },
      { workshopId: 'ws1', personId: 'budi', joinedAt: new Date('2026-03-10T01:00:00Z'), method: 'manual' },
    ]);
    const pairs = await loadPairs(t.db, { workshopId: 'ws1', moduleSlug: MODULE, kubeIds: ['k1'] });
    expect(pairs.map((p) => p.name)).toEqual(['Ani', 'Budi']);
    const report = buildReport(pairs);
    expect(report.verdict).toBe('too_few');
    // Two equal gains tie, so R (and we) use the normal approximation.
    expect(report.wilcoxon).toMatchObject({ v: 3, n: 2, exact: false });
    expect(report.wilcoxon?.p).toBeCloseTo(0.3457785861511603, 12);
  });

  it('an empty scope has no figures, and says so', () => {
    const report = buildReport([]);
    expect(report).toMatchObject({ n: 0, meanPre: null, classGain: null, dz: null, tTest: null, wilcoxon: null });
    expect(report.verdict).toBe('none');
  });
});

describe('migration 0007', () => {
  it('gives attempts submitted before it their item results, from the stored answers and key', async () => {
    const { readFileSync } = await import('node:fs');
    const { eq } = await import('drizzle-orm');
    const { attemptAnswers, itemSets } = await import('../../db/schema.ts');
    const id = '00000000-0000-4000-8000-00000000beef';
    await t.db.insert(attempts).values({
      id,
      personId: 'hadi',
      moduleSlug: 'hakikat-kube',
      kind: 'post',
      items: ['hk-q1', 'hk-q2', 'hk-q3'].map((q) => ({ questionId: q, version: 1, objective: 'o', optionOrder: [] })),
      answerKey: { 'hk-q1': 'a', 'hk-q2': 'b', 'hk-q3': 'c' },
      startedAt: new Date('2026-03-10T01:00:00Z'),
      submittedAt: new Date('2026-03-10T02:00:00Z'),
      score: 33.3,
      correct: 1,
      total: 3,
    });
    const at = new Date('2026-03-10T01:30:00Z');
    await t.db.insert(attemptAnswers).values([
      { attemptId: id, questionId: 'hk-q1', optionId: 'a', answeredAt: at, receivedAt: at },
      { attemptId: id, questionId: 'hk-q2', optionId: 'c', answeredAt: at, receivedAt: at },
    ]);
    const migration = readFileSync(new URL('../../db/migrations/0007_item_results.sql', import.meta.url), 'utf8');
    // The last three statements: make the item sets, fill each attempt's set and bits, mark counted attempts.
    for (const statement of migration.split('--> statement-breakpoint').slice(-3)) await t.client.execute(statement);
    const [row] = await t.db
      .select({ bits: attempts.itemBits, set: itemSets.questionIds })
      .from(attempts)
      .innerJoin(itemSets, eq(itemSets.id, attempts.itemSetId))
      .where(eq(attempts.id, id));
    expect(row).toEqual({ bits: '100', set: 'hk-q1,hk-q2,hk-q3' });
    // The seeded first attempts stay counted; this one, the first post-test of its kind for Hadi, becomes counted.
    const counted = await t.db.select({ id: attempts.id }).from(attempts).where(eq(attempts.counted, true));
    expect(counted.map((c) => c.id)).toContain(id);
    expect(counted).toHaveLength(seen.size + 1);
  });
});
