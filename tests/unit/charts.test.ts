import { describe, expect, it } from 'vitest';
import { chartData, readChartSpec, wrapLabel, type ChartSpec } from '../../src/features/analytics/charts.ts';

const slope: ChartSpec = {
  type: 'slope',
  labels: ['Sebelum', 'Sesudah'],
  people: [{ label: 'Siti', data: [40, 80] }],
  yLabel: 'Nilai',
  max: 100,
};
const bars: ChartSpec = {
  type: 'bars',
  labels: ['0–9', '10–19'],
  series: [{ label: 'Sebelum', data: [1, 2] }],
  yLabel: 'Orang',
};
const trend: ChartSpec = {
  type: 'trend',
  labels: ['Jan', 'Feb'],
  series: [{ label: 'Omzet', data: [null, 3.5] }],
  targets: [{ label: 'Target', value: 5 }],
  yLabel: 'Juta',
  max: undefined,
};

describe('readChartSpec()', () => {
  it('reads back every chart the server writes with chartData()', () => {
    expect(readChartSpec(chartData(slope))).toEqual(slope);
    expect(readChartSpec(chartData(bars))).toEqual(bars);
    expect(readChartSpec(chartData(trend))).toEqual(trend);
    const counted: ChartSpec = { ...bars, wholeNumbers: true, horizontal: true };
    expect(readChartSpec(chartData(counted))).toEqual(counted);
    expect(readChartSpec(chartData({ ...trend, targets: [] }))).toEqual({ ...trend, targets: [] });
  });

  it('refuses data that is missing, not JSON or not a chart, so the page shows the table alone', () => {
    expect(readChartSpec(undefined)).toBeNull();
    expect(readChartSpec('')).toBeNull();
    expect(readChartSpec('{not json')).toBeNull();
    expect(readChartSpec('{}')).toBeNull();
    expect(readChartSpec('[]')).toBeNull();
    expect(readChartSpec(JSON.stringify({ ...bars, type: 'pie' }))).toBeNull();
  });

  it('refuses a chart whose parts have the wrong shape', () => {
    expect(readChartSpec(JSON.stringify({ ...bars, series: [{ label: 'x', data: ['1'] }] }))).toBeNull();
    expect(readChartSpec(JSON.stringify({ ...bars, series: [{ label: 'x', data: [null] }] }))).toBeNull();
    expect(readChartSpec(JSON.stringify({ ...slope, people: undefined }))).toBeNull();
    expect(readChartSpec(JSON.stringify({ ...trend, targets: [{ label: 'Target' }] }))).toBeNull();
    expect(readChartSpec(JSON.stringify({ ...trend, targets: { label: 'Target', value: 5 } }))).toBeNull();
    expect(readChartSpec(JSON.stringify({ ...bars, wholeNumbers: 'yes' }))).toBeNull();
    expect(readChartSpec(JSON.stringify({ ...trend, labels: [1, 2] }))).toBeNull();
    expect(readChartSpec(JSON.stringify({ ...trend, max: '100' }))).toBeNull();
    expect(readChartSpec(JSON.stringify({ ...trend, yLabel: undefined }))).toBeNull();
  });
});

describe('wrapLabel()', () => {
  it('cuts an objective’s text into short lines at spaces, keeping every word', () => {
    const text = 'Menjelaskan arti KUBE dan manfaatnya bagi keluarga anggota';
    const lines = wrapLabel(text, 20);
    expect(lines.join(' ')).toBe(text);
    expect(lines.every((line) => line.length <= 20)).toBe(true);
    expect(wrapLabel('mk-1')).toEqual(['mk-1']);
  });
});
