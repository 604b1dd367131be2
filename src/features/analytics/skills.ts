import { getCollection } from 'astro:content';
import type { Executor } from '../../../db/client.ts';
import { loadPracticePairs } from '../practice/report-query.ts';
import { skillReport, type SkillReport, type TaskName } from '../practice/report.ts';
import type { ReportScope } from './pairs.ts';

// The skills part of a gain report (issue 16, point 3): the practical tasks of the module reported on, scored
// by the facilitator before and after, under the same filters as the knowledge part.

/** The practical tasks (content/tasks) of a module, by title. */
export async function moduleTasks(moduleSlug: string): Promise<TaskName[]> {
  const tasks = await getCollection('tasks', (task) => task.data.module === moduleSlug);
  return tasks
    .map((task) => ({ slug: task.data.slug, title: task.data.title }))
    .sort((a, b) => a.title.localeCompare(b.title, 'id'));
}

/** Every practical task's title by its slug. */
export async function taskTitles(): Promise<Map<string, string>> {
  return new Map((await getCollection('tasks')).map((task) => [task.data.slug, task.data.title]));
}

/**
 * The skills part for one module and the report's filters; null when no module is chosen or the module has no
 * task (the report then shows no skills part at all).
 */
export async function loadSkills(
  db: Executor,
  scope: ReportScope,
  tasks: readonly TaskName[],
): Promise<SkillReport | null> {
  if (!scope.moduleSlug || tasks.length === 0) return null;
  const pairs = await loadPracticePairs(db, {
    taskSlugs: tasks.map((task) => task.slug),
    kubeIds: scope.kubeIds,
    workshopId: scope.workshopId,
    jabatanCode: scope.jabatanCode,
    sex: scope.sex,
    officersOnly: scope.officersOnly,
    from: scope.from,
    to: scope.to,
  });
  return skillReport(pairs, tasks);
}
