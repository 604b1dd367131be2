import type { Executor } from '../../../db/client.ts';
import { getKube } from '../kube/queries.ts';
import { rubricShape } from './rubric.ts';
import type { Rubric } from './rubric-schema.ts';
import { capacityChange, listAssessments, overallScore } from './service.ts';

/**
 * A KUBE's capacity page: every assessment (oldest first, the first is the baseline) with its overall score,
 * and the change from the baseline to the latest follow-up; null when there is no such KUBE.
 */
export async function loadAssessmentHistory(db: Executor, kubeId: string, rubric: Rubric) {
  const shape = rubricShape({ data: rubric });
  const [kube, assessments] = await Promise.all([getKube(db, kubeId), listAssessments(db, [kubeId])]);
  if (!kube) return null;
  return {
    kube,
    assessments: assessments.map((assessment) => ({ ...assessment, overall: overallScore(assessment.scores, shape) })),
    change: capacityChange(assessments, shape),
  };
}

/** Which way a change goes, judged at the one decimal shown, so a rounding crumb never reads as "up 0". */
export function changeDirection(value: number): { direction: 'up' | 'down' | 'same'; shown: number } {
  const shown = Math.round(value * 10) / 10;
  return { direction: shown > 0 ? 'up' : shown < 0 ? 'down' : 'same', shown };
}
