import type { Executor } from '../../../db/client.ts';
import { capacityAssessments, capacityScores } from '../../../db/schema.ts';
import { listChanges, listChangesOf, type Change } from '../history/changes.ts';
import { getKube } from '../kube/queries.ts';
import { rubricShape } from './rubric.ts';
import type { Rubric } from './rubric-schema.ts';
import { dimensionScores, getAssessment, getBaseline } from './service.ts';

/** A correction of an assessment: of its own fields (`itemId` null) or of one item's score. */
export type AssessmentChange = Change & { itemId: string | null };

/**
 * One capacity assessment of a KUBE, whether it is the baseline, its dimension means and every correction,
 * newest first; null when the KUBE or the assessment (in that KUBE) does not exist. Loads only the assessment
 * asked for and the KUBE's baseline, not all its assessments.
 */
export async function loadAssessmentPage(db: Executor, kubeId: string, assessmentId: string, rubric: Rubric) {
  const [kube, assessment, baseline] = await Promise.all([
    getKube(db, kubeId),
    getAssessment(db, kubeId, assessmentId),
    getBaseline(db, kubeId),
  ]);
  if (!kube || !assessment) return null;
  const rubricItems = rubric.dimensions.flatMap((d) => d.items.map((item) => item.id));
  // Scores of items a later rubric version dropped keep their history too.
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
    isBaseline: baseline?.id === assessment.id,
    means: dimensionScores(assessment.scores, rubricShape({ data: rubric })),
    changes,
  };
}
