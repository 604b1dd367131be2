import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { facilitatorAssignments, people } from '../../../db/schema.ts';
import { findPersonKubeId } from '../kube/queries.ts';
import type { Actor } from './permissions.ts';
import type { SessionPerson } from './session.ts';

/** Completes a signed-in person with what `can()` needs: their KUBE and, for facilitators, their KUBEs. */
export async function loadActor(db: Executor, person: SessionPerson): Promise<Actor> {
  const assigned =
    person.role === 'pendamping'
      ? await db
          .select({ kubeId: facilitatorAssignments.kubeId })
          .from(facilitatorAssignments)
          .where(eq(facilitatorAssignments.personId, person.id))
      : [];
  return {
    id: person.id,
    role: person.role,
    kubeId: await findPersonKubeId(db, person.id),
    assignedKubeIds: assigned.map((row) => row.kubeId),
  };
}

let adminSeen = false;

/** Has the first admin been created? Cached once true: an admin is never removed, only deactivated. */
export async function adminExists(db: Executor): Promise<boolean> {
  if (adminSeen) return true;
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.role, 'admin')).limit(1);
  adminSeen = row !== undefined;
  return adminSeen;
}
