import { eq, sql } from 'drizzle-orm';
import { embeddedFile, type Database, type Executor } from '../../../db/client.ts';
import { inGroupCommit } from '../../../db/group-commit.ts';
import { attemptAnswers, attempts } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { believableAnsweredAt } from './answer-time.ts';
import { parseNumberAnswer } from './number-answer.ts';
import type { AnswerInput, AttemptItem } from './types.ts';

// Storing a batch of answers. The same answer twice changes nothing; a changed answer replaces the old one
// only when it was given later (an old batch arriving late cannot undo a newer choice), by the device's time
// kept within what the server can believe. After submission, only a resend of the very same answers is
// accepted. A batch is one statement, so on a libSQL server it costs one round trip, not one per answer.

type AttemptForAnswers = {
  id: string;
  items: Pick<AttemptItem, 'questionId' | 'optionOrder' | 'type'>[];
  startedAt: Date;
};

export async function listAnswers(db: Executor, attemptId: string): Promise<Record<string, string>> {
  const rows = await db
    .select({ questionId: attemptAnswers.questionId, optionId: attemptAnswers.optionId })
    .from(attemptAnswers)
    .where(eq(attemptAnswers.attemptId, attemptId));
  return Object.fromEntries(rows.map((row) => [row.questionId, row.optionId]));
}

/**
 * The batch as it is stored: a numeric answer reduced to its canonical digits. Refuses the whole batch when one
 * answer is for an item the attempt never showed, an option it lacks, or a typed value that is not a whole
 * number (named by the plain form's field, so that form can show the sentence beside the box).
 */
function checkAnswers(attempt: AttemptForAnswers, answers: readonly AnswerInput[]): AnswerInput[] {
  return answers.map((answer) => {
    const item = attempt.items.find((i) => i.questionId === answer.questionId);
    if (item?.type === 'number') {
      const parsed = parseNumberAnswer(answer.optionId);
      if (parsed.ok) return { ...answer, optionId: parsed.value };
      throw new DomainError(`assessment.errors.number.${parsed.problem}`, { field: `jawaban-${item.questionId}` });
    }
    if (!item || !item.optionOrder.includes(answer.optionId)) {
      throw new DomainError('assessment.errors.foreignAnswer');
    }
    return answer;
  });
}

/**
 * One multi-row upsert for the batch. Rows are applied in order, so a question named twice ends as the later
 * of its two answers, as one upsert per answer did. A submitted attempt's answers are never replaced, even
 * when its submission lands between the caller's read and this statement (every shown item has its row by
 * then: a submission needs them all).
 */
function upsertAnswers(db: Executor, attempt: AttemptForAnswers, answers: readonly AnswerInput[], now: Date) {
  const rows = answers.map((answer) => ({
    attemptId: attempt.id,
    questionId: answer.questionId,
    optionId: answer.optionId,
    answeredAt: believableAnsweredAt(answer.answeredAt, attempt.startedAt, now),
    receivedAt: now,
  }));
  return db
    .insert(attemptAnswers)
    .values(rows)
    .onConflictDoUpdate({
      target: [attemptAnswers.attemptId, attemptAnswers.questionId],
      set: {
        optionId: sql`excluded.option_id`,
        answeredAt: sql`excluded.answered_at`,
        receivedAt: sql`excluded.received_at`,
      },
      setWhere: sql`${attemptAnswers.optionId} <> excluded.option_id and ${attemptAnswers.answeredAt} <= excluded.answered_at
        and not exists (select 1 from ${attempts} where ${attempts.id} = excluded.attempt_id and ${attempts.submittedAt} is not null)`,
    })
    .returning({ questionId: attemptAnswers.questionId });
}

/** After submission: the very same answers again change nothing; any other answer is refused. */
async function checkResend(db: Executor, attemptId: string, answers: readonly AnswerInput[]): Promise<0> {
  const stored = await listAnswers(db, attemptId);
  if (answers.some((a) => stored[a.questionId] !== a.optionId)) {
    throw new DomainError('assessment.errors.alreadySubmitted', { code: 'CONFLICT' });
  }
  return 0;
}

/** Stores answers inside an open transaction that has read `attempt` itself. Returns how many changed. */
export async function storeAnswers(
  tx: Executor,
  attempt: AttemptForAnswers & { submittedAt: Date | null },
  given: readonly AnswerInput[],
  now: Date,
): Promise<number> {
  const answers = checkAnswers(attempt, given);
  if (attempt.submittedAt) return checkResend(tx, attempt.id, answers);
  if (answers.length === 0) return 0;
  return (await upsertAnswers(tx, attempt, answers, now)).length;
}

/**
 * Stores answers for an attempt read beforehand, outside any transaction: one atomic write (the upsert and a
 * look at whether the attempt is submitted), so no lock is held across round trips. A submission that came
 * in between is seen, and the batch is then treated as a resend after submission.
 */
export async function saveAnswerBatch(
  db: Database,
  attempt: AttemptForAnswers & { submittedAt: Date | null },
  given: readonly AnswerInput[],
  now: Date,
): Promise<{ changed: number; submitted: boolean }> {
  const answers = checkAnswers(attempt, given);
  if (attempt.submittedAt) return { changed: await checkResend(db, attempt.id, answers), submitted: true };
  if (answers.length === 0) return { changed: 0, submitted: false };
  const submittedAt = (tx: Executor) =>
    tx.select({ submittedAt: attempts.submittedAt }).from(attempts).where(eq(attempts.id, attempt.id));
  // On an embedded file, saves arriving together share a commit (db/group-commit.ts); on a libSQL server the
  // two statements go as one batch, one round trip.
  const [changed, [state]] = embeddedFile(db)
    ? await inGroupCommit(db, async (tx) => [await upsertAnswers(tx, attempt, answers, now), await submittedAt(tx)])
    : await db.batch([upsertAnswers(db, attempt, answers, now), submittedAt(db)]);
  if (state?.submittedAt) return { changed: await checkResend(db, attempt.id, answers), submitted: true };
  return { changed: changed.length, submitted: false };
}
