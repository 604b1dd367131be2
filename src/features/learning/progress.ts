import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { lessonCompletions, lessonVisits, moduleProgress } from '../../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { summarizeProgress, type ProgressSummary } from './rules.ts';
import { commitTogether } from '../../../db/group-commit.ts';

export type LessonRef = { moduleSlug: string; lessonId: string; lessonIds: readonly string[] };

/** Recomputes and stores the person's summary of one module from the logs. */
async function refreshSummary(
  db: Executor,
  personId: string,
  ref: Omit<LessonRef, 'lessonId'>,
  now: Date,
): Promise<ProgressSummary> {
  const completed = await db
    .select({ lessonId: lessonCompletions.lessonId })
    .from(lessonCompletions)
    .where(and(eq(lessonCompletions.personId, personId), eq(lessonCompletions.moduleSlug, ref.moduleSlug)));
  const summary = summarizeProgress(
    ref.lessonIds,
    completed.map((row) => row.lessonId),
    true,
  );
  const values = { ...summary, lastActivityAt: now };
  await db
    .insert(moduleProgress)
    .values({ personId, moduleSlug: ref.moduleSlug, ...values })
    .onConflictDoUpdate({ target: [moduleProgress.personId, moduleProgress.moduleSlug], set: values });
  return summary;
}

/**
 * Logs that a person opened a lesson, and moves the module to "sedang belajar". Every lesson view writes, so
 * views that come together share a commit (db/group-commit.ts).
 */
export async function recordLessonVisit(db: Executor, personId: string, ref: LessonRef, now = new Date()) {
  await commitTogether(db, async (tx) => {
    await tx.insert(lessonVisits).values({
      id: newId(),
      personId,
      moduleSlug: ref.moduleSlug,
      lessonId: ref.lessonId,
      visitedAt: now,
    });
    await refreshSummary(tx, personId, ref, now);
  });
}

/** Marks a lesson done. Idempotent: a second mark keeps the first time and changes nothing. */
export async function completeLesson(db: Executor, personId: string, ref: LessonRef, now = new Date()) {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(lessonCompletions)
      .values({ personId, lessonId: ref.lessonId, moduleSlug: ref.moduleSlug, completedAt: now })
      .onConflictDoNothing()
      .returning({ lessonId: lessonCompletions.lessonId });
    if (inserted.length === 0) {
      const [existing] = await tx
        .select()
        .from(moduleProgress)
        .where(and(eq(moduleProgress.personId, personId), eq(moduleProgress.moduleSlug, ref.moduleSlug)));
      if (existing) return { changed: false, summary: existing };
    }
    return { changed: inserted.length > 0, summary: await refreshSummary(tx, personId, ref, now) };
  });
}

/**
 * Marks every lesson of a module done for a person who sat through a workshop's materi phase, the same way
 * as "Tandai selesai": the lessons were taught to them together. Lessons already marked keep their first time.
 */
export async function completeLessonsTogether(
  db: Executor,
  personId: string,
  ref: Omit<LessonRef, 'lessonId'>,
  now = new Date(),
) {
  if (ref.lessonIds.length === 0) return;
  await db.transaction(async (tx) => {
    await tx
      .insert(lessonCompletions)
      .values(ref.lessonIds.map((lessonId) => ({ personId, lessonId, moduleSlug: ref.moduleSlug, completedAt: now })))
      .onConflictDoNothing();
    await refreshSummary(tx, personId, ref, now);
  });
}

/** The person's summaries by module slug. */
export async function listModuleProgress(db: Executor, personId: string) {
  const rows = await db.select().from(moduleProgress).where(eq(moduleProgress.personId, personId));
  return new Map(rows.map((row) => [row.moduleSlug, row]));
}

/** Ids of the lessons of one module the person has finished. */
export async function listCompletedLessons(db: Executor, personId: string, moduleSlug: string): Promise<Set<string>> {
  const rows = await db
    .select({ lessonId: lessonCompletions.lessonId })
    .from(lessonCompletions)
    .where(and(eq(lessonCompletions.personId, personId), eq(lessonCompletions.moduleSlug, moduleSlug)));
  return new Set(rows.map((row) => row.lessonId));
}

/** Every lesson the person finished, grouped by module slug. */
export async function listCompletionsByModule(db: Executor, personId: string): Promise<Map<string, Set<string>>> {
  const rows = await db
    .select({ moduleSlug: lessonCompletions.moduleSlug, lessonId: lessonCompletions.lessonId })
    .from(lessonCompletions)
    .where(eq(lessonCompletions.personId, personId));
  const byModule = new Map<string, Set<string>>();
  for (const row of rows) byModule.set(row.moduleSlug, (byModule.get(row.moduleSlug) ?? new Set()).add(row.lessonId));
  return byModule;
}
