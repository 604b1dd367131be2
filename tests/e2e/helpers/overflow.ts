import type { Page } from 'playwright-core';

/**
 * Null when the document is no wider than the viewport; otherwise its width and the element that pushes it
 * out furthest, e.g. `592 px > 360: table "Tanggal Uraian Bukti…" (right edge 592)`. An element inside a box
 * that scrolls or clips sideways does not widen the page, so the culprit is sought among the others first.
 */
export async function widestOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    const clipsSideways = (element: Element) => getComputedStyle(element).overflowX !== 'visible';
    const insideClip = (element: Element) => {
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
        if (clipsSideways(up)) return true;
      }
      return false;
    };
    const beyond = [...document.body.querySelectorAll('*')].filter(
      (element) => element.getBoundingClientRect().right > width + 0.5,
    );
    const free = beyond.filter((element) => !insideClip(element));
    const pool = free.length > 0 ? free : beyond;
    // The element whose edge is the document's edge is the one that widens it (e.g. a hidden header text that
    // escaped its table's scroll box); failing that, the one reaching furthest.
    const right = (element: Element) => element.getBoundingClientRect().right;
    const atEdge = pool.filter((element) => Math.abs(right(element) - scrollWidth) <= 1).pop();
    const widest =
      atEdge ??
      pool.reduce<Element | null>(
        (best, element) => (best === null || right(element) > right(best) ? element : best),
        null,
      );
    if (widest === null) return `${scrollWidth} px > ${width}`;
    const name = [
      widest.tagName.toLowerCase(),
      widest.id === '' ? '' : `#${widest.id}`,
      ...[...widest.classList].map((c) => `.${c}`),
    ].join('');
    const text = widest.textContent.replace(/\s+/g, ' ').trim().slice(0, 40);
    return `${scrollWidth} px > ${width}: ${name} "${text}" (right edge ${Math.round(right(widest))})`;
  });
}
