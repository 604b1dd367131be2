import type { Executor } from '../../../db/client.ts';
import type { Role } from '../../../db/schema.ts';
import { listPersonScores, scoresOf, type TaskScores } from './queries.ts';
import type { TaskKind } from './service.ts';
import { listTasks, tasksForPerson, type TaskEntry } from './tasks.ts';

// What the person page, the scoring page and the person's own history show of practical tasks.

export type TaskCard = { task: TaskEntry; scores: TaskScores };

/** The tasks that fit the person now, each with its pre and post score. */
export async function loadPersonPractice(db: Executor, person: { id: string; role: Role }): Promise<TaskCard[]> {
  const [tasks, scores] = await Promise.all([tasksForPerson(db, person), listPersonScores(db, person.id)]);
  return tasks.map((task) => ({ task, scores: scoresOf(scores, task.id) }));
}

/** The tasks the person was ever scored on (even one that no longer fits their position), for their own view. */
export async function loadOwnPractice(db: Executor, personId: string): Promise<TaskCard[]> {
  const [tasks, scores] = await Promise.all([listTasks(), listPersonScores(db, personId)]);
  return tasks
    .filter((task) => scores.some((s) => s.taskSlug === task.id))
    .map((task) => ({ task, scores: scoresOf(scores, task.id) }));
}

/** The scoring page: the task (when it fits the person) with the stored scores; null otherwise. */
export async function loadScoringPage(
  db: Executor,
  person: { id: string; role: Role },
  taskSlug: string,
): Promise<TaskCard | null> {
  const card = (await loadPersonPractice(db, person)).find((c) => c.task.id === taskSlug);
  return card ?? null;
}

/** `?jenis=` of the scoring page: pre or post, nothing else. */
export const kindParam = (value: string | null): TaskKind | null =>
  value === 'pre' || value === 'post' ? value : null;
