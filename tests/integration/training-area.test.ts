import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubes, trainingSessions, workshops } from '../../db/schema.ts';
import { loadTrainingArea } from '../../src/features/training/area.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { PLACE } from '../helpers/two-kubes.ts';

// The admin's view of training across the district on a real libSQL file: last training, held against planned
// this year, the KUBEs untrained for 90 days first, an area chosen, and the untrained alone.

let t: TestDatabase;
const TODAY = '2026-12-03';
const held = (id: string, kubeId: string, date: string, moduleSlug = 'hakikat-kube') => ({
  id,
  kubeId,
  moduleSlug,
  date,
  place: 'Balai',
  code: id.slice(0, 6).toUpperCase(),
  phase: 'selesai' as const,
  closedAt: new Date(`${date}T08:00:00Z`),
});

beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(kubes).values([
    { id: 'kubeaaaa1', name: 'Anggrek', ...PLACE },
    { id: 'kubebbbb1', name: 'Bougenvil', ...PLACE },
    { id: 'kubecccc1', name: 'Cempaka', ...PLACE, kecamatan: 'Lengkong', desa: 'Sumberkepuh' },
  ]);
  await t.db.insert(workshops).values([
    held('wsaaaaaa1', 'kubeaaaa1', '2026-11-20'),
    held('wsbbbbbb1', 'kubebbbb1', '2026-06-02'),
    // Not held: still open, so it is no training yet.
    { ...held('wsbbbbbb2', 'kubebbbb1', '2026-11-30', 'usaha-produk'), phase: 'materi', closedAt: null },
  ]);
  await t.db.insert(trainingSessions).values([
    { id: 'sesaaaa01', kubeId: 'kubeaaaa1', year: 2026, month: 11, moduleSlug: 'hakikat-kube', audience: 'all' },
    { id: 'sesaaaa02', kubeId: 'kubeaaaa1', year: 2026, month: 12, moduleSlug: 'usaha-produk', audience: 'all' },
    { id: 'sesbbbb01', kubeId: 'kubebbbb1', year: 2026, month: 5, moduleSlug: 'usaha-produk', audience: 'all' },
    { id: 'sesaaaa03', kubeId: 'kubeaaaa1', year: 2025, month: 5, moduleSlug: 'usaha-produk', audience: 'all' },
  ]);
});
afterEach(() => {
  t.cleanup();
});

describe('training by area', () => {
  it('lists the untrained first, with each KUBE’s last training and this year’s sessions', async () => {
    const area = await loadTrainingArea(t.db, new URLSearchParams(), TODAY);
    expect(area.since).toBe('2026-09-04');
    expect(area.rows.map((row) => [row.name, row.lastTraining, row.untrained, row.held, row.planned])).toEqual([
      ['Cempaka', null, true, 0, 0],
      ['Bougenvil', '2026-06-02', true, 0, 1],
      ['Anggrek', '2026-11-20', false, 1, 2],
    ]);
    expect(area.totals).toEqual({ kubes: 3, untrained: 2, planned: 3, held: 1 });
  });

  it('narrows to an area, and to the untrained alone', async () => {
    const prambon = await loadTrainingArea(
      t.db,
      new URLSearchParams({ kabupaten: 'Nganjuk', kecamatan: 'Prambon' }),
      TODAY,
    );
    expect(prambon.rows.map((row) => row.name)).toEqual(['Bougenvil', 'Anggrek']);
    expect(prambon.totals).toEqual({ kubes: 2, untrained: 1, planned: 3, held: 1 });
    const untrained = await loadTrainingArea(t.db, new URLSearchParams({ tanpa: '1' }), TODAY);
    expect(untrained.rows.map((row) => row.name)).toEqual(['Cempaka', 'Bougenvil']);
    expect(untrained.filtered).toBe(true);
  });
});
