import { getEntry } from 'astro:content';
import type { Executor } from '../../../db/client.ts';
import { retainedShare } from '../../lib/stats/index.ts';
import { gain, gainBand, normalizedGain } from './rules.ts';
import { listMissed, type Missed } from './missed.ts';
import { listAnswers, listSubmittedAttempts, type Attempt } from './service.ts';

export type { Missed } from './missed.ts';

export type AttemptResult = {
  attempt: Attempt;
  /** False for a retake: the first submitted attempt of a kind counts for gain. */
  isFirst: boolean;
  /** For a post-test: the first pre-test's score, gain and normalized gain (README: "Gain reports" and the glossary). */
  comparison: { pre: number; post: number; gain: number; g: number | null; band: ReturnType<typeof gainBand> } | null;
  /**
   * For a retention test: the first post-test's score, the change since, and the retained share of the gain
   * `(c − a) / (b − a)` (null without a pre-test or without a gain; README: "Does the learning last?").
   */
  retention: { post: number; retention: number; change: number; share: number | null } | null;
  byObjective: { id: string; text: string; correct: number; total: number; score: number }[];
  missed: Missed[];
};

/** Everything a result page shows about one submitted attempt. */
export async function loadAttemptResult(db: Executor, attempt: Attempt): Promise<AttemptResult> {
  const history = await listSubmittedAttempts(db, attempt.personId, attempt.moduleSlug);
  const firstOf = (kind: Attempt['kind']) => history.find((a) => a.kind === kind);
  const isFirst = firstOf(attempt.kind)?.id === attempt.id;
  const pre = firstOf('pre');
  const comparison =
    attempt.kind === 'post' && pre?.score != null && attempt.score != null
      ? {
          pre: pre.score,
          post: attempt.score,
          gain: gain(pre.score, attempt.score),
          g: normalizedGain(pre.score, attempt.score),
          band: gainBand(normalizedGain(pre.score, attempt.score)),
        }
      : null;
  const post = firstOf('post');
  const retention =
    attempt.kind === 'retention' && post?.score != null && attempt.score != null
      ? {
          post: post.score,
          retention: attempt.score,
          change: attempt.score - post.score,
          share: pre?.score != null ? retainedShare(pre.score, post.score, attempt.score) : null,
        }
      : null;

  const module = await getEntry('modules', attempt.moduleSlug);
  const bank = await getEntry('questions', attempt.moduleSlug);
  const objectives = new Map((module?.data.objectives ?? []).map((o) => [o.id, o.text]));
  const byObjective = Object.entries(attempt.byObjective ?? {}).map(([id, s]) => ({
    id,
    text: objectives.get(id) ?? id,
    ...s,
  }));

  const answers = await listAnswers(db, attempt.id);
  const missed = listMissed(attempt.items, answers, attempt.answerKey, bank?.data.questions ?? []);
  return { attempt, isFirst, comparison, retention, byObjective, missed };
}
