import type { Executor } from '../../db/client.ts';
import { practiceScores } from '../../db/schema.ts';

/** One facilitator's scoring of a practical task, written straight into the table (the form is another slice's). */
export async function seedPracticeScore(
  db: Executor,
  row: { personId: string; taskSlug: string; kind: 'pre' | 'post'; score: number; doneOn: string },
): Promise<void> {
  // A checklist of 6 points, as content/tasks/buku-kas-sebulan.yaml; `checked` only needs the right length here.
  const total = 6;
  const done = Math.round((row.score / 100) * total);
  await db.insert(practiceScores).values({
    id: `${row.personId}-${row.taskSlug}-${row.kind}`,
    ...row,
    taskVersion: 1,
    checked: Array.from({ length: done }, (_, i) => `p${String(i + 1)}`),
    total,
  });
}
