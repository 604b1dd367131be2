import type { Translate } from '../i18n/index.ts';

// A printed page's number ("Halaman 2 dari 3") is drawn by CSS in the page margin (`@page` in report.css),
// where only counters and strings exist. The words come from the dictionary: the root element carries them
// as attributes, CSS reads them with attr(), and the page margin inherits them from the root.

const PAGE = '\u0001';
const PAGES = '\u0002';

/** The words around the page number and the page count, as `data-page-*` attributes for `<html>`. */
export function pageNumberAttributes(t: Translate): Record<`data-page-${'before' | 'between' | 'after'}`, string> {
  const text = t('report.print.page', { page: PAGE, pages: PAGES });
  const [before = '', rest = ''] = text.split(PAGE);
  const [between = '', after = ''] = rest.split(PAGES);
  return { 'data-page-before': before, 'data-page-between': between, 'data-page-after': after };
}
