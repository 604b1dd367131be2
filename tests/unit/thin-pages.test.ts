import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MASTERY } from '../../src/features/analytics/compute.ts';

// The indicator and report pages read the request, check access, call one loader and render: their logic
// lives in the feature, so a page stays short, and the mastery score has one source (DEFAULT_MASTERY).

const THIN = ['src/pages/indikator/index.astro', 'src/pages/indikator/[nomor].astro', 'src/pages/laporan/index.astro'];

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? pages(join(dir, entry.name)) : entry.name.endsWith('.astro') ? [join(dir, entry.name)] : [],
  );
}

describe('indicator and report pages', () => {
  it.each(THIN)('%s stays within 150 lines', (path) => {
    expect(readFileSync(path, 'utf8').split('\n').length).toBeLessThanOrEqual(150);
  });

  it('never write the mastery score as a number of their own', () => {
    const literal = new RegExp(`['"\`]${String(DEFAULT_MASTERY)}['"\`]|[=:(]\\s*${String(DEFAULT_MASTERY)}\\b`);
    const offenders = pages('src/pages').filter((path) => literal.test(readFileSync(path, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
