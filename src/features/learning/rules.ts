import type { ModuleState, Role } from '../../../db/schema.ts';

// Pure rules of the learning slice: who a module is for, and what a set of finished lessons adds up to.

export type Audience = { roles: readonly Role[]; positions: readonly string[] };

/**
 * Is a module meant for this person? Their role must be listed; for officers, a module aimed at some
 * positions (e.g. bookkeeping for the bendahara) is for those who hold one of them.
 */
export function isModuleFor(audience: Audience, role: Role, heldPositions: readonly string[]): boolean {
  if (!audience.roles.includes(role)) return false;
  if (role !== 'pengurus' || audience.positions.length === 0) return true;
  return heldPositions.some((code) => audience.positions.includes(code));
}

/** Admins and facilitators may read every module, to prepare workshops and to check the content. */
export function mayPreviewAll(role: Role): boolean {
  return role === 'admin' || role === 'pendamping';
}

/**
 * Does this person only preview the module (lessons open, no pre-test first)? Staff do, for every module
 * not meant for them; a module for their own role (the pendamping's) they study as any learner, pre-test first.
 */
export function previewsModule(audience: Audience, role: Role): boolean {
  // Staff hold no KUBE position, so positions never decide it.
  return mayPreviewAll(role) && !isModuleFor(audience, role, []);
}

export type ProgressSummary = { progress: number; state: ModuleState; lessonsCompleted: number; lessonsTotal: number };

/**
 * Progress of a module from the lessons a person finished. Only lessons that still exist count, so
 * removing a lesson never pushes progress past 1, and adding one lowers it until it is read.
 */
export function summarizeProgress(
  lessonIds: readonly string[],
  completed: readonly string[],
  visitedAny: boolean,
): ProgressSummary {
  const done = new Set(completed);
  const lessonsCompleted = lessonIds.filter((id) => done.has(id)).length;
  const lessonsTotal = lessonIds.length;
  const progress = lessonsTotal === 0 ? 0 : lessonsCompleted / lessonsTotal;
  const state: ModuleState =
    lessonsTotal > 0 && lessonsCompleted === lessonsTotal
      ? 'materi_selesai'
      : lessonsCompleted > 0 || visitedAny
        ? 'sedang_belajar'
        : 'belum_mulai';
  return { progress, state, lessonsCompleted, lessonsTotal };
}

/**
 * The module a learner should begin with, marked "Mulai dari sini" on the home page: the first unfinished one
 * aimed at a position they hold (the bookkeeping module for a bendahara), else the first unfinished one.
 */
export function startHere(
  modules: readonly { id: string; audience: Audience; finished: boolean }[],
  heldPositions: readonly string[],
): string | null {
  const open = modules.filter((module) => !module.finished);
  const forPosition = open.find((module) => module.audience.positions.some((code) => heldPositions.includes(code)));
  return (forPosition ?? open[0])?.id ?? null;
}
