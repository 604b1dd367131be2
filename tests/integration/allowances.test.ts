import { randomUUID } from 'node:crypto';
import { isActionError } from 'astro:actions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attempts, people, testPermissions, type TestPermissionKind } from '../../db/schema.ts';
import {
  grantTestPermission,
  loadTestState,
  startAttempt,
  submitAttempt,
  type ModuleTest,
} from '../../src/features/assessment/service.ts';
import { useTranslations } from '../../src/i18n/index.ts';
import { asAction } from '../../src/lib/action-errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// The server gives only the allowances the per-person page offers: a form crafted by hand gets a plain
// sentence and changes nothing.

const test: ModuleTest = {
  slug: 'hakikat-kube',
  testDesign: 'same',
  questions: [1, 2].map((n) => ({
    id: `q${n}`,
    version: 1,
    objective: 'o-1',
    text: `Soal ${n}`,
    options: [
      { id: 'a', text: 'A' },
      { id: 'b', text: 'B' },
    ],
    correct: 'b',
    explanation: 'Karena B.',
  })),
};
const id = useTranslations('id');
let t: TestDatabase;

beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(people).values([
    { id: 'p1', name: 'Sumarni', username: 'sumarni', role: 'anggota' },
    { id: 'f1', name: 'Rina', username: 'rina', role: 'pendamping' },
  ]);
});
afterEach(() => {
  t.cleanup();
});

const grant = (kind: TestPermissionKind, now = new Date('2026-03-01T09:00:00Z')) =>
  grantTestPermission(t.db, { personId: 'p1', moduleSlug: test.slug, kind, grantedBy: 'f1' }, now);

async function handIn(kind: 'pre' | 'post') {
  const attempt = await startAttempt(t.db, { attemptId: randomUUID(), personId: 'p1', kind, test, lessonsDone: true });
  await submitAttempt(t.db, {
    attemptId: attempt.id,
    personId: 'p1',
    answers: attempt.items.map((i) => ({
      questionId: i.questionId,
      optionId: 'b',
      answeredAt: new Date().toISOString(),
    })),
  });
}

/** What the action answers for a grant: the refusal's sentence in Indonesian, or null when it went through. */
const refusalOf = (kind: TestPermissionKind) =>
  asAction(() => grant(kind, new Date('2026-03-02T09:00:00Z')), id).then(
    () => null,
    (error: unknown) => (isActionError(error) ? { code: error.code, message: error.message } : error),
  );

describe('grantTestPermission()', () => {
  it('refuses “Bebaskan dari pre-test” after the pre-test is handed in, with a sentence, changing nothing', async () => {
    await handIn('pre');
    await grant('open_post');
    const before = {
      permissions: await t.db.select().from(testPermissions),
      attempts: await t.db.select().from(attempts),
      state: await loadTestState(t.db, 'p1', test.slug, false),
    };

    await expect(refusalOf('waive_pre')).resolves.toEqual({
      code: 'CONFLICT',
      message: 'Pre-test orang ini sudah dikumpulkan, jadi tidak bisa dibebaskan lagi. Tidak ada yang diubah.',
    });
    // Not a row written: the allowance already given keeps its time.
    expect(await t.db.select().from(testPermissions)).toEqual(before.permissions);
    expect(await t.db.select().from(attempts)).toEqual(before.attempts);
    expect(await loadTestState(t.db, 'p1', test.slug, false)).toEqual(before.state);
  });

  it('refuses a retake of a test never taken, and one of the pre-test after the post-test', async () => {
    await expect(refusalOf('retake_pre')).resolves.toMatchObject({
      message: 'Orang ini belum pernah mengumpulkan pre-test, jadi belum ada yang bisa diulang. Tidak ada yang diubah.',
    });
    await expect(refusalOf('retake_post')).resolves.toMatchObject({
      message:
        'Orang ini belum pernah mengumpulkan post-test, jadi belum ada yang bisa diulang. Tidak ada yang diubah.',
    });
    expect(await t.db.select().from(testPermissions)).toEqual([]);

    await handIn('pre');
    await handIn('post');
    await expect(refusalOf('retake_pre')).resolves.toMatchObject({ code: 'CONFLICT' });
    await expect(refusalOf('open_post')).resolves.toMatchObject({ code: 'CONFLICT' });
    expect(await t.db.select().from(testPermissions)).toEqual([]);
  });

  it('gives what the page offers, and gives it again on a second tap', async () => {
    await expect(refusalOf('waive_pre')).resolves.toBeNull();
    await expect(refusalOf('waive_pre')).resolves.toBeNull();
    await handIn('pre');
    await expect(refusalOf('retake_pre')).resolves.toBeNull();
    const kinds = (await t.db.select().from(testPermissions)).map((p) => p.kind).sort();
    expect(kinds).toEqual(['retake_pre', 'waive_pre']);
  });
});
