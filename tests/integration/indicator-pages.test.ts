import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubes, memberships, people, positions } from '../../db/schema.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { rubricSchema } from '../../src/features/capacity/rubric-schema.ts';
import { addChannel } from '../../src/features/facts/service.ts';
import type { IndicatorContent } from '../../src/features/indicators/content.ts';
import { loadDashboard } from '../../src/features/indicators/dashboard.ts';
import { isIndicatorNumber, loadIndicatorDetail } from '../../src/features/indicators/detail.ts';
import { PERIOD_TOO_LONG } from '../../src/lib/period.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// What the indicator pages decide before they render, on a real database: whose KUBEs a person sees, how the
// area filter narrows, which periods are refused and why, and the page of records behind each indicator.

let t: TestDatabase;
const TODAY = '2026-04-15';
const NOW = new Date(`${TODAY}T03:00:00Z`);
const rubric = rubricSchema.parse(parse(readFileSync('content/rubrics/kapasitas-kube.yaml', 'utf8')));
const content: IndicatorContent = {
  rubric: () => Promise.resolve(rubric),
  moduleTitles: () => Promise.resolve(new Map([['modul-uji', 'Modul Uji']])),
  taskTitles: () => Promise.resolve(new Map([['tugas-uji', 'Tugas Uji']])),
};
const admin: Actor = { id: 'adm', role: 'admin', kubeId: null, assignedKubeIds: [] };
const rina: Actor = { id: 'f1', role: 'pendamping', kubeId: null, assignedKubeIds: ['k1', 'k2'] };
const query = (values: Record<string, string>) => new URLSearchParams(values);
const place = (id: string, name: string, desa: string, kecamatan: string, kabupaten: string) => ({
  id,
  name,
  desa,
  kecamatan,
  kabupaten,
  provinsi: 'Jawa Timur',
});

beforeEach(async () => {
  t = await createTestDatabase();
  await t.db
    .insert(kubes)
    .values([
      place('k1', 'Maju Bersama 1', 'Singkalanyar', 'Prambon', 'Nganjuk'),
      place('k2', 'Sido Rukun', 'Sanggrahan', 'Kertosono', 'Nganjuk'),
      place('k3', 'Tunas Harapan', 'Ngadiluwih', 'Ngadiluwih', 'Kediri'),
    ]);
  await t.db.insert(people).values([
    { id: 'f1', name: 'Rina', username: 'rina', role: 'pendamping' },
    { id: 'a', name: 'Slamet', username: 'slamet', role: 'pengurus' },
  ]);
  await t.db.insert(memberships).values({ id: 'msa', kubeId: 'k1', personId: 'a', joinedOn: '2024-01-01' });
  await t.db.insert(positions).values({
    id: 'p1',
    kubeId: 'k1',
    personId: 'a',
    jabatanCode: 'ketua',
    startDate: '2024-01-01',
    endDate: null,
  });
  for (const [kind, results, day] of [
    ['pre', { q1: 1, q2: 0, q3: 0, q4: 0 }, '2026-03-01'],
    ['post', { q1: 1, q2: 1, q3: 1, q4: 0 }, '2026-03-10'],
  ] as const) {
    await seedAttempt(t.db, {
      id: `00000000-0000-4000-8000-00000000000${kind === 'pre' ? 1 : 2}`,
      personId: 'a',
      moduleSlug: 'modul-uji',
      kind,
      results,
      submittedAt: new Date(`${day}T03:00:00Z`),
      counted: true,
    });
  }
  const channel = { detail: null, startedOn: '2025-06-01', endedOn: null };
  await addChannel(t.db, { kubeId: 'k1', channel: 'whatsapp', ...channel }, 'f1', NOW);
  await addChannel(t.db, { kubeId: 'k3', channel: 'pasar', ...channel }, 'f1', NOW);
});
afterEach(() => {
  t.cleanup();
});

describe('loadDashboard()', () => {
  it('gives a facilitator the places and figures of her own KUBEs only, an admin every KUBE', async () => {
    const own = await loadDashboard(t.db, rina, query({}), content, TODAY);
    expect(own.options.kabupaten.map((o) => o.value)).toEqual(['Nganjuk']);
    expect(own.options.kecamatan.map((o) => o.value)).toEqual(['Kertosono', 'Prambon']);
    expect(own.view?.data.kubes.map((k) => k.id)).toEqual(['k1', 'k2']);
    expect(own.view?.business).toEqual({ partnerships: 0, channels: 1, digital: 1, products: 0 });

    const all = await loadDashboard(t.db, admin, query({}), content, TODAY);
    expect(all.options.kabupaten.map((o) => o.value)).toEqual(['Kediri', 'Nganjuk']);
    expect(all.view?.data.kubes.map((k) => k.id)).toEqual(['k1', 'k2', 'k3']);
    expect(all.view?.business).toEqual({ partnerships: 0, channels: 2, digital: 1, products: 0 });
  });

  it('narrows each place list by the wider place chosen, and the figures by the area', async () => {
    const dashboard = await loadDashboard(t.db, admin, query({ kabupaten: 'Nganjuk' }), content, TODAY);
    expect(dashboard.options.kabupaten.map((o) => o.value)).toEqual(['Kediri', 'Nganjuk']);
    expect(dashboard.options.kecamatan.map((o) => o.value)).toEqual(['Kertosono', 'Prambon']);
    expect(dashboard.view?.data.kubes.map((k) => k.id)).toEqual(['k1', 'k2']);
    const desa = await loadDashboard(t.db, admin, query({ kecamatan: 'Prambon' }), content, TODAY);
    expect(desa.options.desa.map((o) => o.value)).toEqual(['Singkalanyar']);
  });

  it('defaults the period to this year up to today, and carries the cleaned filters to the links', async () => {
    const dashboard = await loadDashboard(t.db, admin, query({ desa: ' Singkalanyar ' }), content, TODAY);
    expect(dashboard.status).toBe(200);
    expect(dashboard.values).toMatchObject({ desa: ' Singkalanyar ', dari: '2026-01-01', sampai: TODAY });
    expect(dashboard.view?.query).toBe(`?desa=Singkalanyar&dari=2026-01-01&sampai=${TODAY}`);
    // The officer's pre-test 25 and post-test 75: g = 50 / 75, the month's point in percent with one decimal.
    expect(dashboard.view?.data.i2.all.n).toBe(1);
    expect(dashboard.view?.series.i2Gain.at(-1)).toBe(66.7);
    expect(dashboard.view?.dimensions.map((d) => d.title)).toEqual(
      rubric.dimensions.filter((d) => d.kind === 'program').map((d) => d.title),
    );
  });

  it('refuses a period over ten years or ending before it starts, naming the field, and computes nothing', async () => {
    const long = await loadDashboard(t.db, admin, query({ dari: '2010-01-01', sampai: '2026-01-01' }), content, TODAY);
    expect(long).toMatchObject({ status: 400, errors: { dari: PERIOD_TOO_LONG }, view: null });
    expect(long.values).toMatchObject({ dari: '2010-01-01', sampai: '2026-01-01' });
    // The form still offers the places to choose from.
    expect(long.options.kabupaten).toHaveLength(2);
    const reversed = await loadDashboard(t.db, rina, query({ dari: '2026-03-01', sampai: '2026-02-01' }), content);
    expect(reversed).toMatchObject({ status: 400, errors: { sampai: { key: 'errors.dateOrder' } }, view: null });
  });
});

describe('loadIndicatorDetail()', () => {
  it('knows only indicators 1, 2, 3 and the fourth figure', () => {
    expect(['1', '2', '3', '4', '5', '0', 'x', undefined].map(isIndicatorNumber)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('refuses the same bad period as the dashboard', async () => {
    const detail = await loadIndicatorDetail(t.db, admin, '1', query({ dari: '1980-01-01' }), content);
    expect(detail).toEqual({ status: 400, view: null });
  });

  it('lists the officers’ pairs behind indicator 2 with their gain and the names of positions and modules', async () => {
    const detail = await loadIndicatorDetail(t.db, rina, '2', query({ dari: '2026-01-01', sampai: TODAY }), content);
    expect(detail.view?.number).toBe('2');
    if (detail.view?.number !== '2') return;
    expect(detail.view.pairs.map((p) => [p.name, p.g])).toEqual([['Slamet', 50 / 75]]);
    expect(detail.view.jabatanNames.get('ketua')).toBeTruthy();
    expect(detail.view.moduleTitles.get('modul-uji')).toBe('Modul Uji');
  });

  it('shows indicator 3 per KUBE in the person’s scope, one page at a time, a page past the end being the last', async () => {
    const detail = await loadIndicatorDetail(t.db, rina, '3', query({ halaman: '9' }), content);
    expect(detail.view?.number).toBe('3');
    if (detail.view?.number !== '3') return;
    expect(detail.view.shown).toMatchObject({ page: 1, pages: 1, total: 2 });
    expect(detail.view.perKube.map((k) => k.kubeId)).toEqual(['k1', 'k2']);
    expect(detail.view.business.get('k1')?.digitalChannels).toBe(1);
    expect(detail.view.programDimensions.length).toBe(3);
  });
});
