import { describe, expect, it } from 'vitest';
import { currentFirst, orphanedRefusal } from '../../src/features/facts/service.ts';

describe('the facts lists on a KUBE page', () => {
  it('shows current records first, then ended ones, newest start first in each', () => {
    const rows = [
      { id: 'a', startedOn: '2025-01-01', endedOn: '2025-06-30' },
      { id: 'b', startedOn: '2024-01-01', endedOn: null },
      { id: 'c', startedOn: '2026-01-01', endedOn: null },
      { id: 'd', startedOn: '2025-09-01', endedOn: '2026-01-31' },
    ];
    const ordered = currentFirst(
      rows,
      (row) => row.endedOn !== null && row.endedOn < '2026-03-01',
      (row) => row.startedOn,
    );
    expect(ordered.map((row) => row.id)).toEqual(['c', 'b', 'd', 'a']);
    expect(rows.map((row) => row.id)).toEqual(['a', 'b', 'c', 'd']); // the input is left as it was
  });

  it('keeps the errors of a refused correction only when its record is no longer listed', () => {
    const errors = { form: 'Sudah berubah', fields: {} };
    expect(orphanedRefusal({ id: 'gone', errors }, [{ id: 'a' }])).toBe(errors);
    expect(orphanedRefusal({ id: 'a', errors }, [{ id: 'a' }])).toBeNull();
    expect(orphanedRefusal(null, [{ id: 'a' }])).toBeNull();
  });
});
