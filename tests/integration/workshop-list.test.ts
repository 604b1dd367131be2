import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubes, workshops, WORKSHOP_PHASES } from '../../db/schema.ts';
import { loadWorkshopPage, readWorkshopFilter } from '../../src/features/workshop/list.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// A KUBE's workshops over years: one page at a time, newest first, narrowed by module and phase.

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insert(kubes).values(
    ['kw1', 'kw2'].map((id) => ({
      id,
      name: id,
      desa: 'Singkalanyar',
      kecamatan: 'Prambon',
      kabupaten: 'Nganjuk',
      provinsi: 'Jawa Timur',
    })),
  );
  // 120 workshops of kw1 (a day apart, modules and phases alternating), one of kw2.
  const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
  await t.db.insert(workshops).values([
    ...Array.from({ length: 120 }, (_, i) => ({
      id: `w${String(i).padStart(4, '0')}`,
      kubeId: 'kw1',
      moduleSlug: i % 2 === 0 ? 'modul-a' : 'modul-b',
      date: day(i),
      place: 'Balai desa',
      code: `C${String(i).padStart(5, '0')}`,
      phase: WORKSHOP_PHASES[i % 4] ?? 'selesai',
    })),
    {
      id: 'wother',
      kubeId: 'kw2',
      moduleSlug: 'modul-a',
      date: day(0),
      place: 'x',
      code: 'OTHER1',
      phase: 'selesai' as const,
    },
  ]);
});

afterAll(() => {
  t.cleanup();
});

const load = (query: string) => {
  const params = new URLSearchParams(query);
  return loadWorkshopPage(t.db, 'kw1', readWorkshopFilter(params, ['modul-a', 'modul-b']), params);
};

describe('loadWorkshopPage()', () => {
  it('gives the newest 50 first, then the next page', async () => {
    const first = await load('');
    expect(first.shown).toMatchObject({ total: 120, pages: 3 });
    expect(first.rows[0]?.id).toBe('w0119');
    expect((await load('halaman=3')).rows.map((w) => w.id).at(-1)).toBe('w0000');
  });

  it('narrows by module and phase, and keeps both on page 2', async () => {
    const page = await load('modul=modul-a&tahap=pre_test&halaman=2');
    expect(page.shown.total).toBe(30);
    expect(page.shown.page).toBe(1);
    expect((await load('modul=modul-b')).shown.total).toBe(60);
    const both = await load('modul=modul-a&halaman=2');
    expect(both.shown).toMatchObject({ page: 2, total: 60 });
    expect(both.rows.every((w) => w.moduleSlug === 'modul-a' && w.kubeId === 'kw1')).toBe(true);
  });

  it('drops an unknown module or phase instead of failing', () => {
    expect(readWorkshopFilter(new URLSearchParams('modul=../x&tahap=done'), ['modul-a'])).toEqual({
      moduleSlug: null,
      phase: null,
    });
  });
});
