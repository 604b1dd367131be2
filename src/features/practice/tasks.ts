import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import type { Executor } from '../../../db/client.ts';
import type { Role } from '../../../db/schema.ts';
import { listHeldPositions } from '../learning/curriculum.ts';
import { taskFits } from './rules.ts';

// The practical tasks of content/tasks, as the pages and the reports read them.

export type TaskEntry = CollectionEntry<'tasks'>;

/** Every task, by module then title, so a module's tasks sit together. */
export async function listTasks(moduleSlug?: string): Promise<TaskEntry[]> {
  const tasks = await getCollection('tasks', (task) => !moduleSlug || task.data.module === moduleSlug);
  return tasks.sort((a, b) => a.data.module.localeCompare(b.data.module) || a.data.title.localeCompare(b.data.title));
}

/** A task by its slug; none for an empty or malformed slug, which `getEntry` would throw on. */
export async function getTask(slug: string): Promise<TaskEntry | undefined> {
  if (!/^[a-z0-9-]+$/.test(slug)) return undefined;
  return getEntry('tasks', slug);
}

/** The tasks that fit a person now: their role and the positions they hold today (see `taskFits`). */
export async function tasksForPerson(db: Executor, person: { id: string; role: Role }): Promise<TaskEntry[]> {
  if (person.role !== 'pengurus') return [];
  const held = await listHeldPositions(db, person.id);
  return (await listTasks()).filter((task) => taskFits(task.data, person.role, held));
}
