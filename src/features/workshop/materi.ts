import type { Workshop } from './service.ts';

// The workshop tablet's lessons in the materi phase, read without a personal sign-in: where they live and
// when they open. Pure, so the rule is tested without a server.

/** The join screen of a code: its name list, the phase's words, or the error of a bad code. */
export const joinScreenHref = (code: string): string => `/gabung?kode=${encodeURIComponent(code)}`;

/** The list of the workshop's lessons on a tablet. */
export const materiHref = (code: string): string => `/gabung/${code}/materi`;

/** One lesson on a tablet; a lesson's id is `<module>/<lesson>`, and the module is the workshop's. */
export const materiLessonHref = (code: string, lessonId: string): string =>
  `${materiHref(code)}/${lessonId.slice(lessonId.indexOf('/') + 1)}`;

/**
 * Where a tablet asking for a workshop's lessons goes instead, or null when it may read them: only an open
 * workshop in its materi phase opens them. A bad or closed code goes to the join screen, which says so; any
 * other phase to the join screen too, which names the phase and lists the names for the tests.
 */
export function materiRedirect(workshop: Workshop | null, typed: string): string | null {
  if (!workshop || workshop.closedAt !== null) return joinScreenHref(typed);
  return workshop.phase === 'materi' ? null : joinScreenHref(workshop.code);
}

/** Where the materi watch of a tablet asks whether the lessons are still open (no body, see phaseWatch). */
export const materiWatchHref = (code: string): string => `/gabung/fase/${encodeURIComponent(code)}`;
