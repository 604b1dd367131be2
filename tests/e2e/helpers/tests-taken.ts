import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Connection } from '../../../db/client.ts';
import { testPermissions } from '../../../db/schema.ts';
import { startAttempt, submitAttempt } from '../../../src/features/assessment/service.ts';

/**
 * Hands in a test of a module for a person straight through the service, with no questions: for tests about
 * what the pages say after a test, not about the test itself. A post-test is opened for it (as a workshop
 * does) and the opening withdrawn again, so only the handed-in test remains.
 */
export async function takeEmptyTest({ db }: Connection, personId: string, moduleSlug: string, kind: 'pre' | 'post') {
  if (kind === 'post') {
    await db.insert(testPermissions).values({ personId, moduleSlug, kind: 'open_post', grantedAt: new Date() });
  }
  const attemptId = randomUUID();
  const test = { slug: moduleSlug, testDesign: 'same' as const, questions: [] };
  await startAttempt(db, { attemptId, personId, kind, test, lessonsDone: false });
  await submitAttempt(db, { attemptId, personId, answers: [] });
  await db
    .delete(testPermissions)
    .where(and(eq(testPermissions.personId, personId), eq(testPermissions.moduleSlug, moduleSlug)));
}
