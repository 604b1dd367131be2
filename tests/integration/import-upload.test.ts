import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberships, people, sessions } from '../../db/schema.ts';
import { verifySecret } from '../../src/features/auth/password.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { keepCards, takeCards } from '../../src/features/cards/batches.ts';
import { reissueCards } from '../../src/features/cards/reissue.ts';
import { findImportJob, takeImportSecrets } from '../../src/features/district-import/import-job.ts';
import { findPreview } from '../../src/features/district-import/previews.ts';
import { confirmUpload, previewUpload } from '../../src/features/district-import/upload-service.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { csvFile, fiveMembers, personRow } from '../helpers/import-sheet.ts';
import { addTwoKubesAndAdmin } from '../helpers/two-kubes.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await addTwoKubesAndAdmin(t);
});
afterEach(() => {
  t.cleanup();
});

const admin: Actor = { id: 'admin0001', role: 'admin', kubeId: null, assignedKubeIds: [] };
const tini: Actor = { id: 'pendamping1', role: 'pendamping', kubeId: null, assignedKubeIds: ['kubemaju1'] };
const newKube = { 'Nama KUBE': 'Sejahtera', Desa: 'Baron' };

/** Waits until the admin's job has ended, and returns its status. */
async function finished(jobId: string) {
  for (let i = 0; i < 500; i++) {
    const job = findImportJob(admin.id, jobId);
    if (job && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the job did not end');
}

const refusalKey = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (error) {
    if (error instanceof DomainError) return error.key;
    throw error;
  }
  return null;
};

describe('the upload page: preview, then import as a job', () => {
  it('keeps a preview for the admin who uploaded it only, with the bad rows and their row numbers', async () => {
    const file = csvFile([...fiveMembers(newKube), personRow('Salah Peran', { ...newKube, Peran: 'ketua' })]);
    const { previewId } = await previewUpload(t.db, admin.id, file);
    expect(findPreview('someoneelse', previewId)).toBeNull();
    const preview = findPreview(admin.id, previewId);
    expect(preview?.summary.errors.map((issue) => [issue.row, issue.column, issue.message.key])).toEqual([
      [7, 'role', 'import.errors.role'],
    ]);
    expect(await refusalKey(() => Promise.resolve().then(() => confirmUpload(t.db, admin.id, previewId)))).toBe(
      'import.upload.hasErrors',
    );
    expect(await t.db.select().from(people).where(eq(people.name, 'Warga Satu'))).toEqual([]);
  });

  it('refuses a file it cannot read on the file field', async () => {
    const refused = await previewUpload(t.db, admin.id, new TextEncoder().encode('nama;umur\nSari;40\n')).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).field).toBe('file');
  });

  it('imports a good preview as a job, reports progress, and gives the secrets out once', async () => {
    const { previewId } = await previewUpload(t.db, admin.id, csvFile(fiveMembers(newKube)));
    const { jobId } = confirmUpload(t.db, admin.id, previewId);
    expect(findImportJob('someoneelse', jobId)).toBeNull();
    expect(await refusalKey(() => Promise.resolve().then(() => confirmUpload(t.db, admin.id, previewId)))).toBe(
      'import.upload.previewGone',
    );
    const job = await finished(jobId);
    expect(job).toMatchObject({ state: 'done', done: 5, total: 5, cardCount: 5, cardsShown: false });
    expect(job.summary?.counts.people.created).toBe(5);
    expect(takeImportSecrets('someoneelse', jobId)).toBeNull();
    const secrets = takeImportSecrets(admin.id, jobId);
    if (!Array.isArray(secrets)) throw new Error('no secrets');
    expect(secrets.map((secret) => secret.kind)).toEqual(['password', 'pin', 'pin', 'pin', 'pin']);
    const [member] = await t.db
      .select()
      .from(people)
      .where(eq(people.username, secrets[1]?.username ?? ''));
    expect(await verifySecret(member?.pinHash ?? '', secrets[1]?.secret ?? '')).toBe(true);
    expect(takeImportSecrets(admin.id, jobId)).toBe('shown');
    expect(findImportJob(admin.id, jobId)?.cardsShown).toBe(true);
  });

  it('imports the same file a second time as a job that creates nothing and has no cards', async () => {
    const { previewId } = await previewUpload(t.db, admin.id, csvFile(fiveMembers(newKube)));
    const { previewId: again } = await previewUpload(t.db, admin.id, csvFile(fiveMembers(newKube)));
    await finished(confirmUpload(t.db, admin.id, previewId).jobId);
    const job = await finished(confirmUpload(t.db, admin.id, again).jobId);
    expect(job).toMatchObject({ state: 'done', cardCount: 0 });
    expect(job.summary?.counts.people).toEqual({ created: 0, updated: 0, skipped: 5 });
  });
});

describe('reissueCards()', () => {
  async function addMember(id: string, role: 'anggota' | 'pengurus', kubeId = 'kubemaju1') {
    await t.db.insert(people).values({ id, name: `Orang ${id}`, username: `u.${id}`, role, pinHash: 'old' });
    await t.db.insert(memberships).values({ id: `m${id}`, kubeId, personId: id, joinedOn: '2024-01-01' });
  }

  it('gives chosen members new PINs, signs them out, and prints each card once', async () => {
    await addMember('anggota01', 'anggota');
    await addMember('anggota02', 'anggota');
    await t.db
      .insert(sessions)
      .values({ id: 'sess0001', secretHash: Buffer.alloc(32), personId: 'anggota01', lastVerifiedAt: new Date() });
    const cards = await reissueCards(t.db, tini, 'kubemaju1', ['anggota01', 'anggota02']);
    expect(cards.map((card) => [card.username, card.kind, card.kubeName])).toEqual([
      ['u.anggota01', 'pin', 'Maju Bersama 1'],
      ['u.anggota02', 'pin', 'Maju Bersama 1'],
    ]);
    const [stored] = await t.db.select().from(people).where(eq(people.id, 'anggota01'));
    expect(await verifySecret(stored?.pinHash ?? '', cards[0]?.secret ?? '')).toBe(true);
    expect(await t.db.select().from(sessions).where(eq(sessions.personId, 'anggota01'))).toEqual([]);
    const batch = keepCards(tini.id, cards);
    expect(takeCards(admin.id, batch)).toBeNull();
    expect(takeCards(tini.id, batch)).toEqual(cards);
    expect(takeCards(tini.id, batch)).toBeNull();
  });

  it('refuses the whole request, naming the officer, when a facilitator ticks a pengurus', async () => {
    await addMember('anggota01', 'anggota');
    await addMember('pengurus1', 'pengurus');
    const refused = await reissueCards(t.db, tini, 'kubemaju1', ['anggota01', 'pengurus1']).catch((e: unknown) => e);
    expect(refused).toMatchObject({ key: 'import.reprint.notAllowed', params: { name: 'Orang pengurus1' } });
    const [untouched] = await t.db.select().from(people).where(eq(people.id, 'anggota01'));
    expect(untouched?.pinHash).toBe('old');
  });

  it('gives an officer a first password to change at sign-in when an admin asks', async () => {
    await addMember('pengurus1', 'pengurus');
    const [card] = await reissueCards(t.db, admin, 'kubemaju1', ['pengurus1']);
    expect(card?.kind).toBe('password');
    const [stored] = await t.db.select().from(people).where(eq(people.id, 'pengurus1'));
    expect(stored?.mustChangePassword).toBe(true);
    expect(stored?.pinHash).toBeNull();
    expect(await verifySecret(stored?.passwordHash ?? '', card?.secret ?? '')).toBe(true);
  });

  it('refuses someone who is not a member of the KUBE', async () => {
    await addMember('anggota03', 'anggota', 'kubemaju2');
    expect(await refusalKey(() => reissueCards(t.db, admin, 'kubemaju1', ['anggota03']))).toBe(
      'import.reprint.notMember',
    );
  });
});
