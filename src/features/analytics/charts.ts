// The contract between the pages that put a chart on a canvas (`data-chart`, written by ReportView.astro
// and indicators' TrendFigure.astro) and the script that draws it (client/report-charts.ts). The server
// writes with `chartData`, the browser reads with `readChartSpec`, so neither side can drift alone.

type Series<T> = { label: string; data: T[] };

/** Each person's score before and after, one line per person. */
export type SlopeSpec = {
  type: 'slope';
  labels: string[];
  people: Series<number>[];
  yLabel: string;
  max?: number | undefined;
};
/** Month-by-month values; a month without a figure is null. */
export type TrendSpec = {
  type: 'trend';
  labels: string[];
  series: Series<number | null>[];
  /** Drawn as a dashed line. */
  target: { label: string; value: number } | null;
  yLabel: string;
  max?: number | undefined;
};
/** Grouped bars, e.g. before and after per score band. */
export type BarsSpec = {
  type: 'bars';
  labels: string[];
  series: Series<number>[];
  yLabel: string;
  max?: number | undefined;
};
export type ChartSpec = SlopeSpec | TrendSpec | BarsSpec;

/** The value of a canvas's `data-chart` attribute. */
export const chartData = (spec: ChartSpec): string => JSON.stringify(spec);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const isSeries = (value: unknown, nullable: boolean): boolean =>
  isRecord(value) &&
  typeof value['label'] === 'string' &&
  Array.isArray(value['data']) &&
  value['data'].every((item) => isNumber(item) || (nullable && item === null));
const isSeriesList = (value: unknown, nullable: boolean): boolean =>
  Array.isArray(value) && value.every((item) => isSeries(item, nullable));

function isChartSpec(value: unknown): value is ChartSpec {
  if (!isRecord(value) || !isStrings(value['labels']) || typeof value['yLabel'] !== 'string') return false;
  if (value['max'] !== undefined && !isNumber(value['max'])) return false;
  const target = value['target'];
  switch (value['type']) {
    case 'slope':
      return isSeriesList(value['people'], false);
    case 'bars':
      return isSeriesList(value['series'], false);
    case 'trend':
      return (
        isSeriesList(value['series'], true) &&
        (target === null || (isRecord(target) && typeof target['label'] === 'string' && isNumber(target['value'])))
      );
    default:
      return false;
  }
}

/** The chart a canvas carries, or null when its data is missing or not a chart (the table below stays). */
export function readChartSpec(text: string | undefined): ChartSpec | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isChartSpec(value) ? value : null;
  } catch {
    return null;
  }
}
