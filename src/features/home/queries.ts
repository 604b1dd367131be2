import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { jabatan, kubes, positions } from '../../../db/schema.ts';
import type { Actor } from '../auth/permissions.ts';
import { listKubeOptions } from '../kube/queries.ts';

export type HomeSummary = {
  kube: { id: string; name: string; desa: string } | null;
  /** Names of the positions the person holds today, e.g. ["Bendahara"]. */
  positions: string[];
  /** KUBEs assigned to a facilitator (all KUBEs for an admin). */
  kubes: { id: string; name: string; desa: string }[];
};

/** What the home page shows a person: their KUBE and positions, or the KUBEs they look after. */
export async function getHomeSummary(db: Executor, actor: Actor): Promise<HomeSummary> {
  const [kube] = actor.kubeId
    ? await db
        .select({ id: kubes.id, name: kubes.name, desa: kubes.desa })
        .from(kubes)
        .where(eq(kubes.id, actor.kubeId))
    : [];
  const held = await db
    .select({ name: jabatan.name })
    .from(positions)
    .innerJoin(jabatan, eq(jabatan.code, positions.jabatanCode))
    .where(and(eq(positions.personId, actor.id), isNull(positions.endDate)))
    .orderBy(asc(jabatan.sortOrder));
  const looksAfter =
    actor.role === 'admin'
      ? await listKubeOptions(db)
      : actor.role === 'pendamping'
        ? await listKubeOptions(db, actor.assignedKubeIds)
        : [];
  return { kube: kube ?? null, positions: held.map((row) => row.name), kubes: looksAfter };
}
