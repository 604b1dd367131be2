import type { Executor } from '../../../db/client.ts';
import { DomainError } from '../../lib/errors.ts';
import { getModule, listLessons, type LessonEntry, type ModuleEntry } from '../learning/curriculum.ts';
import { openWorkshopByCode } from './join.ts';
import { materiRedirect } from './materi.ts';
import type { Workshop } from './service.ts';

export type MateriPage =
  | { kind: 'redirect'; to: string }
  | { kind: 'not-found' }
  | { kind: 'ok'; workshop: Workshop; module: ModuleEntry; lessons: LessonEntry[]; index: number };

/**
 * A workshop tablet's lessons page: the module's lessons, and with `lessonSlug` the one asked for (index
 * -1 for the list). Decided on every request, so a phase moved on by the facilitator takes effect at the
 * tablet's next tap. Only the workshop's own module's lessons exist here.
 */
export async function loadMateriPage(db: Executor, typed: string, lessonSlug?: string): Promise<MateriPage> {
  let workshop: Workshop | null = null;
  try {
    workshop = await openWorkshopByCode(db, typed);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  const to = materiRedirect(workshop, typed);
  if (to !== null || !workshop) return { kind: 'redirect', to: to ?? '/gabung' };
  const module = await getModule(workshop.moduleSlug);
  if (!module) return { kind: 'not-found' };
  const lessons = await listLessons(module.id);
  if (lessonSlug === undefined) return { kind: 'ok', workshop, module, lessons, index: -1 };
  const index = lessons.findIndex((lesson) => lesson.id === `${module.id}/${lessonSlug}`);
  return index === -1 ? { kind: 'not-found' } : { kind: 'ok', workshop, module, lessons, index };
}
