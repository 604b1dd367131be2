import { describe, expect, it } from 'vitest';
import {
  indicator4,
  indicator4Series,
  periodQuarters,
  quarterSoFarSeries,
  quarterOf,
} from '../../src/features/indicators/regular-training.ts';

describe('quarterOf() and periodQuarters()', () => {
  it('names the calendar quarter of a day', () => {
    expect(quarterOf('2026-02-14')).toEqual({ year: 2026, quarter: 1, from: '2026-01-01', to: '2026-03-31' });
    expect(quarterOf('2026-12-31')).toEqual({ year: 2026, quarter: 4, from: '2026-10-01', to: '2026-12-31' });
    expect(quarterOf('2028-04-01').to).toBe('2028-06-30');
  });

  it('counts the quarters ended by the last day, the one holding it running, and a quarter begun before whole', () => {
    const { counted, running } = periodQuarters('2026-02-15', '2026-11-30');
    expect(counted.map((q) => q.quarter)).toEqual([1, 2, 3]);
    expect(running?.quarter).toBe(4);
    expect(periodQuarters('2026-01-01', '2026-12-31').running).toBeNull();
    expect(periodQuarters('2026-10-01', '2026-11-30').counted).toEqual([]);
    expect(periodQuarters('2025-11-01', '2026-03-31').counted.map((q) => `${q.year}/${q.quarter}`)).toEqual([
      '2025/4',
      '2026/1',
    ]);
  });
});

describe('indicator4()', () => {
  const kubes = ['k1', 'k2', 'k3', 'k4'];
  const trainings = [
    // k1 trained in every quarter of 2026 so far, twice in the second.
    { kubeId: 'k1', date: '2026-01-20' },
    { kubeId: 'k1', date: '2026-04-02' },
    { kubeId: 'k1', date: '2026-06-30' },
    { kubeId: 'k1', date: '2026-09-01' },
    // k2 skipped the third quarter, then trained in the fourth (still running).
    { kubeId: 'k2', date: '2026-03-31' },
    { kubeId: 'k2', date: '2026-05-05' },
    { kubeId: 'k2', date: '2026-11-10' },
    // k3 trained only once, at its founding in 2025.
    { kubeId: 'k3', date: '2025-06-01' },
    // A training after the period's end and one of a KUBE not in scope change nothing.
    { kubeId: 'k4', date: '2026-12-15' },
    { kubeId: 'other', date: '2026-02-01' },
  ];

  it('shares the KUBEs trained in every quarter ended, per quarter and per KUBE', () => {
    const figure = indicator4(kubes, trainings, '2026-01-01', '2026-11-30');
    expect(figure.quarters.map((q) => q.quarter)).toEqual([1, 2, 3]);
    expect([figure.trained, figure.kubes, figure.value]).toEqual([1, 4, 0.25]);
    expect(figure.byQuarter.map((q) => [q.trained, q.share])).toEqual([
      [2, 0.5],
      [2, 0.5],
      [1, 0.25],
    ]);
    expect(figure.running?.quarter).toBe(4);
    expect(figure.runningTrained).toBe(1);
    expect(figure.perKube).toEqual([
      { kubeId: 'k1', byQuarter: [1, 2, 1], every: true, last: '2026-09-01' },
      { kubeId: 'k2', byQuarter: [1, 1, 0], every: false, last: '2026-11-10' },
      { kubeId: 'k3', byQuarter: [0, 0, 0], every: false, last: '2025-06-01' },
      { kubeId: 'k4', byQuarter: [0, 0, 0], every: false, last: null },
    ]);
  });

  it('has no value before a quarter ends, or without a KUBE', () => {
    expect(indicator4(kubes, trainings, '2026-10-01', '2026-11-30').value).toBeNull();
    expect(indicator4([], trainings, '2026-01-01', '2026-11-30').value).toBeNull();
  });

  it('gives the trend day by day: the figure of the period up to each day', () => {
    expect(
      indicator4Series(kubes, trainings, '2026-01-01', ['2026-02-28', '2026-03-31', '2026-06-30', '2026-09-30']),
    ).toEqual([null, 0.5, 0.5, 0.25]);
  });
});

describe('quarterSoFarSeries()', () => {
  it('gives the share trained so far in the quarter of each day', () => {
    const trainings = [
      { kubeId: 'k1', date: '2026-01-20' },
      { kubeId: 'k2', date: '2026-03-02' },
      { kubeId: 'k1', date: '2026-04-30' },
    ];
    expect(
      quarterSoFarSeries(['k1', 'k2'], trainings, ['2026-01-31', '2026-03-31', '2026-04-15', '2026-05-31']),
    ).toEqual([0.5, 1, 0, 0.5]);
    expect(quarterSoFarSeries([], trainings, ['2026-01-31'])).toEqual([null]);
  });
});
