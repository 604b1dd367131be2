import type { TestPermissionKind } from '../../../db/schema.ts';
import type { TestState } from './rules.ts';

// Which allowances a facilitator is offered for one person and module. Under time pressure in a workshop a
// button that makes no sense is a button that gets tapped by mistake, so only the ones that fit are shown.

export type Allowance = {
  kind: TestPermissionKind;
  /** Already given and still in force: the button takes it back. */
  given: boolean;
};

/** The allowances that make sense for this state, in the order of the module's path. */
export function allowancesFor(state: TestState): Allowance[] {
  const preTaken = state.preSubmitted > 0;
  const postTaken = state.postSubmitted > 0;
  const offers: [TestPermissionKind, boolean, boolean][] = [
    // Waiving the pre-test only means something before it is handed in.
    ['waive_pre', !preTaken, state.preWaived],
    // Opening the post-test early only matters before it is taken (lessons not yet done, or a workshop).
    ['open_post', !postTaken, state.postOpened],
    // A retake only for a test handed in; once the retake is used it lapses and may be given again.
    ['retake_pre', preTaken && !postTaken, state.retakePre],
    ['retake_post', postTaken, state.retakePost],
  ];
  return offers.flatMap(([kind, fits, given]) => (fits ? [{ kind, given }] : []));
}
