import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { rateLimits } from '../../../db/schema.ts';

// A counter per key (a source, or an account tried from one source). After a few free tries each further
// failure blocks the key for a doubling wait, capped at 15 minutes, and the count forgets itself an hour
// after its first failure. Every attempt is counted *before* the secret is checked, in one statement, so a
// burst of concurrent guesses cannot slip past the allowance (a check and a later count would race).

export type LimitPolicy = { freeFailures: number; baseBlockMs: number; maxBlockMs: number; forgetAfterMs: number };

const HOUR = 60 * 60_000;

/** One account tried from one source (address or device): the owner elsewhere never feels it. */
export const PAIR_POLICY: LimitPolicy = {
  freeFailures: 5,
  baseBlockMs: 30_000,
  maxBlockMs: 15 * 60_000,
  forgetAfterMs: HOUR,
};
/** One tablet, shared by a room of members who mistype now and then. */
export const DEVICE_POLICY: LimitPolicy = { ...PAIR_POLICY, freeFailures: 10 };
/** One address, which several tablets may share behind one router. */
export const ADDRESS_POLICY: LimitPolicy = { ...PAIR_POLICY, freeFailures: 20 };

export type LimitState = { failures: number; windowStartedAt: number; blockedUntil: number };

/**
 * Pure: how long the `failures`-th failure in a window blocks the key (0 while still free). `countAttempt`
 * computes the same in SQL; tests/integration/count-attempt.test.ts checks that the two agree.
 */
export function blockFor(failures: number, policy: LimitPolicy): number {
  const over = failures - policy.freeFailures;
  return over > 0 ? Math.min(policy.baseBlockMs * 2 ** Math.min(over - 1, 20), policy.maxBlockMs) : 0;
}

/** Milliseconds left before the key may try again; 0 when it may try now. */
export function waitLeft(state: LimitState | undefined, now: number): number {
  return state ? Math.max(0, state.blockedUntil - now) : 0;
}

export type Counted = { allowed: true; blockedUntil: number } | { allowed: false; waitMs: number };

/**
 * Counts one attempt for `key` unless it is blocked, atomically: the upsert's WHERE skips a blocked row,
 * and then RETURNING gives nothing. A counted attempt is a failure until the caller undoes it.
 */
export async function countAttempt(db: Executor, key: string, policy: LimitPolicy, now = Date.now()): Promise<Counted> {
  const { freeFailures: free, baseBlockMs: base, maxBlockMs: max, forgetAfterMs: forget } = policy;
  const firstBlock = blockFor(1, policy) > 0 ? now + blockFor(1, policy) : 0;
  const rows = await db.all<{ blocked_until: number }>(sql`
    INSERT INTO rate_limits (key, failures, window_started_at, blocked_until)
    VALUES (${key}, 1, ${now}, ${firstBlock})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN ${now} - window_started_at >= ${forget} THEN 1 ELSE failures + 1 END,
      window_started_at = CASE WHEN ${now} - window_started_at >= ${forget} THEN ${now} ELSE window_started_at END,
      blocked_until = CASE
        WHEN ${now} - window_started_at >= ${forget} THEN ${firstBlock}
        WHEN failures + 1 > ${free} THEN ${now} + min(${base} << min(failures - ${free}, 20), ${max})
        ELSE 0 END
    WHERE rate_limits.blocked_until <= ${now}
    RETURNING blocked_until`);
  const [row] = rows;
  if (row) return { allowed: true, blockedUntil: row.blocked_until };
  // Refused: the row is blocked, so reading its wait now cannot let anything through.
  return { allowed: false, waitMs: Math.max(1000, waitLeft(await readLimit(db, key), now)) };
}

/** Takes back one counted attempt that turned out right (or was never checked). */
export async function undoAttempt(db: Executor, key: string, policy: LimitPolicy): Promise<void> {
  await db.run(sql`
    UPDATE rate_limits SET
      failures = max(failures - 1, 0),
      blocked_until = CASE WHEN failures - 1 > ${policy.freeFailures} THEN blocked_until ELSE 0 END
    WHERE key = ${key}`);
}

export async function readLimit(db: Executor, key: string): Promise<LimitState | undefined> {
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key)).limit(1);
  return row;
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
