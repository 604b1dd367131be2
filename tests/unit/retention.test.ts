import { describe, expect, it } from 'vitest';
import { retentionForm, retentionStage } from '../../src/features/assessment/retention.ts';
import { canStartTest, type TestState } from '../../src/features/assessment/rules.ts';
import { firstPhase, nextPhase } from '../../src/features/workshop/rules.ts';
import { groupRetainedShare, retainedShare } from '../../src/lib/stats/index.ts';
import { daysAfter, daysBetween } from '../../src/lib/dates.ts';

const DAYS = { opensAfterDays: 60, dueByDays: 90 };

describe('retentionStage()', () => {
  it('waits until the day the module names, is due until its last day, then late', () => {
    expect(retentionStage(null, false, DAYS, '2026-06-01')).toEqual({ stage: 'no_post' });
    expect(retentionStage('2026-03-10', false, DAYS, '2026-05-08')).toEqual({
      stage: 'waiting',
      opensOn: '2026-05-09',
      dueOn: '2026-06-08',
    });
    expect(retentionStage('2026-03-10', false, DAYS, '2026-05-09').stage).toBe('due');
    expect(retentionStage('2026-03-10', false, DAYS, '2026-06-08').stage).toBe('due');
    expect(retentionStage('2026-03-10', false, DAYS, '2026-06-09')).toEqual({
      stage: 'late',
      opensOn: '2026-05-09',
      dueOn: '2026-06-08',
      closesOn: '2026-09-06',
    });
    // Twice the due days after the post-test it closes: no longer offered.
    expect(retentionStage('2026-03-10', false, DAYS, '2026-09-06').stage).toBe('late');
    expect(retentionStage('2026-03-10', false, DAYS, '2026-09-07')).toEqual({
      stage: 'missed',
      closesOn: '2026-09-06',
    });
    expect(retentionStage('2026-03-10', true, DAYS, '2026-06-09')).toEqual({ stage: 'done' });
  });

  it('counts calendar days across months and a leap day', () => {
    expect(daysAfter('2027-12-31', 60)).toBe('2028-02-29');
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(retentionStage('2027-12-31', false, { opensAfterDays: 30, dueByDays: 45 }, '2028-01-30').stage).toBe('due');
  });
});

describe('retentionForm()', () => {
  const forms = [
    { form: 'A', questionIds: ['a1', 'a2'] },
    { form: 'B', questionIds: ['b1', 'b2'] },
  ] as const;
  const took = (form: 'A' | 'B' | null, ...questionIds: string[]) => ({ form, questionIds });

  it('takes the form least seen: one not yet taken, else the one seen longest ago', () => {
    expect(retentionForm(forms, [took('B', 'b1', 'b2')])).toBe('A');
    expect(retentionForm(forms, [took('B', 'b1', 'b2'), took('A', 'a1', 'a2')])).toBe('B');
    expect(retentionForm(forms, [took('A', 'a1', 'a2'), took('B', 'b1', 'b2')])).toBe('A');
    expect(retentionForm(forms, [])).toBe('A');
  });

  it('reads the questions an attempt showed, not its letter', () => {
    // A pre-test before the forms showed a1, a2 and b1; the post-test B. B is the more seen (b1 twice, b2).
    expect(retentionForm(forms, [took(null, 'a1', 'a2', 'b1'), took('B', 'b1', 'b2')])).toBe('A');
    // It showed only b1: A is unseen.
    expect(retentionForm(forms, [took(null, 'b1'), took('B', 'b1', 'b2')])).toBe('A');
    // It showed a1 alone, the post-test A: B unseen.
    expect(retentionForm(forms, [took(null, 'a1'), took('A', 'a1', 'a2')])).toBe('B');
    expect(retentionForm([], [took('A', 'a1')])).toBeNull();
  });
});

describe('canStartTest() for a retention test', () => {
  const base: TestState = {
    preSubmitted: 1,
    postSubmitted: 1,
    preWaived: false,
    postOpened: false,
    retakePre: false,
    retakePost: false,
    lessonsDone: true,
    hasOpenPre: false,
    hasOpenPost: false,
    hasOpenRetention: false,
    retention: { stage: 'due', opensOn: '2026-05-09', dueOn: '2026-06-08' },
  };

  it('follows the stage, and always lets an open one be finished', () => {
    expect(canStartTest('retention', base)).toEqual({ allowed: true });
    const late = { stage: 'late', opensOn: '2026-05-09', dueOn: '2026-06-08', closesOn: '2026-09-06' } as const;
    expect(canStartTest('retention', { ...base, retention: late })).toEqual({
      allowed: true,
    });
    expect(
      canStartTest('retention', {
        ...base,
        retention: { stage: 'waiting', opensOn: '2026-05-09', dueOn: '2026-06-08' },
      }),
    ).toEqual({ allowed: false, reason: 'retention_wait', opensOn: '2026-05-09' });
    expect(canStartTest('retention', { ...base, retention: { stage: 'no_post' } })).toEqual({
      allowed: false,
      reason: 'post_first',
    });
    expect(canStartTest('retention', { ...base, retention: { stage: 'missed', closesOn: '2026-09-06' } })).toEqual({
      allowed: false,
      reason: 'retention_missed',
    });
    expect(canStartTest('retention', { ...base, retention: { stage: 'done' } })).toEqual({
      allowed: false,
      reason: 'retention_done',
    });
    expect(canStartTest('retention', { ...base, hasOpenRetention: true, retention: { stage: 'done' } })).toEqual({
      allowed: true,
    });
  });
});

describe('a retention workshop’s phases', () => {
  it('starts at the retention test and ends after it', () => {
    expect(firstPhase('retention')).toBe('retention_test');
    expect(nextPhase('retention_test')).toBe('selesai');
    expect(firstPhase('learning')).toBe('pre_test');
    expect([nextPhase('pre_test'), nextPhase('materi'), nextPhase('post_test'), nextPhase('selesai')]).toEqual([
      'materi',
      'post_test',
      'selesai',
      null,
    ]);
  });
});

describe('retainedShare() and groupRetainedShare()', () => {
  it('is (c − a) / (b − a), null without a gain', () => {
    expect(retainedShare(25, 75, 50)).toBe(0.5);
    expect(retainedShare(25, 75, 75)).toBe(1);
    expect(retainedShare(25, 75, 25)).toBe(0);
    expect(retainedShare(25, 75, 100)).toBe(1.5);
    expect(retainedShare(50, 50, 75)).toBeNull();
    expect(retainedShare(Number.NaN, 50, 75)).toBeNull();
  });

  it('takes the group’s means, not the mean of the shares', () => {
    // Means 20, 60, 50: (50 − 20) / (60 − 20) = 0.75, while the people's own shares are 1, 0.5 and 2/3.
    expect(groupRetainedShare([0, 20, 40], [50, 60, 70], [50, 40, 60])).toBeCloseTo(0.75, 9);
    expect(groupRetainedShare([], [], [])).toBeNull();
    expect(groupRetainedShare([0, 10], [50], [40, 30])).toBeNull();
  });
});
