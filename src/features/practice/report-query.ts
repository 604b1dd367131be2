import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Executor } from '../../../db/client.ts';
import {
  kubes,
  memberships,
  people,
  positions,
  practiceScores,
  workshopAttendance,
  workshops,
} from '../../../db/schema.ts';
import type { PracticePair } from './report.ts';

// The practical-task scores behind the gain report and indicator 2: one pair per person and task, the pre and
// the post scoring. The filters mean what the knowledge report's mean (analytics/pairs.ts ReportScope), with the
// day of the post scoring in the place of the day of the post-test. This slice reads no analytics code: the
// analytics slice reads this one.

export type PracticeScope = {
  /** Only these tasks (a module's); undefined means every task. */
  taskSlugs?: readonly string[] | undefined;
  /** Only these KUBEs (the person's KUBE on the day of the post scoring); undefined means every KUBE. */
  kubeIds?: readonly string[] | undefined;
  /** Only members present at this workshop (of its KUBE). */
  workshopId?: string | undefined;
  /** Only people who held this jabatan on the day of their post scoring. */
  jabatanCode?: string | undefined;
  /** Only people who held any position on the day of their post scoring. */
  officersOnly?: boolean | undefined;
  /** Only people recorded with this sex (the report's and indicator 2's `jk`). */
  sex?: 'L' | 'P' | undefined;
  /** Post scorings done from this day (YYYY-MM-DD), inclusive … */
  from?: string | undefined;
  /** … up to this day, inclusive. */
  to?: string | undefined;
};

const pre = alias(practiceScores, 'pre');
const post = alias(practiceScores, 'post');

const list = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );

type Row = {
  person_id: string;
  name: string;
  kube_id: string;
  kube_name: string;
  task_slug: string;
  post_date: string;
  pre_score: number;
  post_score: number;
};

/** Every pre/post pair of practical scores in the scope, by name, then task. A person with only one side is left out. */
export async function loadPracticePairs(db: Executor, scope: PracticeScope): Promise<PracticePair[]> {
  if (scope.kubeIds?.length === 0 || scope.taskSlugs?.length === 0) return [];
  const m = memberships;
  const day = post.doneOn;
  const where: SQL[] = [sql`${pre.kind} = 'pre'`];
  if (scope.taskSlugs) where.push(sql`${pre.taskSlug} in (${list(scope.taskSlugs)})`);
  if (scope.kubeIds) where.push(sql`${m.kubeId} in (${list(scope.kubeIds)})`);
  if (scope.from) where.push(sql`${day} >= ${scope.from}`);
  if (scope.to) where.push(sql`${day} <= ${scope.to}`);
  if (scope.workshopId) {
    const wa = workshopAttendance;
    where.push(sql`exists (select 1 from ${wa} join ${workshops} on ${workshops.id} = ${wa.workshopId}
      where ${wa.workshopId} = ${scope.workshopId} and ${wa.personId} = ${pre.personId}
        and ${workshops.kubeId} = ${m.kubeId})`);
  }
  const heldOnPostDay = sql`${positions.personId} = ${pre.personId} and ${positions.startDate} <= ${day}
    and (${positions.endDate} is null or ${positions.endDate} >= ${day})`;
  if (scope.officersOnly) where.push(sql`exists (select 1 from ${positions} where ${heldOnPostDay})`);
  if (scope.sex) where.push(sql`${people.sex} = ${scope.sex}`);
  if (scope.jabatanCode) {
    where.push(
      sql`exists (select 1 from ${positions} where ${heldOnPostDay} and ${positions.jabatanCode} = ${scope.jabatanCode})`,
    );
  }
  const rows = await db.all<Row>(sql`
    select ${pre.personId} as person_id, ${people.name} as name, ${m.kubeId} as kube_id, ${kubes.name} as kube_name,
      ${pre.taskSlug} as task_slug, ${day} as post_date, ${pre.score} as pre_score, ${post.score} as post_score
    from ${practiceScores} as ${pre}
    join ${practiceScores} as ${post} on ${post.personId} = ${pre.personId} and ${post.taskSlug} = ${pre.taskSlug}
      and ${post.kind} = 'post'
    join ${people} on ${people.id} = ${pre.personId}
    join ${m} on ${m.personId} = ${pre.personId} and ${m.joinedOn} <= ${day} and (${m.leftOn} is null or ${m.leftOn} > ${day})
    join ${kubes} on ${kubes.id} = ${m.kubeId}
    where ${sql.join(where, sql` and `)}
    order by ${people.name}, ${pre.personId}, ${pre.taskSlug}, ${m.kubeId}
  `);
  return rows.map((row) => ({
    personId: row.person_id,
    name: row.name,
    kubeId: row.kube_id,
    kubeName: row.kube_name,
    taskSlug: row.task_slug,
    postDate: row.post_date,
    pre: row.pre_score,
    post: row.post_score,
  }));
}
