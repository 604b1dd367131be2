import { describe, expect, it } from 'vitest';
import { pageHref, pageOf, pageWindow } from '../../src/lib/pages.ts';

const ask = (page: string | null, total: number) =>
  pageWindow(new URLSearchParams(page === null ? '' : { halaman: page }), total);

describe('pageWindow()', () => {
  it('gives the page asked for, fifty rows each', () => {
    expect(ask('2', 312)).toEqual({ page: 2, pages: 7, total: 312, offset: 50, limit: 50 });
    expect(ask(null, 312).page).toBe(1);
  });

  it('reads anything but a whole page number as the first page', () => {
    for (const bad of ['0', '-1', '1.5', 'abc', '', '1e3', '9999999999', ' 2']) expect(ask(bad, 312).page).toBe(1);
  });

  it('shows the last page for a page past the end, and one empty page for an empty list', () => {
    expect(ask('99', 312)).toMatchObject({ page: 7, offset: 300 });
    expect(ask('3', 0)).toEqual({ page: 1, pages: 1, total: 0, offset: 0, limit: 50 });
  });
});

describe('pageOf()', () => {
  it('cuts one page out of a list in memory', () => {
    const rows = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(rows, ask('3', rows.length))).toEqual(rows.slice(100));
  });
});

describe('pageHref()', () => {
  const url = new URL('http://x/kube?cari=maju&kabupaten=Nganjuk&halaman=3');

  it('keeps the search and the filters and changes only the page', () => {
    expect(pageHref(url, 4)).toBe('/kube?cari=maju&kabupaten=Nganjuk&halaman=4');
  });

  it('leaves `halaman` out for the first page', () => {
    expect(pageHref(url, 1)).toBe('/kube?cari=maju&kabupaten=Nganjuk');
    expect(pageHref(new URL('http://x/kube?halaman=2'), 1)).toBe('/kube');
  });
});
