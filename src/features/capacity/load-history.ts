import type { Executor } from '../../../db/client.ts';
import { pageOf, pageWindow } from '../../lib/pages.ts';
import { getKube } from '../kube/queries.ts';
import { rubricShape, rubricsFor, type Rubrics } from './rubric.ts';
import { rubricDifferences, type VersionComparison } from './rubric-compare.ts';
import { capacityChange, listAssessments, overallScore, type RubricShape } from './service.ts';

/**
 * A KUBE's capacity page: its assessments (one page, newest first; the oldest is the baseline) with its rubric version and
 * its overall score over the items of that version, the change from the baseline to the latest follow-up, and,
 * when those two were scored with different versions, what differs. Null when there is no such KUBE.
 */
export async function loadAssessmentHistory(
  db: Executor,
  kubeId: string,
  rubrics: Rubrics,
  params = new URLSearchParams(),
) {
  const [kube, assessments] = await Promise.all([getKube(db, kubeId), listAssessments(db, [kubeId])]);
  if (!kube) return null;
  const words = await rubricsFor(
    rubrics,
    assessments.map((a) => a.rubricVersion),
  );
  const shapes = new Map<number, RubricShape>([...words].map(([version, r]) => [version, rubricShape({ data: r })]));
  const current = rubricShape({ data: rubrics.current });
  const change = capacityChange(assessments, current, undefined, shapes);
  const { baseline, latest } = change;
  const earlier = baseline && words.get(baseline.rubricVersion);
  const later = latest && words.get(latest.rubricVersion);
  const comparison: VersionComparison | null =
    baseline && latest && earlier && later && baseline.rubricVersion !== latest.rubricVersion
      ? {
          baselineVersion: baseline.rubricVersion,
          version: latest.rubricVersion,
          differences: rubricDifferences(earlier, later),
        }
      : null;
  // The change needs the baseline, so one KUBE's assessments (a few a year) are read whole; the table shows
  // them newest first, one page at a time.
  const newestFirst = [...assessments].reverse();
  const shown = pageWindow(params, newestFirst.length);
  return {
    kube,
    assessments: pageOf(newestFirst, shown).map((assessment) => ({
      ...assessment,
      isBaseline: assessment.id === baseline?.id,
      overall: overallScore(assessment.scores, shapes.get(assessment.rubricVersion) ?? current),
    })),
    shown,
    change,
    comparison,
  };
}

/** Which way a change goes, judged at the one decimal shown, so a rounding crumb never reads as "up 0". */
export function changeDirection(value: number): { direction: 'up' | 'down' | 'same'; shown: number } {
  const shown = Math.round(value * 10) / 10;
  return { direction: shown > 0 ? 'up' : shown < 0 ? 'down' : 'same', shown };
}
