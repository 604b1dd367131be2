import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attemptAnswers, attempts } from '../../../db/schema.ts';
import { gain, normalizedGain } from '../assessment/rules.ts';
import type { TestKind } from '../assessment/types.ts';
import { loadDeviceStates } from './devices.ts';
import { SILENT_AFTER_MS } from './rules.ts';
import { listParticipants, type Workshop } from './service.ts';

export type MemberState = 'belum_hadir' | 'hadir' | 'mengerjakan' | 'belum_terkirim' | 'selesai';

export type BoardRow = {
  personId: string;
  name: string;
  hasPin: boolean;
  joinedAt: Date | null;
  method: 'pin' | 'manual' | null;
  /** Where the member stands in the test of the current phase. */
  state: MemberState;
  answered: number;
  total: number;
  pre: number | null;
  post: number | null;
  gain: number | null;
  g: number | null;
  /** Answers a tablet reported it could not send yet, over the member's open attempts. */
  unsent: number;
  /** "Kumpulkan" was pressed on a tablet and the submission has not arrived. */
  submitPending: boolean;
  /** An open attempt whose tablet stopped reporting: when it last did. */
  silentSince: Date | null;
};

/** Does a tablet hold (or may it hold) answers of this member the server does not have? */
export const holdsAnswers = (row: BoardRow): boolean => row.unsent > 0 || row.submitPending || row.silentSince !== null;

/** The test the phase is about: the pre-test until the post-test phase begins. */
const testOfPhase = (workshop: Workshop): TestKind =>
  workshop.phase === 'post_test' || workshop.phase === 'selesai' ? 'post' : 'pre';

/**
 * One row per member of the KUBE: attendance, progress in the current phase's test, and the first pre
 * and post scores with the gain (retakes are kept but the first attempt counts, README: "Gain reports").
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
        .select({ attemptId: attemptAnswers.attemptId })
        .from(attemptAnswers)
        .where(
          inArray(
            attemptAnswers.attemptId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const answeredBy = new Map<string, number>();
  for (const { attemptId } of answered) answeredBy.set(attemptId, (answeredBy.get(attemptId) ?? 0) + 1);

  const devices = await loadDeviceStates(db, workshop.id);
  const kind = testOfPhase(workshop);
  return participants.map((p) => {
    const own = rows
      .filter((r) => r.personId === p.personId)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    const firstSubmitted = (k: TestKind) => own.find((r) => r.kind === k && r.submittedAt !== null);
    const current = own.filter((r) => r.kind === kind).at(-1);
    const reported = own.flatMap((r) => {
      const device = r.submittedAt ? undefined : devices.get(r.id);
      return device ? [device] : [];
    });
    const unsent = reported.reduce((sum, d) => sum + d.unsent, 0);
    const submitPending = reported.some((d) => d.submitPending);
    const silent = reported
      .map((d) => d.reportedAt)
      .filter((at) => now.getTime() - at.getTime() > SILENT_AFTER_MS)
      .sort((a, b) => a.getTime() - b.getTime());
    const pre = firstSubmitted('pre')?.score ?? null;
    const post = firstSubmitted('post')?.score ?? null;
    const state: MemberState =
      unsent > 0 || submitPending
        ? 'belum_terkirim'
        : current?.submittedAt
          ? 'selesai'
          : current
            ? 'mengerjakan'
            : p.joinedAt
              ? 'hadir'
              : 'belum_hadir';
    return {
      ...p,
      state,
      answered: current ? (answeredBy.get(current.id) ?? 0) : 0,
      total: current?.total ?? 0,
      pre,
      post,
      gain: pre !== null && post !== null ? gain(pre, post) : null,
      g: pre !== null && post !== null ? normalizedGain(pre, post) : null,
      unsent,
      submitPending,
      silentSince: silent[0] ?? null,
    };
  });
}
