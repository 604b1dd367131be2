import type { SessionAudience } from '../../../db/schema.ts';
import type { PathStep } from '../paths/path-schema.ts';

// The program's default sequence of a year's training, from the learning paths: everyone's Hakikat KUBE first;
// then the officers' modules (the management modules every core officer's path has, then each position's own);
// the divisions' module while they form; then the members' business modules. One session a month from the
// first month planned, two in a month when the year has fewer months left than sessions.

export type PlannedSession = {
  moduleSlug: string;
  month: number;
  audience: SessionAudience;
  jabatanCode: string | null;
};

/** The core officers (Permensos 2/2019): a module in the paths of at least two of them is for every officer. */
const CORE = ['ketua', 'sekretaris', 'bendahara'] as const;
/** The module that forms the divisions: for every officer, while the divisions form. */
const DIVISIONS_MODULE = 'divisi-kube';
const FOUNDATION_MODULE = 'hakikat-kube';

export function defaultSequence(
  paths: { members: readonly PathStep[]; byPosition: ReadonlyMap<string, readonly PathStep[]> },
  fromMonth: number,
): PlannedSession[] {
  const order: Omit<PlannedSession, 'month'>[] = [];
  const planned = new Set<string>();
  const add = (moduleSlug: string, audience: SessionAudience, jabatanCode: string | null = null) => {
    if (planned.has(moduleSlug)) return;
    planned.add(moduleSlug);
    order.push({ moduleSlug, audience, jabatanCode });
  };
  add(FOUNDATION_MODULE, 'all');
  const coreSteps = CORE.map((code) => paths.byPosition.get(code) ?? []);
  const inCore = (slug: string) => coreSteps.filter((steps) => steps.some((step) => step.module === slug)).length;
  // The officers' modules, in the ketua's order, then the others' own in theirs.
  for (const [index, steps] of coreSteps.entries()) {
    for (const step of steps) {
      if (step.module === DIVISIONS_MODULE) continue;
      if (inCore(step.module) >= 2) add(step.module, 'officers');
      else add(step.module, 'position', CORE[index] ?? null);
    }
  }
  add(DIVISIONS_MODULE, 'officers');
  for (const step of paths.members) add(step.module, 'all');

  const first = Math.min(Math.max(Math.trunc(fromMonth), 1), 12);
  const months = 13 - first;
  return order.map((session, index) => ({
    ...session,
    month: first + Math.floor((index * months) / order.length),
  }));
}

/** The first month the default plan fills: January of a later year, this month of this year; none for a past year. */
export function firstPlannedMonth(planYear: number, today: string): number | null {
  const thisYear = Number(today.slice(0, 4));
  if (planYear < thisYear) return null;
  return planYear === thisYear ? Number(today.slice(5, 7)) : 1;
}
