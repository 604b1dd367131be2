import { eq } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { adminExists } from '../../auth/actor.ts';
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

let readySeen = false;

/**
 * Whether this field server is set up: paired, and its first pull brought the facilitator's sign-in. It then
 * counts as set up like a server with an admin (the first-run page closes). Cached once true: the link stays.
 */
export async function fieldServerReady(db: Executor): Promise<boolean> {
  if (readySeen) return true;
  const link = await readFieldLink(db);
  readySeen = link !== null && link.lastPullAt !== null;
  return readySeen;
}

/** Whether the first run is over: an admin exists, or this is a paired field laptop (which never gets one here). */
export async function serverIsSetUp(db: Executor): Promise<boolean> {
  return (await adminExists(db)) || (await fieldServerReady(db));
}
