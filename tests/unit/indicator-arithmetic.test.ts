import { describe, expect, it } from 'vitest';
import type { Pair } from '../../src/features/analytics/pairs.ts';
import {
  indicator1,
  indicator2,
  indicator2Series,
  indicator3,
  indicator3Series,
  statusOf,
  type PositionRecord,
} from '../../src/features/indicators/compute.ts';
import type { Assessment, RubricShape } from '../../src/features/capacity/service.ts';
import { trendDays } from '../../src/features/indicators/trend.ts';

// The success indicators' arithmetic over hand-made records: no database, expected values worked out by hand.

const position = (kubeId: string, personId: string, jabatanCode: string, division: string, startDate: string) =>
  ({
    kubeId,
    personId,
    jabatanCode,
    division,
    isCore: division === 'inti',
    startDate,
    endDate: null,
  }) satisfies PositionRecord;

const side = (score: number) => ({ score, form: null, questionIds: [], bits: '' });
const pair = (personId: string, pre: number, post: number, postDate: string, moduleSlug = 'hakikat-kube'): Pair => ({
  ...{ personId, name: personId, sex: null, kubeId: 'kube0001', kubeName: 'KUBE 1', moduleSlug, postDate },
  ...{ pre: side(pre), post: side(post) },
});

describe('statusOf()', () => {
  it('reads a value against its target', () => {
    expect(statusOf(null, 0.8)).toBe('belum');
    expect(statusOf(0, 0.8)).toBe('belum');
    expect(statusOf(0.5, 0.8)).toBe('dalam_proses');
    expect(statusOf(0.8, 0.8)).toBe('tercapai');
  });
});

describe('indicator1()', () => {
  const divisions = ['pemasaran', 'pemberdayaan'];
  const positions = [
    position('kube0001', 'ketua1', 'ketua', 'inti', '2024-01-01'),
    position('kube0001', 'mkt1', 'anggota_marketing', 'pemasaran', '2026-03-01'),
    position('kube0001', 'emp1', 'anggota_pemberdayaan', 'pemberdayaan', '2026-05-01'),
    position('kube0002', 'mkt2', 'anggota_marketing', 'pemasaran', '2026-03-01'),
  ];

  it('counts the KUBEs that formed every division on the day', () => {
    // 1 June: kube0001 has both divisions, kube0002 only marketing, kube0003 nothing → 1 of 3.
    const june = indicator1(positions, ['kube0001', 'kube0002', 'kube0003'], divisions, '2026-06-01');
    expect(june).toMatchObject({ kubes: 3, allFormed: 1, formed: { pemasaran: 2, pemberdayaan: 1 } });
    expect(june.value).toBeCloseTo(1 / 3, 9);
    // Beyond the core: mkt1, emp1, mkt2 = 3 people; the ketua is core.
    expect(june.beyondCoreOfficers).toBe(3);
    expect(june.structures[0]).toMatchObject({ coreOfficers: 1, beyondCoreOfficers: 2, allFormed: true });
  });

  it('counts a position from its first day, and nothing without KUBEs', () => {
    // 30 April: empowerment starts on 1 May, so no KUBE has both yet.
    expect(indicator1(positions, ['kube0001'], divisions, '2026-04-30')).toMatchObject({ allFormed: 0, value: 0 });
    expect(indicator1(positions, ['kube0001'], divisions, '2026-05-01').value).toBe(1);
    expect(indicator1(positions, [], divisions, '2026-06-01').value).toBeNull();
  });
});

describe('indicator2()', () => {
  const positions = [
    position('kube0001', 'ketua1', 'ketua', 'inti', '2024-01-01'),
    position('kube0001', 'bend1', 'bendahara', 'inti', '2024-01-01'),
  ];
  const pairs = [pair('ketua1', 40, 70, '2026-03-01'), pair('bend1', 50, 60, '2026-03-01', 'usaha-produk')];

  it('gives ⟨g⟩, the share with g ≥ 0.3 and mastery, overall, by position and by module', () => {
    const result = indicator2(pairs, positions, 70);
    // ⟨g⟩ = (65 − 45) / (100 − 45) = 20 / 55 = 0.3636…; g: 30/60 = 0.5 and 10/50 = 0.2, mean 0.35.
    expect(result.all.classGain).toBeCloseTo(20 / 55, 9);
    expect(result.all.meanG).toBeCloseTo(0.35, 9);
    // g ≥ 0.3: only ketua1 (0.5) → 1 of 2; at 70 after: only 70 → 1 of 2.
    expect(result.all).toMatchObject({ n: 2, shareG03: 0.5, masteryAfter: 0.5 });
    expect(result.byPosition.map((g) => [g.key, g.n])).toEqual([
      ['ketua', 1],
      ['bendahara', 1],
    ]);
    expect(result.byModule.map((g) => g.key)).toEqual(['hakikat-kube', 'usaha-produk']);
  });

  it('counts a bendahara who took two modules as one person of two pairs', () => {
    const twice = [...pairs, pair('bend1', 30, 80, '2026-03-02', 'hakikat-kube')];
    const result = indicator2(twice, positions, 70);
    expect(result.all).toMatchObject({ people: 2, n: 3 });
    expect(result.byPosition.map((g) => [g.key, g.people, g.n])).toEqual([
      ['ketua', 1, 1],
      ['bendahara', 1, 2],
    ]);
    expect(result.byModule.map((g) => [g.key, g.people])).toEqual([
      ['hakikat-kube', 2],
      ['usaha-produk', 1],
    ]);
  });

  it('has nothing to say without pairs', () => {
    expect(indicator2([], positions, 70).all).toMatchObject({
      people: 0,
      n: 0,
      classGain: null,
      meanG: null,
      shareG03: null,
      masteryAfter: null,
    });
  });

  it('grows over time as post-tests come in', () => {
    const later = [...pairs, pair('ketua1', 60, 90, '2026-04-15', 'usaha-produk')];
    const series = indicator2Series(later, ['2026-02-28', '2026-03-31', '2026-04-30'], 70);
    // Before March nobody; by the end of March two pairs; by the end of April three.
    expect(series.map((point) => point.n)).toEqual([0, 2, 3]);
    // End of April: pre (40 + 50 + 60) / 3 = 50, post (70 + 60 + 90) / 3 = 73.33…, ⟨g⟩ = 23.33… / 50 = 0.4667.
    expect(series[2]?.classGain).toBeCloseTo(0.466667, 5);
    // At 70 or more after: 70 and 90 → 2 of 3.
    expect(series[2]?.masteryAfter).toBeCloseTo(2 / 3, 9);
  });
});

describe('the trends, month end by month end', () => {
  const days = ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31'];

  it('gives for indicator 2 what a group of the pairs by each day gives, whatever their order', () => {
    // Out of order, two on one day, one after the last day, one on a month end itself.
    const some = [
      pair('a', 40, 70, '2026-03-02'),
      pair('b', 100, 100, '2026-01-31'),
      pair('c', 20, 90, '2026-06-01'),
      pair('d', 55, 60, '2026-03-02'),
      pair('e', 0, 35, '2026-02-10'),
    ];
    const series = indicator2Series(some, days, 70);
    days.forEach((day, i) => {
      const group = indicator2(
        some.filter((p) => p.postDate <= day),
        [],
        70,
      ).all;
      expect(series[i]?.n).toBe(group.n);
      expect(series[i]?.masteryAfter).toBe(group.masteryAfter);
      if (group.classGain === null) expect(series[i]?.classGain).toBeNull();
      else expect(series[i]?.classGain).toBeCloseTo(group.classGain, 12);
    });
    // By 31 January only b, at 100 before: no gain can be computed, as for the group.
    expect(series[0]).toMatchObject({ n: 1, classGain: null, masteryAfter: 1 });
  });

  it('gives for indicator 3 what the indicator on each day gives', () => {
    const rubric: RubricShape = {
      slug: 'kapasitas',
      version: 1,
      dimensions: [
        { id: 'usaha', kind: 'program', itemIds: ['u1', 'u2'] },
        { id: 'aturan', kind: 'regulasi', itemIds: ['r1'] },
      ],
    };
    const assessment = (kubeId: string, assessedOn: string, u: number, r: number): Assessment => ({
      id: `${kubeId}-${assessedOn}`,
      kubeId,
      assessedOn,
      notes: null,
      assessedBy: null,
      rubricVersion: 1,
      scores: new Map([
        ['u1', u],
        ['u2', u],
        ['r1', r],
      ]),
    });
    const byKube = new Map<string, Assessment[]>([
      [
        'k1',
        [
          assessment('k1', '2026-01-10', 2, 2),
          assessment('k1', '2026-03-05', 3, 1),
          assessment('k1', '2026-05-01', 1, 4),
        ],
      ],
      ['k2', [assessment('k2', '2026-02-01', 2, 2), assessment('k2', '2026-04-30', 4, 2)]],
    ]);
    const kubeIds = ['k1', 'k2', 'k3'];
    const series = indicator3Series(byKube, kubeIds, rubric, days);
    expect(series).toEqual(days.map((day) => ({ day, value: indicator3(byKube, kubeIds, rubric, day).value })));
    // By 30 April both improved on the program dimension; by 31 May k1's latest is lower than its baseline.
    expect(series.map((point) => point.value)).toEqual([null, null, 1, 1, 0.5]);
  });
});

describe('trendDays()', () => {
  it('gives each month end, the last one cut at the period end', () => {
    // January to 15 March: 31 Jan, 28 Feb (2026 is no leap year), then the end itself.
    expect(trendDays('2026-01-01', '2026-03-15')).toEqual({
      days: ['2026-01-31', '2026-02-28', '2026-03-15'],
      months: 3,
      earlierTo: null,
    });
  });

  it('shows only the last months of a long period, and where the earlier part ends', () => {
    // 2023-01 … 2026-03 is 3 × 12 + 3 = 39 months; with a limit of 3: 31 Jan, 28 Feb 2026 and 10 March.
    const trend = trendDays('2023-01-01', '2026-03-10', 3);
    expect(trend).toEqual({ days: ['2026-01-31', '2026-02-28', '2026-03-10'], months: 39, earlierTo: '2025-12-31' });
    // A leap year's February ends on the 29th.
    expect(trendDays('2024-02-01', '2024-03-01').days).toEqual(['2024-02-29', '2024-03-01']);
  });
});
