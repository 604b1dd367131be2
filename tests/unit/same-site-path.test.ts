import { describe, expect, it } from 'vitest';
import { sameSitePath } from '../../src/lib/same-site-path.ts';

describe('sameSitePath()', () => {
  it('keeps a path on this site, with its query', () => {
    expect(sameSitePath('/laporan?kube=abc12345&dari=2026-01-01')).toBe('/laporan?kube=abc12345&dari=2026-01-01');
    expect(sameSitePath('/belajar/hakikat-kube/01-apa-itu-kube')).toBe('/belajar/hakikat-kube/01-apa-itu-kube');
    expect(sameSitePath('/%5Cevil')).toBe('/%5Cevil');
  });

  it.each([
    '/\\evil.example',
    '//evil',
    '///evil',
    '/\t/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '',
  ])('sends %j home instead of off the site', (value) => {
    expect(sameSitePath(value)).toBe('/');
  });

  it('sends anything that is not text home', () => {
    expect(sameSitePath(null)).toBe('/');
    expect(sameSitePath(undefined)).toBe('/');
  });
});
