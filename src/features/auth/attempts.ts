import type { Executor } from '../../../db/client.ts';
import {
  ADDRESS_POLICY,
  clearLimit,
  countAttempt,
  deleteStaleLimits,
  DEVICE_POLICY,
  PAIR_POLICY,
  undoAttempt,
  type LimitPolicy,
} from './rate-limit.ts';

// Who may try a secret how often (F4–F7 of the security review). Failures slow down the source that makes
// them — its address, and a tablet's device cookie when it has one — and the pair of account and source.
// Nothing is counted per account alone, so a stranger's guesses never refuse the owner's right secret from
// another address or tablet. Known limit: tablets behind one router share an address, so a guesser among them
// slows the others once the address's generous allowance is spent; the facilitator can clear it from the board.

/** Where an attempt comes from: the client address, and the tablet's own id when it sent one. */
export type Source = { address: string; device: string | null };

export type Outcome = { ok: true } | { ok: false; waitMs: number };

/** The account part of a pair key; a member's PIN counts the same at /masuk and in every workshop. */
export const personAccount = (personId: string) => `person:${personId}`;
export const unknownAccount = (username: string) => `user:${username}`;

const sourceId = (source: Source) => (source.device ? `dev:${source.device}` : `addr:${source.address}`);

/** Every pair key of an account starts so, whatever the source. */
export const pairPrefix = (account: string) => `pair:${account}|`;

/** The pair key of an account tried from a source; `pair:<account>|<source>`. */
export const pairKey = (account: string, source: Source) => `${pairPrefix(account)}${sourceId(source)}`;

/** The counters one attempt touches, the pair first. */
function keysOf(account: string, source: Source): { key: string; policy: LimitPolicy }[] {
  const keys = [
    { key: pairKey(account, source), policy: PAIR_POLICY },
    { key: `src:addr:${source.address}`, policy: ADDRESS_POLICY },
  ];
  if (source.device) keys.push({ key: `src:dev:${source.device}`, policy: DEVICE_POLICY });
  return keys;
}

/**
 * Counts the attempt on every key first, and only then runs `verify` (argon2): a burst of concurrent
 * guesses gets exactly the allowance verified. A right secret clears the pair and takes back its count from
 * the sources; a wrong one stays counted. `waitMs` > 0 says how long this source must wait.
 */
export async function checkSecretLimited(
  db: Executor,
  attempt: { account: string; source: Source; verify: () => Promise<boolean> },
  now = Date.now(),
): Promise<Outcome> {
  const keys = keysOf(attempt.account, attempt.source);
  const counted: typeof keys = [];
  let blockedUntil = 0;
  for (const entry of keys) {
    const result = await countAttempt(db, entry.key, entry.policy, now);
    if (!result.allowed) {
      // Never checked, so never a failure: the keys counted so far get their attempt back.
      for (const done of counted) await undoAttempt(db, done.key, done.policy);
      return { ok: false, waitMs: result.waitMs };
    }
    counted.push(entry);
    blockedUntil = Math.max(blockedUntil, result.blockedUntil);
  }
  if (await attempt.verify()) {
    const [pair, ...sources] = keys;
    if (pair) await clearLimit(db, pair.key);
    for (const entry of sources) await undoAttempt(db, entry.key, entry.policy);
    return { ok: true };
  }
  // Housekeeping at a natural moment: counters past their window can never block again.
  await deleteStaleLimits(db, PAIR_POLICY, now);
  return { ok: false, waitMs: Math.max(0, blockedUntil - now) };
}
