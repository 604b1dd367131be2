import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attempts, memberships, people } from '../../../db/schema.ts';
import { todayIso } from '../../lib/dates.ts';
import { byCodeUnits } from '../../lib/order.ts';
import { retentionStage, type RetentionDays, type RetentionStage } from './retention.ts';

// Who is due for a retention test: a person's own offers on their home page, and a KUBE's list on its training
// plan. Both read the counted post-tests and the retention tests handed in, and judge them by the module's days.

/** The modules to look at, with their retention days (content: a module's `retention`). */
export type RetentionModule = { id: string; title: string; retention: RetentionDays };

export type RetentionDue = {
  personId: string;
  name: string;
  moduleSlug: string;
  title: string;
  stage: Extract<RetentionStage, { stage: 'due' | 'late' | 'waiting' }>;
};

/**
 * The retention tests of these people that are open (due or late) on `now`'s day, and, with `soonDays`, those
 * opening within that many days; by name, then module. A person or module with no counted post-test has none.
 */
async function retentionDue(
  db: Executor,
  personIds: readonly string[],
  modules: readonly RetentionModule[],
  now: Date,
  soonDays = 0,
): Promise<RetentionDue[]> {
  if (personIds.length === 0 || modules.length === 0) return [];
  const rows = await db
    .select({
      personId: attempts.personId,
      name: people.name,
      moduleSlug: attempts.moduleSlug,
      kind: attempts.kind,
      submittedAt: attempts.submittedAt,
    })
    .from(attempts)
    .innerJoin(people, eq(people.id, attempts.personId))
    .where(
      and(
        inArray(attempts.personId, [...personIds]),
        inArray(
          attempts.moduleSlug,
          modules.map((m) => m.id),
        ),
        isNotNull(attempts.submittedAt),
        or(and(eq(attempts.kind, 'post'), eq(attempts.counted, true)), eq(attempts.kind, 'retention')),
      ),
    );
  const today = todayIso(now);
  const soon = new Date(now.getTime() + soonDays * 86_400_000);
  const byKey = new Map<string, { personId: string; name: string; moduleSlug: string; post?: Date; kept: boolean }>();
  for (const row of rows) {
    const key = `${row.personId}|${row.moduleSlug}`;
    const entry = byKey.get(key) ?? { personId: row.personId, name: row.name, moduleSlug: row.moduleSlug, kept: false };
    if (row.kind === 'post' && row.submittedAt) entry.post = row.submittedAt;
    if (row.kind === 'retention') entry.kept = true;
    byKey.set(key, entry);
  }
  const moduleOf = new Map(modules.map((m) => [m.id, m]));
  const out: RetentionDue[] = [];
  for (const entry of byKey.values()) {
    const module = moduleOf.get(entry.moduleSlug);
    if (!module || !entry.post) continue;
    const stage = retentionStage(todayIso(entry.post), entry.kept, module.retention, today);
    const opensSoon = stage.stage === 'waiting' && stage.opensOn <= todayIso(soon);
    if (stage.stage === 'due' || stage.stage === 'late' || (soonDays > 0 && opensSoon)) {
      out.push({ personId: entry.personId, name: entry.name, moduleSlug: module.id, title: module.title, stage });
    }
  }
  return out.sort((a, b) => byCodeUnits(a.name, b.name) || byCodeUnits(a.moduleSlug, b.moduleSlug));
}

/** A person's open retention tests, for their home page. */
export const listOwnRetentionDue = (
  db: Executor,
  personId: string,
  modules: readonly RetentionModule[],
  now = new Date(),
) => retentionDue(db, [personId], modules, now);

/** How far ahead a KUBE's plan names the retention tests about to open. */
export const PLAN_SOON_DAYS = 30;

/** The retention tests of a KUBE's present members that are open, or open within PLAN_SOON_DAYS. */
export async function listKubeRetentionDue(
  db: Executor,
  kubeId: string,
  modules: readonly RetentionModule[],
  now = new Date(),
): Promise<RetentionDue[]> {
  const members = await db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.kubeId, kubeId), isNull(memberships.leftOn)));
  return retentionDue(
    db,
    members.map((m) => m.personId),
    modules,
    now,
    PLAN_SOON_DAYS,
  );
}
