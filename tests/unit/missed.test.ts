import { describe, expect, it } from 'vitest';
import { listMissed } from '../../src/features/assessment/missed.ts';
import type { AttemptItem } from '../../src/features/assessment/types.ts';
import type { Question } from '../../src/features/learning/content-schemas.ts';

const question = (id: string, version: number, words: string): Question => ({
  id,
  version,
  objective: 'o-1',
  text: `${words}?`,
  options: [
    { id: 'a', text: `${words}, pilihan a` },
    { id: 'b', text: `${words}, pilihan b` },
  ],
  correct: 'b',
  explanation: `Karena ${words}.`,
});
const item = (questionId: string, version: number): AttemptItem => ({
  questionId,
  version,
  objective: 'o-1',
  optionOrder: ['a', 'b'],
});

describe('listMissed()', () => {
  it('lists a wrong answer with the texts of the question it showed', () => {
    const missed = listMissed([item('q1', 1)], { q1: 'a' }, { q1: 'b' }, [question('q1', 1, 'Lama')]);
    expect(missed).toEqual([
      { text: 'Lama?', yourAnswer: 'Lama, pilihan a', correctAnswer: 'Lama, pilihan b', explanation: 'Karena Lama.' },
    ]);
  });

  it('leaves out a question rewritten since the attempt (a new version) and one removed from the bank', () => {
    const bank = [question('q1', 2, 'Baru'), question('q3', 1, 'Tetap')];
    const items = [item('q1', 1), item('q2', 1), item('q3', 1)];
    const missed = listMissed(items, { q1: 'a', q2: 'a', q3: 'a' }, { q1: 'b', q2: 'b', q3: 'b' }, bank);
    expect(missed.map((m) => m.text)).toEqual(['Tetap?']);
  });

  it('leaves out the questions answered right', () => {
    expect(listMissed([item('q1', 1)], { q1: 'b' }, { q1: 'b' }, [question('q1', 1, 'Lama')])).toEqual([]);
  });
});
