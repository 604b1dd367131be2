// A device's clock is not a witness: tablets run fast, slow, or reset to a factory date. The time an
// answer was given only orders a person's changes to one question, so it is kept within what the server
// saw itself: never after the moment the batch arrived, never long before the attempt began.

/** How far a device's clock may run behind the server's before its times are no longer believed. */
export const ANSWER_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The time to store for an answer the device says it gave at `deviceTime`. */
export function believableAnsweredAt(deviceTime: string, startedAt: Date, receivedAt: Date): Date {
  const floor = startedAt.getTime() - ANSWER_CLOCK_SKEW_MS;
  const ceiling = receivedAt.getTime();
  const claimed = Date.parse(deviceTime);
  // An unreadable time cannot order anything: treat it as given when it arrived.
  if (Number.isNaN(claimed)) return new Date(ceiling);
  return new Date(Math.min(ceiling, Math.max(floor, claimed)));
}
