import { and, eq, lt } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { rateLimits } from '../../../db/schema.ts';

// Failed sign-ins are counted per account and per address. After a few free tries each further failure
// blocks for a doubling wait, capped at 15 minutes, and the count forgets itself after an hour without
// failures: a stranger can slow an account down but never lock its owner out for good. Known limit: an
// attacker with many addresses can keep re-arming the account block, at most 15 minutes at a time.

export type LimitPolicy = { freeFailures: number; baseBlockMs: number; maxBlockMs: number; forgetAfterMs: number };

export const ACCOUNT_POLICY: LimitPolicy = {
  freeFailures: 5,
  baseBlockMs: 30_000,
  maxBlockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};
export const ADDRESS_POLICY: LimitPolicy = { ...ACCOUNT_POLICY, freeFailures: 20 };

export type LimitState = { failures: number; windowStartedAt: number; blockedUntil: number };

/** Pure: the state after one more failure at `now`. */
export function recordFailure(state: LimitState | undefined, policy: LimitPolicy, now: number): LimitState {
  const fresh = !state || now - state.windowStartedAt >= policy.forgetAfterMs;
  const failures = fresh ? 1 : state.failures + 1;
  const over = failures - policy.freeFailures;
  const blockedUntil = over > 0 ? now + Math.min(policy.baseBlockMs * 2 ** (over - 1), policy.maxBlockMs) : 0;
  return { failures, windowStartedAt: fresh ? now : state.windowStartedAt, blockedUntil };
}

/** Milliseconds left before the key may try again; 0 when it may try now. */
export function waitLeft(state: LimitState | undefined, now: number): number {
  return state ? Math.max(0, state.blockedUntil - now) : 0;
}

export async function readLimit(db: Executor, key: string): Promise<LimitState | undefined> {
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key)).limit(1);
  return row;
}

export async function registerFailure(db: Executor, key: string, policy: LimitPolicy, now = Date.now()) {
  const next = recordFailure(await readLimit(db, key), policy, now);
  await db
    .insert(rateLimits)
    .values({ key, ...next })
    .onConflictDoUpdate({ target: rateLimits.key, set: next });
  return next;
}

/** Drops counters that have forgotten themselves, so guessed usernames do not pile up in the table. */
export async function deleteStaleLimits(db: Executor, policy: LimitPolicy, now = Date.now()): Promise<void> {
  await db
    .delete(rateLimits)
    .where(and(lt(rateLimits.windowStartedAt, now - policy.forgetAfterMs), lt(rateLimits.blockedUntil, now)));
}

export async function clearLimit(db: Executor, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
