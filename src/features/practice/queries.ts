import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { people, practiceScores } from '../../../db/schema.ts';
import type { TaskKind } from './service.ts';

// Reading practical-task scores: a person's, for their page and their own history.

export type PracticeScore = {
  id: string;
  taskSlug: string;
  taskVersion: number;
  kind: TaskKind;
  checked: string[];
  total: number;
  score: number;
  doneOn: string;
  notes: string | null;
  scoredBy: string | null;
};

/** Every scoring of a person, oldest day first. */
export async function listPersonScores(db: Executor, personId: string): Promise<PracticeScore[]> {
  return db
    .select({
      id: practiceScores.id,
      taskSlug: practiceScores.taskSlug,
      taskVersion: practiceScores.taskVersion,
      kind: practiceScores.kind,
      checked: practiceScores.checked,
      total: practiceScores.total,
      score: practiceScores.score,
      doneOn: practiceScores.doneOn,
      notes: practiceScores.notes,
      scoredBy: people.name,
    })
    .from(practiceScores)
    .leftJoin(people, eq(people.id, practiceScores.scoredBy))
    .where(eq(practiceScores.personId, personId))
    .orderBy(asc(practiceScores.doneOn), asc(practiceScores.kind));
}

/** A person's pre and post of one task (each null until scored). */
export type TaskScores = { pre: PracticeScore | null; post: PracticeScore | null };

export function scoresOf(scores: readonly PracticeScore[], taskSlug: string): TaskScores {
  const find = (kind: TaskKind) => scores.find((s) => s.taskSlug === taskSlug && s.kind === kind) ?? null;
  return { pre: find('pre'), post: find('post') };
}
