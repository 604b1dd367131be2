import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/features/analytics/compute.ts';
import type { Pair } from '../../src/features/analytics/pairs.ts';

// The gain report's arithmetic over hand-made pairs: no database, every expected value worked out by hand.

const side = (score: number) => ({ score, form: null, questionIds: [], bits: '' });
const pair = (personId: string, pre: number, post: number, postDate = '2026-03-01'): Pair => ({
  personId,
  name: personId,
  sex: null,
  kubeId: 'kubemaju1',
  kubeName: 'Maju Bersama 1',
  moduleSlug: 'hakikat-kube',
  postDate,
  pre: side(pre),
  post: side(post),
});

describe('buildReport()', () => {
  it('says nothing about no pairs', () => {
    const report = buildReport([]);
    expect(report).toMatchObject({ n: 0, meanPre: null, meanPost: null, meanGain: null, classGain: null, meanG: null });
    expect(report).toMatchObject({ masteryBefore: null, masteryAfter: null, dz: null, tTest: null, wilcoxon: null });
    expect(report.verdict).toBe('none');
    expect(report.distribution).toEqual({ before: Array(10).fill(0), after: Array(10).fill(0) });
  });

  it('reports one person plainly, with no test to run', () => {
    const report = buildReport([pair('a', 40, 70)]);
    // gain 70 − 40 = 30; g = 30 / (100 − 40) = 0.5.
    expect(report).toMatchObject({ n: 1, meanPre: 40, meanPost: 70, meanGain: 30, classGain: 0.5, meanG: 0.5 });
    expect(report).toMatchObject({ tTest: null, dz: null, verdict: 'too_few' });
    expect(report.people[0]).toMatchObject({ gain: 30, g: 0.5 });
  });

  it('computes means, gains, mastery and bands for three people, one already at 100', () => {
    const report = buildReport([pair('a', 40, 70), pair('b', 50, 80), pair('c', 100, 100)], 70);
    // means: (40 + 50 + 100) / 3 = 63.33…, (70 + 80 + 100) / 3 = 83.33…, gain 20.
    expect(report.meanPre).toBeCloseTo(63.333333, 5);
    expect(report.meanPost).toBeCloseTo(83.333333, 5);
    expect(report.meanGain).toBe(20);
    // ⟨g⟩ = 20 / (100 − 63.33…) = 20 / 36.66… = 0.5454…; "medium" (0.3 ≤ g < 0.7).
    expect(report.classGain).toBeCloseTo(0.545454, 5);
    expect(report.classBand).toBe('medium');
    // g per person: 30/60 = 0.5 and 30/50 = 0.6; c has none (no room above 100): mean 0.55 of 2.
    expect(report.people.map((p) => p.g)).toEqual([0.5, 0.6, null]);
    expect(report.nG).toBe(2);
    expect(report.meanG).toBeCloseTo(0.55, 9);
    // At 70 or more: before only c (1 of 3), after all three.
    expect(report.masteryBefore).toBeCloseTo(1 / 3, 9);
    expect(report.masteryAfter).toBe(1);
    // Bands of ten points: 40→4, 50→5, 100→9 (the top band holds 100); 70→7, 80→8, 100→9.
    expect(report.distribution.before).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 0, 1]);
    expect(report.distribution.after).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(report.verdict).toBe('too_few');
  });

  it('rounds a gain of scores with one decimal to what a person would write', () => {
    // 66.7 − 33.3 is 33.400000000000006 in floating point; the report shows 33.4.
    expect(buildReport([pair('a', 33.3, 66.7)]).people[0]?.gain).toBe(33.4);
  });

  it('calls six gains all upward a gain, with the paired statistics', () => {
    // Gains 5, 10, 15, 20, 25, 30: mean 17.5; sd = 5 × sd(1…6) = 5 × 1.870829 = 9.354143.
    const pairs = [10, 20, 30, 40, 50, 60].map((pre, i) => pair(`p${String(i)}`, pre, pre + 5 * (i + 1)));
    const report = buildReport(pairs);
    expect(report.meanGain).toBe(17.5);
    // d_z = 17.5 / 9.354143 = 1.870829; t = 17.5 / (9.354143 / √6) = 17.5 / 3.818813 = 4.582576, df 5.
    expect(report.dz).toBeCloseTo(1.870829, 5);
    expect(report.tTest?.t).toBeCloseTo(4.582576, 5);
    expect(report.tTest?.df).toBe(5);
    // Wilcoxon: all six ranks positive, V = 1 + … + 6 = 21; exact two-sided p = 2 / 2⁶ = 0.03125 < 0.05.
    expect(report.wilcoxon).toMatchObject({ v: 21, n: 6, exact: true });
    expect(report.wilcoxon?.p).toBeCloseTo(0.03125, 9);
    expect(report.verdict).toBe('gain');
  });

  it('calls it unclear when as many go down as up', () => {
    const pairs = [10, 20, 30, 40, 50, 60].map((pre, i) => pair(`p${String(i)}`, pre, pre + (i % 2 ? 10 : -10)));
    // Gains +10 and −10 three times each: mean gain 0.
    expect(buildReport(pairs)).toMatchObject({ meanGain: 0, verdict: 'unclear' });
  });
});
