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

/** Why an allowance is refused in this state: a dictionary key for the facilitator. */
export type AllowanceRefusal =
  | 'grant.errors.preTaken'
  | 'grant.errors.postTaken'
  | 'grant.errors.preNotTaken'
  | 'grant.errors.retakePreAfterPost'
  | 'grant.errors.postNotTaken';

/**
 * Null when an allowance may be given in this state, else why not. The same offers as the page
 * (`allowancesFor`), so a form crafted by hand cannot give what the page never shows. Giving one already in
 * force is allowed (a second tap renews it); taking one back is never refused, as it only closes a door.
 */
export function refuseAllowance(state: TestState, kind: TestPermissionKind): AllowanceRefusal | null {
  if (allowancesFor(state).some((offer) => offer.kind === kind)) return null;
  switch (kind) {
    case 'waive_pre':
      return 'grant.errors.preTaken';
    case 'open_post':
      return 'grant.errors.postTaken';
    case 'retake_pre':
      return state.preSubmitted > 0 ? 'grant.errors.retakePreAfterPost' : 'grant.errors.preNotTaken';
    case 'retake_post':
      return 'grant.errors.postNotTaken';
  }
}
