// Pure statistics for pre/post tests and item analysis: no I/O and no imports.
//
// The paired tests follow R (`t.test(post, pre, paired = TRUE)`, `wilcox.test(post, pre, paired = TRUE)`);
// tests/unit/stats.test.ts checks every function against values computed with SciPy by
// tests/reference/stats_reference.py. Differences are always taken as d = post − pre, in floating point, so
// "ties" and "zeros" mean exact equality of those doubles, as in R and SciPy.

/** Result of a two-sided paired t-test. */
export interface PairedTTestResult {
  t: number;
  df: number;
  p: number;
}

/** Result of a two-sided Wilcoxon signed-rank test. */
export interface WilcoxonResult {
  /** R's V: the sum of the (average) ranks of |d| over the positive differences. */
  v: number;
  p: number;
  /** Whether p comes from the exact null distribution (otherwise the normal approximation). */
  exact: boolean;
  /** Number of pairs left after dropping zero differences. */
  n: number;
}

/** Per-item statistics; entries that are undefined are `Number.NaN`. */
export interface ItemAnalysis {
  difficulty: number[];
  discrimination: number[];
  pointBiserial: number[];
}

export type GainBand = 'low' | 'medium' | 'high';

// ---------------------------------------------------------------------------------------------------------------------
// Descriptives

/** Arithmetic mean `Σx / n`; null for an empty list. */
export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * Sample standard deviation `√(Σ(x − x̄)² / (n − 1))`; null when n < 2. It is exactly 0 when all values are equal
 * (checked directly, so that rounding in the mean cannot turn a constant list into a tiny positive spread).
 */
export function sampleSd(values: number[]): number | null {
  const average = mean(values);
  if (average === null || values.length < 2) return null;
  if (values.every((value) => value === values[0])) return 0;
  let squares = 0;
  for (const value of values) squares += (value - average) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

// ---------------------------------------------------------------------------------------------------------------------
// Normalized gain (Hake 1998)

/**
 * Hake's normalized gain for one person, `g = (post − pre) / (max − pre)`, with `max` the highest possible score
 * (default 100). Negative when the score went down. Null when pre = max (no room to gain) or any argument is not
 * finite.
 */
export function normalizedGain(pre: number, post: number, max = 100): number | null {
  if (!Number.isFinite(pre) || !Number.isFinite(post) || !Number.isFinite(max) || pre === max) return null;
  return (post - pre) / (max - pre);
}

/**
 * Hake's class-average normalized gain from the means, `<g> = (mean(post) − mean(pre)) / (max − mean(pre))`
 * (default max 100). Null when the lists are empty or of different lengths, any value is not finite, or
 * mean(pre) = max.
 */
export function classGain(pre: number[], post: number[], max = 100): number | null {
  if (pairedDifferences(pre, post) === null) return null;
  const preMean = mean(pre);
  const postMean = mean(post);
  if (preMean === null || postMean === null) return null;
  return normalizedGain(preMean, postMean, max);
}

/** Hake's bands for a gain: low below 0.3, medium from 0.3 to below 0.7, high from 0.7 (NaN counts as low). */
export function gainBand(g: number): GainBand {
  if (g >= 0.7) return 'high';
  if (g >= 0.3) return 'medium';
  return 'low';
}

// ---------------------------------------------------------------------------------------------------------------------
// Retention: how much of the gain a later test (c) still shows

/**
 * The retained share of one person's gain, `(c − a) / (b − a)` with a = pre, b = post, c = retention: 1 when all
 * of the gain stayed, 0 when the score fell back to the pre-test, above 1 when it grew further. Null when b = a
 * (no gain to keep) or any value is not finite.
 */
export function retainedShare(pre: number, post: number, retention: number): number | null {
  if (!Number.isFinite(pre) || !Number.isFinite(post) || !Number.isFinite(retention) || post === pre) return null;
  return (retention - pre) / (post - pre);
}

/**
 * A group's retained share from the means, `(mean(c) − mean(a)) / (mean(b) − mean(a))`, over the people with all
 * three tests. Null when the lists are empty or of different lengths, a value is not finite, or mean(b) = mean(a).
 */
export function groupRetainedShare(pre: number[], post: number[], retention: number[]): number | null {
  if (pairedDifferences(pre, post) === null || pairedDifferences(post, retention) === null) return null;
  const a = mean(pre);
  const b = mean(post);
  const c = mean(retention);
  if (a === null || b === null || c === null) return null;
  return retainedShare(a, b, c);
}

// ---------------------------------------------------------------------------------------------------------------------
// Paired tests and effect size, all on d = post − pre

/** d = post − pre pair by pair; null when the lengths differ or any value is not finite. */
function pairedDifferences(pre: number[], post: number[]): number[] | null {
  if (pre.length !== post.length) return null;
  const differences: number[] = [];
  for (const [index, before] of pre.entries()) {
    const after = post[index];
    if (after === undefined || !Number.isFinite(before) || !Number.isFinite(after)) return null;
    differences.push(after - before);
  }
  return differences;
}

/**
 * Two-sided paired t-test on d = post − pre: `t = mean(d) / (sd(d) / √n)` with sample sd, `df = n − 1`, and
 * `p = I_{df/(df+t²)}(df/2, 1/2)` (regularized incomplete beta, i.e. the two-sided Student t tail). Same as
 * R's `t.test(post, pre, paired = TRUE)` and SciPy's `ttest_rel(post, pre)`. Null when the lengths differ, a value
 * is not finite, n < 2, or sd(d) = 0.
 */
export function pairedTTest(pre: number[], post: number[]): PairedTTestResult | null {
  const differences = pairedDifferences(pre, post);
  if (differences === null) return null;
  const average = mean(differences);
  const sd = sampleSd(differences);
  if (average === null || sd === null || sd === 0) return null;
  const n = differences.length;
  const t = average / (sd / Math.sqrt(n));
  const df = n - 1;
  return { t, df, p: studentTwoSidedP(t, df) };
}

/**
 * Cohen's d_z for paired data: `mean(d) / sd(d)` with d = post − pre and the sample sd (n − 1). Null when the
 * lengths differ, a value is not finite, n < 2, or sd(d) = 0.
 */
export function cohensDz(pre: number[], post: number[]): number | null {
  const differences = pairedDifferences(pre, post);
  if (differences === null) return null;
  const average = mean(differences);
  const sd = sampleSd(differences);
  if (average === null || sd === null || sd === 0) return null;
  return average / sd;
}

/**
 * Two-sided Wilcoxon signed-rank test on d = post − pre, as R's `wilcox.test(post, pre, paired = TRUE)`.
 *
 * Zero differences are dropped first; `n` is the number of pairs left. `v` is the sum of the ranks of |d| over the
 * positive d, with average ranks for ties.
 *
 * - Exact p when n < 50 and there are no ties and no zeros:
 *   `p = min(1, 2 · (V > n(n+1)/4 ? P(V' ≥ V) : P(V' ≤ V)))` from the exact null distribution of V'.
 * - Otherwise the normal approximation, with tie-corrected variance
 *   `σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48` (t = size of each group of tied |d|) and continuity correction
 *   `z = (V − n(n+1)/4 − 0.5 · sign(V − n(n+1)/4)) / σ`; `p = min(1, 2 · min(Φ(z), 1 − Φ(z)))`.
 *
 * Null when the lists are empty or of different lengths, a value is not finite, every difference is zero, or σ = 0.
 */
export function wilcoxonSignedRank(pre: number[], post: number[]): WilcoxonResult | null {
  const differences = pairedDifferences(pre, post);
  if (differences === null) return null;
  const nonZero = differences.filter((difference) => difference !== 0);
  const hadZeros = nonZero.length < differences.length;
  const n = nonZero.length;
  if (n === 0) return null;

  const { ranks, tieSizes } = averageRanks(nonZero.map((difference) => Math.abs(difference)));
  let v = 0;
  for (const [index, difference] of nonZero.entries()) {
    if (difference > 0) v += valueAt(ranks, index);
  }
  const hasTies = tieSizes.some((size) => size > 1);

  if (n < 50 && !hasTies && !hadZeros) return { v, p: exactSignedRankP(v, n), exact: true, n };

  let tieCorrection = 0;
  for (const size of tieSizes) tieCorrection += size ** 3 - size;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection / 48;
  if (!(variance > 0)) return null;
  const shift = v - (n * (n + 1)) / 4;
  const z = (shift - 0.5 * Math.sign(shift)) / Math.sqrt(variance);
  const p = Math.min(1, 2 * Math.min(normalCdf(z), normalCdf(-z)));
  return { v, p, exact: false, n };
}

/** Average ranks (1-based) of the values, and the size of every group of equal values. */
function averageRanks(values: number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((_, index) => index).sort((a, b) => valueAt(values, a) - valueAt(values, b));
  const ranks = new Array<number>(values.length).fill(0);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    const value = valueAt(values, valueAt(order, start));
    let end = start + 1;
    while (end < order.length && valueAt(values, valueAt(order, end)) === value) end += 1;
    // Positions start … end − 1 hold ranks start + 1 … end; each gets their mean.
    const averageRank = (start + 1 + end) / 2;
    for (const index of order.slice(start, end)) ranks[index] = averageRank;
    tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/**
 * Exact two-sided p of the signed-rank statistic without ties, as R computes it. The null distribution counts the
 * subsets of {1, …, n} with each rank sum (dynamic programming); the counts stay below 2^n, exact in doubles for
 * the n < 50 used here.
 */
function exactSignedRankP(v: number, n: number): number {
  const maxSum = (n * (n + 1)) / 2;
  const counts = new Array<number>(maxSum + 1).fill(0);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank += 1) {
    const reachable = (rank * (rank + 1)) / 2;
    for (let sum = reachable; sum >= rank; sum -= 1) counts[sum] = valueAt(counts, sum) + valueAt(counts, sum - rank);
  }
  const total = 2 ** n;
  let tail = 0;
  if (v > maxSum / 2) {
    for (let sum = Math.ceil(v); sum <= maxSum; sum += 1) tail += valueAt(counts, sum);
  } else {
    for (let sum = 0; sum <= Math.floor(v); sum += 1) tail += valueAt(counts, sum);
  }
  return Math.min(1, (2 * tail) / total);
}

// ---------------------------------------------------------------------------------------------------------------------
// Item analysis (classical test theory) on a 0/1 matrix: rows are people, columns items

/**
 * Classical item statistics, one entry per item (column):
 *
 * - `difficulty`: share of people who got the item right.
 * - `discrimination`: p(upper group) − p(lower group). Both groups have `g = max(1, round(0.27 · n))` people, rounding
 *   halves up (computed exactly as `floor((27n + 50) / 100)`). The upper group is the first g rows after a stable sort
 *   by total score descending, the lower group the first g rows after a stable sort ascending, so ties in the total
 *   go to the earlier row in both. With few people the groups may overlap (with n = 2 and equal totals both groups
 *   are row 0).
 * - `pointBiserial`: corrected item–rest correlation, the Pearson correlation of the item with the total score
 *   minus that item.
 *
 * Entries that are undefined are `Number.NaN`: discrimination when n < 2; the point-biserial when n < 2 or the item or
 * the rest score has zero variance (e.g. an item everyone got right). Empty input gives empty arrays.
 *
 * @throws RangeError when the rows have different lengths.
 */
export function itemAnalysis(responses: (0 | 1)[][]): ItemAnalysis {
  const itemCount = checkedItemCount(responses);
  const totals = responses.map((row) => sumOf(row));
  const groups = upperAndLower(totals);
  const items = Array.from({ length: itemCount }, (_, item) =>
    statsOfItem(
      responses.map((row) => row[item] ?? 0),
      totals,
      groups,
    ),
  );
  return {
    difficulty: items.map((item) => item.difficulty),
    discrimination: items.map((item) => item.discrimination),
    pointBiserial: items.map((item) => item.pointBiserial),
  };
}

type Groups = { size: number; upper: number[]; lower: number[] };

/** The 27 % groups by total score, sorted once for every item of a form (see `itemAnalysis`). */
function upperAndLower(totals: number[]): Groups {
  const size = Math.max(1, Math.floor((27 * totals.length + 50) / 100));
  const byTotal = totals.map((_, person) => person);
  return {
    size,
    upper: byTotal.toSorted((a, b) => valueAt(totals, b) - valueAt(totals, a)).slice(0, size),
    lower: byTotal.toSorted((a, b) => valueAt(totals, a) - valueAt(totals, b)).slice(0, size),
  };
}

function statsOfItem(
  item: (0 | 1)[],
  totals: number[],
  groups: Groups,
): { difficulty: number; discrimination: number; pointBiserial: number } {
  const personCount = item.length;
  return {
    difficulty: personCount ? sumOf(item) / personCount : Number.NaN,
    discrimination:
      personCount < 2 ? Number.NaN : (sumAt(item, groups.upper) - sumAt(item, groups.lower)) / groups.size,
    pointBiserial: pearson(
      item,
      totals.map((total, person) => total - valueAt(item, person)),
    ),
  };
}

/**
 * The statistics of `itemAnalysis` for one item, given each person's total on the whole form (the item included):
 * for an item seen by only some of a form's takers (one version of a revised item), with their totals.
 * Same groups, same ties and the same NaN cases as `itemAnalysis`.
 *
 * @throws RangeError when the two lists have different lengths.
 */
export function singleItemAnalysis(
  item: (0 | 1)[],
  totals: number[],
): { difficulty: number; discrimination: number; pointBiserial: number } {
  if (totals.length !== item.length) throw new RangeError('Every person needs one item score and one total.');
  return statsOfItem(item, totals, upperAndLower(totals));
}

/**
 * Kuder–Richardson 20 reliability, `KR-20 = k/(k − 1) · (1 − Σ pᵢqᵢ / σ²)`, with k items, pᵢ the difficulty of item i,
 * qᵢ = 1 − pᵢ and σ² the population variance (divided by n) of the total scores. Null when k < 2, n < 2 or σ² = 0.
 *
 * @throws RangeError when the rows have different lengths.
 */
export function kr20(responses: (0 | 1)[][]): number | null {
  const itemCount = checkedItemCount(responses);
  const personCount = responses.length;
  if (itemCount < 2 || personCount < 2) return null;
  // One pass over the matrix (a module report may hold 25,000 people per form): totals and item sums together.
  let sumT = 0;
  let sumTT = 0;
  const itemSums = new Array<number>(itemCount).fill(0);
  for (const row of responses) {
    let total = 0;
    for (let item = 0; item < itemCount; item += 1) {
      const value = row[item] ?? 0;
      total += value;
      itemSums[item] = (itemSums[item] ?? 0) + value;
    }
    sumT += total;
    sumTT += total * total;
  }
  // n²σ² = nΣT² − (ΣT)², exact in integers, so a zero variance is detected exactly.
  const scaledVariance = personCount * sumTT - sumT ** 2;
  if (scaledVariance <= 0) return null;
  const variance = scaledVariance / personCount ** 2;
  let sumPq = 0;
  for (const itemSum of itemSums) {
    const p = itemSum / personCount;
    sumPq += p * (1 - p);
  }
  return (itemCount / (itemCount - 1)) * (1 - sumPq / variance);
}

/** Number of items (0 when there are no rows); throws a RangeError when the rows have different lengths. */
function checkedItemCount(responses: (0 | 1)[][]): number {
  const itemCount = responses[0]?.length ?? 0;
  for (const [person, row] of responses.entries()) {
    if (row.length !== itemCount) {
      throw new RangeError(
        `Response matrix is ragged: row ${person} has ${row.length} items, but row 0 has ${itemCount}.`,
      );
    }
  }
  return itemCount;
}

/**
 * Pearson correlation `(nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²))`; NaN when n < 2 or either variance is 0.
 * Meant for integer scores, where the sums are exact.
 */
function pearson(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  let sumX = 0;
  let sumY = 0;
  let sumXX = 0;
  let sumYY = 0;
  let sumXY = 0;
  for (let index = 0; index < n; index += 1) {
    const xValue = valueAt(x, index);
    const yValue = valueAt(y, index);
    sumX += xValue;
    sumY += yValue;
    sumXX += xValue * xValue;
    sumYY += yValue * yValue;
    sumXY += xValue * yValue;
  }
  const spreadX = n * sumXX - sumX * sumX;
  const spreadY = n * sumYY - sumY * sumY;
  if (spreadX <= 0 || spreadY <= 0) return Number.NaN;
  return (n * sumXY - sumX * sumY) / Math.sqrt(spreadX * spreadY);
}

function sumOf(values: number[]): number {
  let sum = 0;
  for (let index = 0; index < values.length; index += 1) sum += values[index] ?? 0;
  return sum;
}

function sumAt(values: number[], indices: number[]): number {
  let sum = 0;
  for (const index of indices) sum += valueAt(values, index);
  return sum;
}

/** `values[index]`, for indices known to be in range (satisfies `noUncheckedIndexedAccess`). */
function valueAt(values: number[], index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`Index ${index} is outside a list of length ${values.length}.`);
  return value;
}

// ---------------------------------------------------------------------------------------------------------------------
// Special functions, to about 1e-14 relative

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

// Lanczos approximation, g = 7, n = 9 (relative error ≈ 1e-15 for x ≥ 0.5).
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos; reflection below 0.5). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let series = valueAt(LANCZOS_COEFFICIENTS, 0);
  for (let index = 1; index < LANCZOS_COEFFICIENTS.length; index += 1) {
    series += valueAt(LANCZOS_COEFFICIENTS, index) / (shifted + index);
  }
  const base = shifted + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(base) - base + Math.log(series);
}

/**
 * Regularized incomplete beta I_x(a, b), with y = 1 − x passed separately so that it carries no cancellation.
 * Continued fraction (modified Lentz), using I_x(a, b) = 1 − I_y(b, a) where that converges faster.
 */
function regularizedBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - (logGamma(a) + logGamma(b) - logGamma(a + b)));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(y, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = nonZero(1 - ((a + b) * x) / (a + 1));
  d = 1 / d;
  let result = d;
  for (let m = 1; m <= MAX_ITERATIONS; m += 1) {
    // Even step.
    let numerator = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / nonZero(1 + numerator * d);
    c = nonZero(1 + numerator / c);
    result *= d * c;
    // Odd step.
    numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / nonZero(1 + numerator * d);
    c = nonZero(1 + numerator / c);
    const delta = d * c;
    result *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return result;
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a): series for x < a + 1, continued fraction beyond. */
function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k <= MAX_ITERATIONS; k += 1) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return 1 - front * sum;
  }
  // Modified Lentz on Γ(a, x) = e^−x x^a / (x + 1 − a − 1·(1 − a)/(x + 3 − a − …)).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let result = d;
  for (let i = 1; i <= MAX_ITERATIONS; i += 1) {
    const numerator = -i * (i - a);
    b += 2;
    d = 1 / nonZero(numerator * d + b);
    c = nonZero(b + numerator / c);
    const delta = d * c;
    result *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return front * result;
}

function nonZero(value: number): number {
  return Math.abs(value) < TINY ? TINY : value;
}

/** Complementary error function, erfc(x) = Q(1/2, x²) for x ≥ 0 and 2 − erfc(−x) below. */
function erfc(x: number): number {
  return x >= 0 ? regularizedGammaQ(0.5, x * x) : 2 - regularizedGammaQ(0.5, x * x);
}

/** Standard normal CDF Φ(z) = erfc(−z/√2)/2, accurate in the lower tail. */
function normalCdf(z: number): number {
  return erfc(-z / Math.SQRT2) / 2;
}

/** Two-sided Student t tail P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2). */
function studentTwoSidedP(t: number, df: number): number {
  const tSquared = t * t;
  return regularizedBeta(df / (df + tSquared), tSquared / (df + tSquared), df / 2, 0.5);
}
