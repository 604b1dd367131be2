import { and, eq, inArray, max, count } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attemptAnswers, attempts } from '../../../db/schema.ts';
import type { TestKind } from '../assessment/types.ts';
import { judgeRow, sortBoard, type AttemptFacts, type BoardRow } from './board-rules.ts';
import { loadDeviceStates } from './devices.ts';
import { listParticipants, type Workshop } from './service.ts';

export { holdsAnswers, type BoardRow, type MemberState } from './board-rules.ts';

/** The test the phase is about: the pre-test until the post-test phase begins; a retention workshop's own. */
const testOfPhase = (workshop: Workshop): TestKind => {
  if (workshop.purpose === 'retention') return 'retention';
  return workshop.phase === 'post_test' || workshop.phase === 'selesai' ? 'post' : 'pre';
};

/**
 * One row per member of the KUBE, trouble first: attendance, progress in the current phase's test, and the
 * first pre and post scores (retakes are kept but the first attempt counts, README: "Gain reports").
 */
export async function loadBoard(db: Executor, workshop: Workshop, now = new Date()): Promise<BoardRow[]> {
  const participants = await listParticipants(db, workshop);
  const ids = participants.map((p) => p.personId);
  const rows = ids.length
    ? await db
        .select({
          id: attempts.id,
          personId: attempts.personId,
          kind: attempts.kind,
          total: attempts.total,
          score: attempts.score,
          startedAt: attempts.startedAt,
          submittedAt: attempts.submittedAt,
        })
        .from(attempts)
        .where(and(eq(attempts.moduleSlug, workshop.moduleSlug), inArray(attempts.personId, ids)))
    : [];
  const answered = rows.length
    ? await db
        .select({ attemptId: attemptAnswers.attemptId, count: count(), last: max(attemptAnswers.receivedAt) })
        .from(attemptAnswers)
        .where(
          inArray(
            attemptAnswers.attemptId,
            rows.map((r) => r.id),
          ),
        )
        .groupBy(attemptAnswers.attemptId)
    : [];
  const answersOf = new Map(answered.map((a) => [a.attemptId, a]));
  const facts: (AttemptFacts & { personId: string })[] = rows.map((r) => ({
    ...r,
    answered: answersOf.get(r.id)?.count ?? 0,
    lastAnswerAt: answersOf.get(r.id)?.last ?? null,
  }));
  const devices = await loadDeviceStates(db, workshop.id);
  const kind = testOfPhase(workshop);
  return sortBoard(
    participants.map((p) =>
      judgeRow(
        p,
        facts.filter((f) => f.personId === p.personId),
        devices,
        kind,
        now,
      ),
    ),
  );
}
