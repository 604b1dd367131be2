import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PathStep } from '../../src/features/paths/path-schema.ts';
import { defaultSequence, firstPlannedMonth } from '../../src/features/training/sequence.ts';
import { sessionStatus } from '../../src/features/training/status.ts';

// The program's default sequence of a year's training, from the real learning paths, and a session's standing.

const PATHS = new Map(
  readdirSync('content/paths').map((name) => {
    const path = parse(readFileSync(`content/paths/${name}`, 'utf8')) as { jabatan: string; steps: PathStep[] };
    return [path.jabatan, path.steps] as const;
  }),
);
const paths = { members: PATHS.get('anggota') ?? [], byPosition: PATHS };

describe('the default sequence', () => {
  it('puts Hakikat KUBE first for everyone, the officers’ modules next, the divisions’, then the members’', () => {
    const plan = defaultSequence(paths, 1);
    expect(plan[0]).toEqual({ moduleSlug: 'hakikat-kube', month: 1, audience: 'all', jabatanCode: null });
    const slugs = plan.map((session) => session.moduleSlug);
    expect(new Set(slugs).size).toBe(slugs.length);
    const at = (slug: string) => slugs.indexOf(slug);
    expect(at('manajemen-kube')).toBeLessThan(at('divisi-kube'));
    expect(at('keuangan-kube')).toBeLessThan(at('divisi-kube'));
    expect(at('divisi-kube')).toBeLessThan(at('usaha-produk'));
    expect(plan.find((session) => session.moduleSlug === 'manajemen-kube')?.audience).toBe('officers');
    expect(plan.find((session) => session.moduleSlug === 'divisi-kube')?.audience).toBe('officers');
    expect(plan.find((session) => session.moduleSlug === 'usaha-pasar')?.audience).toBe('all');
    // A module in one core officer's path only is for that position: keuangan-usaha is the bendahara's.
    expect(plan.find((session) => session.moduleSlug === 'keuangan-usaha')).toMatchObject({
      audience: 'position',
      jabatanCode: 'bendahara',
    });
    // Never the facilitators' own module.
    expect(slugs).not.toContain('peran-pendamping');
  });

  it('spreads the sessions over the months left, in order, never past December', () => {
    const fromJanuary = defaultSequence(paths, 1).map((session) => session.month);
    expect(fromJanuary).toEqual([...fromJanuary].sort((a, b) => a - b));
    expect(Math.max(...fromJanuary)).toBeLessThanOrEqual(12);
    expect(new Set(fromJanuary).size).toBe(Math.min(fromJanuary.length, 12));
    const fromOctober = defaultSequence(paths, 10).map((session) => session.month);
    expect(fromOctober[0]).toBe(10);
    expect(new Set(fromOctober)).toEqual(new Set([10, 11, 12]));
    expect(defaultSequence(paths, 99).every((session) => session.month === 12)).toBe(true);
  });

  it('starts a later year in January, this year this month, and refuses a past year', () => {
    expect(firstPlannedMonth(2027, '2026-12-03')).toBe(1);
    expect(firstPlannedMonth(2026, '2026-12-03')).toBe(12);
    expect(firstPlannedMonth(2025, '2026-12-03')).toBeNull();
  });
});

describe('a session’s standing', () => {
  it('is done once held, overdue after its month, this month in it, planned before', () => {
    expect(sessionStatus({ year: 2026, month: 3 }, true, '2026-12-03')).toBe('done');
    expect(sessionStatus({ year: 2026, month: 11 }, false, '2026-12-03')).toBe('overdue');
    expect(sessionStatus({ year: 2025, month: 12 }, false, '2026-01-01')).toBe('overdue');
    expect(sessionStatus({ year: 2026, month: 12 }, false, '2026-12-31')).toBe('this_month');
    expect(sessionStatus({ year: 2027, month: 1 }, false, '2026-12-31')).toBe('planned');
  });
});
