import { groupRetainedShare, mean, pairedTTest, wilcoxonSignedRank } from '../../lib/stats/index.ts';
import type { PersonRow } from './compute.ts';
import { verdictOf, type Verdict } from './verdict.ts';

// Does the learning last? Over the pairs that also have a retention test ("tes ulang", 60–90 days after the
// post-test): the three means, the share of the gain kept, and the paired test of the post-test against the
// retention test (README: "Does the learning last?"; DESIGN.md §4).

export type RetentionFigures = {
  /** Pairs with all three tests. */
  n: number;
  meanPre: number | null;
  meanPost: number | null;
  meanRetention: number | null;
  /** Mean retention − mean post, in points (negative: forgotten). */
  meanChange: number | null;
  /** The group's retained share of the gain, (mean c − mean a) / (mean b − mean a); null without a gain. */
  share: number | null;
  /** Mean days from the post-test to the retention test. */
  meanDays: number | null;
  tTest: { t: number; df: number; p: number } | null;
  wilcoxon: { v: number; p: number; exact: boolean; n: number } | null;
  /** `gain`: clearly higher than the post-test; `loss`: clearly lower (forgotten); `unclear`: no clear change. */
  verdict: Verdict;
};

const round = (value: number) => Math.round(value * 1e9) / 1e9;
const tenths = (scores: number[]) => scores.map((score) => Math.round(score * 10));

/** The retention figures of a report's people; null when none took a retention test. */
export function retentionFigures(people: readonly PersonRow[]): RetentionFigures | null {
  const three = people.flatMap((p) => (p.retention === null ? [] : [{ ...p, retention: p.retention }]));
  if (three.length === 0) return null;
  const pre = three.map((p) => p.pre);
  const post = three.map((p) => p.post);
  const kept = three.map((p) => p.retention);
  const meanPost = mean(post);
  const meanRetention = mean(kept);
  const meanChange = meanPost === null || meanRetention === null ? null : round(meanRetention - meanPost);
  const wilcoxon = wilcoxonSignedRank(tenths(post), tenths(kept));
  return {
    n: three.length,
    meanPre: mean(pre),
    meanPost,
    meanRetention,
    meanChange,
    share: groupRetainedShare(pre, post, kept),
    meanDays: mean(three.flatMap((p) => (p.retentionDays === null ? [] : [p.retentionDays]))),
    tTest: pairedTTest(post, kept),
    wilcoxon,
    verdict: verdictOf(three.length, wilcoxon, meanChange),
  };
}
