import { todayIso } from '../../lib/dates.ts';

// When a module is passed, as one pure rule: the path on the officer's home, the certificate and the plan all
// read it, so they cannot disagree. Passed = a post-test at or above the mastery score and, for each practical
// task of the module that fits the person, a scoring after the training at or above it too.

/** A submitted post-test of the module. */
export type PostResult = { score: number; submittedAt: Date };

/** A practical task of the module that fits the person, with its scoring after the training, if any. */
export type TaskResult = { slug: string; post: { score: number; doneOn: string; scoredBy: string | null } | null };

export type PassFacts = {
  posts: readonly PostResult[];
  tasks: readonly TaskResult[];
  /** When the person's last certificate of the module was withdrawn: only a post-test after it passes again. */
  withdrawnAt: Date | null;
};

/** Why a module is not passed yet, for the words beside it. */
export type NotPassed = 'no_post' | 'post_below' | 'task_missing' | 'task_below';

export type PassOutcome =
  | {
      passed: true;
      /** The day of the later of the passing post-test and the last task's scoring. */
      earnedOn: string;
      /** Who scored the last practical task; null for a module without one. */
      scoredBy: string | null;
    }
  | { passed: false; why: NotPassed };

/** The rule. `mastery` is a score out of 100 (the program's default is 70). */
export function passOutcome(facts: PassFacts, mastery: number): PassOutcome {
  const posts = facts.posts
    .filter((post) => !facts.withdrawnAt || post.submittedAt > facts.withdrawnAt)
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  if (posts.length === 0) return { passed: false, why: 'no_post' };
  const passing = posts.find((post) => post.score >= mastery);
  if (!passing) return { passed: false, why: 'post_below' };
  let earnedOn = todayIso(passing.submittedAt);
  let scoredBy: string | null = null;
  for (const task of facts.tasks) {
    if (!task.post) return { passed: false, why: 'task_missing' };
    if (task.post.score < mastery) return { passed: false, why: 'task_below' };
    if (task.post.doneOn >= earnedOn) {
      earnedOn = task.post.doneOn;
      scoredBy = task.post.scoredBy;
    } else scoredBy ??= task.post.scoredBy;
  }
  return { passed: true, earnedOn, scoredBy };
}
