import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jabatan, kubes, memberships, people, positions, practiceScores, recordChanges } from '../../db/schema.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { listChanges } from '../../src/features/history/changes.ts';
import { scorePracticeTask, type PracticeInput, type TaskShape } from '../../src/features/practice/service.ts';
import { JABATAN_CODES } from '../../src/features/practice/task-check.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// Scoring practical tasks in a real libSQL file: a record, a correction with its history, and every refusal
// leaving the database as it was.

let t: TestDatabase;
const BUKU_KAS: TaskShape = {
  slug: 'buku-kas-sebulan',
  version: 1,
  positions: ['bendahara'],
  pointIds: ['kb-kolom', 'kb-urut', 'kb-kolom-benar', 'kb-bukti', 'kb-saldo-baris', 'kb-saldo-akhir'],
};
const rina: Actor = { id: 'rina0001', role: 'pendamping', kubeId: null, assignedKubeIds: ['kubesatu1'] };
const other: Actor = { id: 'dewi0001', role: 'pendamping', kubeId: null, assignedKubeIds: ['kubedua01'] };
const NOW = new Date('2026-06-10T05:00:00Z');
const pre = (changes: Partial<PracticeInput> = {}): PracticeInput => ({
  personId: 'tini0001',
  kind: 'pre',
  checked: ['kb-kolom', 'kb-urut', 'kb-bukti', 'kb-saldo-baris'],
  doneOn: '2026-06-03',
  notes: null,
  ...changes,
});

beforeEach(async () => {
  t = await createTestDatabase();
  const place = { desa: 'Sukamaju', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' };
  await t.db.insert(kubes).values([
    { id: 'kubesatu1', name: 'Sumber Rejeki', ...place },
    { id: 'kubedua01', name: 'Sido Rukun', ...place },
  ]);
  await t.db.insert(people).values([
    { id: 'rina0001', name: 'Rina', username: 'rina', role: 'pendamping' },
    { id: 'dewi0001', name: 'Dewi', username: 'dewi', role: 'pendamping' },
    { id: 'tini0001', name: 'Bu Tini', username: 'tini', role: 'pengurus' },
    { id: 'harjo001', name: 'Pak Harjo', username: 'harjo', role: 'anggota' },
  ]);
  await t.db.insert(memberships).values([
    { id: 'ms-tini01', kubeId: 'kubesatu1', personId: 'tini0001', joinedOn: '2025-01-01' },
    { id: 'ms-harjo1', kubeId: 'kubesatu1', personId: 'harjo001', joinedOn: '2025-01-01' },
  ]);
  await t.db.insert(positions).values({
    id: 'pos-tini1',
    kubeId: 'kubesatu1',
    personId: 'tini0001',
    jabatanCode: 'bendahara',
    startDate: '2025-01-01',
  });
});
afterEach(() => {
  t.cleanup();
});

async function snapshot() {
  return {
    scores: await t.db.select().from(practiceScores),
    changes: await t.db.select().from(recordChanges),
  };
}

describe('scoring a practical task', () => {
  it('records a pre score: checked points in checklist order, total, score to one decimal, task version', async () => {
    const saved = await scorePracticeTask(
      t.db,
      rina,
      pre({ checked: ['kb-bukti', 'kb-kolom', 'kb-urut', 'kb-saldo-baris'] }),
      BUKU_KAS,
      NOW,
    );
    expect(saved.corrected).toBe(false);
    const [row] = await t.db.select().from(practiceScores);
    expect(row).toMatchObject({
      personId: 'tini0001',
      taskSlug: 'buku-kas-sebulan',
      taskVersion: 1,
      kind: 'pre',
      checked: ['kb-kolom', 'kb-urut', 'kb-bukti', 'kb-saldo-baris'],
      total: 6,
      score: 66.7,
      doneOn: '2026-06-03',
      scoredBy: 'rina0001',
    });
  });

  it('corrects a second scoring of the same kind, keeping the old values in the history', async () => {
    const first = await scorePracticeTask(t.db, rina, pre(), BUKU_KAS, NOW);
    const again = await scorePracticeTask(
      t.db,
      rina,
      pre({
        checked: ['kb-kolom', 'kb-urut', 'kb-bukti', 'kb-saldo-baris', 'kb-saldo-akhir'],
        notes: 'Saldo akhir diperiksa ulang.',
      }),
      BUKU_KAS,
      NOW,
    );
    expect(again).toEqual({ id: first.id, corrected: true, changed: 3 });
    const rows = await t.db.select().from(practiceScores);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 83.3, notes: 'Saldo akhir diperiksa ulang.' });
    const changes = await listChanges(t.db, practiceScores, first.id);
    expect(Object.fromEntries(changes.map((c) => [c.field, [c.oldValue, c.newValue]]))).toEqual({
      checked: [
        ['kb-kolom', 'kb-urut', 'kb-bukti', 'kb-saldo-baris'],
        ['kb-kolom', 'kb-urut', 'kb-bukti', 'kb-saldo-baris', 'kb-saldo-akhir'],
      ],
      score: [66.7, 83.3],
      notes: [null, 'Saldo akhir diperiksa ulang.'],
    });
    expect(changes.every((c) => c.changedBy === 'Rina')).toBe(true);
  });

  it('keeps pre and post apart, and allows a post before any pre', async () => {
    await scorePracticeTask(t.db, rina, pre({ kind: 'post', checked: BUKU_KAS.pointIds }), BUKU_KAS, NOW);
    await scorePracticeTask(t.db, rina, pre(), BUKU_KAS, NOW);
    const rows = await t.db.select().from(practiceScores);
    expect(rows.map((r) => [r.kind, r.score]).sort()).toEqual([
      ['post', 100],
      ['pre', 66.7],
    ]);
  });

  it('refuses, changing nothing: wrong role, another KUBE, a task not for the person, foreign points, bad days', async () => {
    await scorePracticeTask(t.db, rina, pre(), BUKU_KAS, NOW);
    const before = await snapshot();
    const member: Actor = { id: 'harjo001', role: 'anggota', kubeId: 'kubesatu1', assignedKubeIds: [] };
    const officer: Actor = { id: 'tini0001', role: 'pengurus', kubeId: 'kubesatu1', assignedKubeIds: [] };
    const refusals: [Actor | null, PracticeInput, TaskShape, string, string | null][] = [
      [null, pre(), BUKU_KAS, 'errors.forbidden', null],
      [member, pre(), BUKU_KAS, 'errors.forbidden', null],
      [officer, pre(), BUKU_KAS, 'errors.forbidden', null],
      [other, pre(), BUKU_KAS, 'errors.forbidden', null],
      // A member is no officer; a ketua task does not fit the bendahara.
      [rina, pre({ personId: 'harjo001' }), BUKU_KAS, 'errors.notFound', null],
      [rina, pre(), { ...BUKU_KAS, positions: ['ketua'] }, 'errors.notFound', null],
      [rina, pre({ checked: ['kb-kolom', 'md-tujuan'] }), BUKU_KAS, 'practice.errors.unknownPoint', 'poin-md-tujuan'],
      [rina, pre({ doneOn: '2026-06-11' }), BUKU_KAS, 'practice.errors.future', 'doneOn'],
      [rina, pre({ doneOn: '2019-12-31' }), BUKU_KAS, 'practice.errors.tooEarly', 'doneOn'],
    ];
    for (const [actor, input, task, key, field] of refusals) {
      const error = await scorePracticeTask(t.db, actor, { ...input, notes: 'Tidak boleh tersimpan.' }, task, NOW).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, key).toBeInstanceOf(DomainError);
      expect((error as DomainError).key).toBe(key);
      expect((error as DomainError).field).toBe(field);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a post scoring dated before the pre scoring, and a pre dated after the post, changing nothing', async () => {
    await scorePracticeTask(t.db, rina, pre(), BUKU_KAS, NOW);
    const before = await snapshot();
    const early = await scorePracticeTask(t.db, rina, pre({ kind: 'post', doneOn: '2026-06-02' }), BUKU_KAS, NOW).then(
      () => null,
      (e: unknown) => e,
    );
    expect(early).toMatchObject({
      key: 'practice.errors.postBeforePre',
      field: 'doneOn',
      params: { day: '2026-06-03' },
    });
    expect(await snapshot()).toEqual(before);

    await scorePracticeTask(t.db, rina, pre({ kind: 'post', doneOn: '2026-06-05' }), BUKU_KAS, NOW);
    const late = await scorePracticeTask(t.db, rina, pre({ doneOn: '2026-06-06' }), BUKU_KAS, NOW).then(
      () => null,
      (e: unknown) => e,
    );
    expect(late).toMatchObject({ key: 'practice.errors.preAfterPost', field: 'doneOn' });
    // The same day on both sides is fine: a short training, scored in the morning and the afternoon.
    await expect(scorePracticeTask(t.db, rina, pre({ doneOn: '2026-06-05' }), BUKU_KAS, NOW)).resolves.toMatchObject({
      corrected: true,
    });
  });

  it('lets an admin score anywhere', async () => {
    const admin: Actor = { id: 'rina0001', role: 'admin', kubeId: null, assignedKubeIds: [] };
    await expect(scorePracticeTask(t.db, admin, pre(), BUKU_KAS, NOW)).resolves.toMatchObject({ corrected: false });
  });
});

// The tasks' content check (task-check.ts) knows the jabatan codes without a database.
describe('the jabatan codes of the content check', () => {
  it('name only jabatan codes the database has', async () => {
    const codes = (await t.db.select({ code: jabatan.code }).from(jabatan)).map((row) => row.code);
    expect([...codes].sort()).toEqual([...JABATAN_CODES].sort());
  });
});
