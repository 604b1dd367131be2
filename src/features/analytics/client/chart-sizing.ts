import type { ChartOptions } from 'chart.js';

// How big a chart is and how dense its labels are, apart from what it draws (report-charts.ts). The height comes
// from CSS per screen size (`.chart-box` in report.css and indicators.css), so a phone gets a chart tall enough
// to read instead of one squeezed to its width's aspect ratio.

/** Puts the canvas in a box whose CSS height the chart fills. */
export function boxCanvas(canvas: HTMLCanvasElement): void {
  if (canvas.parentElement?.classList.contains('chart-box') === true) return;
  const box = document.createElement('div');
  box.className = 'chart-box';
  canvas.replaceWith(box);
  box.append(canvas);
}

type Scale = Record<string, unknown> & { ticks?: Record<string, unknown> };
type Sized = { scales?: { y?: Scale; x?: Scale } } & Record<string, unknown>;

/** The chart's options, sized to its box, with few enough ticks that labels never overlap on a phone. */
export function fitToBox<T extends Sized>(options: T): T & ChartOptions {
  const narrow = window.matchMedia('(max-width: 30rem)').matches;
  const { x = {}, y = {} } = options.scales ?? {};
  return {
    ...options,
    maintainAspectRatio: false,
    scales: {
      ...options.scales,
      x: { ...x, ticks: { autoSkip: true, autoSkipPadding: 12, maxRotation: narrow ? 0 : 45, ...x.ticks } },
      y: { ...y, ticks: { maxTicksLimit: narrow ? 5 : 8, ...y.ticks } },
    },
  };
}

/**
 * Redraws the charts to their box when the page goes to paper and back: a canvas keeps the pixel size it was
 * drawn at, and a screen-wide chart would run past the A4 margin (report.css also keeps the bitmap inside it).
 */
export function followPrint(charts: readonly { resize: () => void }[]): void {
  const redraw = () => {
    for (const chart of charts) chart.resize();
  };
  window.addEventListener('beforeprint', redraw);
  window.addEventListener('afterprint', redraw);
  window.matchMedia('print').addEventListener('change', redraw);
}
