import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { readChartSpec, wrapLabel, type ChartSpec } from '../charts.ts';
import { boxCanvas, fitToBox, followPrint } from './chart-sizing.ts';

// Draws the report's charts from the data the server put on each canvas. Only the parts of chart.js that
// these charts use are registered, so the page loads less. Every chart has a table under it.

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

const BEFORE = '#8a5a00';
const AFTER = '#1f5f99';
/** A trend's series colours, in order; a series' target line takes its colour. */
const TREND = [AFTER, BEFORE, '#2e7d32'];

// Ticks and tooltips read numbers in the page's language ("0,5" in Indonesian, "0.5" in English), not the
// browser's: chart.js formats with Intl under its `locale` option, which defaults to the browser's own.
const locale = document.documentElement.lang || navigator.language;

function draw(canvas: HTMLCanvasElement, spec: ChartSpec): Chart {
  const y = { beginAtZero: true, max: spec.max, title: { display: true, text: spec.yLabel } };
  if (spec.type === 'trend') {
    const colour = (index: number) => TREND[index % TREND.length];
    const lines = spec.series.map((series, index) => ({
      label: series.label,
      data: series.data,
      borderColor: colour(index),
      backgroundColor: 'transparent',
      borderWidth: 2,
      pointRadius: 3,
      spanGaps: true,
    }));
    const targets = spec.targets.map((target, index) => ({
      label: target.label,
      data: spec.labels.map(() => target.value),
      borderColor: colour(index),
      borderDash: [6, 4],
      backgroundColor: 'transparent',
      borderWidth: 1.5,
      pointRadius: 0,
    }));
    return new Chart(canvas, {
      type: 'line',
      data: { labels: spec.labels, datasets: [...lines, ...targets] },
      options: fitToBox({ animation: false, locale, scales: { y } }),
    });
  }
  if (spec.type === 'slope') {
    return new Chart(canvas, {
      type: 'line',
      data: {
        labels: spec.labels,
        datasets: spec.people.map((person) => ({
          label: person.label,
          data: person.data,
          borderColor: (person.data[1] ?? 0) >= (person.data[0] ?? 0) ? AFTER : BEFORE,
          backgroundColor: 'transparent',
          borderWidth: 1.5,
          pointRadius: 3,
        })),
      },
      options: fitToBox({ animation: false, locale, plugins: { legend: { display: false } }, scales: { y } }),
    });
  }
  // Counts of people tick in whole numbers only (precision 0), so one person is never drawn as 0,2 … 1,0.
  const value = { ...y, ticks: spec.wholeNumbers ? { precision: 0 } : {} };
  const labels: (string | string[])[] = spec.horizontal ? spec.labels.map((label) => wrapLabel(label)) : spec.labels;
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: spec.series.map((series, index) => ({
        label: series.label,
        data: series.data,
        backgroundColor: index === 0 ? BEFORE : AFTER,
      })),
    },
    options: spec.horizontal
      ? fitToBox({ animation: false, locale, indexAxis: 'y' as const, scales: { x: value } })
      : fitToBox({ animation: false, locale, scales: { y: value } }),
  });
}

/**
 * The value axis' ticks as drawn, and the first series' values as its tooltips read them (chart.js writes both
 * with the axis' number format), on the canvas for whoever checks the chart (tests, a curious reader).
 */
function recordTicks(canvas: HTMLCanvasElement, chart: Chart, horizontal: boolean): void {
  const axis = chart.scales[horizontal ? 'x' : 'y'];
  if (!axis) return;
  canvas.dataset['ticks'] = axis.ticks.map((tick) => String(tick.value)).join(' ');
  const values = (chart.data.datasets[0]?.data ?? []).filter((value) => typeof value === 'number');
  canvas.dataset['valueLabels'] = values.map((value) => axis.getLabelForValue(value)).join(' ');
}

function drawFromData(canvas: HTMLCanvasElement): Chart | null {
  const spec = readChartSpec(canvas.dataset['chart']);
  if (!spec) return null;
  try {
    boxCanvas(canvas);
    const chart = draw(canvas, spec);
    recordTicks(canvas, chart, spec.type === 'bars' && spec.horizontal === true);
    return chart;
  } catch {
    return null;
  }
}

const charts: Chart[] = [];
for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) {
  const chart = drawFromData(canvas);
  if (chart) {
    canvas.dataset['drawn'] = 'true';
    charts.push(chart);
  } else canvas.hidden = true; // the table below still has every figure
}
followPrint(charts);

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    window.print();
  });
}
