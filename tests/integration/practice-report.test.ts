import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubes, memberships, people, positions } from '../../db/schema.ts';
import { loadReportPage, type ReportContent } from '../../src/features/analytics/report-page.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import type { RubricShape } from '../../src/features/capacity/service.ts';
import { loadIndicators } from '../../src/features/indicators/data.ts';
import { loadPracticePairs } from '../../src/features/practice/report-query.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedPracticeScore } from '../helpers/practice.ts';

// Practical-task scores read back for the gain report and indicator 2 on a real libSQL file: pairs only, under
// the report's filters (KUBE, period, jabatan) and only the chosen module's tasks.

let t: TestDatabase;
const KAS = 'buku-kas-sebulan';
const OTHER = 'tugas-modul-lain';
const place = { desa: 'Singkalanyar', kecamatan: 'Prambon', kabupaten: 'Nganjuk', provinsi: 'Jawa Timur' };
const admin: Actor = { id: 'adm', role: 'admin', kubeId: null, assignedKubeIds: [] };
const content: ReportContent = {
  modules: () => Promise.resolve([{ id: 'keuangan-kube', title: 'Keuangan' }]),
  objectives: () => Promise.resolve(undefined),
  tasks: (slug) => Promise.resolve(slug === 'keuangan-kube' ? [{ slug: KAS, title: 'Buku kas' }] : []),
};
const RUBRIC: RubricShape = {
  slug: 'kapasitas-kube',
  version: 1,
  dimensions: [{ id: 'strategi-pemasaran', kind: 'program', itemIds: ['sp1'] }],
};
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(kubes).values([
    { id: 'k1', name: 'Maju Bersama 1', ...place },
    { id: 'k2', name: 'Sido Rukun', ...place, desa: 'Sanggrahan' },
  ]);
  const kubeOf = { a: 'k1', b: 'k1', c: 'k2', d: 'k1', e: 'k1' };
  const names = { a: 'Bu Tini', b: 'Pak Harjo', c: 'Bu Wati', d: 'Pak Darmo', e: 'Bu Sari' };
  await t.db
    .insert(people)
    .values(Object.entries(names).map(([id, name]) => ({ id, name, username: id, role: 'pengurus' as const })));
  await t.db
    .insert(memberships)
    .values(
      Object.entries(kubeOf).map(([id, kubeId]) => ({ id: `m${id}`, kubeId, personId: id, joinedOn: '2024-01-01' })),
    );
  // Bu Tini is bendahara, Bu Wati ketua (another KUBE), Bu Sari sekretaris; Pak Harjo holds no position.
  await t.db.insert(positions).values([
    { id: 'pa', kubeId: 'k1', personId: 'a', jabatanCode: 'bendahara', startDate: '2024-01-01' },
    { id: 'pc', kubeId: 'k2', personId: 'c', jabatanCode: 'ketua', startDate: '2024-01-01' },
    { id: 'pd', kubeId: 'k1', personId: 'd', jabatanCode: 'sekretaris', startDate: '2024-01-01' },
    { id: 'pe', kubeId: 'k1', personId: 'e', jabatanCode: 'sekretaris', startDate: '2024-01-01' },
  ]);
  const score = (personId: string, taskSlug: string, pre: number, post: number | null, postOn = '2026-03-10') =>
    Promise.all([
      seedPracticeScore(t.db, { personId, taskSlug, kind: 'pre', score: pre, doneOn: '2026-03-01' }),
      post === null ? null : seedPracticeScore(t.db, { personId, taskSlug, kind: 'post', score: post, doneOn: postOn }),
    ]);
  await score('a', KAS, 50, 100);
  await score('a', OTHER, 0, 100); // another module's task
  await score('b', KAS, 33.3, 83.3);
  await score('c', KAS, 16.7, 50); // another KUBE
  await score('d', KAS, 50, null); // no post yet
  await score('e', KAS, 0, 100, '2026-04-05'); // post after the period
});
afterEach(() => {
  t.cleanup();
});

describe('loadPracticePairs()', () => {
  it("keeps the pairs of the module's tasks in the KUBE and the period, and nobody without a post", async () => {
    const pairs = await loadPracticePairs(t.db, { taskSlugs: [KAS], kubeIds: ['k1'], ...MARCH });
    expect(pairs.map((p) => [p.name, p.taskSlug, p.pre, p.post, p.postDate])).toEqual([
      ['Bu Tini', KAS, 50, 100, '2026-03-10'],
      ['Pak Harjo', KAS, 33.3, 83.3, '2026-03-10'],
    ]);
  });

  it('narrows to one recorded sex, leaving out people whose sex is not recorded', async () => {
    await t.db.update(people).set({ sex: 'P' }).where(eq(people.id, 'a'));
    const women = await loadPracticePairs(t.db, { sex: 'P' });
    expect(women.map((p) => `${p.personId}:${p.taskSlug}`)).toEqual([`a:${KAS}`, `a:${OTHER}`]);
    expect(await loadPracticePairs(t.db, { sex: 'L' })).toEqual([]);
  });

  it('reads every task of every KUBE when not narrowed, and officers only when asked', async () => {
    const all = await loadPracticePairs(t.db, {});
    expect(all.map((p) => `${p.personId}:${p.taskSlug}`)).toEqual([
      `e:${KAS}`,
      `a:${KAS}`,
      `a:${OTHER}`,
      `c:${KAS}`,
      `b:${KAS}`,
    ]);
    const officers = await loadPracticePairs(t.db, { officersOnly: true, ...MARCH });
    expect(officers.map((p) => `${p.personId}:${p.taskSlug}`)).toEqual([`a:${KAS}`, `a:${OTHER}`, `c:${KAS}`]);
    const bendahara = await loadPracticePairs(t.db, { jabatanCode: 'bendahara', taskSlugs: [KAS] });
    expect(bendahara.map((p) => p.personId)).toEqual(['a']);
    await expect(loadPracticePairs(t.db, { kubeIds: [] })).resolves.toEqual([]);
  });
});

describe('the gain report page', () => {
  it("shows the module's tasks under the same filters as the knowledge part", async () => {
    const params = new URLSearchParams({
      modul: 'keuangan-kube',
      kube: 'k1',
      dari: '2026-03-01',
      sampai: '2026-03-31',
    });
    const page = await loadReportPage(t.db, admin, { name: 'Admin' }, params, content);
    if (page.status !== 200) throw new Error(`status ${String(page.status)}`);
    expect(page.skills?.all).toMatchObject({ n: 2, people: 2, meanPre: 41.65, meanPost: 91.65 });
    expect(page.skills?.all.classGain).toBeCloseTo(50 / 58.35, 12);
    expect(page.skills?.tasks.map((task) => [task.title, task.n])).toEqual([['Buku kas', 2]]);
    const later = new URLSearchParams({ modul: 'keuangan-kube', kube: 'k1', dari: '2026-04-01' });
    const april = await loadReportPage(t.db, admin, { name: 'Admin' }, later, content);
    expect(april.status === 200 && april.skills?.people.map((p) => p.name)).toEqual(['Bu Sari']);
  });

  it('has no skills part without a module, or for a module without tasks', async () => {
    const none = await loadReportPage(t.db, admin, { name: 'Admin' }, new URLSearchParams(), content);
    expect(none.status === 200 && none.skills).toBeNull();
    const other = new URLSearchParams({ modul: 'hakikat-kube' });
    const page = await loadReportPage(t.db, admin, { name: 'Admin' }, other, content);
    expect(page.status === 200 && page.skills).toBeNull();
  });
});

describe('indicator 2', () => {
  it("puts the officers' practical-task pairs of the period beside the knowledge part, which stays as it was", async () => {
    const { i2, i2Skills, status } = await loadIndicators(t.db, MARCH, RUBRIC);
    expect(i2.all.n).toBe(0);
    expect(status.i2).toBe('belum');
    expect(i2Skills.all).toMatchObject({ n: 3, people: 2 });
    expect(i2Skills.all.meanPre).toBeCloseTo((50 + 0 + 16.7) / 3, 12);
    expect(i2Skills.all.meanPost).toBeCloseTo(250 / 3, 12);
    expect(i2Skills.byTask.map((g) => [g.key, g.n])).toEqual([
      [KAS, 2],
      [OTHER, 1],
    ]);
    const onlyK2 = await loadIndicators(t.db, { ...MARCH, allowedKubeIds: ['k2'] }, RUBRIC);
    expect(onlyK2.i2Skills.pairs.map((p) => p.name)).toEqual(['Bu Wati']);
  });
});
