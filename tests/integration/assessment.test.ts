import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attemptAnswers, attempts, people } from '../../db/schema.ts';
import {
  grantTestPermission,
  listAnswers,
  loadTestState,
  saveAnswers,
  startAttempt,
  submitAttempt,
  type ModuleTest,
} from '../../src/features/assessment/service.ts';
import { saveAnswerBatch } from '../../src/features/assessment/answers.ts';
import type { AnswerInput } from '../../src/features/assessment/types.ts';
import type { Question } from '../../src/features/learning/content-schemas.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { countRoundTrips } from '../helpers/round-trips.ts';

const question = (n: number, objective: string, form?: 'A' | 'B'): Question => ({
  id: `q${n}`,
  version: 1,
  objective,
  ...(form ? { form } : {}),
  text: `Soal ${n}`,
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
    { id: 'c', text: 'C' },
  ],
  correct: 'b',
  explanation: 'Karena B.',
});
const sameTest: ModuleTest = {
  slug: 'hakikat-kube',
  testDesign: 'same',
  questions: [1, 2, 3, 4].map((n) => question(n, n <= 2 ? 'o-1' : 'o-2')),
};
const parallelTest: ModuleTest = {
  slug: 'usaha-produk',
  testDesign: 'parallel',
  questions: [1, 2, 3, 4].map((n) => question(n, 'o-1', n <= 2 ? 'A' : 'B')),
};

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(people).values([
    { id: 'p1', name: 'Sumarni', username: 'sumarni', role: 'anggota' },
    { id: 'p2', name: 'Bakri', username: 'bakri', role: 'anggota' },
    { id: 'f1', name: 'Rina', username: 'rina', role: 'pendamping' },
  ]);
});
afterEach(() => {
  t.cleanup();
});

const at = (iso: string) => new Date(iso);
const answer = (questionId: string, optionId: string, minute = 0): AnswerInput => ({
  questionId,
  optionId,
  answeredAt: `2026-03-01T08:${String(minute).padStart(2, '0')}:00.000Z`,
});
const start = (
  attemptId: string,
  personId = 'p1',
  kind: 'pre' | 'post' = 'pre',
  test = sameTest,
  lessonsDone = false,
) => startAttempt(t.db, { attemptId, personId, kind, test, lessonsDone }, at('2026-03-01T08:00:00Z'));

describe('attempts', () => {
  it('starts once per device id: the same id again, or a second tab, lands on the same attempt', async () => {
    const id = randomUUID();
    const first = await start(id);
    expect((await start(id)).id).toBe(first.id);
    expect((await start(randomUUID())).id).toBe(first.id);
    expect(await t.db.select().from(attempts)).toHaveLength(1);
    expect(first.items).toHaveLength(4);
    expect(Object.keys(first.answerKey)).toHaveLength(4);
  });

  it('gives counterbalanced parallel forms: the post-test uses the other form', async () => {
    const pre = await start(randomUUID(), 'p1', 'pre', parallelTest);
    expect(pre.items).toHaveLength(2);
    const all = pre.items.map((i) => answer(i.questionId, 'b'));
    await submitAttempt(t.db, { attemptId: pre.id, personId: 'p1', answers: all });
    const post = await start(randomUUID(), 'p1', 'post', parallelTest, true);
    expect(post.form).not.toBe(pre.form);
    expect(post.items.map((i) => i.questionId)).not.toEqual(expect.arrayContaining(pre.items.map((i) => i.questionId)));
  });

  it('replays the same answers and submission three times and keeps one attempt, one set of answers and one score', async () => {
    const id = randomUUID();
    const attempt = await start(id);
    const all = attempt.items.map((item, i) => answer(item.questionId, i === 0 ? 'a' : 'b', i));
    const results = [];
    for (let round = 0; round < 3; round++) {
      await start(id);
      await saveAnswers(t.db, { attemptId: id, personId: 'p1', answers: all });
      results.push(
        await submitAttempt(t.db, { attemptId: id, personId: 'p1', answers: all }, at(`2026-03-01T09:0${round}:00Z`)),
      );
    }
    expect(await t.db.select().from(attempts)).toHaveLength(1);
    expect(await t.db.select().from(attemptAnswers)).toHaveLength(4);
    expect(results.map((r) => r.score)).toEqual([75, 75, 75]);
    expect(results.map((r) => r.submittedAt?.toISOString())).toEqual(Array(3).fill('2026-03-01T09:00:00.000Z'));
  });

  it('keeps the newer answer when an old batch arrives late', async () => {
    const attempt = await start(randomUUID());
    const q = attempt.items[0]?.questionId ?? '';
    await saveAnswers(t.db, { attemptId: attempt.id, personId: 'p1', answers: [answer(q, 'c', 5)] });
    const late = await saveAnswers(t.db, { attemptId: attempt.id, personId: 'p1', answers: [answer(q, 'a', 1)] });
    expect(late.changed).toBe(0);
    expect((await listAnswers(t.db, attempt.id))[q]).toBe('c');
  });

  it('does not let a device clock set to the year 9999 freeze an answer: a later change and the submission win', async () => {
    const attempt = await start(randomUUID());
    const [q = '', ...rest] = attempt.items.map((i) => i.questionId);
    const future = { questionId: q, optionId: 'a', answeredAt: '9999-12-31T00:00:00Z' };
    await saveAnswers(t.db, { attemptId: attempt.id, personId: 'p1', answers: [future] }, at('2026-03-01T08:01:00Z'));
    const [stored] = await t.db.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, attempt.id));
    expect(stored?.answeredAt.toISOString()).toBe('2026-03-01T08:01:00.000Z');

    const later = await saveAnswers(
      t.db,
      { attemptId: attempt.id, personId: 'p1', answers: [answer(q, 'c', 2)] },
      at('2026-03-01T08:02:00Z'),
    );
    expect(later.changed).toBe(1);
    const last = [answer(q, 'b', 3), ...rest.map((id) => answer(id, 'b', 3))];
    const submitted = await submitAttempt(
      t.db,
      { attemptId: attempt.id, personId: 'p1', answers: last },
      at('2026-03-01T08:03:00Z'),
    );
    expect((await listAnswers(t.db, attempt.id))[q]).toBe('b');
    expect(submitted.score).toBe(100);
  });

  it('keeps a device clock far behind within a few minutes before the attempt began', async () => {
    const attempt = await start(randomUUID());
    const q = attempt.items[0]?.questionId ?? '';
    const reset = { questionId: q, optionId: 'a', answeredAt: '1970-01-01T00:00:00Z' };
    await saveAnswers(t.db, { attemptId: attempt.id, personId: 'p1', answers: [reset] }, at('2026-03-01T08:01:00Z'));
    const [stored] = await t.db.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, attempt.id));
    expect(stored?.answeredAt.toISOString()).toBe('2026-03-01T07:55:00.000Z');
  });

  it('refuses, and stores nothing of, a batch with an answer for an item the attempt never showed', async () => {
    const attempt = await start(randomUUID());
    const q = attempt.items[0]?.questionId ?? '';
    const batch = [answer(q, 'a'), answer('q99', 'a')];
    await expect(saveAnswers(t.db, { attemptId: attempt.id, personId: 'p1', answers: batch })).rejects.toThrow(
      'assessment.errors.foreignAnswer',
    );
    await expect(
      saveAnswers(t.db, { attemptId: attempt.id, personId: 'p1', answers: [answer(q, 'z')] }),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await listAnswers(t.db, attempt.id)).toEqual({});
  });

  it('never lets a person answer or submit on another person’s attempt', async () => {
    const attempt = await start(randomUUID());
    const q = attempt.items[0]?.questionId ?? '';
    await expect(
      saveAnswers(t.db, { attemptId: attempt.id, personId: 'p2', answers: [answer(q, 'a')] }),
    ).rejects.toThrow('assessment.errors.notYours');
    await expect(submitAttempt(t.db, { attemptId: attempt.id, personId: 'p2', answers: [] })).rejects.toThrow(
      'assessment.errors.notYours',
    );
    await expect(start(attempt.id, 'p2')).rejects.toThrow('assessment.errors.notYours');
    expect(await listAnswers(t.db, attempt.id)).toEqual({});
  });

  it('refuses a submission with unanswered items, saying how many, and submits nothing', async () => {
    const attempt = await start(randomUUID());
    const some = attempt.items.slice(0, 2).map((i) => answer(i.questionId, 'b'));
    await expect(submitAttempt(t.db, { attemptId: attempt.id, personId: 'p1', answers: some })).rejects.toMatchObject({
      key: 'assessment.errors.missing',
      params: { count: 2 },
    });
    const [row] = await t.db.select().from(attempts).where(eq(attempts.id, attempt.id));
    expect(row?.submittedAt).toBeNull();
  });

  it('refuses to change answers after submission', async () => {
    const attempt = await start(randomUUID());
    const all = attempt.items.map((i) => answer(i.questionId, 'b'));
    await submitAttempt(t.db, { attemptId: attempt.id, personId: 'p1', answers: all });
    const changed = [answer(all[0]?.questionId ?? '', 'a', 30)];
    await expect(saveAnswers(t.db, { attemptId: attempt.id, personId: 'p1', answers: changed })).rejects.toThrow(
      'assessment.errors.alreadySubmitted',
    );
  });
});

describe('gating', () => {
  it('allows one pre-test, then a retake only when a facilitator allows it, and keeps both', async () => {
    const first = await start(randomUUID());
    await submitAttempt(t.db, {
      attemptId: first.id,
      personId: 'p1',
      answers: first.items.map((i) => answer(i.questionId, 'a')),
    });
    await expect(start(randomUUID())).rejects.toThrow('assessment.gate.pre_done');
    await grantTestPermission(t.db, {
      personId: 'p1',
      moduleSlug: 'hakikat-kube',
      kind: 'retake_pre',
      grantedBy: 'f1',
    });
    const retake = await start(randomUUID());
    await submitAttempt(t.db, {
      attemptId: retake.id,
      personId: 'p1',
      answers: retake.items.map((i) => answer(i.questionId, 'b')),
    });
    // The allowance is used up by the retake.
    await expect(start(randomUUID())).rejects.toThrow('assessment.gate.pre_done');
    const kept = await t.db.select().from(attempts);
    expect(kept).toHaveLength(2);
    // Only the first submission counts for gain; the retake is kept beside it.
    expect(kept.find((a) => a.id === first.id)?.counted).toBe(true);
    expect(kept.find((a) => a.id === retake.id)?.counted).toBe(false);
    expect(kept.find((a) => a.id === first.id)?.itemBits).toMatch(/^[01]+$/);
  });

  it('opens the post-test after the pre-test and the lessons, or when a facilitator opens it', async () => {
    await expect(start(randomUUID(), 'p1', 'post')).rejects.toThrow('assessment.gate.pre_first');
    await grantTestPermission(t.db, { personId: 'p1', moduleSlug: 'hakikat-kube', kind: 'waive_pre', grantedBy: 'f1' });
    await expect(start(randomUUID(), 'p1', 'post')).rejects.toThrow('assessment.gate.lessons_first');
    await grantTestPermission(t.db, { personId: 'p1', moduleSlug: 'hakikat-kube', kind: 'open_post', grantedBy: 'f1' });
    const post = await start(randomUUID(), 'p1', 'post');
    expect(post.kind).toBe('post');
    const state = await loadTestState(t.db, 'p1', 'hakikat-kube', false);
    expect(state).toMatchObject({ preWaived: true, postOpened: true, hasOpenPost: true });
  });
});

describe('round trips to a libSQL server', () => {
  it('saves a batch of answers with one read and one atomic batch, whatever its size', async () => {
    const attempt = await start(randomUUID());
    const trips = countRoundTrips(t.client);
    const all = attempt.items.map((i, n) => answer(i.questionId, 'b', n));
    const saved = await saveAnswers(trips.db, { attemptId: attempt.id, personId: 'p1', answers: all });
    expect(saved).toEqual({ changed: 4, submitted: false });
    expect(trips.count()).toBe(2);
    expect(await listAnswers(t.db, attempt.id)).toEqual(Object.fromEntries(all.map((a) => [a.questionId, 'b'])));
  });

  it('keeps the later of two answers to one question in the same batch, as before', async () => {
    const attempt = await start(randomUUID());
    const q = attempt.items[0]?.questionId ?? '';
    const saved = await saveAnswers(t.db, {
      attemptId: attempt.id,
      personId: 'p1',
      answers: [answer(q, 'a', 1), answer(q, 'c', 2), answer(q, 'b', 0)],
    });
    expect(saved.changed).toBe(2);
    expect((await listAnswers(t.db, attempt.id))[q]).toBe('c');
  });

  it('submits with a fixed number of round trips, not one per answer', async () => {
    const attempt = await start(randomUUID());
    const trips = countRoundTrips(t.client);
    const all = attempt.items.map((i) => answer(i.questionId, 'b'));
    const submitted = await submitAttempt(trips.db, { attemptId: attempt.id, personId: 'p1', answers: all });
    expect(submitted.score).toBe(100);
    expect(submitted.counted).toBe(true);
    expect(submitted.itemSetId).toEqual(expect.any(Number));
    // begin, the attempt, the answers, their read-back, the item set, the update, commit
    expect(trips.count()).toBe(7);
  });

  it('refuses a changed answer whose attempt was submitted after the save read it, and changes nothing', async () => {
    const attempt = await start(randomUUID());
    const all = attempt.items.map((i) => answer(i.questionId, 'b'));
    await submitAttempt(t.db, { attemptId: attempt.id, personId: 'p1', answers: all });
    // The save read the attempt while it was still open (`attempt` is that stale read).
    const changed = [answer(all[0]?.questionId ?? '', 'a', 30)];
    await expect(saveAnswerBatch(t.db, attempt, changed, at('2026-03-01T08:31:00Z'))).rejects.toThrow(
      'assessment.errors.alreadySubmitted',
    );
    expect((await listAnswers(t.db, attempt.id))[all[0]?.questionId ?? '']).toBe('b');
    await expect(saveAnswerBatch(t.db, attempt, all, at('2026-03-01T08:31:00Z'))).resolves.toEqual({
      changed: 0,
      submitted: true,
    });
  });
});
