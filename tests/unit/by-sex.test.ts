import { describe, expect, it } from 'vitest';
import { bySex, SEX_GROUPS } from '../../src/features/analytics/by-sex.ts';
import { buildReport, mainFigures } from '../../src/features/analytics/compute.ts';
import type { Pair, Sex } from '../../src/features/analytics/pairs.ts';
import { indicator2, indicator2Status } from '../../src/features/indicators/compute.ts';

// Figures by sex over hand-made pairs: every value worked out by hand. Unknown stays unknown.

const side = (score: number) => ({ score, form: null, questionIds: [], bits: '' });
const pair = (personId: string, sex: Sex | null, pre: number, post: number, moduleSlug = 'hakikat-kube'): Pair => ({
  ...{ personId, name: personId, sex, kubeId: 'kubemaju1', kubeName: 'Maju Bersama 1', moduleSlug },
  ...{ postDate: '2026-03-01', pre: side(pre), post: side(post) },
});

// Budi (L): 20 → 80 and, in a second module, 40 → 60. Sri (P): 50 → 90. Tono (not recorded): 30 → 30.
const pairs = [
  pair('budi', 'L', 20, 80),
  pair('budi', 'L', 40, 60, 'usaha-produk'),
  pair('sri', 'P', 50, 90),
  pair('tono', null, 30, 30),
];

describe('bySex()', () => {
  it('puts every pair in exactly one of L, P, unknown, and all of them in "all"', () => {
    const rows = bySex(pairs, (group, some) => ({ group, ids: some.map((p) => p.personId) }));
    expect(rows).toEqual([
      { group: 'L', ids: ['budi', 'budi'] },
      { group: 'P', ids: ['sri'] },
      { group: 'unknown', ids: ['tono'] },
      { group: 'all', ids: ['budi', 'budi', 'sri', 'tono'] },
    ]);
  });

  it('gives an empty group with no pairs, never leaving it out', () => {
    const rows = bySex([pair('sri', 'P', 0, 100)], (group, some) => `${group}:${some.length}`);
    expect(rows).toEqual(['L:0', 'P:1', 'unknown:0', 'all:1']);
  });
});

describe("the gain report's rows by sex", () => {
  const report = buildReport(pairs, 70);

  it('computes each row with the main figures arithmetic, in the order L, P, unknown, all', () => {
    expect(report.bySex.map((row) => row.group)).toEqual([...SEX_GROUPS]);
    const [men, women, unknown, all] = report.bySex;
    // Men: pre (20 + 40) / 2 = 30, post (80 + 60) / 2 = 70, gain 40; at 70 after: 80 only → 1 of 2.
    expect(men).toEqual({
      group: 'L',
      n: 2,
      nPeople: 1,
      meanPre: 30,
      meanPost: 70,
      meanGain: 40,
      masteryBefore: 0,
      masteryAfter: 0.5,
    });
    expect(women).toMatchObject({ n: 1, nPeople: 1, meanPre: 50, meanPost: 90, meanGain: 40, masteryAfter: 1 });
    expect(unknown).toMatchObject({ n: 1, nPeople: 1, meanPre: 30, meanPost: 30, meanGain: 0, masteryAfter: 0 });
    // All: pre (20 + 40 + 50 + 30) / 4 = 35, post (80 + 60 + 90 + 30) / 4 = 65: the report's own head.
    expect(all).toMatchObject({ n: 4, nPeople: 3, meanPre: 35, meanPost: 65, meanGain: 30, masteryAfter: 0.5 });
    expect(all).toMatchObject({
      n: report.n,
      nPeople: report.nPeople,
      meanPre: report.meanPre,
      meanPost: report.meanPost,
      meanGain: report.meanGain,
      masteryAfter: report.masteryAfter,
    });
  });

  it('has rows whose pairs add up to "all"', () => {
    const [men, women, unknown, all] = report.bySex;
    expect((men?.n ?? 0) + (women?.n ?? 0) + (unknown?.n ?? 0)).toBe(all?.n);
  });

  it('gives a group without people no figures (nulls), not zeros', () => {
    expect(mainFigures([], 70)).toEqual({
      n: 0,
      nPeople: 0,
      meanPre: null,
      meanPost: null,
      meanGain: null,
      masteryBefore: null,
      masteryAfter: null,
    });
    expect(buildReport([pair('sri', 'P', 10, 20)]).bySex[0]).toMatchObject({ group: 'L', n: 0, meanPre: null });
  });
});

describe('indicator 2 by sex', () => {
  const i2 = indicator2(pairs, [], 70);
  const targets = { i2_class_gain: 0.3, i2_mastery: 0.7 };

  it('splits the officers into L, P, unknown and all, with the gain group arithmetic', () => {
    expect(i2.bySex.map((g) => [g.key, g.n, g.people])).toEqual([
      ['L', 2, 1],
      ['P', 1, 1],
      ['unknown', 1, 1],
      ['all', 4, 3],
    ]);
    // Women: ⟨g⟩ = (90 − 50) / (100 − 50) = 0.8; men: (70 − 30) / (100 − 30) = 0.571…
    expect(i2.bySex[1]?.classGain).toBeCloseTo(0.8, 9);
    expect(i2.bySex[0]?.classGain).toBeCloseTo(40 / 70, 9);
    expect(i2.bySex[3]).toEqual({ ...i2.all, key: 'all' });
  });

  it('gives each row the status the indicator itself would have', () => {
    // Women reach both targets; men reach the gain but only 50 % at mastery; unknown gained nothing.
    expect(i2.bySex.map((g) => indicator2Status(g, targets))).toEqual([
      'dalam_proses',
      'tercapai',
      'dalam_proses',
      'dalam_proses',
    ]);
    expect(indicator2Status(indicator2([], [], 70).bySex[0] ?? i2.all, targets)).toBe('belum');
  });
});
