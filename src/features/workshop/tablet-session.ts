import type { Workshop } from './service.ts';
import { phaseTarget } from './join.ts';

// A session made by joining a workshop on a shared tablet is not a member's own sign-in: it lives only
// while its workshop is open, for a few hours at most, and opens only what the workshop flow needs.

/** A tablet session ends this long after the join, whatever happens: a workshop is one sitting. */
export const TABLET_SESSION_MS = 12 * 60 * 60 * 1000;

/** True while the session may still be used: its workshop exists, is open, and the join was recent. */
export function tabletSessionAlive(workshop: Workshop | null, joinedAt: Date, now = new Date()): workshop is Workshop {
  if (!workshop || workshop.closedAt !== null || workshop.phase === 'selesai') return false;
  return now.getTime() - joinedAt.getTime() < TABLET_SESSION_MS;
}

/** What a tablet may call: its tests, its lessons, its reports and the hand-over. */
const TABLET_ACTIONS = new Set([
  'assessment.start',
  'assessment.saveAnswers',
  'assessment.submit',
  'assessment.submitForm',
  'assessment.sendHeld',
  'learning.completeLesson',
  'workshop.report',
  'workshop.join',
  'auth.signOut',
]);

/** Pages outside the module that the flow passes through (sign-out lands on /masuk, errors on their pages). */
const TABLET_PAGES = new Set(['/masuk', '/bahasa', '/offline', '/403', '/404', '/500', '/sw.js']);

export type TabletAccess = { allowed: true } | { allowed: false; target: string };

/**
 * Whether a workshop tablet may open `path` (no trailing slash) or call `action`: the join and thank-you
 * screens, the workshop module's pages (lessons, tests, results) and a few plain pages. Anything else
 * (the account, the history, other modules) sends it back to where its workshop is.
 */
export function tabletAccess(workshop: Workshop, path: string, action: string | null): TabletAccess {
  const refused: TabletAccess = { allowed: false, target: phaseTarget(workshop) };
  if (action !== null && !TABLET_ACTIONS.has(action)) return refused;
  if (path.startsWith('/_actions/')) return action === null ? refused : { allowed: true };
  const module = `/belajar/${workshop.moduleSlug}`;
  const ours =
    path === '/gabung' ||
    path.startsWith('/gabung/') ||
    path === module ||
    path.startsWith(`${module}/`) ||
    TABLET_PAGES.has(path);
  return ours ? { allowed: true } : refused;
}
