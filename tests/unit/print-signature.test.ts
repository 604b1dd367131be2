import { describe, expect, it } from 'vitest';
import { placeOf, signerOf } from '../../src/features/analytics/signature.ts';
import { useTranslations } from '../../src/i18n/index.ts';
import { pageNumberAttributes } from '../../src/lib/print-pages.ts';

describe('pageNumberAttributes()', () => {
  it('gives the words around the page number and count in each language', () => {
    expect(pageNumberAttributes(useTranslations('id'))).toEqual({
      'data-page-before': 'Halaman ',
      'data-page-between': ' dari ',
      'data-page-after': '',
    });
    expect(pageNumberAttributes(useTranslations('en'))).toEqual({
      'data-page-before': 'Page ',
      'data-page-between': ' of ',
      'data-page-after': '',
    });
  });
});

describe('signerOf()', () => {
  const nganjuk = { kabupaten: 'Nganjuk' };
  it('signs at the one kabupaten of the report, and leaves a line when there are several or none', () => {
    expect(placeOf([nganjuk, nganjuk])).toBe('Nganjuk');
    expect(placeOf([nganjuk, { kabupaten: 'Kediri' }])).toBeNull();
    expect(placeOf([])).toBeNull();
  });
  it('names the facilitator who prints, or the KUBE’s facilitators, never the admin', () => {
    expect(signerOf({ role: 'pendamping' }, { name: 'Rina' }, [nganjuk], ['Budi'])).toEqual({
      place: 'Nganjuk',
      facilitator: 'Rina',
    });
    expect(signerOf({ role: 'admin' }, { name: 'Admin' }, [nganjuk], ['Budi', 'Rina']).facilitator).toBe('Budi, Rina');
    expect(signerOf({ role: 'admin' }, { name: 'Admin' }, [nganjuk]).facilitator).toBeNull();
  });
});
