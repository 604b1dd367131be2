import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubes, memberships, people, workshopAttendance } from '../../db/schema.ts';
import { buildReport } from '../../src/features/analytics/compute.ts';
import { loadPairs } from '../../src/features/analytics/pairs.ts';
import { listKubeRetentionDue, listOwnRetentionDue } from '../../src/features/assessment/retention-due.ts';
import { loadTestState, startAttempt, submitAttempt, type ModuleTest } from '../../src/features/assessment/service.ts';
import type { Question } from '../../src/features/learning/content-schemas.ts';
import { loadBoard } from '../../src/features/workshop/board.ts';
import { phaseTarget } from '../../src/features/workshop/join.ts';
import { advanceWorkshop } from '../../src/features/workshop/phases.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// The retention test ("tes ulang") in a real libSQL file: when it opens, which form it shows, how the gain report
// and the board read it, who the plan names as due. The expected statistics come from SciPy 1.17 on the same
// scores (ttest_rel(retention, post); wilcoxon(retention, post, zero_method='wilcox', correction=True,
// method='approx')).

const MODULE = 'usaha-produk';
const DAY = 86_400_000;
const question = (n: number, form: 'A' | 'B'): Question => ({
  id: `q${n}`,
  version: 1,
  objective: 'o-1',
  form,
  text: `Soal ${n}`,
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
  ],
  correct: 'b',
  explanation: 'Karena B.',
});
const test: ModuleTest = {
  slug: MODULE,
  testDesign: 'parallel',
  questions: [1, 2, 3, 4].map((n) => question(n, n <= 2 ? 'A' : 'B')),
  retention: { opensAfterDays: 60, dueByDays: 90 },
};
const modules = [{ id: MODULE, title: 'Memilih Usaha', retention: { opensAfterDays: 60, dueByDays: 90 } }];

let t: TestDatabase;
let serial = 0;
const NAMES = ['Ani', 'Budi', 'Citra', 'Dedi', 'Eka', 'Fajar'];

/** A submitted, counted attempt; `questions` are those it showed (all four unless said), right in order. */
async function seed(
  personId: string,
  kind: 'pre' | 'post' | 'retention',
  score: number,
  at: Date,
  form: 'A' | 'B' | null,
  questions = ['q1', 'q2', 'q3', 'q4'],
) {
  serial += 1;
  const right = (score / 100) * questions.length;
  await seedAttempt(t.db, {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    personId,
    moduleSlug: MODULE,
    kind,
    form,
    results: Object.fromEntries(questions.map((q, i) => [q, i < right ? 1 : 0])),
    submittedAt: at,
    counted: true,
  });
}

beforeEach(async () => {
  t = await createTestDatabase();
  serial = 0;
  await t.db.insert(kubes).values({
    id: 'k1',
    name: 'Maju Bersama 1',
    desa: 'Singkalanyar',
    kecamatan: 'Prambon',
    kabupaten: 'Nganjuk',
    provinsi: 'Jawa Timur',
  });
  await t.db.insert(people).values([
    { id: 'f1', name: 'Rina', username: 'rina', role: 'pendamping' },
    ...NAMES.map((name) => ({
      id: name.toLowerCase(),
      name,
      username: name.toLowerCase(),
      role: 'anggota' as const,
    })),
  ]);
  await t.db
    .insert(memberships)
    .values(
      NAMES.map((name) => ({ id: `ms-${name}`, kubeId: 'k1', personId: name.toLowerCase(), joinedOn: '2025-01-01' })),
    );
});
afterEach(() => {
  t.cleanup();
});

const answerAll = (attempt: { id: string; items: { questionId: string }[] }, personId: string, at: Date) =>
  submitAttempt(
    t.db,
    {
      attemptId: attempt.id,
      personId,
      answers: attempt.items.map((item) => ({
        questionId: item.questionId,
        optionId: 'b',
        answeredAt: at.toISOString(),
      })),
    },
    at,
  );

describe('when a retention test opens', () => {
  const post = new Date('2026-03-10T03:00:00Z');

  it('refuses it without a post-test, before its day, and a second time; opens it from day 60', async () => {
    const start = (now: Date) =>
      startAttempt(t.db, { attemptId: randomUUID(), personId: 'ani', kind: 'retention', test, lessonsDone: true }, now);
    await expect(start(post)).rejects.toMatchObject({ key: 'assessment.gate.post_first' });
    await seed('ani', 'pre', 50, new Date('2026-03-01T03:00:00Z'), 'A', ['q1', 'q2']);
    await seed('ani', 'post', 100, post, 'B', ['q3', 'q4']);

    const early = start(new Date(post.getTime() + 59 * DAY));
    await expect(early).rejects.toBeInstanceOf(DomainError);
    await expect(early).rejects.toMatchObject({
      key: 'assessment.gate.retention_wait',
      params: { opensOn: '2026-05-09' },
    });

    const on = new Date(post.getTime() + 60 * DAY);
    const state = await loadTestState(t.db, 'ani', MODULE, true, test.retention, on);
    expect(state.retention).toEqual({ stage: 'due', opensOn: '2026-05-09', dueOn: '2026-06-08' });
    const attempt = await start(on);
    expect(attempt.kind).toBe('retention');
    // Both forms were seen (pre A, post B): the one seen longest ago, the pre-test's.
    expect(attempt.form).toBe('A');
    const submitted = await answerAll(attempt, 'ani', on);
    expect(submitted.counted).toBe(true);
    expect(submitted.score).toBe(100);
    await expect(start(new Date(on.getTime() + DAY))).rejects.toMatchObject({ key: 'assessment.gate.retention_done' });
  });

  it('takes a form the person has not seen when there is one', async () => {
    // The pre-test was waived: only the post-test's form B was seen.
    await seed('budi', 'post', 50, post, 'B', ['q3', 'q4']);
    const attempt = await startAttempt(
      t.db,
      { attemptId: randomUUID(), personId: 'budi', kind: 'retention', test, lessonsDone: true },
      new Date(post.getTime() + 75 * DAY),
    );
    expect(attempt.form).toBe('A');
    expect(attempt.items.map((item) => item.questionId).sort()).toEqual(['q1', 'q2']);
  });

  it('reads what a pre-test from before the forms showed: the form it repeated least', async () => {
    // Under the old design the pre-test showed q1–q3; the post-test then took form B (q3, q4).
    await seed('citra', 'pre', 0, new Date('2026-03-01T03:00:00Z'), null, ['q1', 'q2', 'q3']);
    await seed('citra', 'post', 100, post, 'B', ['q3', 'q4']);
    // A was seen whole (q1, q2) in the pre-test, B whole in the two: a tie, and A was seen longest ago.
    const first = await startAttempt(
      t.db,
      { attemptId: randomUUID(), personId: 'citra', kind: 'retention', test, lessonsDone: true },
      new Date(post.getTime() + 61 * DAY),
    );
    expect(first.form).toBe('A');
    // Dedi's old pre-test showed only q3: form A is unseen.
    await seed('dedi', 'pre', 0, new Date('2026-03-01T03:00:00Z'), null, ['q3']);
    await seed('dedi', 'post', 100, post, 'B', ['q3', 'q4']);
    const second = await startAttempt(
      t.db,
      { attemptId: randomUUID(), personId: 'dedi', kind: 'retention', test, lessonsDone: true },
      new Date(post.getTime() + 61 * DAY),
    );
    expect(second.form).toBe('A');
  });

  it('names who is due on the home page and on the plan: due, late, and opening within 30 days', async () => {
    const now = new Date('2026-06-01T03:00:00Z');
    await seed('ani', 'post', 75, new Date(now.getTime() - 70 * DAY), 'B'); // due
    await seed('budi', 'post', 75, new Date(now.getTime() - 100 * DAY), 'B'); // late
    await seed('citra', 'post', 75, new Date(now.getTime() - 40 * DAY), 'B'); // opens in 20 days
    await seed('dedi', 'post', 75, new Date(now.getTime() - 10 * DAY), 'B'); // opens in 50 days: not yet named
    await seed('eka', 'post', 75, new Date(now.getTime() - 70 * DAY), 'B');
    await seed('eka', 'retention', 50, new Date(now.getTime() - 5 * DAY), 'A'); // done
    await seed('fajar', 'post', 75, new Date(now.getTime() - 200 * DAY), 'B'); // closed after 180 days: missed
    const due = await listKubeRetentionDue(t.db, 'k1', modules, now);
    expect(due.map((row) => [row.name, row.stage.stage])).toEqual([
      ['Ani', 'due'],
      ['Budi', 'late'],
      ['Citra', 'waiting'],
    ]);
    expect((await listOwnRetentionDue(t.db, 'ani', modules, now)).map((row) => row.stage.stage)).toEqual(['due']);
    expect(await listOwnRetentionDue(t.db, 'citra', modules, now)).toEqual([]);
    expect(await listOwnRetentionDue(t.db, 'eka', modules, now)).toEqual([]);
  });
});

describe('the gain report with retention tests', () => {
  const PRE = [25, 0, 25, 50, 25, 0];
  const POST = [75, 75, 100, 100, 75, 50];
  const KEPT = [50, 50, 75, 100, 25, 50];

  beforeEach(async () => {
    for (const [i, name] of NAMES.entries()) {
      const id = name.toLowerCase();
      await seed(id, 'pre', PRE[i] ?? 0, new Date('2026-03-01T03:00:00Z'), 'A');
      await seed(id, 'post', POST[i] ?? 0, new Date('2026-03-10T03:00:00Z'), 'B');
      // Fajar has not taken the retention test: his pair is in the report, not in its retention part.
      if (name !== 'Fajar') await seed(id, 'retention', KEPT[i] ?? 0, new Date('2026-05-20T03:00:00Z'), 'A');
    }
  });

  it('carries each pair’s retention test and day, and the person’s retained share', async () => {
    const pairs = await loadPairs(t.db, { moduleSlug: MODULE, kubeIds: ['k1'] });
    expect(pairs.map((p) => [p.name, p.retention?.score ?? null, p.retention?.date ?? null])).toEqual([
      ['Ani', 50, '2026-05-20'],
      ['Budi', 50, '2026-05-20'],
      ['Citra', 75, '2026-05-20'],
      ['Dedi', 100, '2026-05-20'],
      ['Eka', 25, '2026-05-20'],
      ['Fajar', null, null],
    ]);
    const report = buildReport(pairs);
    expect(report.n).toBe(6);
    const ani = report.people.find((p) => p.name === 'Ani');
    // (50 − 25) / (75 − 25)
    expect(ani).toMatchObject({ retention: 50, retained: 0.5, retentionDays: 71 });
  });

  it('gives the group’s share kept and the paired test of post against retention', async () => {
    // Fajar takes his now, so six pairs have all three tests.
    await seed('fajar', 'retention', 50, new Date('2026-05-21T03:00:00Z'), 'A');
    const report = buildReport(await loadPairs(t.db, { moduleSlug: MODULE, kubeIds: ['k1'] }));
    const kept = report.retention;
    expect(kept).not.toBeNull();
    expect(kept?.n).toBe(6);
    expect(kept?.meanPre).toBeCloseTo(125 / 6, 9);
    expect(kept?.meanPost).toBeCloseTo(475 / 6, 9);
    expect(kept?.meanRetention).toBeCloseTo(350 / 6, 9);
    // (mean c − mean a) / (mean b − mean a) = (350 − 125) / (475 − 125)
    expect(kept?.share).toBeCloseTo(225 / 350, 9);
    expect(kept?.meanDays).toBeCloseTo((5 * 71 + 72) / 6, 9);
    expect(kept?.tTest?.t).toBeCloseTo(-2.7116307227332017, 9);
    expect(kept?.tTest?.df).toBe(5);
    expect(kept?.tTest?.p).toBeCloseTo(0.04219399670552446, 9);
    expect(kept?.wilcoxon?.v).toBe(0);
    expect(kept?.wilcoxon?.p).toBeCloseTo(0.08897301170181333, 9);
    // Wilcoxon's p is above 0.05: no clear loss, in the same words as the gain's verdict.
    expect(kept?.verdict).toBe('unclear');
  });

  it('leaves the retention part out when nobody took a retention test', async () => {
    const report = buildReport(await loadPairs(t.db, { moduleSlug: 'hakikat-kube' }));
    expect(report.retention).toBeNull();
    const without = buildReport(
      (await loadPairs(t.db, { moduleSlug: MODULE })).map((pair) => ({ ...pair, retention: null })),
    );
    expect(without.retention).toBeNull();
  });
});

describe('a retention workshop', () => {
  it('runs the retention test alone, sends tablets to it, and shows it on the board', async () => {
    const workshop = await createWorkshop(
      t.db,
      { kubeId: 'k1', moduleSlug: MODULE, date: '2026-05-20', place: 'Balai desa', notes: null, purpose: 'retention' },
      'f1',
    );
    expect(workshop.phase).toBe('retention_test');
    expect(phaseTarget(workshop)).toBe(`/belajar/${MODULE}/tes/retention`);
    await seed('ani', 'pre', 25, new Date('2026-03-01T03:00:00Z'), 'A');
    await seed('ani', 'post', 75, new Date('2026-03-10T03:00:00Z'), 'B');
    await seed('ani', 'retention', 50, new Date('2026-05-20T03:00:00Z'), 'A');
    await t.db.insert(workshopAttendance).values({
      workshopId: workshop.id,
      personId: 'ani',
      method: 'manual',
      joinedAt: new Date('2026-05-20T02:55:00Z'),
    });
    const board = await loadBoard(t.db, workshop, new Date('2026-05-20T03:05:00Z'));
    expect(board.find((row) => row.personId === 'ani')).toMatchObject({
      state: 'selesai',
      retention: 50,
      retained: 0.5,
    });
    const moved = await advanceWorkshop(t.db, { workshopId: workshop.id, from: 'retention_test', by: 'f1' });
    expect(moved.moved && moved.workshop.phase).toBe('selesai');
  });

  it('is a learning workshop unless said', async () => {
    const workshop = await createWorkshop(
      t.db,
      { kubeId: 'k1', moduleSlug: MODULE, date: '2026-05-20', place: 'Balai desa', notes: null },
      'f1',
    );
    expect([workshop.phase, workshop.purpose]).toEqual(['pre_test', 'learning']);
  });
});
