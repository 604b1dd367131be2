import type { Certificate } from '../../../db/schema.ts';
import type { PassOutcome, NotPassed } from '../certificates/rules.ts';
import type { ModuleView } from '../learning/module-state.ts';
import type { PathStep } from './path-schema.ts';

// Where a person stands on their path, step by step: pure, so the home page and its tests read one rule.

export type StepStatus =
  /** Passed: a certificate stands. */
  | { kind: 'passed'; certificate: Certificate }
  /** The post-test is in but the module is not passed (a low score, a practical task to do, a withdrawal). */
  | { kind: 'not_passed'; why: NotPassed | 'withdrawn' }
  /** Lessons or a test begun. */
  | { kind: 'in_progress' }
  | { kind: 'not_started' };

export type PathStepView = PathStep & {
  status: StepStatus;
  /** The first step not passed yet: the one to do now. */
  next: boolean;
  view: ModuleView | null;
};

export type PathView = { steps: PathStepView[]; passed: number; total: number };

export function pathView(
  steps: readonly PathStep[],
  views: ReadonlyMap<string, ModuleView>,
  standing: { outcomes: ReadonlyMap<string, PassOutcome>; certificates: ReadonlyMap<string, Certificate> },
): PathView {
  let nextFound = false;
  const viewed = steps.map((step): PathStepView => {
    const view = views.get(step.module) ?? null;
    const outcome = standing.outcomes.get(step.module);
    const certificate = standing.certificates.get(step.module);
    let status: StepStatus;
    if (outcome?.passed && certificate && !certificate.withdrawnAt) status = { kind: 'passed', certificate };
    else if (certificate?.withdrawnAt) status = { kind: 'not_passed', why: 'withdrawn' };
    else if (outcome && !outcome.passed && outcome.why !== 'no_post') status = { kind: 'not_passed', why: outcome.why };
    else if (view && view.badge !== 'belum_mulai') status = { kind: 'in_progress' };
    else status = { kind: 'not_started' };
    const next = !nextFound && status.kind !== 'passed';
    if (next) nextFound = true;
    return { ...step, status, next, view };
  });
  return {
    steps: viewed,
    passed: viewed.filter((step) => step.status.kind === 'passed').length,
    total: viewed.length,
  };
}
