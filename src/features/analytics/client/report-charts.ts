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
import { readChartSpec, type ChartSpec } from '../charts.ts';
import { boxCanvas, fitToBox } from './chart-sizing.ts';

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

function draw(canvas: HTMLCanvasElement, spec: ChartSpec): void {
  const y = { beginAtZero: true, max: spec.max, title: { display: true, text: spec.yLabel } };
  if (spec.type === 'trend') {
    const lines = spec.series.map((series, index) => ({
      label: series.label,
      data: series.data,
      borderColor: index === 0 ? AFTER : BEFORE,
      backgroundColor: 'transparent',
      borderWidth: 2,
      pointRadius: 3,
      spanGaps: true,
    }));
    const target = spec.target
      ? [
          {
            label: spec.target.label,
            data: spec.labels.map(() => spec.target?.value ?? null),
            borderColor: '#555',
            borderDash: [6, 4],
            backgroundColor: 'transparent',
            borderWidth: 1.5,
            pointRadius: 0,
          },
        ]
      : [];
    new Chart(canvas, {
      type: 'line',
      data: { labels: spec.labels, datasets: [...lines, ...target] },
      options: fitToBox({ animation: false, scales: { y } }),
    });
    return;
  }
  if (spec.type === 'slope') {
    new Chart(canvas, {
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
      options: fitToBox({ animation: false, plugins: { legend: { display: false } }, scales: { y } }),
    });
    return;
  }
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((series, index) => ({
        label: series.label,
        data: series.data,
        backgroundColor: index === 0 ? BEFORE : AFTER,
      })),
    },
    options: fitToBox({ animation: false, scales: { y } }),
  });
}

function drawFromData(canvas: HTMLCanvasElement): boolean {
  const spec = readChartSpec(canvas.dataset['chart']);
  if (!spec) return false;
  try {
    boxCanvas(canvas);
    draw(canvas, spec);
    return true;
  } catch {
    return false;
  }
}

for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) {
  if (drawFromData(canvas)) canvas.dataset['drawn'] = 'true';
  else canvas.hidden = true; // the table below still has every figure
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    window.print();
  });
}
