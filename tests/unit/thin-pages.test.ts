import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MASTERY } from '../../src/features/analytics/compute.ts';

// Pages read the request, check access, call one loader and render: their logic lives in the feature, so a
// page stays short; the mastery score has one source (DEFAULT_MASTERY); and every form's outcome goes through
// the one post/redirect/get helper (`form()` of lib/action-outcome.ts).

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? pages(join(dir, entry.name)) : entry.name.endsWith('.astro') ? [join(dir, entry.name)] : [],
  );
}

const PAGES = pages('src/pages');

describe('pages', () => {
  it.each(PAGES)('%s stays within 150 lines', (path) => {
    expect(readFileSync(path, 'utf8').split('\n').length).toBeLessThanOrEqual(150);
  });

  it('never write the mastery score as a number of their own', () => {
    const literal = new RegExp(`['"\`]${String(DEFAULT_MASTERY)}['"\`]|[=:(]\\s*${String(DEFAULT_MASTERY)}\\b`);
    const offenders = PAGES.filter((path) => literal.test(readFileSync(path, 'utf8')));
    expect(offenders).toEqual([]);
  });

  // A result read outside `form()` must say why on the line before it (`// Read by hand: …`).
  it('read every action result through the post/redirect/get helper', () => {
    const byHand = (source: string) =>
      [...source.matchAll(/Astro\.getActionResult\(/g)].filter(({ index }) => {
        const before = source.slice(0, index);
        const previousLine = before.slice(0, before.lastIndexOf('\n')).split('\n').at(-1) ?? '';
        return !before.trimEnd().endsWith('form(') && !previousLine.trim().startsWith('// Read by hand:');
      });
    const offenders = PAGES.filter((path) => byHand(readFileSync(path, 'utf8')).length > 0);
    expect(offenders).toEqual([]);
  });
});
