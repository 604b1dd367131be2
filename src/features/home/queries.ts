import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { jabatan, kubes, positions } from '../../../db/schema.ts';
import type { Actor } from '../auth/permissions.ts';
import { NO_AREA } from '../kube/area-choice.ts';
import { countKubes, listKubeOptions } from '../kube/queries.ts';

/** KUBEs the home page names; the rest are one link away in the searchable list (`/kube`). */
export const HOME_KUBES = 12;

export type HomeSummary = {
  kube: { id: string; name: string; desa: string } | null;
  /** Names of the positions the person holds today, e.g. ["Bendahara"]. */
  positions: string[];
  /** The first `HOME_KUBES` KUBEs assigned to a facilitator (of all KUBEs for an admin), by name. */
  kubes: { id: string; name: string; desa: string }[];
  /** How many KUBEs they look after in all. */
  kubeCount: number;
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
  const only = actor.role === 'admin' ? undefined : actor.role === 'pendamping' ? actor.assignedKubeIds : [];
  const [looksAfter, kubeCount] = await Promise.all([
    listKubeOptions(db, only, NO_AREA, HOME_KUBES),
    countKubes(db, only),
  ]);
  return { kube: kube ?? null, positions: held.map((row) => row.name), kubes: looksAfter, kubeCount };
}
