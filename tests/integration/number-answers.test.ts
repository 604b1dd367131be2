import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attemptAnswers, people } from '../../db/schema.ts';
import { toPlayerAttempt } from '../../src/features/assessment/player.ts';
import { listAnswers, saveAnswers, startAttempt, submitAttempt } from '../../src/features/assessment/service.ts';
import type { ModuleTest } from '../../src/features/assessment/service.ts';
import type { AnswerInput } from '../../src/features/assessment/types.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// Numeric answers on a real libSQL file: stored as canonical digits in attempt_answers.option_id, refused with
// a sentence (and nothing stored) when not a whole number, scored exactly, and the key kept on the server.

const test: ModuleTest = {
  slug: 'keuangan-kube',
  testDesign: 'same',
  questions: [
    {
      id: 'kk-t1',
      version: 1,
      objective: 'kk-1',
      text: 'Saldo kas?',
      type: 'number',
      answer: 1250000,
      unit: 'Rp',
      explanation: 'Hitungannya.',
    },
    {
      id: 'kk-t2',
      version: 1,
      objective: 'kk-1',
      text: 'Pilih.',
      options: [
        { id: 'a', text: 'Satu' },
        { id: 'b', text: 'Dua' },
      ],
      correct: 'a',
      explanation: 'Karena.',
    },
  ],
};

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(people).values({ id: 'p1', name: 'Tini', username: 'tini', role: 'pengurus' });
});
afterEach(() => {
  t.cleanup();
});

const now = new Date('2026-03-01T08:10:00Z');
const answer = (questionId: string, optionId: string): AnswerInput => ({
  questionId,
  optionId,
  answeredAt: '2026-03-01T08:05:00.000Z',
});
async function begin() {
  const attemptId = randomUUID();
  const input = { attemptId, personId: 'p1', kind: 'pre' as const, test, lessonsDone: false };
  const attempt = await startAttempt(t.db, input, new Date('2026-03-01T08:00:00Z'));
  return attempt;
}

describe('numeric answers', () => {
  it('keeps the key on the server: the item has no options and the device sees no number', async () => {
    const attempt = await begin();
    expect(attempt.items.find((i) => i.questionId === 'kk-t1')).toMatchObject({ optionOrder: [], type: 'number' });
    expect(attempt.answerKey['kk-t1']).toBe('1250000');
    const player = await toPlayerAttempt(attempt, 'Keuangan', {}, '/hasil');
    const item = player.items.find((i) => i.questionId === 'kk-t1');
    expect(item).toMatchObject({ type: 'number', options: [] });
    expect(JSON.stringify(player)).not.toContain('1250000');
  });

  it('stores "Rp 1.250.000", "1.250.000" and "1250000" as the same canonical digits', async () => {
    const attempt = await begin();
    for (const typed of ['Rp 1.250.000', '1.250.000', '1250000']) {
      await saveAnswers(t.db, { attemptId: attempt.id, personId: 'p1', answers: [answer('kk-t1', typed)] }, now);
      expect(await listAnswers(t.db, attempt.id)).toEqual({ 'kk-t1': '1250000' });
    }
  });

  it.each([
    ['seratus ribu', 'assessment.errors.number.notNumber'],
    ['-5', 'assessment.errors.number.negative'],
    ['12,5', 'assessment.errors.number.decimal'],
  ])('refuses %j with %s and stores nothing of the batch', async (typed, key) => {
    const attempt = await begin();
    await saveAnswers(t.db, { attemptId: attempt.id, personId: 'p1', answers: [answer('kk-t1', '500')] }, now);
    const batch = [answer('kk-t2', 'a'), answer('kk-t1', typed)];
    const refused = saveAnswers(t.db, { attemptId: attempt.id, personId: 'p1', answers: batch }, now);
    await expect(refused).rejects.toThrow(DomainError);
    await expect(refused).rejects.toMatchObject({ key, field: 'jawaban-kk-t1' });
    expect(await t.db.select().from(attemptAnswers)).toHaveLength(1);
    expect(await listAnswers(t.db, attempt.id)).toEqual({ 'kk-t1': '500' });
  });

  it('scores the typed number exactly, and item statistics read it as any other item', async () => {
    const right = await begin();
    const answers = [answer('kk-t1', 'Rp 1.250.000'), answer('kk-t2', 'b')];
    const done = await submitAttempt(t.db, { attemptId: right.id, personId: 'p1', answers }, now);
    expect(done.correct).toBe(1);
    expect(done.itemBits).toBe('10'); // kk-t1 right, kk-t2 wrong, in question id order
    const again = await submitAttempt(
      t.db,
      { attemptId: right.id, personId: 'p1', answers: [answer('kk-t1', '1250000')] },
      now,
    );
    expect(again.score).toBe(done.score); // the same answers again change nothing
  });

  it('does not score a number one rupiah off', async () => {
    const attempt = await begin();
    const answers = [answer('kk-t1', '1.250.001'), answer('kk-t2', 'a')];
    const done = await submitAttempt(t.db, { attemptId: attempt.id, personId: 'p1', answers }, now);
    expect(done.itemBits).toBe('01');
    expect(done.score).toBe(50);
  });
});
