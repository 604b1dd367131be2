// Calendar dates (SK, memberships, positions) are days as `YYYY-MM-DD`, compared as strings.

// One formatter per time zone, made once: making one costs more than the formatting.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function isoDateIn(timeZone: string, now: Date): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
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

/** The last day of a calendar month (`month` 1–12), YYYY-MM-DD: calendar arithmetic, no time zone involved. */
export function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(0);
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  day.setUTCFullYear(year, month, 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day.getUTCDate()).padStart(2, '0')}`;
}

/** The first year a person may type in a date: KUBE exist since the 1980s, nothing the platform records is older. */
export const EARLIEST_YEAR = 1980;
/** The last year a person may type in a date: far enough for any plan, near enough to catch a typo like 9999. */
export const LATEST_YEAR = 2099;
/** Workshops are planned at most about a year ahead. */
export const WORKSHOP_MAX_DAYS_AHEAD = 366;

/** Whether a `YYYY-MM-DD` day or `YYYY-MM` month lies within EARLIEST_YEAR–LATEST_YEAR. */
export function isWithinYears(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/** The last day a workshop may be planned for. */
export function latestWorkshopDate(now = new Date()): string {
  return latestAllowedDate(new Date(now.getTime() + WORKSHOP_MAX_DAYS_AHEAD * 86_400_000));
}

/** The calendar day `days` before `day` (both YYYY-MM-DD): day arithmetic on the date alone, no time zone. */
export function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** The calendar day `days` after `day` (both YYYY-MM-DD). */
export function daysAfter(day: string, days: number): string {
  return daysBefore(day, -days);
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
