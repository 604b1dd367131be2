import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubes, memberships, people } from '../../db/schema.ts';
import { listAreas } from '../../src/features/kube/areas.ts';
import { chooseArea } from '../../src/features/kube/area-choice.ts';
import { loadKubeList } from '../../src/features/kube/load-list.ts';
import { countKubes } from '../../src/features/kube/queries.ts';
import { loadPeopleFilter } from '../../src/features/people/load-list.ts';
import { countPeople, listPeople } from '../../src/features/people/queries.ts';
import { pageWindow } from '../../src/lib/pages.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// A district-sized list: 1,200 KUBEs in 3 kabupaten × 4 kecamatan × 5 desa (20 KUBEs in each desa).
const KABUPATEN = ['Kediri', 'Nganjuk', 'Sidoarjo'];
const place = (i: number) => {
  const kabupaten = KABUPATEN[i % 3] ?? 'Nganjuk';
  const kecamatan = `${kabupaten} Kec ${Math.floor(i / 3) % 4}`;
  return { kabupaten, kecamatan, desa: `${kecamatan} Desa ${Math.floor(i / 12) % 5}` };
};

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  const rows = Array.from({ length: 1200 }, (_, i) => ({
    id: `k${String(i).padStart(4, '0')}`,
    // Every tenth KUBE is a "Maju" one, so a name search narrows each area too.
    name: `${i % 10 === 0 ? 'Maju' : 'Sejahtera'} ${String(i).padStart(4, '0')}`,
    provinsi: 'Jawa Timur',
    ...place(i),
  }));
  for (let i = 0; i < rows.length; i += 200) await t.db.insert(kubes).values(rows.slice(i, i + 200));
  // One member in each of the first 60 KUBEs, and an admin in none.
  await t.db.insert(people).values([
    ...Array.from({ length: 60 }, (_, i) => ({
      id: `p${i}`,
      name: `Anggota ${i}`,
      username: `p${i}`,
      role: 'anggota' as const,
    })),
    { id: 'adm', name: 'Admin', username: 'adm', role: 'admin' as const },
  ]);
  await t.db.insert(memberships).values(
    Array.from({ length: 60 }, (_, i) => ({
      id: `m${i}`,
      kubeId: rows[i]?.id ?? '',
      personId: `p${i}`,
      joinedOn: '2024-01-01',
    })),
  );
}, 60_000);

afterAll(() => {
  t.cleanup();
});

describe('listAreas()', () => {
  it('gives each desa of the district once, sorted by kabupaten, kecamatan and desa', async () => {
    const areas = await listAreas(t.db);
    expect(areas).toHaveLength(3 * 4 * 5);
    expect(areas[0]).toEqual({ kabupaten: 'Kediri', kecamatan: 'Kediri Kec 0', desa: 'Kediri Kec 0 Desa 0' });
    expect(new Set(areas.map((a) => a.kabupaten))).toEqual(new Set(KABUPATEN));
  });

  it('gives a facilitator only the places of their assigned KUBEs', async () => {
    const areas = await listAreas(t.db, ['k0000', 'k0004']);
    expect(areas).toEqual([
      { kabupaten: 'Kediri', kecamatan: 'Kediri Kec 0', desa: 'Kediri Kec 0 Desa 0' },
      { kabupaten: 'Nganjuk', kecamatan: 'Nganjuk Kec 1', desa: 'Nganjuk Kec 1 Desa 0' },
    ]);
    expect(await listAreas(t.db, [])).toEqual([]);
  });

  it('reads the region index, not the table', async () => {
    const plan = await t.client.execute(
      'explain query plan select distinct kabupaten, kecamatan, desa from kubes order by kabupaten, kecamatan, desa',
    );
    expect(JSON.stringify(plan.rows)).toContain('kubes_region_idx');
  });
});

describe('the KUBE list', () => {
  const load = (query: string, only?: readonly string[]) => loadKubeList(t.db, new URLSearchParams(query), only);

  it('counts the KUBEs of the chosen area and name', async () => {
    expect((await load('kabupaten=Nganjuk')).shown.total).toBe(400);
    expect((await load('kabupaten=Nganjuk&kecamatan=Nganjuk Kec 2')).shown.total).toBe(100);
    expect((await load('kabupaten=Nganjuk&cari=maju')).shown.total).toBe(40);
    const area = chooseArea(
      new URLSearchParams('kabupaten=Kediri&kecamatan=Kediri Kec 0&desa=Kediri Kec 0 Desa 1'),
      await listAreas(t.db),
    );
    expect(await countKubes(t.db, undefined, { area })).toBe(20);
  });

  it('keeps the filter on page 2', async () => {
    const page2 = await load('kabupaten=Sidoarjo&halaman=2');
    expect(page2.shown).toMatchObject({ page: 2, pages: 8, total: 400, offset: 50 });
    expect(page2.list).toHaveLength(50);
    expect(page2.list.every((k) => k.kabupaten === 'Sidoarjo')).toBe(true);
    const page1 = await load('kabupaten=Sidoarjo');
    expect(page2.list.map((k) => k.id)).not.toContain(page1.list[0]?.id);
  });

  it('ignores a stale kecamatan and finds `%` as a letter, not a wildcard', async () => {
    const stale = await load('kabupaten=Nganjuk&kecamatan=Kediri Kec 0');
    expect(stale.filter.area).toEqual({ kabupaten: 'Nganjuk', kecamatan: null, desa: null });
    expect(stale.shown.total).toBe(400);
    expect((await load('cari=%25')).shown.total).toBe(0);
  });

  it('narrows a facilitator’s list to their KUBEs, whatever area is asked', async () => {
    const mine = await load('kabupaten=Sidoarjo', ['k0000', 'k0004']);
    expect(mine.filter.area.kabupaten).toBeNull();
    expect(mine.list.map((k) => k.id)).toEqual(['k0000', 'k0004']);
  });
});

describe('the people list', () => {
  it('narrows people to the area and the KUBE they belong to today', async () => {
    const { filter, kubeOptions } = await loadPeopleFilter(t.db, new URLSearchParams('kabupaten=Kediri&kube=k0003'));
    expect(kubeOptions).toHaveLength(400);
    expect(filter.kubeId).toBe('k0003');
    expect(await countPeople(t.db, { ...filter, kubeId: null })).toBe(20);
    expect((await listPeople(t.db, filter)).map((p) => p.id)).toEqual(['p3']);
  });

  it('drops a KUBE outside the chosen area and offers no KUBE before a kabupaten', async () => {
    const outside = await loadPeopleFilter(t.db, new URLSearchParams('kabupaten=Kediri&kube=k0002'));
    expect(outside.filter.kubeId).toBeNull();
    expect((await loadPeopleFilter(t.db, new URLSearchParams('kube=k0000'))).kubeOptions).toEqual([]);
  });

  it('pages a filtered list in SQL', async () => {
    const { filter } = await loadPeopleFilter(t.db, new URLSearchParams('peran=anggota'));
    const shown = pageWindow(new URLSearchParams('halaman=2'), await countPeople(t.db, filter));
    expect(shown.total).toBe(60);
    expect(await listPeople(t.db, filter, shown)).toHaveLength(10);
    expect(await t.db.select({ n: sql<number>`count(*)` }).from(people)).toEqual([{ n: 61 }]);
  });
});
