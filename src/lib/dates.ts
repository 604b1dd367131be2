// Calendar dates (SK, memberships, positions) are days as `YYYY-MM-DD`, compared as strings.

function isoDateIn(timeZone: string, now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Today in Western Indonesia Time, where the program runs: the default of a new date field. */
export function todayIso(now = new Date()): string {
  return isoDateIn('Asia/Jakarta', now);
}

/**
 * The latest date that is not "in the future" anywhere in Indonesia: today in Eastern Indonesia Time
 * (UTC+9), so a facilitator in Papua is never refused their own today.
 */
export function latestAllowedDate(now = new Date()): string {
  return isoDateIn('Asia/Jayapura', now);
}

export function isFutureDate(value: string, now = new Date()): boolean {
  return value > latestAllowedDate(now);
}
