import { readdirSync, readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  certificates,
  facilitatorAssignments,
  memberships,
  people,
  positions,
  recordChanges,
} from '../../db/schema.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { certificateCode } from '../../src/features/certificates/code.ts';
import { findCertificate } from '../../src/features/certificates/queries.ts';
import { ensureCertificates as ensureWith, type TaskFit } from '../../src/features/certificates/service.ts';
import { withdrawCertificate } from '../../src/features/certificates/withdraw.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedPracticeScore } from '../helpers/practice.ts';
import { addTwoKubesAndAdmin } from '../helpers/two-kubes.ts';

// Certificates in a real libSQL file: issued once when a module is passed (post-test and the person's practical
// task), never for a lower score, withdrawn by an admin only with a reason, and earned again only by a later test.

let t: TestDatabase;
// Content collections are not loaded under vitest: the tasks come from their files, as the build reads them.
const TASKS: TaskFit[] = readdirSync('content/tasks').map((name) => {
  const task = parse(readFileSync(`content/tasks/${name}`, 'utf8')) as {
    slug: string;
    module: string;
    positions: string[];
  };
  return { slug: task.slug, module: task.module, positions: task.positions };
});
const ensureCertificates = (db: TestDatabase['db'], personId: string) => ensureWith(db, personId, { tasks: TASKS });
const admin: Actor = { id: 'admin0001', role: 'admin', kubeId: null, assignedKubeIds: [] };
const rina: Actor = { id: 'rina0001', role: 'pendamping', kubeId: null, assignedKubeIds: ['kubemaju1'] };

/** A submitted post-test with `right` of 10 items right (a score of 10 × right). */
async function post(
  personId: string,
  moduleSlug: string,
  right: number,
  submittedAt: Date,
  id = `${personId}-${moduleSlug}-${String(submittedAt.getTime())}`,
) {
  const results = Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [`q${String(i)}`, i < right ? 1 : 0] as const),
  );
  await seedAttempt(t.db, { id, personId, moduleSlug, kind: 'post', results, submittedAt, counted: false });
}

const count = async () => (await t.db.select().from(certificates)).length;

beforeEach(async () => {
  t = await createTestDatabase();
  await addTwoKubesAndAdmin(t);
  await t.db.insert(people).values([
    { id: 'rina0001', name: 'Rina Pendamping', username: 'rina', role: 'pendamping' },
    { id: 'tini0001', name: 'Bu Tini', username: 'tini', role: 'pengurus' },
    { id: 'harjo001', name: 'Pak Harjo', username: 'harjo', role: 'anggota' },
  ]);
  await t.db.insert(memberships).values([
    { id: 'ms-tini01', kubeId: 'kubemaju1', personId: 'tini0001', joinedOn: '2025-01-01' },
    { id: 'ms-harjo1', kubeId: 'kubemaju1', personId: 'harjo001', joinedOn: '2025-01-01' },
  ]);
  await t.db.insert(positions).values({
    id: 'pos-tini1',
    kubeId: 'kubemaju1',
    personId: 'tini0001',
    jabatanCode: 'bendahara',
    startDate: '2025-01-01',
  });
  await t.db.insert(facilitatorAssignments).values({ kubeId: 'kubemaju1', personId: 'rina0001' });
});
afterEach(() => {
  t.cleanup();
});

describe('issuing certificates', () => {
  it('issues one for a post-test at the mastery score, with the code worked out, the KUBE and the facilitator', async () => {
    await post('harjo001', 'hakikat-kube', 6, new Date('2026-05-01T03:00:00Z'));
    await post('harjo001', 'hakikat-kube', 8, new Date('2026-05-20T03:00:00Z'));
    const standing = await ensureCertificates(t.db, 'harjo001');
    const certificate = standing.certificates.get('hakikat-kube');
    expect(certificate).toMatchObject({
      id: certificateCode('harjo001', 'hakikat-kube', 1),
      serial: 1,
      earnedOn: '2026-05-20',
      kubeName: 'Maju Bersama 1',
      facilitatorName: 'Rina Pendamping',
      withdrawnAt: null,
    });
    // Shown again: the same certificate, no second row.
    await ensureCertificates(t.db, 'harjo001');
    expect(await count()).toBe(1);
  });

  it('issues none for a post-test below it, nor for a pre-test', async () => {
    await post('harjo001', 'hakikat-kube', 6, new Date('2026-05-01T03:00:00Z'));
    await seedAttempt(t.db, {
      id: 'pre-1',
      personId: 'harjo001',
      moduleSlug: 'usaha-produk',
      kind: 'pre',
      results: { q1: 1, q2: 1 },
      submittedAt: new Date('2026-05-01T03:00:00Z'),
      counted: true,
    });
    const standing = await ensureCertificates(t.db, 'harjo001');
    expect(standing.outcomes.get('hakikat-kube')).toEqual({ passed: false, why: 'post_below' });
    expect(standing.outcomes.has('usaha-produk')).toBe(false);
    expect(await count()).toBe(0);
  });

  it('waits for the practical task of the person’s position, and dates by it, signed by who scored it', async () => {
    await post('tini0001', 'keuangan-kube', 9, new Date('2026-05-10T03:00:00Z'));
    expect((await ensureCertificates(t.db, 'tini0001')).outcomes.get('keuangan-kube')).toEqual({
      passed: false,
      why: 'task_missing',
    });
    await seedPracticeScore(t.db, {
      personId: 'tini0001',
      taskSlug: 'buku-kas-sebulan',
      kind: 'post',
      score: 50,
      doneOn: '2026-05-12',
    });
    expect((await ensureCertificates(t.db, 'tini0001')).outcomes.get('keuangan-kube')).toMatchObject({
      why: 'task_below',
    });
    await t.db.run(sql`update practice_scores set score = 83.3, scored_by = 'rina0001' where person_id = 'tini0001'`);
    const standing = await ensureCertificates(t.db, 'tini0001');
    expect(standing.certificates.get('keuangan-kube')).toMatchObject({
      earnedOn: '2026-05-12',
      facilitatorName: 'Rina Pendamping',
    });
  });

  it('stores one row when two requests issue the same certificate at once', async () => {
    await post('harjo001', 'hakikat-kube', 9, new Date('2026-05-01T03:00:00Z'));
    const [a, b] = await Promise.all([ensureCertificates(t.db, 'harjo001'), ensureCertificates(t.db, 'harjo001')]);
    expect(a.certificates.get('hakikat-kube')?.id).toBe(b.certificates.get('hakikat-kube')?.id);
    expect(await count()).toBe(1);
  });
});

describe('withdrawing a certificate', () => {
  async function issued(): Promise<string> {
    await post('harjo001', 'hakikat-kube', 9, new Date('2026-05-01T03:00:00Z'));
    const code = (await ensureCertificates(t.db, 'harjo001')).certificates.get('hakikat-kube')?.id;
    if (!code) throw new Error('no certificate');
    return code;
  }

  it('keeps the reason, logs who, verifies as withdrawn, and issues nothing new for the old test', async () => {
    const code = await issued();
    const now = new Date('2026-06-01T03:00:00Z');
    await withdrawCertificate(t.db, admin, { code, reason: 'Tes dikerjakan orang lain' }, now);
    const found = await findCertificate(t.db, code);
    expect(found?.certificate).toMatchObject({ withdrawnAt: now, withdrawnReason: 'Tes dikerjakan orang lain' });
    const history = await t.db.select().from(recordChanges).where(eq(recordChanges.recordId, code));
    expect(history.map((row) => [row.field, row.changedBy])).toEqual([
      ['withdrawnAt', 'admin0001'],
      ['withdrawnReason', 'admin0001'],
    ]);
    const standing = await ensureCertificates(t.db, 'harjo001');
    expect(standing.outcomes.get('hakikat-kube')).toEqual({ passed: false, why: 'no_post' });
    expect(await count()).toBe(1);
  });

  it('earns a new certificate, with a new code, from a post-test taken after the withdrawal', async () => {
    const code = await issued();
    await withdrawCertificate(t.db, admin, { code, reason: 'Salah orang' }, new Date('2026-06-01T03:00:00Z'));
    await post('harjo001', 'hakikat-kube', 8, new Date('2026-06-10T03:00:00Z'));
    const again = (await ensureCertificates(t.db, 'harjo001')).certificates.get('hakikat-kube');
    expect(again).toMatchObject({ serial: 2, earnedOn: '2026-06-10', withdrawnAt: null });
    expect(again?.id).toBe(certificateCode('harjo001', 'hakikat-kube', 2));
    expect(again?.id).not.toBe(code);
    expect((await findCertificate(t.db, code))?.certificate.withdrawnAt).not.toBeNull();
  });

  it('refuses a facilitator, a second withdrawal and an unknown code, changing nothing', async () => {
    const code = await issued();
    const before = await t.db.select().from(certificates);
    await expect(withdrawCertificate(t.db, rina, { code, reason: 'Salah orang' })).rejects.toThrow(DomainError);
    await expect(withdrawCertificate(t.db, null, { code, reason: 'Salah orang' })).rejects.toThrow(DomainError);
    await expect(withdrawCertificate(t.db, admin, { code: '0000000000', reason: 'Salah orang' })).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    expect(await t.db.select().from(certificates)).toEqual(before);
    expect(await t.db.select().from(recordChanges)).toEqual([]);
    await withdrawCertificate(t.db, admin, { code, reason: 'Salah orang' });
    await expect(withdrawCertificate(t.db, admin, { code, reason: 'Lagi' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('is refused by the database without a reason, or with a malformed code', async () => {
    const code = await issued();
    await expect(t.db.run(sql`update certificates set withdrawn_at = 1 where id = ${code}`)).rejects.toThrow();
    await expect(
      t.db
        .insert(certificates)
        .values({ id: 'abc', personId: 'harjo001', moduleSlug: 'x', serial: 1, earnedOn: '2026-01-01' }),
    ).rejects.toThrow();
  });
});
