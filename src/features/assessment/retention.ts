import { daysAfter } from '../../lib/dates.ts';
import type { FormName } from './types.ts';

// Pure rules of the retention test ("tes ulang"): when it opens after the post-test, when it is due, and which
// form it shows. The days come from the module (content: `retention`), so a module whose skills fade fast can
// be checked sooner.

/** A module's retention days: the test opens `opensAfterDays` after the post-test and is due by `dueByDays`. */
export type RetentionDays = { opensAfterDays: number; dueByDays: number };

export { DEFAULT_RETENTION_DAYS } from '../learning/content-schemas.ts';

/** What a person's retention test of one module is doing today. */
export type RetentionStage =
  /** No counted post-test yet: nothing to keep. */
  | { stage: 'no_post' }
  /** Too soon: it opens on `opensOn`. */
  | { stage: 'waiting'; opensOn: string; dueOn: string }
  /** Open, due by `dueOn`. */
  | { stage: 'due'; opensOn: string; dueOn: string }
  /** Open still, but past `dueOn`: it is counted, with its longer gap shown beside it. */
  | { stage: 'late'; opensOn: string; dueOn: string }
  /** Taken (submitted). */
  | { stage: 'done' };

/**
 * The stage on `today` (YYYY-MM-DD, Jakarta) for a counted post-test handed in on `postDay`. An open attempt
 * counts as due or late like no attempt: it can be finished.
 */
export function retentionStage(
  postDay: string | null,
  retentionSubmitted: boolean,
  days: RetentionDays,
  today: string,
): RetentionStage {
  if (retentionSubmitted) return { stage: 'done' };
  if (postDay === null) return { stage: 'no_post' };
  const opensOn = daysAfter(postDay, days.opensAfterDays);
  const dueOn = daysAfter(postDay, days.dueByDays);
  if (today < opensOn) return { stage: 'waiting', opensOn, dueOn };
  return { stage: today <= dueOn ? 'due' : 'late', opensOn, dueOn };
}

/** Whether the retention test may be started (or resumed) in this stage. */
export const retentionOpen = (stage: RetentionStage): boolean => stage.stage === 'due' || stage.stage === 'late';

/**
 * The form of a retention test: one the person has not taken in this module when there is one (so a remembered
 * item does not flatter what stayed), else the one taken longest ago — the pre-test's, seen before the lessons,
 * rather than the post-test's, seen last. `taken` lists the forms of the person's attempts, oldest first.
 */
export function retentionForm(forms: readonly FormName[], taken: readonly (FormName | null)[]): FormName | null {
  if (forms.length === 0) return null;
  const unseen = forms.find((form) => !taken.includes(form));
  if (unseen) return unseen;
  return taken.find((form): form is FormName => form !== null && forms.includes(form)) ?? forms[0] ?? null;
}
