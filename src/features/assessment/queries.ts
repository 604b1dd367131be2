import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { memberships } from '../../../db/schema.ts';

/** The KUBE a person belongs to today, for the facilitator's permission check. */
export async function findPersonKubeId(db: Executor, personId: string): Promise<string | null> {
  const [row] = await db
    .select({ kubeId: memberships.kubeId })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), isNull(memberships.leftOn)))
    .limit(1);
  return row?.kubeId ?? null;
}
