import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockFor, countAttempt, PAIR_POLICY, readLimit, waitLeft } from '../../src/features/auth/rate-limit.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// The one statement that counts an attempt before the secret is checked (rate-limit.ts), on a real database:
// the doubling wait, its cap and the forgotten window, as a person on the other side of it lives them.

const KEY = 'pair:person:m1|addr:192.168.1.66';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => {
  t.cleanup();
});

/** `times` failures one second apart, starting at `start`. */
async function fail(times: number, start = 0, step = 1000) {
  for (let i = 0; i < times; i++) await countAttempt(t.db, KEY, PAIR_POLICY, start + i * step);
  return readLimit(t.db, KEY);
}

describe('countAttempt()', () => {
  it('lets a person mistype a few times without any wait', async () => {
    expect(waitLeft(await fail(5), 5000)).toBe(0);
  });

  it('makes each further failure wait twice as long, and refuses to count while the wait runs', async () => {
    expect((await fail(6))?.blockedUntil).toBe(5000 + 30_000);
    expect(await countAttempt(t.db, KEY, PAIR_POLICY, 6000)).toEqual({ allowed: false, waitMs: 29_000 });
    expect(await countAttempt(t.db, KEY, PAIR_POLICY, 35_000)).toEqual({
      allowed: true,
      blockedUntil: 35_000 + 60_000,
    });
  });

  it('never blocks for more than 15 minutes, so a stranger cannot lock the owner out for good', async () => {
    // Each failure comes as soon as the wait before it ends, until the hour-long window forgets them.
    let now = 0;
    let capped = 0;
    for (let failures = 1; now < PAIR_POLICY.forgetAfterMs; failures++) {
      const counted = await countAttempt(t.db, KEY, PAIR_POLICY, now);
      expect(counted.allowed).toBe(true);
      const blockedUntil = counted.allowed ? counted.blockedUntil : 0;
      // The statement and the pure rule agree on every failure of the run.
      expect(blockedUntil - (blockedUntil ? now : 0)).toBe(blockFor(failures, PAIR_POLICY));
      expect(blockedUntil - now).toBeLessThanOrEqual(15 * 60_000);
      if (blockedUntil - now === 15 * 60_000) capped++;
      now = Math.max(now + 1000, blockedUntil);
    }
    expect(capped).toBeGreaterThan(0);
  });

  it('forgets old failures after an hour without new ones', async () => {
    await fail(5);
    await countAttempt(t.db, KEY, PAIR_POLICY, 8000 + 60 * 60_000);
    const later = await readLimit(t.db, KEY);
    expect(later?.failures).toBe(1);
    expect(later?.blockedUntil).toBe(0);
  });
});
