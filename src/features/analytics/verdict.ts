// What a paired test allows one to say in plain words, for the gain report and its retention part.

/** Below this many pairs no test can say anything (Wilcoxon's smallest two-sided p with 5 pairs is 0.0625). */
export const FEW_PAIRS = 6;

export type Verdict = 'none' | 'too_few' | 'gain' | 'loss' | 'unclear';

/** `gain` or `loss` only when Wilcoxon's p is below 0.05 and the mean moved that way; `unclear` otherwise. */
export function verdictOf(n: number, wilcoxon: { p: number } | null, meanGain: number | null): Verdict {
  if (n === 0) return 'none';
  if (n < FEW_PAIRS) return 'too_few';
  if (!wilcoxon || wilcoxon.p >= 0.05 || meanGain === null || meanGain === 0) return 'unclear';
  return meanGain > 0 ? 'gain' : 'loss';
}
