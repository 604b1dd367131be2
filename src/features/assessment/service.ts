import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attemptAnswers, attempts, itemSets, testPermissions, type TestPermissionKind } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import type { Question } from '../learning/content-schemas.ts';
import { assignForm, buildAttemptItems, canStartTest, packItemResults, scoreAttempt, type TestState } from './rules.ts';
import { believableAnsweredAt } from './answer-time.ts';
import type { AnswerInput, TestKind } from './types.ts';

// Every write here runs in one transaction and is idempotent: the same attempt id, answers and
// submission sent twice (a retry over a weak connection, a double tap) change nothing the second time.

export type Attempt = typeof attempts.$inferSelect;
export type ModuleTest = { slug: string; testDesign: 'same' | 'parallel'; questions: readonly Question[] };

/** What the gating rules need to know about one person and one module. */
export async function loadTestState(
  db: Executor,
  personId: string,
  moduleSlug: string,
  lessonsDone: boolean,
): Promise<TestState> {
  const rows = await db
    .select({ kind: attempts.kind, submittedAt: attempts.submittedAt })
    .from(attempts)
    .where(and(eq(attempts.personId, personId), eq(attempts.moduleSlug, moduleSlug)));
  const granted = await db
    .select({ kind: testPermissions.kind, grantedAt: testPermissions.grantedAt })
    .from(testPermissions)
    .where(and(eq(testPermissions.personId, personId), eq(testPermissions.moduleSlug, moduleSlug)));
  const submitted = (kind: TestKind) => rows.filter((r) => r.kind === kind && r.submittedAt !== null);
  const lastSubmitted = (kind: TestKind) => Math.max(0, ...submitted(kind).map((r) => r.submittedAt?.getTime() ?? 0));
  const grant = (kind: TestPermissionKind) => granted.find((g) => g.kind === kind);
  // A retake is good for one more attempt: it lapses once an attempt is submitted after it.
  const retake = (kind: TestKind) => {
    const given = grant(kind === 'pre' ? 'retake_pre' : 'retake_post');
    return given !== undefined && given.grantedAt.getTime() > lastSubmitted(kind);
  };
  return {
    preSubmitted: submitted('pre').length,
    postSubmitted: submitted('post').length,
    preWaived: grant('waive_pre') !== undefined,
    postOpened: grant('open_post') !== undefined,
    retakePre: retake('pre'),
    retakePost: retake('post'),
    lessonsDone,
    hasOpenPre: rows.some((r) => r.kind === 'pre' && r.submittedAt === null),
    hasOpenPost: rows.some((r) => r.kind === 'post' && r.submittedAt === null),
  };
}

export async function findOpenAttempt(db: Executor, personId: string, moduleSlug: string, kind: TestKind) {
  const [open] = await db
    .select()
    .from(attempts)
    .where(
      and(
        eq(attempts.personId, personId),
        eq(attempts.moduleSlug, moduleSlug),
        eq(attempts.kind, kind),
        sql`${attempts.submittedAt} is null`,
      ),
    )
    .orderBy(asc(attempts.startedAt))
    .limit(1);
  return open ?? null;
}

/**
 * Starts an attempt with the device's id, or returns the one already open: a second start with the same
 * id, or from a second tab, lands on the same attempt.
 */
export async function startAttempt(
  db: Executor,
  input: { attemptId: string; personId: string; kind: TestKind; test: ModuleTest; lessonsDone: boolean },
  now = new Date(),
): Promise<Attempt> {
  return db.transaction(async (tx) => {
    const [same] = await tx.select().from(attempts).where(eq(attempts.id, input.attemptId)).limit(1);
    if (same) {
      if (same.personId !== input.personId) throw new DomainError('assessment.errors.notYours', { code: 'FORBIDDEN' });
      return same;
    }
    const open = await findOpenAttempt(tx, input.personId, input.test.slug, input.kind);
    if (open) return open;
    const gate = canStartTest(input.kind, await loadTestState(tx, input.personId, input.test.slug, input.lessonsDone));
    if (!gate.allowed) throw new DomainError(`assessment.gate.${gate.reason}`, { code: 'CONFLICT' });

    const form = assignForm(input.personId, input.test.slug, input.kind, input.test.testDesign);
    const items = buildAttemptItems(input.test.questions, form, input.attemptId);
    const answerKey = Object.fromEntries(
      input.test.questions.filter((q) => items.some((i) => i.questionId === q.id)).map((q) => [q.id, q.correct]),
    );
    const [created] = await tx
      .insert(attempts)
      .values({
        id: input.attemptId,
        personId: input.personId,
        moduleSlug: input.test.slug,
        kind: input.kind,
        form,
        items,
        answerKey,
        startedAt: now,
        total: items.length,
      })
      .returning();
    if (!created) throw new Error('attempt not created');
    return created;
  });
}

async function loadOwnAttempt(db: Executor, attemptId: string, personId: string): Promise<Attempt> {
  const [attempt] = await db.select().from(attempts).where(eq(attempts.id, attemptId)).limit(1);
  if (!attempt) throw new DomainError('assessment.errors.unknownAttempt', { code: 'NOT_FOUND' });
  if (attempt.personId !== personId) throw new DomainError('assessment.errors.notYours', { code: 'FORBIDDEN' });
  return attempt;
}

export async function listAnswers(db: Executor, attemptId: string): Promise<Record<string, string>> {
  const rows = await db
    .select({ questionId: attemptAnswers.questionId, optionId: attemptAnswers.optionId })
    .from(attemptAnswers)
    .where(eq(attemptAnswers.attemptId, attemptId));
  return Object.fromEntries(rows.map((row) => [row.questionId, row.optionId]));
}

/** Refuses the whole batch when one answer is for an item the attempt never showed, or an option it lacks. */
function checkAnswers(attempt: Attempt, answers: readonly AnswerInput[]) {
  for (const answer of answers) {
    const item = attempt.items.find((i) => i.questionId === answer.questionId);
    if (!item || !item.optionOrder.includes(answer.optionId)) {
      throw new DomainError('assessment.errors.foreignAnswer');
    }
  }
}

/**
 * Stores answers. The same answer twice changes nothing; a changed answer replaces the old one only when
 * it was given later (an old batch arriving late cannot undo a newer choice), by the device's time kept
 * within what the server can believe. After submission, only a resend of the very same answers is accepted.
 */
export async function storeAnswers(tx: Executor, attempt: Attempt, answers: readonly AnswerInput[], now: Date) {
  checkAnswers(attempt, answers);
  if (attempt.submittedAt) {
    const stored = await listAnswers(tx, attempt.id);
    if (answers.some((a) => stored[a.questionId] !== a.optionId)) {
      throw new DomainError('assessment.errors.alreadySubmitted', { code: 'CONFLICT' });
    }
    return 0;
  }
  let changed = 0;
  for (const answer of answers) {
    const answeredAt = believableAnsweredAt(answer.answeredAt, attempt.startedAt, now);
    const result = await tx
      .insert(attemptAnswers)
      .values({ attemptId: attempt.id, ...answer, answeredAt, receivedAt: now })
      .onConflictDoUpdate({
        target: [attemptAnswers.attemptId, attemptAnswers.questionId],
        set: { optionId: answer.optionId, answeredAt, receivedAt: now },
        setWhere: sql`${attemptAnswers.optionId} <> excluded.option_id and ${attemptAnswers.answeredAt} <= excluded.answered_at`,
      })
      .returning({ questionId: attemptAnswers.questionId });
    changed += result.length;
  }
  return changed;
}

export async function saveAnswers(
  db: Executor,
  input: { attemptId: string; personId: string; answers: readonly AnswerInput[] },
  now = new Date(),
): Promise<{ changed: number; submitted: boolean }> {
  return db.transaction(async (tx) => {
    const attempt = await loadOwnAttempt(tx, input.attemptId, input.personId);
    const changed = await storeAnswers(tx, attempt, input.answers, now);
    return { changed, submitted: attempt.submittedAt !== null };
  });
}

/**
 * Stores the last answers and submits: every item must be answered. Submitting again returns the
 * stored result and changes nothing.
 */
export async function submitAttempt(
  db: Executor,
  input: { attemptId: string; personId: string; answers: readonly AnswerInput[] },
  now = new Date(),
): Promise<Attempt> {
  return db.transaction(async (tx) => {
    const attempt = await loadOwnAttempt(tx, input.attemptId, input.personId);
    await storeAnswers(tx, attempt, input.answers, now);
    if (attempt.submittedAt) return attempt;
    const answers = await listAnswers(tx, attempt.id);
    const missing = attempt.items.filter((item) => !answers[item.questionId]).length;
    if (missing > 0) throw new DomainError('assessment.errors.missing', { params: { count: missing } });
    const score = scoreAttempt(attempt.items, answers, attempt.answerKey);
    // The first submission of this person, module and kind counts for gain; a retake never does.
    const [earlier] = await tx
      .select({ id: attempts.id })
      .from(attempts)
      .where(
        and(
          eq(attempts.personId, attempt.personId),
          eq(attempts.moduleSlug, attempt.moduleSlug),
          eq(attempts.kind, attempt.kind),
          isNotNull(attempts.submittedAt),
        ),
      )
      .limit(1);
    const packed = packItemResults(score.itemResults);
    const itemSetId = await itemSetIdFor(tx, attempt.moduleSlug, packed.questionIds);
    const [submitted] = await tx
      .update(attempts)
      .set({
        itemSetId,
        itemBits: packed.bits,
        counted: earlier === undefined,
        submittedAt: now,
        score: score.score,
        correct: score.correct,
        byObjective: score.byObjective,
      })
      .where(eq(attempts.id, attempt.id))
      .returning();
    if (!submitted) throw new Error('attempt vanished');
    return submitted;
  });
}

/** The id of a module's set of questions, made the first time an attempt shows that set. */
async function itemSetIdFor(tx: Executor, moduleSlug: string, questionIds: string): Promise<number> {
  await tx.insert(itemSets).values({ moduleSlug, questionIds }).onConflictDoNothing();
  const [set] = await tx
    .select({ id: itemSets.id })
    .from(itemSets)
    .where(and(eq(itemSets.moduleSlug, moduleSlug), eq(itemSets.questionIds, questionIds)))
    .limit(1);
  if (!set) throw new Error('item set vanished');
  return set.id;
}

/** A person's submitted attempts of a module, oldest first. */
export async function listSubmittedAttempts(db: Executor, personId: string, moduleSlug?: string) {
  return db
    .select()
    .from(attempts)
    .where(
      and(
        eq(attempts.personId, personId),
        moduleSlug ? eq(attempts.moduleSlug, moduleSlug) : undefined,
        isNotNull(attempts.submittedAt),
      ),
    )
    .orderBy(asc(attempts.submittedAt));
}

export async function getAttempt(db: Executor, attemptId: string) {
  const [attempt] = await db.select().from(attempts).where(eq(attempts.id, attemptId)).limit(1);
  return attempt ?? null;
}

/** A facilitator's allowance for one person: waive the pre-test, open the post-test, or a retake. */
export async function grantTestPermission(
  db: Executor,
  input: { personId: string; moduleSlug: string; kind: TestPermissionKind; grantedBy: string },
  now = new Date(),
) {
  await db.transaction(async (tx) => {
    await tx
      .insert(testPermissions)
      .values({ ...input, grantedAt: now })
      .onConflictDoUpdate({
        target: [testPermissions.personId, testPermissions.moduleSlug, testPermissions.kind],
        set: { grantedBy: input.grantedBy, grantedAt: now },
      });
  });
}

export async function revokeTestPermission(
  db: Executor,
  input: { personId: string; moduleSlug: string; kind: TestPermissionKind },
) {
  await db
    .delete(testPermissions)
    .where(
      and(
        eq(testPermissions.personId, input.personId),
        eq(testPermissions.moduleSlug, input.moduleSlug),
        eq(testPermissions.kind, input.kind),
      ),
    );
}
