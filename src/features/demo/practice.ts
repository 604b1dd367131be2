// The demo officers' practical tasks (content/tasks), scored by the facilitator before the training and after
// it, on the days of their pre-tests and post-tests: the skill beside the knowledge in the gain report and
// indicator 2. Read from the content files, as the demo's tests are (seeds run outside Astro).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Executor } from '../../../db/client.ts';
import { practiceScores } from '../../../db/schema.ts';
import { practiceTaskSchema } from '../practice/task-schema.ts';

type Scoring = { personId: string; task: string; pre: number; post: number };

/** The first `done` points of the task's checklist, as a stored scoring. */
function scoring(id: string, personId: string, slug: string, kind: 'pre' | 'post', done: number, day: string) {
  const task = practiceTaskSchema.parse(parse(readFileSync(`content/tasks/${slug}.yaml`, 'utf8')));
  const total = task.checklist.length;
  const checked = task.checklist.slice(0, Math.min(done, total)).map((point) => point.id);
  return {
    id,
    personId,
    taskSlug: slug,
    taskVersion: task.version,
    kind,
    checked,
    total,
    score: Math.round((checked.length / total) * 1000) / 10,
    doneOn: day,
  };
}

export async function seedDemoPractice(
  tx: Executor,
  ids: { facilitator: string; ketua: string; sekretaris: string; bendahara: string },
  days: { pre: string; post: string },
): Promise<void> {
  const plan: Scoring[] = [
    { personId: ids.bendahara, task: 'buku-kas-sebulan', pre: 2, post: 6 },
    { personId: ids.ketua, task: 'laporan-bulanan', pre: 2, post: 5 },
    { personId: ids.sekretaris, task: 'laporan-bulanan', pre: 1, post: 5 },
    { personId: ids.ketua, task: 'musyawarah-divisi', pre: 3, post: 6 },
  ];
  const rows = plan.flatMap((p, n) => [
    scoring(`demopraktik${String(n + 1)}a`, p.personId, p.task, 'pre', p.pre, days.pre),
    scoring(`demopraktik${String(n + 1)}b`, p.personId, p.task, 'post', p.post, days.post),
  ]);
  await tx.insert(practiceScores).values(rows.map((row) => ({ ...row, scoredBy: ids.facilitator })));
}
