import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { listLessons } from '../learning/curriculum.ts';
import { summarizeProgress } from '../learning/rules.ts';

// `attempts.counted` is decided at submission: the first submitted attempt of a person, module and kind counts for
// gain. Attempts from the other side can arrive later with an earlier submission (a field workshop pushed after a
// retake at the district), so each side re-decides it after a sync applies attempts: the earliest submission
// counts, ties broken by id. Run inside the sync's transaction.

export type CountKey = { personId: string; moduleSlug: string; kind: string };

/** Re-decides which attempt counts for each of these person/module/kind triples. */
export async function recountAttempts(tx: Executor, keys: readonly CountKey[]): Promise<void> {
  const unique = new Map(keys.map((key) => [`${key.personId}/${key.moduleSlug}/${key.kind}`, key]));
  for (const { personId, moduleSlug, kind } of unique.values()) {
    const same = sql`person_id = ${personId} and module_slug = ${moduleSlug} and kind = ${kind}`;
    const [first] = await tx.all<{ id: string }>(sql`select id from attempts where ${same}
      and submitted_at is not null order by submitted_at, id limit 1`);
    // Clear first, then set: the unique index allows one counted attempt at every step.
    await tx.run(sql`update attempts set counted = 0 where ${same} and counted = 1 and id != ${first?.id ?? ''}`);
    if (first) await tx.run(sql`update attempts set counted = 1 where id = ${first.id} and counted = 0`);
  }
}

export type ProgressKey = { personId: string; moduleSlug: string };

/**
 * Recounts a person's summary of a module from their lesson completions after a sync applied completions from the
 * other side: two sides' lessons together, never fewer than either (the last activity is the later of the stored
 * one and the last completion). A person with no summary yet gets none here: the next lesson they open makes it.
 */
export async function refreshProgress(tx: Executor, keys: readonly ProgressKey[]): Promise<void> {
  const unique = new Map(keys.map((key) => [`${key.personId}/${key.moduleSlug}`, key]));
  for (const { personId, moduleSlug } of unique.values()) {
    const lessonIds = (await listLessons(moduleSlug)).map((lesson) => lesson.id);
    const completed = await tx.all<{ lesson_id: string; completed_at: number }>(
      sql`select lesson_id, completed_at from lesson_completions where person_id = ${personId} and module_slug = ${moduleSlug}`,
    );
    const summary = summarizeProgress(
      lessonIds,
      completed.map((row) => row.lesson_id),
      true,
    );
    const lastCompleted = Math.max(0, ...completed.map((row) => row.completed_at));
    // Only a summary that changes is written: an update of equal values would still log a change to send.
    await tx.run(sql`update module_progress set progress = ${summary.progress}, state = ${summary.state},
      lessons_completed = ${summary.lessonsCompleted}, lessons_total = ${summary.lessonsTotal},
      last_activity_at = max(last_activity_at, ${lastCompleted})
      where person_id = ${personId} and module_slug = ${moduleSlug}
        and (progress is not ${summary.progress} or state is not ${summary.state}
          or lessons_completed is not ${summary.lessonsCompleted} or lessons_total is not ${summary.lessonsTotal}
          or last_activity_at < ${lastCompleted})`);
  }
}

/**
 * What a sync's written rows leave to re-derive on this side, collected row by row and re-derived once at the end:
 * which attempt counts, and the progress summaries. Both sides use it (district/apply.ts, field/apply.ts).
 */
export class Rederive {
  private readonly counts: CountKey[] = [];
  private readonly progress: ProgressKey[] = [];

  /** Notes a row a sync wrote. */
  note(table: string, row: Readonly<Record<string, unknown>>): void {
    const key = { personId: String(row['person_id']), moduleSlug: String(row['module_slug']) };
    if (table === 'attempts') this.counts.push({ ...key, kind: String(row['kind']) });
    if (table === 'lesson_completions' || table === 'module_progress') this.progress.push(key);
  }

  /** Re-derives what the noted rows touched, inside the sync's transaction. */
  async run(tx: Executor): Promise<void> {
    await recountAttempts(tx, this.counts);
    await refreshProgress(tx, this.progress);
  }
}
