import { getEntry } from 'astro:content';
import { db } from '../../lib/db.ts';
import { listLessons } from '../learning/curriculum.ts';
import { listCompletedLessons } from '../learning/progress.ts';
import type { ModuleTest } from './service.ts';

/** A module's test as the service needs it: its design and its question bank from the content. */
export async function loadModuleTest(slug: string): Promise<ModuleTest | null> {
  const module = await getEntry('modules', slug);
  const bank = await getEntry('questions', slug);
  if (!module || !bank) return null;
  return {
    slug,
    testDesign: module.data.testDesign,
    questions: bank.data.questions,
    retention: module.data.retention,
  };
}

/** Has the person marked every lesson of the module done? */
export async function lessonsDoneBy(personId: string, slug: string): Promise<boolean> {
  const lessons = await listLessons(slug);
  const completed = await listCompletedLessons(db, personId, slug);
  return lessons.length > 0 && lessons.every((lesson) => completed.has(lesson.id));
}
