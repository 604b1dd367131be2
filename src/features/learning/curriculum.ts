import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { positions } from '../../../db/schema.ts';
import { can, type Actor } from '../auth/permissions.ts';
import { isModuleFor, mayPreviewAll } from './rules.ts';

export type ModuleEntry = CollectionEntry<'modules'>;
export type LessonEntry = CollectionEntry<'lessons'>;

/** Every module, in the curriculum's order. */
export async function listModules(): Promise<ModuleEntry[]> {
  const modules = await getCollection('modules');
  return modules.sort((a, b) => a.data.order - b.data.order);
}

/** A module's lessons, in order; their URL is `/belajar/<lesson id>`. */
export async function listLessons(moduleSlug: string): Promise<LessonEntry[]> {
  const lessons = await getCollection('lessons', (lesson) => lesson.data.module === moduleSlug);
  return lessons.sort((a, b) => a.data.order - b.data.order);
}

/**
 * Modules found so far. In a build the curriculum is fixed, and a lookup awaits an import of Astro's content
 * assets each time: an answer save looks its module up on every call. Only modules that exist are kept, so the
 * map is as large as the curriculum whatever is asked.
 */
const found = new Map<string, ModuleEntry>();

/** A module by its slug; none for an empty or malformed slug, which `getEntry` would throw on. */
export async function getModule(slug: string): Promise<ModuleEntry | undefined> {
  if (!/^[a-z0-9-]+$/.test(slug)) return undefined;
  const known = found.get(slug);
  if (known) return known;
  const module = await getEntry('modules', slug);
  // In development the content may change under a running server: look it up each time there.
  if (module && import.meta.env.PROD) found.set(slug, module);
  return module;
}

export function lessonHref(lesson: LessonEntry): string {
  return `/belajar/${lesson.id}`;
}

/** Jabatan codes the person holds today, for modules aimed at some positions. */
export async function listHeldPositions(db: Executor, personId: string): Promise<string[]> {
  const rows = await db
    .select({ code: positions.jabatanCode })
    .from(positions)
    .where(and(eq(positions.personId, personId), isNull(positions.endDate)));
  return rows.map((row) => row.code);
}

/** May this person study (or, for staff, preview) the module? */
export function maySeeModule(actor: Actor, module: ModuleEntry, held: readonly string[]): boolean {
  return mayPreviewAll(actor.role) || isModuleFor(module.data.audience, actor.role, held);
}

/** Would the positions this person holds change whether they may see the module? */
function dependsOnPositions(actor: Actor, module: ModuleEntry): boolean {
  return !mayPreviewAll(actor.role) && actor.role === 'pengurus' && module.data.audience.positions.length > 0;
}

/** The modules on a person's home page: the ones meant for their role and position. */
export async function listModulesFor(db: Executor, actor: Actor): Promise<ModuleEntry[]> {
  const held = await listHeldPositions(db, actor.id);
  return (await listModules()).filter((module) => isModuleFor(module.data.audience, actor.role, held));
}

/**
 * The module a signed-in person may study (or, for staff, preview), or why not. One answer for every
 * learning page, test page and action.
 */
export async function moduleForStudy(
  db: Executor,
  actor: Actor | null,
  slug: string,
): Promise<ModuleEntry | 'forbidden' | 'not-found'> {
  if (!actor || !can(actor, 'learning.study')) return 'forbidden';
  const module = await getModule(slug);
  if (!module) return 'not-found';
  // The positions held decide only an officer's module aimed at some positions: read them only then.
  const held = dependsOnPositions(actor, module) ? await listHeldPositions(db, actor.id) : [];
  return maySeeModule(actor, module, held) ? module : 'forbidden';
}
