// Pages of results for lists that grow with the district (people, KUBEs, the records behind an indicator):
// the server reads and renders one page of `PAGE_SIZE`, chosen by `?halaman=`.

/** Rows on one page: enough to scan, few enough for a phone on a slow connection. */
export const PAGE_SIZE = 50;

export type PageWindow = {
  /** The page shown, from 1. */
  page: number;
  pages: number;
  total: number;
  /** Rows to skip and to take, for the query (or a slice). */
  offset: number;
  limit: number;
};

/**
 * The page asked for in `?halaman=`, bounded: anything but a whole number from 1 is the first page, and a
 * page past the end (rows removed since the link was made) is the last.
 */
export function pageWindow(params: URLSearchParams, total: number, size = PAGE_SIZE): PageWindow {
  const pages = Math.max(1, Math.ceil(total / size));
  const raw = params.get('halaman') ?? '';
  const asked = /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
  const page = Math.min(asked, pages);
  return { page, pages, total, offset: (page - 1) * size, limit: size };
}

/** The rows of one page of a list already in memory. */
export const pageOf = <T>(rows: readonly T[], window: PageWindow): T[] =>
  rows.slice(window.offset, window.offset + window.limit);

/** The address of another page of the same list: every other parameter (search, filters) kept, `halaman` set. */
export function pageHref(url: URL, page: number): string {
  const params = new URLSearchParams(url.searchParams);
  if (page === 1) params.delete('halaman');
  else params.set('halaman', String(page));
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
}
