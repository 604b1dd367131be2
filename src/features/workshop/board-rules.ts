import { gain, normalizedGain } from '../assessment/rules.ts';
import { retainedShare } from '../../lib/stats/index.ts';
import type { TestKind } from '../assessment/types.ts';
import { SILENT_AFTER_MS } from './rules.ts';

// Pure rules of the live board: what a member's row says, what counts as trouble, and in what order rows
// come. The facilitator looks at the board across a room, so trouble has to stand out and be counted once.

export type MemberState = 'belum_hadir' | 'hadir' | 'mengerjakan' | 'terputus' | 'belum_terkirim' | 'selesai';

/** One attempt of a member at the workshop's module, with what reached the server. */
export type AttemptFacts = {
  id: string;
  kind: TestKind;
  total: number;
  score: number | null;
  startedAt: Date;
  submittedAt: Date | null;
  /** Answers the server holds. */
  answered: number;
  /** When the server received the latest of them. */
  lastAnswerAt: Date | null;
};

/** What a workshop tablet last said about an attempt it holds. */
export type DeviceFacts = { unsent: number; submitPending: boolean; reportedAt: Date };

export type Participant = {
  personId: string;
  name: string;
  role: string;
  hasPin: boolean;
  joinedAt: Date | null;
  method: 'pin' | 'manual' | null;
};

export type BoardRow = Participant & {
  /** Where the member stands in the test of the current phase; trouble wins over progress. */
  state: MemberState;
  answered: number;
  total: number;
  pre: number | null;
  post: number | null;
  gain: number | null;
  g: number | null;
  /** The first retention test's score, and the share of the gain it kept (null without a gain). */
  retention: number | null;
  retained: number | null;
  /** A test started and not handed in, with how far it got: kept visible after the phase moves on. */
  unfinished: { kind: TestKind; answered: number; total: number }[];
  /** Answers a tablet reported it could not send yet, over the member's open attempts. */
  unsent: number;
  /** "Kumpulkan" was pressed on a tablet and the submission has not arrived. */
  submitPending: boolean;
  /** An open attempt whose tablet stopped showing signs of life: since when. */
  silentSince: Date | null;
};

/**
 * The last sign that a tablet was working on an open attempt: its latest report, or else what reached the
 * server (the attempt's start, its latest answer). A tablet that drops seconds after opening a test never
 * reports, yet its attempt and answers did arrive.
 */
export function lastSignOfLife(attempt: AttemptFacts, device: DeviceFacts | undefined): Date {
  const times = [attempt.startedAt, attempt.lastAnswerAt, device?.reportedAt].filter((at) => at !== undefined);
  return new Date(Math.max(...times.flatMap((at) => (at ? [at.getTime()] : []))));
}

/** Does a tablet hold (or may it hold) answers of this member the server does not have? */
export const holdsAnswers = (row: Pick<BoardRow, 'unsent' | 'submitPending' | 'silentSince'>): boolean =>
  row.unsent > 0 || row.submitPending || row.silentSince !== null;

/** Only members sign in with a PIN on the tablets; officers use their passwords. */
export const lacksPin = (row: Pick<BoardRow, 'role' | 'hasPin'>): boolean => row.role === 'anggota' && !row.hasPin;

/**
 * A member's row. `kind` is the test of the current phase; `devices` the tablets' reports by attempt id.
 * An open attempt no tablet reported counts only when started after the member joined this workshop (not
 * one left open at home last week).
 */
export function judgeRow(
  participant: Participant,
  own: readonly AttemptFacts[],
  devices: ReadonlyMap<string, DeviceFacts>,
  kind: TestKind,
  now: Date,
): BoardRow {
  const sorted = [...own].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const firstSubmitted = (k: TestKind) => sorted.find((a) => a.kind === k && a.submittedAt !== null);
  const current = sorted.filter((a) => a.kind === kind).at(-1);
  const joinedAt = participant.joinedAt;
  const open = sorted.filter(
    (a) => a.submittedAt === null && (devices.has(a.id) || (joinedAt !== null && a.startedAt >= joinedAt)),
  );
  const reported = open.flatMap((a) => devices.get(a.id) ?? []);
  const unsent = reported.reduce((sum, d) => sum + d.unsent, 0);
  const submitPending = reported.some((d) => d.submitPending);
  const silent = open
    .map((a) => lastSignOfLife(a, devices.get(a.id)))
    .filter((at) => now.getTime() - at.getTime() > SILENT_AFTER_MS)
    .sort((a, b) => a.getTime() - b.getTime());
  const silentSince = silent[0] ?? null;
  const pre = firstSubmitted('pre')?.score ?? null;
  const post = firstSubmitted('post')?.score ?? null;
  const retention = firstSubmitted('retention')?.score ?? null;
  const unfinished = (['pre', 'post', 'retention'] as const).flatMap((k) => {
    const last = sorted.filter((a) => a.kind === k).at(-1);
    return last && last.submittedAt === null && !firstSubmitted(k)
      ? [{ kind: k, answered: last.answered, total: last.total }]
      : [];
  });
  const state: MemberState =
    unsent > 0 || submitPending
      ? 'belum_terkirim'
      : silentSince
        ? 'terputus'
        : current?.submittedAt
          ? 'selesai'
          : current
            ? 'mengerjakan'
            : joinedAt
              ? 'hadir'
              : 'belum_hadir';
  return {
    ...participant,
    state,
    answered: current?.answered ?? 0,
    total: current?.total ?? 0,
    pre,
    post,
    gain: pre !== null && post !== null ? gain(pre, post) : null,
    g: pre !== null && post !== null ? normalizedGain(pre, post) : null,
    retention,
    retained: pre !== null && post !== null && retention !== null ? retainedShare(pre, post, retention) : null,
    unfinished,
    unsent,
    submitPending,
    silentSince,
  };
}

/** Trouble first, then the people present, then those not here yet; by name within each group. */
export function sortBoard(rows: readonly BoardRow[]): BoardRow[] {
  const group = (row: BoardRow) => (holdsAnswers(row) ? 0 : row.joinedAt ? 1 : 2);
  return [...rows].sort((a, b) => group(a) - group(b) || a.name.localeCompare(b.name, 'id'));
}

/** The board's summary line, counted from the same rules as the rows (one row is in one count only). */
export function countBoard(rows: readonly BoardRow[]) {
  const trouble = rows.filter(holdsAnswers);
  return {
    present: rows.filter((r) => r.joinedAt !== null).length,
    total: rows.length,
    answering: rows.filter((r) => r.state === 'mengerjakan').length,
    done: rows.filter((r) => r.state === 'selesai').length,
    trouble: trouble.length,
  };
}
