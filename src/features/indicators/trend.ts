import { lastDayOfMonth } from '../../lib/dates.ts';

// Which month ends a trend shows. A period may be years long; a trend shows its last months only, so the
// work and the page stay the same size whatever the period (one point per month for ten years would be 120
// rows, and before periods were bounded a request asked for 96,000).

/** The most month ends a trend shows: two years, still readable as a chart on a phone. */
export const TREND_MONTHS = 24;

export type TrendDays = {
  /** The month ends shown, oldest first, the last one cut at the period's end. */
  days: string[];
  /** How many month ends the whole period has; more than `days.length` when the trend shows only the last. */
  months: number;
  /** The last day before the months shown, when the period starts earlier: the end of the earlier part. */
  earlierTo: string | null;
};

const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

/** The last day of the month `index` (year × 12 + month − 1), YYYY-MM-DD. */
const lastDayOf = (index: number) => lastDayOfMonth(Math.floor(index / 12), (index % 12) + 1);

/** The last `limit` month ends from `from` to `to` (YYYY-MM-DD), the last one cut at `to`. */
export function trendDays(from: string, to: string, limit = TREND_MONTHS): TrendDays {
  const last = monthIndex(to);
  const months = Math.max(1, last - monthIndex(from) + 1);
  const first = last - Math.min(months, Math.max(1, limit)) + 1;
  const days: string[] = [];
  for (let index = first; index < last; index += 1) days.push(lastDayOf(index));
  days.push(to);
  return { days, months, earlierTo: months > days.length ? lastDayOf(first - 1) : null };
}
