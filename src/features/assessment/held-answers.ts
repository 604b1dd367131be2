import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { attempts, people } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { saveAnswerBatch } from './answers.ts';
import { submitAttempt } from './service.ts';
import type { AnswerInput } from './types.ts';

/** A device may hand in what it still holds for this long after the attempt began. */
export const HELD_ANSWERS_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Stores answers a shared tablet still held when its member handed it on, without that member's session.
 *
 * Why this is safe: the attempt id is a random v4 UUID (122 bits) that the server put only in the test
 * page of the person who started it, on that device; an open attempt's id is shown nowhere else (its
 * result address exists only once it is submitted, and the board never shows ids). Holding the id is
 * holding the device, which could already change those answers before they were sent. On top of that the
 * server takes answers only for an attempt that is not submitted, begun less than a day ago, of a person
 * still active, and only for the questions it showed with their own options. With `submit` (the member
 * pressed "Kumpulkan" on this device and the answer never came back) it is handed in as the member's own
 * player would: every question answered, scored once, the first submission counting. Anything else is
 * refused and changes nothing.
 */
export async function saveHeldAnswers(
  db: Database,
  input: { attemptId: string; answers: readonly AnswerInput[]; submit: boolean },
  now = new Date(),
): Promise<{ changed: number; submitted: boolean }> {
  const [row] = await db
    .select({ attempt: attempts, active: people.active })
    .from(attempts)
    .innerJoin(people, eq(people.id, attempts.personId))
    .where(eq(attempts.id, input.attemptId))
    .limit(1);
  if (!row || !row.active) throw new DomainError('assessment.errors.unknownAttempt', { code: 'NOT_FOUND' });
  if (row.attempt.submittedAt) throw new DomainError('assessment.errors.alreadySubmitted', { code: 'CONFLICT' });
  if (now.getTime() - row.attempt.startedAt.getTime() > HELD_ANSWERS_WINDOW_MS) {
    throw new DomainError('assessment.errors.heldTooOld', { code: 'FORBIDDEN' });
  }
  const saved = await saveAnswerBatch(db, row.attempt, input.answers, now);
  // Submitted in the meantime (by the member's own player): the answers were refused or were the same.
  if (saved.submitted) throw new DomainError('assessment.errors.alreadySubmitted', { code: 'CONFLICT' });
  if (!input.submit) return { changed: saved.changed, submitted: false };
  await submitAttempt(db, { attemptId: input.attemptId, personId: row.attempt.personId, answers: [] }, now);
  return { changed: saved.changed, submitted: true };
}
