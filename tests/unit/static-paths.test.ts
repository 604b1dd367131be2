import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isStaticAssetRequest, STATIC_FILES } from '../../src/lib/static-paths.ts';

describe('isStaticAssetRequest()', () => {
  it('knows every file in public/ and every file-like endpoint in src/pages/', () => {
    const publicFiles = readdirSync('public').map((name) => `/${name}`);
    const endpoints = readdirSync('src/pages')
      .filter((name) => /\.\w+\.ts$/.test(name))
      .map((name) => `/${name.replace(/\.ts$/, '')}`);
    expect([...STATIC_FILES].sort()).toEqual([...publicFiles, ...endpoints].sort());
  });

  it('lets reads of build assets and known files through', () => {
    expect(isStaticAssetRequest('GET', '/_astro/client.Ab12Cd.js')).toBe(true);
    expect(isStaticAssetRequest('HEAD', '/favicon.svg')).toBe(true);
    expect(isStaticAssetRequest('GET', '/sw.js')).toBe(true);
  });

  it('never decides from how a path ends', () => {
    expect(isStaticAssetRequest('POST', '/_actions/assessment.grant')).toBe(false);
    expect(isStaticAssetRequest('GET', '/_actions/assessment.start')).toBe(false);
    expect(isStaticAssetRequest('GET', '/laporan/data.csv')).toBe(false);
    expect(isStaticAssetRequest('POST', '/favicon.svg')).toBe(false);
  });
});
