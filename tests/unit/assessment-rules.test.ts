import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/features/learning/content-schemas.ts';
import {
  assignForm,
  buildAttemptItems,
  canStartTest,
  gain,
  gainBand,
  hashString,
  lessonsUnlocked,
  moduleStage,
  normalizedGain,
  postFormAfterSameDesign,
  scoreAttempt,
  seededShuffle,
  type TestState,
} from '../../src/features/assessment/rules.ts';
import type { AttemptItem, FormName } from '../../src/features/assessment/types.ts';

function question(id: string, objective: string, form?: FormName, version = 1): Question {
  return {
    id,
    version,
    objective,
    ...(form === undefined ? {} : { form }),
    text: `Pertanyaan ${id}?`,
    options: ['a', 'b', 'c', 'd'].map((o) => ({ id: o, text: `Pilihan ${o}` })),
    correct: 'a',
    explanation: 'Karena begitu.',
  };
}

function item(questionId: string, objective: string): AttemptItem {
  return { questionId, version: 1, objective, optionOrder: ['a', 'b', 'c', 'd'] };
}

const people = Array.from({ length: 1000 }, (_, i) => `person-${i}`);

describe('hashString()', () => {
  it('gives the same unsigned 32-bit number for the same text', () => {
    expect(hashString('kube-1')).toBe(hashString('kube-1'));
    expect(hashString('kube-1')).not.toBe(hashString('kube-2'));
    for (const value of ['', 'a', 'hakikat-kube', 'Ñ€ÿ']) {
      const h = hashString(value);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });
});

describe('assignForm()', () => {
  it('gives no form when the module uses the same items before and after', () => {
    expect(assignForm('person-1', 'hakikat-kube', 'pre', 'same')).toBeNull();
    expect(assignForm('person-1', 'hakikat-kube', 'post', 'same')).toBeNull();
  });

  it('gives a person the same form every time they start a test', () => {
    const first = assignForm('person-7', 'hakikat-kube', 'pre', 'parallel');
    for (let i = 0; i < 5; i++) expect(assignForm('person-7', 'hakikat-kube', 'pre', 'parallel')).toBe(first);
  });

  it('gives the post-test the other form than the pre-test, for everyone', () => {
    for (const person of people) {
      const pre = assignForm(person, 'hakikat-kube', 'pre', 'parallel');
      const post = assignForm(person, 'hakikat-kube', 'post', 'parallel');
      expect(pre === 'A' ? 'B' : 'A').toBe(post);
    }
  });

  it('starts about half of the people with form A', () => {
    for (const moduleSlug of ['hakikat-kube', 'pembukuan-sederhana']) {
      const startA = people.filter((p) => assignForm(p, moduleSlug, 'pre', 'parallel') === 'A').length;
      expect(startA / people.length).toBeGreaterThan(0.4);
      expect(startA / people.length).toBeLessThan(0.6);
    }
  });

  it('follows the parity of the hash of person and module', () => {
    const even = hashString('person-3:hakikat-kube') % 2 === 0;
    expect(assignForm('person-3', 'hakikat-kube', 'pre', 'parallel')).toBe(even ? 'A' : 'B');
  });
});

describe('postFormAfterSameDesign()', () => {
  // The bank after a module moved from `same` to parallel forms: form A kept q1 and q2, form B kept q3.
  const bank = [
    question('q1', 'o-1', 'A', 2),
    question('q2', 'o-1', 'A'),
    question('q5', 'o-2', 'A'),
    question('q3', 'o-1', 'B'),
    question('q6', 'o-2', 'B'),
    question('q7', 'o-2', 'B'),
  ];

  it('gives the form that repeats fewer questions of the old pre-test, whatever the counterbalancing says', () => {
    expect(postFormAfterSameDesign(['q1', 'q2', 'q3', 'q4'], bank, 'A')).toBe('B');
    expect(postFormAfterSameDesign(['q1', 'q2', 'q3', 'q4'], bank, 'B')).toBe('B');
    expect(postFormAfterSameDesign(['q3', 'q6', 'q1'], bank, 'B')).toBe('A');
  });

  it('keeps the counterbalanced form when both forms repeat as many', () => {
    expect(postFormAfterSameDesign(['q1', 'q3'], bank, 'A')).toBe('A');
    expect(postFormAfterSameDesign(['q4', 'q8'], bank, 'B')).toBe('B');
  });
});

describe('seededShuffle()', () => {
  const items = Array.from({ length: 20 }, (_, i) => i);

  it('gives the same order for the same seed', () => {
    expect(seededShuffle(items, 'attempt-1')).toEqual(seededShuffle(items, 'attempt-1'));
  });

  it('keeps every item exactly once and leaves the input untouched', () => {
    const copy = [...items];
    const shuffled = seededShuffle(items, 'attempt-1');
    expect(shuffled).not.toBe(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(items).toEqual(copy);
  });

  it('usually gives different orders for different seeds', () => {
    const orders = new Set(Array.from({ length: 20 }, (_, i) => seededShuffle(items, `seed-${i}`).join(',')));
    expect(orders.size).toBeGreaterThanOrEqual(19);
  });

  it('handles empty and single-item lists', () => {
    expect(seededShuffle([], 'x')).toEqual([]);
    expect(seededShuffle(['only'], 'x')).toEqual(['only']);
  });
});

describe('buildAttemptItems()', () => {
  const bank = [
    ...Array.from({ length: 8 }, (_, i) => question(`qa-${i}`, `obj-${i % 2}`, 'A', i + 1)),
    ...Array.from({ length: 8 }, (_, i) => question(`qb-${i}`, `obj-${i % 2}`, 'B')),
  ];

  it('shows only the questions of the form it is given', () => {
    const items = buildAttemptItems(bank, 'A', 'attempt-1');
    expect(items).toHaveLength(8);
    expect(items.every((i) => i.questionId.startsWith('qa-'))).toBe(true);
    expect(buildAttemptItems(bank, 'B', 'attempt-1').every((i) => i.questionId.startsWith('qb-'))).toBe(true);
  });

  it('shows every question when there is no form', () => {
    expect(buildAttemptItems(bank, null, 'attempt-1')).toHaveLength(16);
  });

  it('records the version and objective of each question shown', () => {
    for (const shown of buildAttemptItems(bank, 'A', 'attempt-1')) {
      const source = bank.find((q) => q.id === shown.questionId);
      expect(shown.version).toBe(source?.version);
      expect(shown.objective).toBe(source?.objective);
    }
  });

  it('shuffles each question’s options without losing any', () => {
    const items = buildAttemptItems(bank, null, 'attempt-1');
    for (const shown of items) expect([...shown.optionOrder].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(items[0]?.optionOrder).toEqual(seededShuffle(['a', 'b', 'c', 'd'], `attempt-1:${items[0]?.questionId}`));
    expect(new Set(items.map((i) => i.optionOrder.join(''))).size).toBeGreaterThan(1);
  });

  it('gives the same attempt the same items again, so a reload changes nothing', () => {
    expect(buildAttemptItems(bank, 'A', 'attempt-1')).toEqual(buildAttemptItems(bank, 'A', 'attempt-1'));
  });

  it('gives two attempts different question orders', () => {
    const first = buildAttemptItems(bank, null, 'attempt-1').map((i) => i.questionId);
    const second = buildAttemptItems(bank, null, 'attempt-2').map((i) => i.questionId);
    expect(second).not.toEqual(first);
    expect([...second].sort()).toEqual([...first].sort());
  });
});

describe('scoreAttempt()', () => {
  const items = [item('q1', 'obj-1'), item('q2', 'obj-1'), item('q3', 'obj-2'), item('q4', 'obj-2')];
  const key = { q1: 'a', q2: 'b', q3: 'c', q4: 'd' };

  it('scores every right answer as 100', () => {
    expect(scoreAttempt(items, key, key)).toEqual({
      score: 100,
      correct: 4,
      total: 4,
      byObjective: { 'obj-1': { correct: 2, total: 2, score: 100 }, 'obj-2': { correct: 2, total: 2, score: 100 } },
      itemResults: { q1: 1, q2: 1, q3: 1, q4: 1 },
    });
  });

  it('scores each objective on its own', () => {
    const result = scoreAttempt(items, { q1: 'a', q2: 'x', q3: 'x', q4: 'x' }, key);
    expect(result).toMatchObject({ score: 25, correct: 1, total: 4 });
    expect(result.byObjective).toEqual({
      'obj-1': { correct: 1, total: 2, score: 50 },
      'obj-2': { correct: 0, total: 2, score: 0 },
    });
  });

  it('counts an unanswered question as wrong', () => {
    expect(scoreAttempt(items, { q1: 'a', q2: 'b' }, key)).toMatchObject({
      score: 50,
      correct: 2,
      total: 4,
      itemResults: { q1: 1, q2: 1, q3: 0, q4: 0 },
    });
    expect(scoreAttempt(items, {}, key).score).toBe(0);
  });

  it('rounds to one decimal, so 2 of 3 is 66.7 and 1 of 3 is 33.3', () => {
    const three = items.slice(0, 3);
    expect(scoreAttempt(three, { q1: 'a', q2: 'b' }, key).score).toBe(66.7);
    expect(scoreAttempt(three, { q1: 'a' }, key).score).toBe(33.3);
  });

  it('scores an attempt with no questions as 0', () => {
    expect(scoreAttempt([], {}, {})).toEqual({ score: 0, correct: 0, total: 0, byObjective: {}, itemResults: {} });
  });
});

describe('gain() and normalizedGain()', () => {
  it('measures gain in points, negative when the post-test is lower', () => {
    expect(gain(40, 70)).toBe(30);
    expect(gain(70, 40)).toBe(-30);
  });

  it('divides the gain by what was left to learn', () => {
    expect(normalizedGain(40, 70)).toBeCloseTo(0.5);
    expect(normalizedGain(0, 100)).toBe(1);
    expect(normalizedGain(50, 50)).toBe(0);
    expect(normalizedGain(50, 25)).toBeCloseTo(-0.5);
  });

  it('has no normalized gain when the pre-test was already 100', () => {
    expect(normalizedGain(100, 100)).toBeNull();
    expect(normalizedGain(100, 80)).toBeNull();
  });
});

describe('gainBand()', () => {
  it('calls a gain below 0.3 low, including a loss', () => {
    expect(gainBand(0.29)).toBe('rendah');
    expect(gainBand(-0.5)).toBe('rendah');
  });

  it('calls a gain from 0.3 up to 0.7 medium', () => {
    expect(gainBand(0.3)).toBe('sedang');
    expect(gainBand(0.69)).toBe('sedang');
  });

  it('calls a gain of 0.7 or more high', () => {
    expect(gainBand(0.7)).toBe('tinggi');
    expect(gainBand(1)).toBe('tinggi');
  });

  it('has no band when there is no normalized gain', () => {
    expect(gainBand(null)).toBeNull();
  });
});

const fresh: TestState = {
  preSubmitted: 0,
  postSubmitted: 0,
  preWaived: false,
  postOpened: false,
  retakePre: false,
  retakePost: false,
  lessonsDone: false,
  hasOpenPre: false,
  hasOpenPost: false,
  hasOpenRetention: false,
  retention: { stage: 'no_post' },
};

describe('canStartTest()', () => {
  const readyForPost: TestState = { ...fresh, preSubmitted: 1, lessonsDone: true };

  it('lets a newcomer start the pre-test', () => {
    expect(canStartTest('pre', fresh)).toEqual({ allowed: true });
  });

  it('refuses a second pre-test unless a facilitator allows a retake', () => {
    expect(canStartTest('pre', { ...fresh, preSubmitted: 1 })).toEqual({ allowed: false, reason: 'pre_done' });
    expect(canStartTest('pre', { ...fresh, preSubmitted: 1, retakePre: true })).toEqual({ allowed: true });
  });

  it('always lets a person resume an open attempt', () => {
    expect(canStartTest('pre', { ...fresh, preSubmitted: 1, hasOpenPre: true })).toEqual({ allowed: true });
    expect(canStartTest('post', { ...fresh, hasOpenPost: true })).toEqual({ allowed: true });
    expect(canStartTest('post', { ...readyForPost, postSubmitted: 1, hasOpenPost: true })).toEqual({
      allowed: true,
    });
  });

  it('asks for the pre-test before the post-test, unless it was waived', () => {
    expect(canStartTest('post', { ...fresh, lessonsDone: true })).toEqual({ allowed: false, reason: 'pre_first' });
    expect(canStartTest('post', { ...fresh, lessonsDone: true, postOpened: true })).toEqual({
      allowed: false,
      reason: 'pre_first',
    });
    expect(canStartTest('post', { ...fresh, preWaived: true, lessonsDone: true })).toEqual({ allowed: true });
  });

  it('asks for the lessons before the post-test, unless a facilitator opened it', () => {
    expect(canStartTest('post', { ...fresh, preSubmitted: 1 })).toEqual({ allowed: false, reason: 'lessons_first' });
    expect(canStartTest('post', { ...fresh, preSubmitted: 1, postOpened: true })).toEqual({ allowed: true });
    expect(canStartTest('post', readyForPost)).toEqual({ allowed: true });
  });

  it('refuses a second post-test unless a facilitator allows a retake', () => {
    expect(canStartTest('post', { ...readyForPost, postSubmitted: 1 })).toEqual({
      allowed: false,
      reason: 'post_done',
    });
    expect(canStartTest('post', { ...readyForPost, postSubmitted: 1, retakePost: true })).toEqual({ allowed: true });
  });
});

describe('lessonsUnlocked()', () => {
  it('keeps lessons locked until the pre-test is submitted or waived', () => {
    expect(lessonsUnlocked(fresh)).toBe(false);
    expect(lessonsUnlocked({ ...fresh, hasOpenPre: true })).toBe(false);
    expect(lessonsUnlocked({ ...fresh, preSubmitted: 1 })).toBe(true);
    expect(lessonsUnlocked({ ...fresh, preWaived: true })).toBe(true);
  });
});

describe('moduleStage()', () => {
  it('starts at the pre-test', () => {
    expect(moduleStage(fresh)).toBe('pre_test');
  });

  it('moves to the lessons once the pre-test is submitted or waived', () => {
    expect(moduleStage({ ...fresh, preSubmitted: 1 })).toBe('lessons');
    expect(moduleStage({ ...fresh, preWaived: true })).toBe('lessons');
  });

  it('moves to the post-test when the lessons are done or a facilitator opens it', () => {
    expect(moduleStage({ ...fresh, preSubmitted: 1, lessonsDone: true })).toBe('post_test');
    expect(moduleStage({ ...fresh, preSubmitted: 1, postOpened: true })).toBe('post_test');
  });

  it('is done once the post-test is submitted', () => {
    expect(moduleStage({ ...fresh, preSubmitted: 1, lessonsDone: true, postSubmitted: 1 })).toBe('done');
  });

  it('is done after a post-test whatever the lessons say (a ketua is not told to study again)', () => {
    expect(moduleStage({ ...fresh, preSubmitted: 1, postSubmitted: 1 })).toBe('done');
  });
});
