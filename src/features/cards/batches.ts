import { newId } from '../../lib/ids.ts';
import type { MemberCard } from './card.ts';

// Reissued cards between the post that made them and the one page that shows them: in this server's memory
// only, under a random id, for the person who made them, once, and for a short while.

const TTL_MS = 30 * 60 * 1000;
const MAX_BATCHES = 50;

type Batch = { ownerId: string; cards: MemberCard[]; expiresAt: number };

const batches = new Map<string, Batch>();

/** Keeps cards for `ownerId` to open once; returns their id. */
export function keepCards(ownerId: string, cards: MemberCard[], now = Date.now()): string {
  for (const [id, batch] of batches) if (batch.expiresAt <= now) batches.delete(id);
  while (batches.size >= MAX_BATCHES) {
    const oldest = batches.keys().next().value;
    if (oldest === undefined) break;
    batches.delete(oldest);
  }
  const id = newId();
  batches.set(id, { ownerId, cards, expiresAt: now + TTL_MS });
  return id;
}

/** The cards, once, for the person who made them; null when unknown, shown before, expired or someone else's. */
export function takeCards(ownerId: string, id: string, now = Date.now()): MemberCard[] | null {
  const batch = batches.get(id);
  if (!batch || batch.ownerId !== ownerId) return null;
  batches.delete(id);
  return batch.expiresAt > now ? batch.cards : null;
}
