import { and, asc, gte, inArray, isNull, or, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { kubes, workshops, type WorkshopPhase } from '../../../db/schema.ts';
import type { Actor } from '../auth/permissions.ts';
import { listModules } from '../learning/curriculum.ts';

export type HomeWorkshop = {
  id: string;
  date: string;
  today: boolean;
  place: string;
  phase: WorkshopPhase;
  kubeName: string;
  moduleTitle: string;
};

/** How many workshops the home page lists; more are on each KUBE's workshop page. */
const SHOWN = 8;

/**
 * The workshops a facilitator runs next: today's and later ones, and any earlier one still open (a workshop
 * left running since yesterday is still hers to close). Soonest first. An admin sees every KUBE's.
 */
export async function listHomeWorkshops(db: Executor, actor: Actor, today: string): Promise<HomeWorkshop[]> {
  const kubeIds = actor.role === 'admin' ? null : actor.role === 'pendamping' ? actor.assignedKubeIds : [];
  if (kubeIds?.length === 0) return [];
  const rows = await db
    .select({
      id: workshops.id,
      date: workshops.date,
      place: workshops.place,
      phase: workshops.phase,
      moduleSlug: workshops.moduleSlug,
      kubeName: kubes.name,
    })
    .from(workshops)
    .innerJoin(kubes, eq(kubes.id, workshops.kubeId))
    .where(
      and(
        kubeIds ? inArray(workshops.kubeId, [...kubeIds]) : undefined,
        or(gte(workshops.date, today), isNull(workshops.closedAt)),
      ),
    )
    .orderBy(asc(workshops.date), asc(workshops.createdAt))
    .limit(SHOWN);
  const titles = new Map((await listModules()).map((m) => [m.id, m.data.title]));
  return rows.map(({ moduleSlug, ...row }) => ({
    ...row,
    today: row.date === today,
    moduleTitle: titles.get(moduleSlug) ?? moduleSlug,
  }));
}
