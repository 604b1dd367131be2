import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { facilitatorAssignments, fieldLink, memberships, people } from '../../../db/schema.ts';
import type { Actor } from './permissions.ts';
import type { SessionPerson } from './session.ts';

/**
 * The KUBE a person belongs to today, or null: one membership is current at a time. (Here, in auth, because
 * every request's actor needs it; `kube` imports auth's `can`, so auth must not import kube.)
 */
export async function findPersonKubeId(db: Executor, personId: string): Promise<string | null> {
  const [row] = await db
    .select({ kubeId: memberships.kubeId })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), isNull(memberships.leftOn)))
    .limit(1);
  return row?.kubeId ?? null;
}

async function listAssignedKubeIds(db: Executor, personId: string): Promise<string[]> {
  const rows = await db
    .select({ kubeId: facilitatorAssignments.kubeId })
    .from(facilitatorAssignments)
    .where(eq(facilitatorAssignments.personId, personId));
  return rows.map((row) => row.kubeId);
}

/**
 * The same, for a person whose KUBE is already known (the session's read brings it): only a facilitator's KUBEs
 * are read.
 */
export async function actorWithKube(
  db: Executor,
  person: Pick<SessionPerson, 'id' | 'role'>,
  kubeId: string | null,
): Promise<Actor> {
  const assignedKubeIds = person.role === 'pendamping' ? await listAssignedKubeIds(db, person.id) : [];
  return { id: person.id, role: person.role, kubeId, assignedKubeIds };
}

/**
 * Completes a signed-in person with what `can()` needs: their KUBE and, for facilitators, their KUBEs. The two
 * reads go out together (one round trip's wait on a libSQL server, not two); never call it inside a transaction.
 */
export async function loadActor(db: Executor, person: Pick<SessionPerson, 'id' | 'role'>): Promise<Actor> {
  const [kubeId, assignedKubeIds] = await Promise.all([
    findPersonKubeId(db, person.id),
    person.role === 'pendamping' ? listAssignedKubeIds(db, person.id) : [],
  ]);
  return { id: person.id, role: person.role, kubeId, assignedKubeIds };
}

let adminSeen = false;

/** Has the first admin been created? Cached once true: an admin is never removed, only deactivated. */
let fieldReadySeen = false;

/**
 * Whether this server is a paired field laptop whose first pull brought its facilitator's sign-in (README: "Field
 * kit"): it then counts as set up like a server with an admin. Cached once true: the link stays.
 */
export async function fieldServerReady(db: Executor): Promise<boolean> {
  if (fieldReadySeen) return true;
  const [link] = await db.select({ id: fieldLink.id }).from(fieldLink).where(isNotNull(fieldLink.lastPullAt)).limit(1);
  fieldReadySeen = link !== undefined;
  return fieldReadySeen;
}

/** Whether the first run is over: an admin exists, or this is a paired field laptop (which never gets one here). */
export async function serverIsSetUp(db: Executor): Promise<boolean> {
  return (await adminExists(db)) || (await fieldServerReady(db));
}

export async function adminExists(db: Executor): Promise<boolean> {
  if (adminSeen) return true;
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.role, 'admin')).limit(1);
  adminSeen = row !== undefined;
  return adminSeen;
}
