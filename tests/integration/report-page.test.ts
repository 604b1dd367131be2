import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { facilitatorAssignments, kubes, memberships, people } from '../../db/schema.ts';
import { DEFAULT_MASTERY } from '../../src/features/analytics/compute.ts';
import { loadReportPage, type ReportContent } from '../../src/features/analytics/report-page.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { PERIOD_TOO_LONG } from '../../src/lib/period.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// What the gain-report page decides before it renders, on a real database: the mastery score it starts
// from, whose KUBEs a person may choose, refused filters, and what the printed page names.

let t: TestDatabase;
const content: ReportContent = {
  modules: () => Promise.resolve([{ id: 'modul-uji', title: 'Modul Uji' }]),
  objectives: (slug) => Promise.resolve(slug === 'modul-uji' ? new Map([['q1', 'o1']]) : undefined),
  tasks: (slug) => Promise.resolve(slug === 'modul-uji' ? [{ slug: 'tugas-uji', title: 'Tugas Uji' }] : []),
};
const admin: Actor = { id: 'adm', role: 'admin', kubeId: null, assignedKubeIds: [] };
const rina: Actor = { id: 'f1', role: 'pendamping', kubeId: null, assignedKubeIds: ['k1'] };
const query = (values: Record<string, string>) => new URLSearchParams(values);
const place = { desa: 'Singkalanyar', kecamatan: 'Prambon', kabupaten: 'Nganjuk', provinsi: 'Jawa Timur' };

beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(kubes).values([
    { id: 'k1', name: 'Maju Bersama 1', ...place },
    { id: 'k2', name: 'Sido Rukun', ...place, desa: 'Sanggrahan' },
  ]);
  await t.db.insert(people).values([
    { id: 'f1', name: 'Rina', username: 'rina', role: 'pendamping' },
    { id: 'f2', name: 'Budi', username: 'budi', role: 'pendamping' },
    { id: 'a', name: 'Slamet', username: 'slamet', role: 'anggota' },
  ]);
  await t.db.insert(facilitatorAssignments).values([
    { kubeId: 'k1', personId: 'f1' },
    { kubeId: 'k1', personId: 'f2' },
  ]);
  await t.db.insert(memberships).values({ id: 'msa', kubeId: 'k1', personId: 'a', joinedOn: '2024-01-01' });
  for (const [kind, results, day] of [
    ['pre', { q1: 0, q2: 0 }, '2026-03-01'],
    ['post', { q1: 1, q2: 1 }, '2026-03-10'],
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
});
afterEach(() => {
  t.cleanup();
});

describe('loadReportPage()', () => {
  it('starts the mastery field at the one default mastery score, and keeps what was typed', async () => {
    const page = await loadReportPage(t.db, admin, { name: 'Admin' }, query({}), content);
    if (page.status !== 200) throw new Error(`status ${String(page.status)}`);
    expect(page.values.ketuntasan).toBe(String(DEFAULT_MASTERY));
    const typed = await loadReportPage(t.db, admin, { name: 'Admin' }, query({ ketuntasan: '80' }), content);
    expect(typed.status === 200 && typed.values.ketuntasan).toBe('80');
  });

  it('offers a facilitator her own KUBEs only, and refuses another KUBE (403) and an unknown workshop (404)', async () => {
    const page = await loadReportPage(t.db, rina, { name: 'Rina' }, query({}), content);
    expect(page.status === 200 && page.options.kubes).toEqual([
      { value: 'k1', label: 'Maju Bersama 1 (Singkalanyar)' },
    ]);
    await expect(loadReportPage(t.db, rina, { name: 'Rina' }, query({ kube: 'k2' }), content)).resolves.toEqual({
      status: 403,
    });
    await expect(
      loadReportPage(t.db, admin, { name: 'Admin' }, query({ workshop: 'tidak-ada' }), content),
    ).resolves.toEqual({ status: 404 });
  });

  it('names the refused field and builds no report for a bad period', async () => {
    const page = await loadReportPage(
      t.db,
      admin,
      { name: 'Admin' },
      query({ dari: '2000-01-01', sampai: '2026-01-01' }),
      content,
    );
    expect(page).toMatchObject({ status: 400, errors: { dari: PERIOD_TOO_LONG }, report: null });
  });

  it('reports one module with its objectives, and names the KUBE and its facilitators for print', async () => {
    const page = await loadReportPage(
      t.db,
      admin,
      { name: 'Admin' },
      query({ modul: 'modul-uji', kube: 'k1' }),
      content,
    );
    if (page.status !== 200) throw new Error(`status ${String(page.status)}`);
    expect(page.report?.n).toBe(1);
    expect(page.module).toEqual({ id: 'modul-uji', title: 'Modul Uji' });
    expect(page.kubeName).toBe('Maju Bersama 1');
    expect(page.facilitatorNames.split(', ').sort()).toEqual(['Budi', 'Rina']);
    // A facilitator's printed report names her, not every facilitator of the KUBE.
    const own = await loadReportPage(t.db, rina, { name: 'Rina' }, query({ kube: 'k1' }), content);
    expect(own.status === 200 && own.facilitatorNames).toBe('Rina');
  });
});
