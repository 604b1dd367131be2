import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubes, memberships, people } from '../../db/schema.ts';
import { loadPairs } from '../../src/features/analytics/pairs.ts';
import { loadReportFile } from '../../src/features/analytics/load-report-file.ts';
import { loadReportPage, type ReportContent } from '../../src/features/analytics/report-page.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { useTranslations } from '../../src/i18n/index.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// The gain report by sex on a real libSQL file: the `jk` filter narrows the pairs in the query itself, the
// breakdown's rows add up to "Semua", and people whose sex is not recorded are counted as unknown.

let t: TestDatabase;
const admin: Actor = { id: 'adm', role: 'admin', kubeId: null, assignedKubeIds: [] };
const content: ReportContent = {
  modules: () => Promise.resolve([{ id: 'modul-uji', title: 'Modul Uji' }]),
  objectives: () => Promise.resolve(undefined),
  tasks: () => Promise.resolve([]),
};
const place = { desa: 'Singkalanyar', kecamatan: 'Prambon', kabupaten: 'Nganjuk', provinsi: 'Jawa Timur' };
// Budi and Agus (L), Sri (P), Tono (not recorded). Scores: the share of two questions right.
const PEOPLE = [
  { id: 'budi', sex: 'L', pre: { q1: 0, q2: 0 }, post: { q1: 1, q2: 1 } },
  { id: 'agus', sex: 'L', pre: { q1: 1, q2: 0 }, post: { q1: 1, q2: 0 } },
  { id: 'sri', sex: 'P', pre: { q1: 0, q2: 0 }, post: { q1: 1, q2: 0 } },
  { id: 'tono', sex: null, pre: { q1: 1, q2: 0 }, post: { q1: 1, q2: 1 } },
] as const;

let serial = 0;
beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(kubes).values({ id: 'k1', name: 'Maju Bersama 1', ...place });
  await t.db
    .insert(people)
    .values([
      { id: 'adm', name: 'Admin', username: 'admin', role: 'admin' },
      ...PEOPLE.map((p) => ({ id: p.id, name: p.id, username: p.id, role: 'anggota' as const, sex: p.sex })),
    ]);
  await t.db
    .insert(memberships)
    .values(PEOPLE.map((p) => ({ id: `ms-${p.id}`, kubeId: 'k1', personId: p.id, joinedOn: '2024-01-01' })));
  for (const person of PEOPLE) {
    for (const kind of ['pre', 'post'] as const) {
      serial += 1;
      await seedAttempt(t.db, {
        id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
        personId: person.id,
        moduleSlug: 'modul-uji',
        kind,
        results: person[kind],
        submittedAt: new Date(kind === 'pre' ? '2026-03-01T03:00:00Z' : '2026-03-10T03:00:00Z'),
        counted: true,
      });
    }
  }
});
afterEach(() => {
  t.cleanup();
});

describe('the gain report by sex', () => {
  it('carries each person’s recorded sex in the pairs, unknown as null', async () => {
    const pairs = await loadPairs(t.db, { moduleSlug: 'modul-uji', kubeIds: ['k1'] });
    expect(pairs.map((p) => [p.personId, p.sex])).toEqual([
      ['agus', 'L'],
      ['budi', 'L'],
      ['sri', 'P'],
      ['tono', null],
    ]);
  });

  it('narrows the pairs to one sex with `jk`, leaving out people whose sex is not recorded', async () => {
    const men = await loadReportPage(t.db, admin, { name: 'Admin' }, new URLSearchParams({ jk: 'L' }), content);
    expect(men.status).toBe(200);
    if (!('report' in men) || !men.report) throw new Error('no report');
    expect(men.report.people.map((p) => p.personId)).toEqual(['agus', 'budi']);
    expect(men.values.jk).toBe('L');
    const women = await loadPairs(t.db, { kubeIds: ['k1'], sex: 'P' });
    expect(women.map((p) => p.personId)).toEqual(['sri']);
  });

  it('has rows by sex that add up to "Semua", with the unrecorded counted as unknown', async () => {
    const page = await loadReportPage(t.db, admin, { name: 'Admin' }, new URLSearchParams(), content);
    if (!('report' in page) || !page.report) throw new Error('no report');
    const rows = Object.fromEntries(page.report.bySex.map((row) => [row.group, row]));
    expect(Object.keys(rows)).toEqual(['L', 'P', 'unknown', 'all']);
    // Men: pre (0 + 50) / 2 = 25, post (100 + 50) / 2 = 75. Sri 0 → 50. Tono 50 → 100.
    expect(rows['L']).toMatchObject({ n: 2, meanPre: 25, meanPost: 75, meanGain: 50, masteryAfter: 0.5 });
    expect(rows['P']).toMatchObject({ n: 1, meanPre: 0, meanPost: 50, masteryAfter: 0 });
    expect(rows['unknown']).toMatchObject({ n: 1, meanPre: 50, meanPost: 100, masteryAfter: 1 });
    expect((rows['L']?.n ?? 0) + (rows['P']?.n ?? 0) + (rows['unknown']?.n ?? 0)).toBe(rows['all']?.n);
    expect(rows['all']).toMatchObject({ n: page.report.n, meanPre: page.report.meanPre });
  });

  it('refuses a `jk` that is neither L nor P and builds no report', async () => {
    const page = await loadReportPage(t.db, admin, { name: 'Admin' }, new URLSearchParams({ jk: 'X' }), content);
    expect(page.status).toBe(400);
    if (!('errors' in page)) throw new Error('no errors');
    expect(page.errors['jk']).toMatchObject({ key: 'errors.choice' });
    expect(page.report).toBeNull();
  });

  it('writes the filter and the table by sex in the CSV', async () => {
    const t_ = useTranslations('id');
    const file = await loadReportFile(t.db, admin, new URLSearchParams({ jk: 'P' }), t_, 'id', {
      format: 'csv',
      footer: { madeLabel: 'Dibuat', made: '2026-12-01', program: 'KUBE' },
      today: '2026-12-01',
      content,
    });
    if (file.status !== 200 || typeof file.body !== 'string') throw new Error('no file');
    const lines = file.body.split('\r\n');
    expect(lines).toContain('Jenis kelamin;Perempuan');
    const title = lines.indexOf('Menurut jenis kelamin');
    expect(lines.slice(title + 2, title + 6)).toEqual([
      'Laki-laki;0;Tidak ada orang',
      'Perempuan;1;0;50;50;0',
      'Tidak diketahui;0;Tidak ada orang',
      'Semua;1;0;50;50;0',
    ]);
  });
});
