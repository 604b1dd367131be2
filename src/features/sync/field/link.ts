import { eq } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { fieldLink } from '../../../../db/schema.ts';
import { DomainError } from '../../../lib/errors.ts';

// A field server is a server with a `field_link` row: the district it was paired with, its device key and how
// far its pushes and pulls got. A server without one is a district (or a single-server installation).

export type FieldLink = typeof fieldLink.$inferSelect;

/** The link to the district, or null on a server that was never paired. */
export async function readFieldLink(db: Executor): Promise<FieldLink | null> {
  const [link] = await db.select().from(fieldLink).where(eq(fieldLink.id, 1)).limit(1);
  return link ?? null;
}

/** The link to the district, or a refusal a person can read: this laptop is not paired. */
export async function requireFieldLink(db: Executor): Promise<FieldLink> {
  const link = await readFieldLink(db);
  if (!link) throw new DomainError('lapangan.error.notPaired', { code: 'CONFLICT' });
  return link;
}

/** Whether this server is a field server (paired with a district). */
export async function isFieldServer(db: Executor): Promise<boolean> {
  return (await readFieldLink(db)) !== null;
}

// Whether a laptop's pairing is complete lives in auth (actor.ts): the first-run rule needs it, and auth must not
// import this slice.
export { fieldServerReady, serverIsSetUp } from '../../auth/actor.ts';
