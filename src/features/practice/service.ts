import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { people, practiceScores, type PRACTICE_KINDS } from '../../../db/schema.ts';
import { latestAllowedDate } from '../../lib/dates.ts';
import { DomainError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { findPersonKubeId } from '../auth/actor.ts';
import { can, type Actor } from '../auth/permissions.ts';
import { logCorrection } from '../history/changes.ts';
import { listHeldPositions } from '../learning/curriculum.ts';
import { EARLIEST_TASK_DAY, practiceScore, taskFits } from './rules.ts';

// A facilitator's scoring of a practical task. One row per person, task and kind (pre/post): scoring the same
// kind again is a correction, so the row changes and every changed field goes to the history.

export type TaskKind = (typeof PRACTICE_KINDS)[number];

/** What the service needs of a task: its identity, who it is for, and its checklist as it is now. */
export type TaskShape = { slug: string; version: number; positions: readonly string[]; pointIds: readonly string[] };

export type PracticeInput = {
  personId: string;
  kind: TaskKind;
  /** Ids of the checklist points the person did. */
  checked: readonly string[];
  doneOn: string;
  notes: string | null;
};

/** Records (or corrects) one scoring; `corrected` says whether a row of that kind was already there. */
export async function savePracticeScore(
  db: Executor,
  input: PracticeInput,
  task: TaskShape,
  by: string,
  now = new Date(),
): Promise<{ id: string; corrected: boolean; changed: number }> {
  if (input.doneOn > latestAllowedDate(now)) throw new DomainError('practice.errors.future', { field: 'doneOn' });
  if (input.doneOn < EARLIEST_TASK_DAY) throw new DomainError('practice.errors.tooEarly', { field: 'doneOn' });
  const foreign = input.checked.find((id) => !task.pointIds.includes(id));
  if (foreign !== undefined) throw new DomainError('practice.errors.unknownPoint', { field: `poin-${foreign}` });
  // In the checklist's order, each once, so the same ticks always store the same list.
  const checked = task.pointIds.filter((id) => input.checked.includes(id));
  const values = {
    taskVersion: task.version,
    checked,
    total: task.pointIds.length,
    score: practiceScore(checked.length, task.pointIds.length),
    doneOn: input.doneOn,
    notes: input.notes,
  };
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(practiceScores)
      .where(and(eq(practiceScores.personId, input.personId), eq(practiceScores.taskSlug, task.slug)));
    const current = rows.find((row) => row.kind === input.kind);
    // Before the training comes before after it: a gain read the other way round would mean nothing.
    const other = rows.find((row) => row.kind !== input.kind);
    if (other && (input.kind === 'post' ? input.doneOn < other.doneOn : input.doneOn > other.doneOn)) {
      throw new DomainError(`practice.errors.${input.kind === 'post' ? 'postBeforePre' : 'preAfterPost'}`, {
        field: 'doneOn',
        params: { day: other.doneOn },
      });
    }
    if (!current) {
      const id = newId();
      await tx
        .insert(practiceScores)
        .values({ id, personId: input.personId, taskSlug: task.slug, kind: input.kind, scoredBy: by, ...values });
      return { id, corrected: false, changed: 0 };
    }
    const changed = await logCorrection(
      tx,
      {
        table: practiceScores,
        recordId: current.id,
        before: {
          taskVersion: current.taskVersion,
          checked: current.checked,
          total: current.total,
          score: current.score,
          doneOn: current.doneOn,
          notes: current.notes,
        },
        after: values,
        by,
      },
      now,
    );
    if (changed > 0) await tx.update(practiceScores).set(values).where(eq(practiceScores.id, current.id));
    return { id: current.id, corrected: true, changed };
  });
}

/**
 * The action's whole rule: the caller may score people of the person's KUBE (`practice.score`), and the task
 * fits the person now (an officer, holding one of its positions if it names any); then `savePracticeScore`.
 */
export async function scorePracticeTask(
  db: Executor,
  actor: Actor | null,
  input: PracticeInput,
  task: TaskShape,
  now = new Date(),
): Promise<{ id: string; corrected: boolean; changed: number }> {
  const kubeId = await findPersonKubeId(db, input.personId);
  if (!actor || !can(actor, 'practice.score', { kubeId }))
    throw new DomainError('errors.forbidden', { code: 'FORBIDDEN' });
  const [person] = await db.select({ role: people.role }).from(people).where(eq(people.id, input.personId));
  const held = person ? await listHeldPositions(db, input.personId) : [];
  if (!person || !taskFits(task, person.role, held)) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
  return savePracticeScore(db, input, task, actor.id, now);
}
