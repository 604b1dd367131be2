import type { Executor } from '../../../db/client.ts';
import { capacityAssessments, capacityScores } from '../../../db/schema.ts';
import { listChanges, listChangesOf, type Change } from '../history/changes.ts';
import { getKube } from '../kube/queries.ts';
import { rubricShape, type Rubrics } from './rubric.ts';
import { rubricDifferences, type VersionComparison } from './rubric-compare.ts';
import { dimensionScores, getAssessment, getBaseline } from './service.ts';

/** A correction of an assessment: of its own fields (`itemId` null) or of one item's score. */
export type AssessmentChange = Change & { itemId: string | null };

/**
 * One capacity assessment of a KUBE in the words of the rubric version it was scored with: whether it is the
 * baseline, its dimension means, every correction (newest first) and, for a follow-up scored with another
 * version than the baseline, what differs. Null when the KUBE or the assessment (in that KUBE) does not exist.
 * Loads only the assessment asked for and the KUBE's baseline, not all its assessments.
 */
export async function loadAssessmentPage(db: Executor, kubeId: string, assessmentId: string, rubrics: Rubrics) {
  const [kube, assessment, baseline] = await Promise.all([
    getKube(db, kubeId),
    getAssessment(db, kubeId, assessmentId),
    getBaseline(db, kubeId),
  ]);
  if (!kube || !assessment) return null;
  const rubric = await rubrics.of(assessment.rubricVersion);
  const isBaseline = baseline?.id === assessment.id;
  const comparison: VersionComparison | null =
    baseline && !isBaseline && baseline.rubricVersion !== assessment.rubricVersion
      ? {
          baselineVersion: baseline.rubricVersion,
          version: assessment.rubricVersion,
          differences: rubricDifferences(await rubrics.of(baseline.rubricVersion), rubric),
        }
      : null;
  const rubricItems = rubric.dimensions.flatMap((d) => d.items.map((item) => item.id));
  // Scores of items outside the assessment's own version (none are stored today) keep their history too.
  const itemIds = [...new Set([...rubricItems, ...assessment.scores.keys()])];
  const scoreId = (itemId: string) => `${assessment.id}/${itemId}`;
  const [own, scores] = await Promise.all([
    listChanges(db, capacityAssessments, assessment.id),
    listChangesOf(db, capacityScores, itemIds.map(scoreId)),
  ]);
  const changes: AssessmentChange[] = [
    ...own.map((change) => ({ ...change, itemId: null })),
    ...itemIds.flatMap((itemId) => (scores.get(scoreId(itemId)) ?? []).map((change) => ({ ...change, itemId }))),
  ].sort((a, b) => b.changedAt.getTime() - a.changedAt.getTime());
  return {
    kube,
    assessment,
    rubric,
    currentVersion: rubrics.current.version,
    isBaseline,
    comparison,
    means: dimensionScores(assessment.scores, rubricShape({ data: rubric })),
    changes,
  };
}
