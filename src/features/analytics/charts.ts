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
/** A target drawn as a dashed line. */
export type Target = { label: string; value: number };
/** Month-by-month values; a month without a figure is null. */
export type TrendSpec = {
  type: 'trend';
  labels: string[];
  series: Series<number | null>[];
  /** Each series' own target, in its colour: `targets[i]` belongs to `series[i]` (g's 0.3 is not mastery's 70 %). */
  targets: Target[];
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
  /** The values count whole things (people): the axis ticks only whole numbers, never 0,2 of a person. */
  wholeNumbers?: boolean | undefined;
  /** Bars run sideways, for long labels such as an objective's text. */
  horizontal?: boolean | undefined;
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
const isTargets = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.every((item) => isRecord(item) && typeof item['label'] === 'string' && isNumber(item['value']));
const isFlag = (value: unknown) => value === undefined || typeof value === 'boolean';

function isChartSpec(value: unknown): value is ChartSpec {
  if (!isRecord(value) || !isStrings(value['labels']) || typeof value['yLabel'] !== 'string') return false;
  if (value['max'] !== undefined && !isNumber(value['max'])) return false;
  switch (value['type']) {
    case 'slope':
      return isSeriesList(value['people'], false);
    case 'bars':
      return isSeriesList(value['series'], false) && isFlag(value['wholeNumbers']) && isFlag(value['horizontal']);
    case 'trend':
      return isSeriesList(value['series'], true) && isTargets(value['targets']);
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

/** A long label cut into lines of about `width` characters at spaces (chart.js draws a string[] as lines). */
export function wrapLabel(text: string, width = 28): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
