import { gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { rateLimits } from '../../../db/schema.ts';
import { pairPrefix, personAccount } from '../auth/attempts.ts';
import { listParticipants, type Workshop } from './service.ts';

// The PIN counters that keep a workshop's members out: each member's pair keys (member × tablet or address)
// and the sources named in them (the part of a pair key after `|`, which is a source key without `src:`).

async function memberPairKeys(db: Executor, workshop: Workshop, now?: number): Promise<string[]> {
  const members = await listParticipants(db, workshop);
  if (members.length === 0) return [];
  const prefixes = members.map((m) => pairPrefix(personAccount(m.personId)));
  // substr() rather than LIKE: ids and addresses may hold `_`, which LIKE would read as a wildcard.
  const matches = sql.join(
    prefixes.map((prefix) => sql`substr(${rateLimits.key}, 1, ${prefix.length}) = ${prefix}`),
    sql` OR `,
  );
  const rows = await db
    .select({ key: rateLimits.key })
    .from(rateLimits)
    .where(now === undefined ? sql`(${matches})` : sql`(${matches}) AND ${gt(rateLimits.blockedUntil, now)}`);
  return rows.map((r) => r.key);
}

/** How many of the workshop's members are waiting out a PIN block right now. */
export async function countPinBlocks(db: Executor, workshop: Workshop, now = Date.now()): Promise<number> {
  const keys = await memberPairKeys(db, workshop, now);
  return new Set(keys.map((key) => key.slice(0, key.indexOf('|')))).size;
}

/**
 * The facilitator vouches for the room: forgets every PIN failure of the workshop's members and of the
 * tablets and addresses they were tried from. Returns how many counters were dropped.
 */
export async function clearPinBlocks(db: Executor, workshop: Workshop): Promise<number> {
  return db.transaction(async (tx) => {
    const pairs = await memberPairKeys(tx, workshop);
    const sources = pairs.map((key) => `src:${key.slice(key.indexOf('|') + 1)}`);
    const keys = [...new Set([...pairs, ...sources])];
    if (keys.length === 0) return 0;
    const dropped = await tx.delete(rateLimits).where(inArray(rateLimits.key, keys)).returning({ key: rateLimits.key });
    return dropped.length;
  });
}
