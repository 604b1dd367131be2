import { describe, expect, it } from 'vitest';
import {
  classGain,
  cohensDz,
  gainBand,
  itemAnalysis,
  kr20,
  mean,
  normalizedGain,
  pairedTTest,
  sampleSd,
  wilcoxonSignedRank,
} from '../../src/lib/stats/index.ts';
// Inputs and SciPy/numpy results, written by tests/reference/stats_reference.py (see its header to regenerate).
import reference from './stats-reference.json' with { type: 'json' };

interface PairedCase {
  name: string;
  pre: number[];
  post: number[];
  max: number;
  expected: {
    normalizedGain: (number | null)[];
    classGain: number | null;
    pairedTTest: { t: number; df: number; p: number } | null;
    wilcoxonSignedRank: { v: number; p: number; exact: boolean; n: number } | null;
    cohensDz: number | null;
  };
}

/** In the item arrays, null stands for NaN (JSON has no NaN). */
interface ItemCase {
  name: string;
  responses: number[][];
  expected: {
    difficulty: (number | null)[];
    discrimination: (number | null)[];
    pointBiserial: (number | null)[];
    kr20: number | null;
  };
}

const { pairedCases, itemCases }: { pairedCases: PairedCase[]; itemCases: ItemCase[] } = reference;

/** Tolerance for t: relative 1e-9, or absolute 1e-12 (for t near 0). */
const STATISTIC = { relative: 1e-9, absolute: 1e-12 };
/** Tolerance for p-values: relative 1e-9 only, so that tiny p-values (down to 1e-24 here) are really checked. */
const P_VALUE = { relative: 1e-9, absolute: 0 };
/** Tolerance for everything else (gains, effect sizes, item statistics). */
const VALUE = { relative: 1e-12, absolute: 1e-12 };

function expectClose(
  actual: number | undefined,
  expected: number,
  tolerance: { relative: number; absolute: number },
): void {
  expect(actual).toBeTypeOf('number');
  const allowed = Math.max(tolerance.absolute, tolerance.relative * Math.abs(expected));
  expect(Math.abs((actual ?? Number.NaN) - expected), `${actual} vs expected ${expected}`).toBeLessThanOrEqual(allowed);
}

function expectCloseOrNull(actual: number | null, expected: number | null): void {
  if (expected === null) expect(actual).toBeNull();
  else expectClose(actual ?? undefined, expected, VALUE);
}

/** Item arrays: same length, NaN where the reference has null, otherwise within tolerance. */
function expectItemValues(actual: number[], expected: (number | null)[]): void {
  expect(actual).toHaveLength(expected.length);
  for (const [index, value] of expected.entries()) {
    if (value === null) expect(actual[index]).toBeNaN();
    else expectClose(actual[index], value, VALUE);
  }
}

function asResponses(matrix: number[][]): (0 | 1)[][] {
  return matrix.map((row) =>
    row.map((value) => {
      if (value !== 0 && value !== 1) throw new Error(`Response ${value} is not 0 or 1`);
      return value;
    }),
  );
}

describe('the reference file', () => {
  it('covers every branch the Wilcoxon test can take', () => {
    const results = pairedCases.map((paired) => ({ paired, result: paired.expected.wilcoxonSignedRank }));
    const hasZeros = (paired: PairedCase) => paired.pre.some((value, index) => paired.post[index] === value);
    // Exact, approximate because of ties, because of zeros only, and because n ≥ 50 only.
    expect(results.some(({ result }) => result?.exact === true)).toBe(true);
    expect(results.some(({ paired, result }) => result?.exact === false && !hasZeros(paired) && result.n < 50)).toBe(
      true,
    );
    expect(results.some(({ paired }) => paired.name === 'zeros, no ties' && hasZeros(paired))).toBe(true);
    expect(results.some(({ result }) => result?.exact === false && result.n === 50)).toBe(true);
    expect(results.some(({ result }) => result?.exact === true && result.n === 49)).toBe(true);
    expect(itemCases.some((item) => item.expected.pointBiserial.includes(null))).toBe(true);
  });
});

describe.each(pairedCases)('paired reference case "$name"', (paired) => {
  const { pre, post, max, expected } = paired;

  it('normalizedGain() per person', () => {
    expect(expected.normalizedGain).toHaveLength(pre.length);
    for (const [index, gain] of expected.normalizedGain.entries()) {
      expectCloseOrNull(normalizedGain(pre[index] ?? Number.NaN, post[index] ?? Number.NaN, max), gain);
    }
  });

  it('classGain()', () => {
    expectCloseOrNull(classGain(pre, post, max), expected.classGain);
  });

  it('pairedTTest()', () => {
    const result = pairedTTest(pre, post);
    if (expected.pairedTTest === null) {
      expect(result).toBeNull();
      return;
    }
    expect(result?.df).toBe(expected.pairedTTest.df);
    expectClose(result?.t, expected.pairedTTest.t, STATISTIC);
    expectClose(result?.p, expected.pairedTTest.p, P_VALUE);
  });

  it('wilcoxonSignedRank()', () => {
    const result = wilcoxonSignedRank(pre, post);
    if (expected.wilcoxonSignedRank === null) {
      expect(result).toBeNull();
      return;
    }
    const { v, p, exact, n } = expected.wilcoxonSignedRank;
    expect({ v: result?.v, exact: result?.exact, n: result?.n }).toEqual({ v, exact, n });
    expectClose(result?.p, p, P_VALUE);
  });

  it('cohensDz()', () => {
    expectCloseOrNull(cohensDz(pre, post), expected.cohensDz);
  });
});

describe.each(itemCases)('item reference case "$name"', (item) => {
  const responses = asResponses(item.responses);

  it('itemAnalysis()', () => {
    const result = itemAnalysis(responses);
    expectItemValues(result.difficulty, item.expected.difficulty);
    expectItemValues(result.discrimination, item.expected.discrimination);
    expectItemValues(result.pointBiserial, item.expected.pointBiserial);
  });

  it('kr20()', () => {
    expectCloseOrNull(kr20(responses), item.expected.kr20);
  });
});

describe('hand-checked examples', () => {
  it('computes normalized gains', () => {
    expect(normalizedGain(40, 70)).toBe(0.5);
    expect(normalizedGain(50, 40)).toBe(-0.2);
    expect(normalizedGain(5, 8, 10)).toBe(0.6);
    expect(normalizedGain(100, 90)).toBeNull();
    expect(normalizedGain(10, 10, 10)).toBeNull();
    expect(normalizedGain(Number.NaN, 50)).toBeNull();
    expect(normalizedGain(50, Number.POSITIVE_INFINITY)).toBeNull();
    expect(classGain([40, 60], [70, 80])).toBe(0.5);
    expect(classGain([40, 60], [70])).toBeNull();
    expect(classGain([], [])).toBeNull();
    expect(classGain([100, 100], [90, 100])).toBeNull();
  });

  it('puts gains into bands at 0.3 and 0.7', () => {
    expect(gainBand(-0.5)).toBe('low');
    expect(gainBand(0.29999999)).toBe('low');
    expect(gainBand(0.3)).toBe('medium');
    expect(gainBand(0.69999999)).toBe('medium');
    expect(gainBand(0.7)).toBe('high');
    expect(gainBand(1)).toBe('high');
  });

  it('computes means and sample standard deviations', () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(sampleSd([5])).toBeNull();
    expectClose(sampleSd([2, 4, 4, 4, 5, 5, 7, 9]) ?? undefined, Math.sqrt(32 / 7), VALUE);
    // A constant list has no spread even though its mean is not exactly 0.1 in floating point.
    expect(sampleSd([0.1, 0.1, 0.1])).toBe(0);
  });

  it('matches the closed-form t distribution for df = 1 and df = 2', () => {
    // d = 1, 2, 3: mean 2, sd 1, t = 2√3, and for df = 2 the two-sided p is 1 − |t|/√(t² + 2) = 1 − √(6/7).
    const three = pairedTTest([0, 0, 0], [1, 2, 3]);
    expect(three?.df).toBe(2);
    expectClose(three?.t, 2 * Math.sqrt(3), STATISTIC);
    expectClose(three?.p, 1 - Math.sqrt(6 / 7), P_VALUE);
    // d = 1, 3: t = 2, and for df = 1 (Cauchy) p = 1 − (2/π)·atan|t|.
    const two = pairedTTest([0, 0], [1, 3]);
    expectClose(two?.t, 2, STATISTIC);
    expectClose(two?.p, 1 - (2 / Math.PI) * Math.atan(2), P_VALUE);
  });

  it('gives the exact Wilcoxon p from counting rank subsets', () => {
    // All five differences positive: V = 15, only 1 of the 32 sign patterns reaches it on each side.
    expect(wilcoxonSignedRank([0, 0, 0, 0, 0], [1, 2, 3, 4, 5])).toEqual({ v: 15, p: 2 / 32, exact: true, n: 5 });
    // V = 1 of n = 4: P(V' ≤ 1) = 2/16.
    expect(wilcoxonSignedRank([0, 0, 0, 0], [1, -2, -3, -4])).toEqual({ v: 1, p: 4 / 16, exact: true, n: 4 });
  });

  it('returns null for mismatched, empty or non-finite paired input', () => {
    for (const [pre, post] of [
      [
        [1, 2, 3],
        [1, 2],
      ],
      [[], []],
      [
        [1, Number.NaN],
        [2, 3],
      ],
    ] satisfies [number[], number[]][]) {
      expect(pairedTTest(pre, post)).toBeNull();
      expect(wilcoxonSignedRank(pre, post)).toBeNull();
      expect(cohensDz(pre, post)).toBeNull();
      expect(classGain(pre, post)).toBeNull();
    }
  });

  it('computes item statistics for a small matrix', () => {
    // Totals 3, 3, 1, 4, 2; g = round(0.27 · 5) = 1: upper = row 3 (total 4), lower = row 2 (total 1).
    const responses: (0 | 1)[][] = [
      [1, 1, 1, 0],
      [1, 0, 1, 1],
      [0, 0, 1, 0],
      [1, 1, 1, 1],
      [0, 1, 1, 0],
    ];
    const result = itemAnalysis(responses);
    expect(result.difficulty).toEqual([0.6, 0.6, 1, 0.4]);
    expect(result.discrimination).toEqual([1, 1, 0, 1]);
    expect(result.pointBiserial[2]).toBeNaN();
  });

  it('returns empty arrays for no people or no items, and rejects ragged matrices', () => {
    const empty = { difficulty: [], discrimination: [], pointBiserial: [] };
    expect(itemAnalysis([])).toEqual(empty);
    expect(itemAnalysis([[], []])).toEqual(empty);
    expect(kr20([])).toBeNull();
    const ragged: (0 | 1)[][] = [
      [1, 0, 1],
      [1, 0],
    ];
    expect(() => itemAnalysis(ragged)).toThrow(RangeError);
    expect(() => kr20(ragged)).toThrow(/row 1 has 2 items/);
  });
});
