import type { Executor } from '../../../db/client.ts';
import { moduleView, type ModuleView } from '../learning/module-state.ts';
import { listCompletedLessons } from '../learning/progress.ts';
import type { RetentionDays } from './retention.ts';
import type { TestState } from './rules.ts';
import { loadTestState } from './service.ts';

/** A person's view of one module, from their tests and the lessons that still exist (see `moduleView`). */
export async function loadModuleView(
  db: Executor,
  personId: string,
  moduleSlug: string,
  lessonIds: readonly string[],
  retention?: RetentionDays,
): Promise<ModuleView & { tests: TestState }> {
  const completed = await listCompletedLessons(db, personId, moduleSlug);
  const tests = await loadTestState(db, personId, moduleSlug, false, retention);
  const count = lessonIds.filter((id) => completed.has(id)).length;
  return { ...moduleView(tests, count, lessonIds.length), tests };
}
