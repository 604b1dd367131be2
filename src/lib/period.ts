import type { Message } from './errors.ts';

// Limits on the periods people choose for reports and indicators. A period is refused, not cut, when it is
// too long: a typo such as 0202 for 2026 should be shown to the person who made it, not hidden behind a
// result for a different period than the one they asked for.

/** The longest period a report or the indicators cover: two five-year program cycles. */
export const MAX_PERIOD_YEARS = 10;

/** The message for a period longer than the limit, with the limit in it. */
export const PERIOD_TOO_LONG = {
  key: 'errors.periodTooLong',
  params: { max: MAX_PERIOD_YEARS },
} as const satisfies Message;

/** Is `from`–`to` (YYYY-MM-DD, inclusive) at most `years` years long? A period of exactly 10 years is allowed. */
export function withinYears(from: string, to: string, years = MAX_PERIOD_YEARS): boolean {
  // As numbers YYYYMMDD, adding years is adding 10,000s (a 29 February start ends before 29 February).
  const day = (iso: string) => Number(iso.replaceAll('-', ''));
  return day(to) < day(from) + years * 10_000;
}
