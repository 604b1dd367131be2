import { describe, expect, it } from 'vitest';
import { blockFor, PAIR_POLICY, recordFailure, waitLeft, type LimitState } from '../../src/features/auth/rate-limit.ts';

const fail = (times: number, start = 0, step = 1000) => {
  let state: LimitState | undefined;
  for (let i = 0; i < times; i++) state = recordFailure(state, PAIR_POLICY, start + i * step);
  return state;
};

describe('recordFailure()', () => {
  it('lets a person mistype a few times without any wait', () => {
    const state = fail(5);
    expect(waitLeft(state, 5000)).toBe(0);
  });

  it('makes each further failure wait twice as long', () => {
    const sixth = fail(6);
    expect(sixth?.blockedUntil).toBe(5000 + 30_000);
    const seventh = recordFailure(sixth, PAIR_POLICY, 6000);
    expect(seventh.blockedUntil).toBe(6000 + 60_000);
  });

  it('never blocks for more than 15 minutes, so a stranger cannot lock the owner out for good', () => {
    const state = fail(40);
    expect(waitLeft(state, 39_000)).toBeLessThanOrEqual(15 * 60_000);
    expect(waitLeft(state, 39_000 + 15 * 60_000)).toBe(0);
  });

  it('forgets old failures after an hour without new ones', () => {
    const old = fail(9);
    const later = recordFailure(old, PAIR_POLICY, 8000 + 60 * 60_000);
    expect(later.failures).toBe(1);
    expect(later.blockedUntil).toBe(0);
  });
});

describe('blockFor()', () => {
  it('agrees with recordFailure() on every failure of a long run', () => {
    let state: LimitState | undefined;
    for (let failures = 1; failures <= 40; failures++) {
      state = recordFailure(state, PAIR_POLICY, 1000);
      expect(state.blockedUntil - (state.blockedUntil ? 1000 : 0)).toBe(blockFor(failures, PAIR_POLICY));
    }
  });
});
