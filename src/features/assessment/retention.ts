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
  /** Open still, but past `dueOn`: it is counted, with its longer gap shown beside it, until `closesOn`. */
  | { stage: 'late'; opensOn: string; dueOn: string; closesOn: string }
  /**
   * Past `closesOn`, twice the due days after the post-test: no longer offered. A score so long after says
   * little about the training, and a platform put in place late would otherwise call everyone late at once.
   */
  | { stage: 'missed'; closesOn: string }
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
  const closesOn = daysAfter(postDay, 2 * days.dueByDays);
  if (today < opensOn) return { stage: 'waiting', opensOn, dueOn };
  if (today <= dueOn) return { stage: 'due', opensOn, dueOn };
  return today <= closesOn ? { stage: 'late', opensOn, dueOn, closesOn } : { stage: 'missed', closesOn };
}

/** Whether the retention test may be started (or resumed) in this stage. */
export const retentionOpen = (stage: RetentionStage): boolean => stage.stage === 'due' || stage.stage === 'late';

/** A form of the module and its questions; an earlier attempt and the questions it showed. */
export type FormQuestions = { form: FormName; questionIds: readonly string[] };
export type TakenAttempt = { form: FormName | null; questionIds: readonly string[] };

/**
 * The form of a retention test: the one whose questions the person has seen least in this module — one not yet
 * taken when there is one, so a remembered item does not flatter what stayed. On a tie, the one seen longest
 * ago: the pre-test's, seen before the lessons, rather than the post-test's, seen last. What was seen is read
 * from the questions each attempt showed, not its form's letter: a pre-test from before the module had forms
 * showed questions of both. `taken` lists the person's attempts oldest first; null when the module has no forms.
 */
export function retentionForm(forms: readonly FormQuestions[], taken: readonly TakenAttempt[]): FormName | null {
  let best: { form: FormName; seen: number; lastSeen: number } | null = null;
  for (const { form, questionIds } of forms) {
    const own = new Set(questionIds);
    const seenIds = new Set<string>();
    let lastSeen = -1;
    for (const [index, attempt] of taken.entries()) {
      const shown = attempt.questionIds.filter((id) => own.has(id));
      for (const id of shown) seenIds.add(id);
      if (shown.length > 0 || attempt.form === form) lastSeen = index;
    }
    const seen = seenIds.size;
    if (!best || seen < best.seen || (seen === best.seen && lastSeen < best.lastSeen)) best = { form, seen, lastSeen };
  }
  return best?.form ?? null;
}
