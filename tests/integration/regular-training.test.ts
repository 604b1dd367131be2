import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubes, people, workshops } from '../../db/schema.ts';
import type { RubricShape } from '../../src/features/capacity/service.ts';
import { indicatorCsv } from '../../src/features/indicators/csv.ts';
import { loadIndicators, loadTrainings, setTarget } from '../../src/features/indicators/data.ts';
import { useTranslations } from '../../src/i18n/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// The fourth figure, "pelatihan berkala", from workshops in a real libSQL file: which workshops count as
// training (held learning workshops, not open ones, not retention tests), the quarters, the status against its
// settable target, and its CSV.

let t: TestDatabase;
const RUBRIC: RubricShape = { slug: 'kapasitas-kube', version: 1, dimensions: [] };
const PERIOD = { from: '2026-01-01', to: '2026-11-30' };
const PLACE = { desa: 'Singkalanyar', kecamatan: 'Prambon', kabupaten: 'Nganjuk', provinsi: 'Jawa Timur' };

let serial = 0;
const workshop = (kubeId: string, date: string, held = true, purpose: 'learning' | 'retention' = 'learning') => {
  serial += 1;
  return {
    id: `workshop${String(serial).padStart(4, '0')}`,
    kubeId,
    moduleSlug: 'hakikat-kube',
    date,
    place: 'Balai desa',
    code: `CODE${String(serial).padStart(2, '0')}`.slice(0, 6),
    phase: held ? ('selesai' as const) : ('materi' as const),
    purpose,
    createdBy: 'f1',
    closedAt: held ? new Date(`${date}T09:00:00Z`) : null,
  };
};

beforeEach(async () => {
  t = await createTestDatabase();
  serial = 0;
  await t.db.insert(kubes).values([
    { id: 'k1', name: 'Maju Bersama 1', ...PLACE },
    { id: 'k2', name: 'Sido Rukun', ...PLACE },
    { id: 'k3', name: 'Tunas Harapan', ...PLACE },
  ]);
  await t.db.insert(people).values({ id: 'f1', name: 'Rina', username: 'rina', role: 'pendamping' });
  await t.db.insert(workshops).values([
    // Maju Bersama 1: a training in each quarter, one of them on the last day of March.
    workshop('k1', '2026-02-10'),
    workshop('k1', '2026-03-31'),
    workshop('k1', '2026-05-20'),
    workshop('k1', '2026-08-01'),
    // Sido Rukun: the third quarter has only a retention test and a workshop never closed: not trained.
    workshop('k2', '2026-01-15'),
    workshop('k2', '2026-04-15'),
    workshop('k2', '2026-07-15', true, 'retention'),
    workshop('k2', '2026-09-15', false),
    // Tunas Harapan: trained once, at its founding.
    workshop('k3', '2024-06-01'),
  ]);
});
afterEach(() => {
  t.cleanup();
});

describe('the fourth figure: KUBEs trained in every quarter', () => {
  it('reads held learning workshops only, and the last training before the period', async () => {
    const trainings = await loadTrainings(t.db, undefined, PERIOD.from, PERIOD.to);
    expect(trainings.map((w) => `${w.kubeId} ${w.date}`).sort()).toEqual([
      'k1 2026-02-10',
      'k1 2026-03-31',
      'k1 2026-05-20',
      'k1 2026-08-01',
      'k2 2026-01-15',
      'k2 2026-04-15',
      'k3 2024-06-01',
    ]);
    expect(await loadTrainings(t.db, ['k3'], PERIOD.from, PERIOD.to)).toEqual([{ kubeId: 'k3', date: '2024-06-01' }]);
    expect(await loadTrainings(t.db, [], PERIOD.from, PERIOD.to)).toEqual([]);
  });

  it('shares the KUBEs trained in every ended quarter, against its target', async () => {
    const data = await loadIndicators(t.db, PERIOD, RUBRIC);
    expect(data.i4.quarters.map((q) => q.quarter)).toEqual([1, 2, 3]);
    expect(data.i4.value).toBeCloseTo(1 / 3, 9);
    expect(data.i4.byQuarter.map((q) => q.trained)).toEqual([2, 2, 1]);
    expect(data.i4.perKube.find((k) => k.kubeId === 'k3')).toMatchObject({ every: false, last: '2024-06-01' });
    // Below the default target of 80 %: in progress.
    expect(data.targets.i4_regular_training).toBe(0.8);
    expect(data.status.i4).toBe('dalam_proses');
    // The trend's last point is the figure; before March ends there is none.
    expect(data.i4Series.at(-1)).toBeCloseTo(1 / 3, 9);
    expect(data.i4Series[0]).toBeNull();

    await setTarget(t.db, { year: 2026, key: 'i4_regular_training', value: 0.3 }, 'f1');
    expect((await loadIndicators(t.db, PERIOD, RUBRIC)).status.i4).toBe('tercapai');
  });

  it('writes each KUBE’s trainings per quarter as CSV', async () => {
    const data = await loadIndicators(t.db, PERIOD, RUBRIC);
    const csv = await indicatorCsv(t.db, '4', data, { data: { dimensions: [] } } as never, useTranslations('id'));
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'KUBE;Desa;Kecamatan;Kabupaten;Triwulan I 2026;Triwulan II 2026;Triwulan III 2026;Setiap triwulan;Terakhir dilatih',
    );
    expect(lines).toContain('Maju Bersama 1;Singkalanyar;Prambon;Nganjuk;2;1;1;Ya;2026-08-01');
    expect(lines).toContain('Sido Rukun;Singkalanyar;Prambon;Nganjuk;1;1;0;Tidak;2026-04-15');
    expect(lines).toContain('Tunas Harapan;Singkalanyar;Prambon;Nganjuk;0;0;0;Tidak;2024-06-01');
  });
});
