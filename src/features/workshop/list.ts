import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { WORKSHOP_PHASES, workshops, type WorkshopPhase } from '../../../db/schema.ts';
import { pageWindow } from '../../lib/pages.ts';

// A KUBE's workshops, one page at a time (a KUBE meets for years), newest first, by module and phase if asked.
// `workshops_kube_idx` (kube, date) serves the KUBE and the order.

export type WorkshopFilter = { moduleSlug: string | null; phase: WorkshopPhase | null };

const conditions = (kubeId: string, filter: WorkshopFilter): SQL | undefined =>
  and(
    eq(workshops.kubeId, kubeId),
    filter.moduleSlug ? eq(workshops.moduleSlug, filter.moduleSlug) : undefined,
    filter.phase ? eq(workshops.phase, filter.phase) : undefined,
  );

/** The filter in `?modul=&tahap=`: a module among `moduleSlugs` and a known phase, anything else dropped. */
export function readWorkshopFilter(params: URLSearchParams, moduleSlugs: readonly string[]): WorkshopFilter {
  const moduleSlug = params.get('modul');
  const phase = params.get('tahap');
  return {
    moduleSlug: moduleSlugs.find((slug) => slug === moduleSlug) ?? null,
    phase: WORKSHOP_PHASES.find((known) => known === phase) ?? null,
  };
}

/** One page of the KUBE's workshops with the filter, and how many there are. */
export async function loadWorkshopPage(db: Executor, kubeId: string, filter: WorkshopFilter, params: URLSearchParams) {
  const [total] = await db.select({ n: count() }).from(workshops).where(conditions(kubeId, filter));
  const shown = pageWindow(params, total?.n ?? 0);
  const rows = await db
    .select()
    .from(workshops)
    .where(conditions(kubeId, filter))
    .orderBy(desc(workshops.date), desc(workshops.createdAt))
    .limit(shown.limit)
    .offset(shown.offset);
  return { shown, rows };
}
