import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attempts, kubes, memberships, people } from '../../db/schema.ts';
import { loadPairs } from '../../src/features/analytics/pairs.ts';
import { assignForm } from '../../src/features/assessment/rules.ts';
import { startAttempt, submitAttempt, type ModuleTest } from '../../src/features/assessment/service.ts';
import type { AnswerInput } from '../../src/features/assessment/types.ts';
import type { Question } from '../../src/features/learning/content-schemas.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// A module moves from `same` (one set of items, pre and post) to `parallel` forms while people are between
// their pre-test and their post-test (issue 16: manajemen-kube was the first). Their pre-test keeps what it
// showed and scored; their post-test is a form, and repeats as few of the pre-test's questions as it can.

const SLUG = 'manajemen-kube';
const question = (id: string, version: number, objective: string, form?: 'A' | 'B'): Question => ({
  id,
  version,
  objective,
  ...(form ? { form } : {}),
  text: `Soal ${id} versi ${version}`,
  options: [
    { id: 'a', text: 'Pilihan A' },
    { id: 'b', text: 'Pilihan B' },
    { id: 'c', text: 'Pilihan C' },
  ],
  correct: 'b',
  explanation: 'Karena B.',
});

/** The bank before the switch: four items, no forms. */
const before: ModuleTest = {
  slug: SLUG,
  testDesign: 'same',
  questions: [question('q1', 1, 'o-1'), question('q2', 1, 'o-1'), question('q3', 1, 'o-2'), question('q4', 1, 'o-2')],
};
/**
 * After: form A keeps two of the old questions (q1 reworded, so version 2; q2 unchanged), form B keeps one (q3);
 * q4 was replaced by new ids. So form B repeats fewer questions of an old pre-test.
 */
const after: ModuleTest = {
  slug: SLUG,
  testDesign: 'parallel',
  questions: [
    question('q1', 2, 'o-1', 'A'),
    question('q2', 1, 'o-1', 'A'),
    question('q5', 1, 'o-2', 'A'),
    question('q6', 1, 'o-1', 'B'),
    question('q3', 1, 'o-2', 'B'),
    question('q7', 1, 'o-2', 'B'),
  ],
};

/** A person the counterbalancing would give form A after the pre-test: the form that repeats more. */
const personId = Array.from({ length: 50 }, (_, i) => `person-${i}`).find(
  (id) => assignForm(id, SLUG, 'post', 'parallel') === 'A',
) as string;

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await t.db
    .insert(kubes)
    .values({ id: 'k1', name: 'Sido Rukun', desa: 'X', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' });
  await t.db.insert(people).values({ id: personId, name: 'Tini', username: 'tini', role: 'pengurus' });
  await t.db.insert(memberships).values({ id: 'ms-1', kubeId: 'k1', personId, joinedOn: '2025-01-01' });
});
afterEach(() => {
  t.cleanup();
});

const answersFor = (questionIds: readonly string[], right: (id: string) => boolean): AnswerInput[] =>
  questionIds.map((questionId) => ({
    questionId,
    optionId: right(questionId) ? 'b' : 'a',
    answeredAt: '2026-03-01T08:05:00.000Z',
  }));

async function takeOldPreTest() {
  const pre = await startAttempt(
    t.db,
    { attemptId: randomUUID(), personId, kind: 'pre', test: before, lessonsDone: false },
    new Date('2026-03-01T08:00:00Z'),
  );
  const ids = pre.items.map((i) => i.questionId);
  // Two of four right: q1 and q3.
  return submitAttempt(
    t.db,
    { attemptId: pre.id, personId, answers: answersFor(ids, (id) => id === 'q1' || id === 'q3') },
    new Date('2026-03-01T08:10:00Z'),
  );
}

describe('a module switched from the same items to parallel forms', () => {
  it('gives a person whose pre-test had every item the post-test form that repeats fewer of them', async () => {
    await takeOldPreTest();
    const post = await startAttempt(
      t.db,
      { attemptId: randomUUID(), personId, kind: 'post', test: after, lessonsDone: true },
      new Date('2026-04-01T08:00:00Z'),
    );
    expect(post.form).toBe('B');
    expect(post.items.map((i) => i.questionId).sort()).toEqual(['q3', 'q6', 'q7']);
  });

  it('keeps the old pre-test as it was shown and scored, and pairs it with the new post-test for gain', async () => {
    const pre = await takeOldPreTest();
    const post = await startAttempt(
      t.db,
      { attemptId: randomUUID(), personId, kind: 'post', test: after, lessonsDone: true },
      new Date('2026-04-01T08:00:00Z'),
    );
    const ids = post.items.map((i) => i.questionId);
    const submitted = await submitAttempt(
      t.db,
      { attemptId: post.id, personId, answers: answersFor(ids, () => true) },
      new Date('2026-04-01T08:10:00Z'),
    );
    expect(submitted.score).toBe(100);

    const [stored] = await t.db.select().from(attempts).where(eq(attempts.id, pre.id));
    expect(stored?.form).toBeNull();
    expect(stored?.score).toBe(50);
    expect(stored?.counted).toBe(true);
    expect(stored?.byObjective).toEqual({
      'o-1': { correct: 1, total: 2, score: 50 },
      'o-2': { correct: 1, total: 2, score: 50 },
    });
    // The pre-test still names the versions it showed: q1 stays version 1 although the bank has version 2.
    expect(Object.fromEntries((stored?.items ?? []).map((i) => [i.questionId, i.version]))).toEqual({
      q1: 1,
      q2: 1,
      q3: 1,
      q4: 1,
    });
    expect(stored?.answerKey).toEqual({ q1: 'b', q2: 'b', q3: 'b', q4: 'b' });

    const [pair] = await loadPairs(t.db, { moduleSlug: SLUG });
    expect(pair).toMatchObject({
      personId,
      pre: { score: 50, form: null, questionIds: ['q1', 'q2', 'q3', 'q4'], bits: '1010' },
      post: { score: 100, form: 'B', questionIds: ['q3', 'q6', 'q7'], bits: '111' },
    });
  });
});
