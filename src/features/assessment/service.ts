import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../db/client.ts';
import { preparedFor } from '../../../db/prepared.ts';
import { attempts, itemSets, testPermissions, type TestPermissionKind } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { answerKeyOf, type Question } from '../learning/content-schemas.ts';
import { buildAttemptItems, canStartTest, packItemResults, scoreAttempt, type TestState } from './rules.ts';
import { chooseForm } from './form-choice.ts';
import { listAnswers, saveAnswerBatch, storeAnswers } from './answers.ts';
import { refuseAllowance } from './allowances.ts';
import { DEFAULT_RETENTION_DAYS, retentionStage, type RetentionDays } from './retention.ts';
import { todayIso } from '../../lib/dates.ts';
import type { AnswerInput, TestKind } from './types.ts';

export { listAnswers } from './answers.ts';

// Every write here runs in one transaction (or one atomic batch) and is idempotent: the same attempt id, answers and
// submission sent twice (a retry over a weak connection, a double tap) change nothing the second time.

export type Attempt = typeof attempts.$inferSelect;
export type ModuleTest = {
  slug: string;
  testDesign: 'same' | 'parallel';
  questions: readonly Question[];
  /** When the retention test opens and is due (content: the module's `retention`). */
  retention?: RetentionDays;
};

/** What the gating rules need to know about one person and one module. */
export async function loadTestState(
  db: Executor,
  personId: string,
  moduleSlug: string,
  lessonsDone: boolean,
  retention: RetentionDays = DEFAULT_RETENTION_DAYS,
  now = new Date(),
): Promise<TestState> {
  const rows = await db
    .select({ kind: attempts.kind, submittedAt: attempts.submittedAt, counted: attempts.counted })
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
  const countedPost = rows.find((r) => r.kind === 'post' && r.counted)?.submittedAt ?? null;
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
    hasOpenRetention: rows.some((r) => r.kind === 'retention' && r.submittedAt === null),
    retention: retentionStage(
      countedPost && todayIso(countedPost),
      submitted('retention').length > 0,
      retention,
      todayIso(now),
    ),
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
    const state = await loadTestState(
      tx,
      input.personId,
      input.test.slug,
      input.lessonsDone,
      input.test.retention,
      now,
    );
    const gate = canStartTest(input.kind, state);
    if (!gate.allowed) {
      throw new DomainError(`assessment.gate.${gate.reason}`, {
        code: 'CONFLICT',
        params: { opensOn: gate.opensOn ?? '' },
      });
    }

    const form = await chooseForm(tx, input.personId, input.kind, input.test);
    const items = buildAttemptItems(input.test.questions, form, input.attemptId);
    const answerKey = Object.fromEntries(
      input.test.questions.filter((q) => items.some((i) => i.questionId === q.id)).map((q) => [q.id, answerKeyOf(q)]),
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

export async function saveAnswers(
  db: Database,
  input: { attemptId: string; personId: string; answers: readonly AnswerInput[] },
  now = new Date(),
): Promise<{ changed: number; submitted: boolean }> {
  const attempt = await loadOwnAttempt(db, input.attemptId, input.personId);
  return saveAnswerBatch(db, attempt, input.answers, now);
}

/** The same, for an attempt the caller has just read (the player's save reads it once, for its module too). */
export async function saveAnswersTo(
  db: Database,
  attempt: Attempt,
  input: { personId: string; answers: readonly AnswerInput[] },
  now = new Date(),
): Promise<{ changed: number; submitted: boolean }> {
  if (attempt.personId !== input.personId) {
    throw new DomainError('assessment.errors.notYours', { code: 'FORBIDDEN' });
  }
  return saveAnswerBatch(db, attempt, input.answers, now);
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
    const packed = packItemResults(score.itemResults);
    await tx
      .insert(itemSets)
      .values({ moduleSlug: attempt.moduleSlug, questionIds: packed.questionIds })
      .onConflictDoNothing();
    // The set's id and "counted" are read by the update itself: two round trips fewer while the lock is held.
    const itemSetId = sql<number>`(select ${itemSets.id} from ${itemSets}
      where ${itemSets.moduleSlug} = ${attempt.moduleSlug} and ${itemSets.questionIds} = ${packed.questionIds})`;
    // The first submission of this person, module and kind counts for gain; a retake never does.
    const first = sql<boolean>`not exists (select 1 from ${attempts} where ${attempts.personId} = ${attempt.personId}
      and ${attempts.moduleSlug} = ${attempt.moduleSlug} and ${attempts.kind} = ${attempt.kind}
      and ${attempts.submittedAt} is not null)`;
    const [submitted] = await tx
      .update(attempts)
      .set({
        itemSetId,
        itemBits: packed.bits,
        counted: first,
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

/** Read by every answer save: built once (db/prepared.ts). */
const attemptQuery = (db: Executor) =>
  preparedFor(db, 'attempt', (on) =>
    on
      .select()
      .from(attempts)
      .where(eq(attempts.id, sql.placeholder('id')))
      .limit(1)
      .prepare(),
  );

export async function getAttempt(db: Executor, attemptId: string) {
  const [attempt] = await attemptQuery(db).execute({ id: attemptId });
  return attempt ?? null;
}

/**
 * A facilitator's allowance for one person: waive the pre-test, open the post-test, or a retake. Only one the
 * per-person page would offer for the person's state, judged inside the transaction against what is stored.
 */
export async function grantTestPermission(
  db: Executor,
  input: { personId: string; moduleSlug: string; kind: TestPermissionKind; grantedBy: string },
  now = new Date(),
) {
  await db.transaction(async (tx) => {
    // Lessons do not change which allowances fit (see `allowancesFor`).
    const refused = refuseAllowance(await loadTestState(tx, input.personId, input.moduleSlug, false), input.kind);
    if (refused) throw new DomainError(refused, { code: 'CONFLICT' });
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
