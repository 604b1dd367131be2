import { describe, expect, it } from 'vitest';
import { allowancesFor } from '../../src/features/assessment/allowances.ts';
import type { TestState } from '../../src/features/assessment/rules.ts';

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
