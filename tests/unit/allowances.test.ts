import { describe, expect, it } from 'vitest';
import { allowancesFor, refuseAllowance } from '../../src/features/assessment/allowances.ts';
import type { TestState } from '../../src/features/assessment/rules.ts';
import { TEST_PERMISSIONS } from '../../db/schema.ts';

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
const kinds = (state: Partial<TestState>) => allowancesFor({ ...fresh, ...state }).map((a) => a.kind);

describe('allowancesFor()', () => {
  it('offers waiving the pre-test and opening the post-test before any test, and no retakes', () => {
    expect(kinds({})).toEqual(['waive_pre', 'open_post']);
  });

  it('no longer offers "Bebaskan dari pre-test" once the pre-test is handed in', () => {
    expect(kinds({ preSubmitted: 1 })).toEqual(['open_post', 'retake_pre']);
  });

  it('offers a retake of the post-test only after the post-test, and nothing for the pre-test then', () => {
    expect(kinds({ preSubmitted: 1, postSubmitted: 1 })).toEqual(['retake_post']);
  });

  it('offers to take back an allowance still in force, and to give a used retake again', () => {
    expect(allowancesFor({ ...fresh, preWaived: true })).toContainEqual({ kind: 'waive_pre', given: true });
    expect(allowancesFor({ ...fresh, preSubmitted: 2, retakePre: false })).toContainEqual({
      kind: 'retake_pre',
      given: false,
    });
  });
});

describe('refuseAllowance()', () => {
  const refused = (state: Partial<TestState>, kind: Parameters<typeof refuseAllowance>[1]) =>
    refuseAllowance({ ...fresh, ...state }, kind);

  it('refuses "Bebaskan dari pre-test" once the pre-test is handed in, and says why', () => {
    expect(refused({}, 'waive_pre')).toBeNull();
    expect(refused({ preSubmitted: 1 }, 'waive_pre')).toBe('grant.errors.preTaken');
  });

  it('refuses a retake of a test never handed in', () => {
    expect(refused({}, 'retake_pre')).toBe('grant.errors.preNotTaken');
    expect(refused({ preSubmitted: 1 }, 'retake_post')).toBe('grant.errors.postNotTaken');
  });

  it('refuses opening the post-test, or a pre-test retake, once the post-test is handed in', () => {
    expect(refused({ preSubmitted: 1, postSubmitted: 1 }, 'open_post')).toBe('grant.errors.postTaken');
    expect(refused({ preSubmitted: 1, postSubmitted: 1 }, 'retake_pre')).toBe('grant.errors.retakePreAfterPost');
  });

  it('gives exactly what the page offers, in every state, an allowance already in force included', () => {
    const counts = [0, 1, 2];
    const flags = [false, true];
    for (const preSubmitted of counts)
      for (const postSubmitted of counts)
        for (const given of flags) {
          const state: TestState = {
            ...fresh,
            preSubmitted,
            postSubmitted,
            preWaived: given,
            postOpened: given,
            retakePre: given,
            retakePost: given,
          };
          const offered = allowancesFor(state).map((a) => a.kind);
          for (const kind of TEST_PERMISSIONS) {
            expect(refuseAllowance(state, kind) === null, `${kind} in ${JSON.stringify(state)}`).toBe(
              offered.includes(kind),
            );
          }
        }
  });
});
