import { lastDayOfMonth } from '../../lib/dates.ts';

// The fourth figure, "pelatihan berkala" — an addition of this platform, not one of the paper's three: the share
// of KUBEs trained at least once in every quarter of the period. The paper's second problem was training held
// once, at the founding, and never again; this says, for an area, how many KUBEs keep training. Pure: the held
// trainings in, the figure out.

/** A calendar quarter, its first and last day (YYYY-MM-DD). */
export type Quarter = { year: number; quarter: 1 | 2 | 3 | 4; from: string; to: string };

/** One held training (a learning workshop closed) of a KUBE, on its day. */
export type Training = { kubeId: string; date: string };

export type KubeTraining = {
  kubeId: string;
  /** Trainings held in each counted quarter, in the order of `quarters`. */
  byQuarter: number[];
  /** Trained at least once in every counted quarter (false when there is none). */
  every: boolean;
  /** The last training on or before the period's end, any time; null when never. */
  last: string | null;
};

export type Indicator4 = {
  /** The quarters counted: those that touch the period and have ended by its last day. */
  quarters: Quarter[];
  /** The quarter still running on the period's last day, when it touches the period: shown, not counted. */
  running: Quarter | null;
  /** KUBEs trained in every counted quarter. */
  trained: number;
  kubes: number;
  /** trained / kubes; null with no KUBE or no quarter counted yet. */
  value: number | null;
  /** Per counted quarter: KUBEs trained in it, and their share. */
  byQuarter: { quarter: Quarter; trained: number; share: number | null }[];
  /** The running quarter's KUBEs trained so far. */
  runningTrained: number;
  perKube: KubeTraining[];
};

const QUARTER_MONTH = [1, 4, 7, 10] as const;

/** The quarter a day (YYYY-MM-DD) lies in. */
export function quarterOf(day: string): Quarter {
  const year = Number(day.slice(0, 4));
  const quarter = (Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1) as Quarter['quarter'];
  const first = QUARTER_MONTH[quarter - 1] ?? 1;
  return {
    year,
    quarter,
    from: `${String(year).padStart(4, '0')}-${String(first).padStart(2, '0')}-01`,
    to: lastDayOfMonth(year, first + 2),
  };
}

/** The quarter after `q`. */
const nextQuarter = (q: Quarter): Quarter =>
  quarterOf(
    q.quarter === 4
      ? `${String(q.year + 1)}-01-01`
      : `${String(q.year)}-${String(q.quarter * 3 + 1).padStart(2, '0')}-01`,
  );

/**
 * The quarters from the one holding `from` to the one holding `to`: those ended by `to` are counted, the one
 * holding `to` is running unless `to` is its last day. A quarter that begins before `from` counts whole (its
 * trainings before the period too): a quarter is trained or not.
 */
export function periodQuarters(from: string, to: string): { counted: Quarter[]; running: Quarter | null } {
  const counted: Quarter[] = [];
  let running: Quarter | null = null;
  for (let q = quarterOf(from); q.from <= to; q = nextQuarter(q)) {
    if (q.to <= to) counted.push(q);
    else running = q;
  }
  return { counted, running };
}

/** The figure for these KUBEs over the period, from their held trainings (any days; those outside are ignored). */
export function indicator4(
  kubeIds: readonly string[],
  trainings: readonly Training[],
  from: string,
  to: string,
): Indicator4 {
  const { counted, running } = periodQuarters(from, to);
  const index = new Map(counted.map((q, i) => [q.from, i]));
  const byKube = new Map<string, { counts: number[]; last: string | null; running: boolean }>(
    kubeIds.map((id) => [id, { counts: counted.map(() => 0), last: null, running: false }]),
  );
  for (const training of trainings) {
    const entry = byKube.get(training.kubeId);
    if (!entry || training.date > to) continue;
    if (entry.last === null || training.date > entry.last) entry.last = training.date;
    const q = quarterOf(training.date);
    const i = index.get(q.from);
    if (i !== undefined) entry.counts[i] = (entry.counts[i] ?? 0) + 1;
    if (running && q.from === running.from) entry.running = true;
  }
  const perKube = [...byKube].map(([kubeId, entry]) => ({
    kubeId,
    byQuarter: entry.counts,
    every: counted.length > 0 && entry.counts.every((n) => n > 0),
    last: entry.last,
  }));
  const trained = perKube.filter((k) => k.every).length;
  const share = (n: number) => (kubeIds.length ? n / kubeIds.length : null);
  return {
    quarters: counted,
    running,
    trained,
    kubes: kubeIds.length,
    value: counted.length > 0 ? share(trained) : null,
    byQuarter: counted.map((quarter, i) => {
      const n = perKube.filter((k) => (k.byQuarter[i] ?? 0) > 0).length;
      return { quarter, trained: n, share: share(n) };
    }),
    runningTrained: [...byKube.values()].filter((entry) => entry.running).length,
    perKube,
  };
}

/**
 * Beside the figure on the chart: on each trend day, the share of the KUBEs trained so far in the quarter that
 * day lies in — how this quarter goes, where the figure itself stays down for good once a quarter was missed.
 */
export function quarterSoFarSeries(
  kubeIds: readonly string[],
  trainings: readonly Training[],
  days: readonly string[],
): (number | null)[] {
  const ours = new Set(kubeIds);
  return days.map((day) => {
    if (kubeIds.length === 0) return null;
    const { from } = quarterOf(day);
    const trained = new Set(
      trainings.filter((w) => ours.has(w.kubeId) && w.date >= from && w.date <= day).map((w) => w.kubeId),
    );
    return trained.size / kubeIds.length;
  });
}

/** The figure on each trend day (the period up to that day), for the dashboard's chart. */
export const indicator4Series = (
  kubeIds: readonly string[],
  trainings: readonly Training[],
  from: string,
  days: readonly string[],
): (number | null)[] => days.map((day) => indicator4(kubeIds, trainings, from, day).value);
