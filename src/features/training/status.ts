// Where a planned session stands on a day: pure, so the plan page, the facilitator's home and the area view agree.

export type SessionStatus = 'done' | 'overdue' | 'this_month' | 'planned';

/** `today` is YYYY-MM-DD; a session is overdue once its month has passed without a workshop held. */
export function sessionStatus(session: { year: number; month: number }, held: boolean, today: string): SessionStatus {
  if (held) return 'done';
  const now = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7));
  const planned = session.year * 12 + session.month;
  if (planned < now) return 'overdue';
  return planned === now ? 'this_month' : 'planned';
}
