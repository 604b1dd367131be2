import type { Role } from '../../../db/schema.ts';

// Pure rules of practical tasks, shared by the pages, the actions and the reports.

/** The first day a practical task may be dated: the program's tasks did not exist before. */
export const EARLIEST_TASK_DAY = '2020-01-01';

/**
 * Does the task fit this person? Only officers (pengurus) do practical tasks; a task aimed at some positions
 * fits only someone who holds one of them now.
 */
export function taskFits(task: { positions: readonly string[] }, role: Role, held: readonly string[]): boolean {
  if (role !== 'pengurus') return false;
  return task.positions.length === 0 || task.positions.some((code) => held.includes(code));
}

/** The share of the checklist done, 0–100, rounded to one decimal. */
export function practiceScore(done: number, total: number): number {
  if (total < 1) throw new RangeError('a checklist has at least one point');
  return Math.round((done / total) * 1000) / 10;
}
