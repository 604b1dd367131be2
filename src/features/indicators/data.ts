import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { packedRows } from '../../../db/packed.ts';
import { indicatorTargets, jabatan, kubes, positions, workshops, type IndicatorTargetKey } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { DEFAULT_MASTERY } from '../analytics/compute.ts';
import { loadPairs, type Sex } from '../analytics/pairs.ts';
import { loadPracticePairs } from '../practice/report-query.ts';
import { skillsByTask } from '../practice/report.ts';
import { listAssessments, type Assessment, type RubricShape } from '../capacity/service.ts';
import {
  DEFAULT_TARGETS,
  groupInto,
  indicator1,
  indicator2,
  indicator2Series,
  indicator2Status,
  indicator3,
  indicator3Series,
  statusOf,
  type Indicator1,
  type PositionRecord,
  type Targets,
} from './compute.ts';
import { factsOn, listBusinessFacts, type BusinessFacts } from '../facts/service.ts';
import { logCorrection } from '../history/changes.ts';
import { trendDays } from './trend.ts';
import { indicator4, indicator4Series, quarterOf, quarterSoFarSeries, type Training } from './regular-training.ts';
import { chunkedWork } from '../../lib/yield.ts';

// Gathers the records behind the three indicators for an area and a period, and computes them.

export type IndicatorScope = {
  /** The KUBEs the person may see (a facilitator's); undefined for every KUBE. */
  allowedKubeIds?: readonly string[] | undefined;
  kabupaten?: string | undefined;
  kecamatan?: string | undefined;
  desa?: string | undefined;
  /** The period, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  /** Indicator 2 only: officers recorded with this sex (`jk`); undefined for everyone. */
  sex?: Sex | undefined;
};

export type ScopeKube = { id: string; name: string; desa: string; kecamatan: string; kabupaten: string };

/** The KUBEs of the area the person may see, by name. */
export async function listScopeKubes(db: Executor, scope: IndicatorScope): Promise<ScopeKube[]> {
  if (scope.allowedKubeIds?.length === 0) return [];
  return db
    .select({
      id: kubes.id,
      name: kubes.name,
      desa: kubes.desa,
      kecamatan: kubes.kecamatan,
      kabupaten: kubes.kabupaten,
    })
    .from(kubes)
    .where(
      and(
        scope.allowedKubeIds ? inArray(kubes.id, [...scope.allowedKubeIds]) : undefined,
        scope.kabupaten ? eq(kubes.kabupaten, scope.kabupaten) : undefined,
        scope.kecamatan ? eq(kubes.kecamatan, scope.kecamatan) : undefined,
        scope.desa ? eq(kubes.desa, scope.desa) : undefined,
      ),
    )
    .orderBy(asc(kubes.name));
}

/**
 * Every dated position of some KUBEs (all when undefined), with its division. Read as one JSON text: libSQL hands
 * rows over one by one, and a district's 4,000 positions took 90 ms that way.
 */
export async function loadPositions(db: Executor, kubeIds?: readonly string[]): Promise<PositionRecord[]> {
  if (kubeIds?.length === 0) return [];
  const packed = await packedRows<[string, string, string, string, number, string, string | null]>(
    db,
    sql`${positions.kubeId}, ${positions.personId}, ${positions.jabatanCode}, ${jabatan.division}, ${jabatan.isCore},
      ${positions.startDate}, ${positions.endDate}`,
    sql`from ${positions} join ${jabatan} on ${jabatan.code} = ${positions.jabatanCode}
      ${kubeIds ? sql`where ${inArray(positions.kubeId, [...kubeIds])}` : sql``}`,
  );
  return packed.map(([kubeId, personId, jabatanCode, division, isCore, startDate, endDate]) => ({
    kubeId,
    personId,
    jabatanCode,
    division,
    isCore: isCore === 1,
    startDate,
    endDate,
  }));
}

/** The beyond-core divisions, in jabatan-table order. */
export async function beyondCoreDivisions(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ division: jabatan.division })
    .from(jabatan)
    .where(eq(jabatan.isCore, false))
    .orderBy(asc(jabatan.sortOrder));
  return [...new Set(rows.map((r) => r.division))];
}

/** The targets of a year: what the admin set, else the defaults. */
export async function loadTargets(db: Executor, year: number): Promise<Targets> {
  const rows = await db.select().from(indicatorTargets).where(eq(indicatorTargets.year, year));
  const targets: Targets = { ...DEFAULT_TARGETS };
  for (const row of rows) targets[row.key] = row.value;
  return targets;
}

/** Sets one target for a year (a share 0–1); a change of an earlier value is logged. */
export async function setTarget(
  db: Executor,
  input: { year: number; key: IndicatorTargetKey; value: number },
  by: string,
  now = new Date(),
): Promise<void> {
  // 150 is a number, only out of range: say which range, for a share in percent or for g.
  if (!(input.value >= 0 && input.value <= 1)) {
    const key = input.key === 'i2_class_gain' ? 'indicators.errors.targetGain' : 'indicators.errors.targetPercent';
    throw new DomainError(key, { field: 'value' });
  }
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(indicatorTargets)
      .where(and(eq(indicatorTargets.year, input.year), eq(indicatorTargets.key, input.key)));
    await logCorrection(
      tx,
      {
        table: indicatorTargets,
        recordId: `${input.year}/${input.key}`,
        before: { value: current?.value ?? DEFAULT_TARGETS[input.key] },
        after: { value: input.value },
        by,
      },
      now,
    );
    await tx
      .insert(indicatorTargets)
      .values({ ...input, setBy: by, setAt: now })
      .onConflictDoUpdate({
        target: [indicatorTargets.year, indicatorTargets.key],
        set: { value: input.value, setBy: by, setAt: now },
      });
  });
}

/**
 * The trainings the fourth figure reads: each learning workshop held (closed) by the KUBEs (all when undefined)
 * from the first day of the quarter holding `from` to `to`, and, for a KUBE whose last training lies before that,
 * that last one (it names the KUBE's last training, in no quarter counted). Packed, as the positions are.
 */
export async function loadTrainings(
  db: Executor,
  kubeIds: readonly string[] | undefined,
  from: string,
  to: string,
): Promise<Training[]> {
  if (kubeIds?.length === 0) return [];
  const w = workshops;
  const ours = kubeIds ? sql`and ${inArray(w.kubeId, [...kubeIds])}` : sql``;
  // A retention workshop checks what stayed: it is not a training.
  const held = sql`${w.closedAt} is not null and ${w.purpose} = 'learning' ${ours}`;
  const start = quarterOf(from).from;
  const [inPeriod, before] = await Promise.all([
    packedRows<[string, string]>(
      db,
      sql`${w.kubeId}, ${w.date}`,
      sql`from ${w} where ${held} and ${w.date} >= ${start} and ${w.date} <= ${to}`,
    ),
    packedRows<[string, string]>(
      db,
      sql`kube, last`,
      sql`from (select ${w.kubeId} as kube, max(${w.date}) as last from ${w} where ${held} and ${w.date} < ${start}
        group by ${w.kubeId})`,
    ),
  ]);
  return [...before, ...inPeriod].map(([kubeId, date]) => ({ kubeId, date }));
}

const NO_FACTS: BusinessFacts = { channels: [], products: [], partnerships: [] };

/** The facts split by KUBE, so each KUBE's are looked at alone (not all of a district's, once per KUBE). */
function factsByKube(facts: BusinessFacts): Map<string, BusinessFacts> {
  const byKube = new Map<string, BusinessFacts>();
  const of = (kubeId: string) => {
    let entry = byKube.get(kubeId);
    if (!entry) {
      entry = { channels: [], products: [], partnerships: [] };
      byKube.set(kubeId, entry);
    }
    return entry;
  };
  for (const row of facts.channels) of(row.kubeId).channels.push(row);
  for (const row of facts.products) of(row.kubeId).products.push(row);
  for (const row of facts.partnerships) of(row.kubeId).partnerships.push(row);
  return byKube;
}

/** Everything the dashboard shows for an area and a period. */
export async function loadIndicators(
  db: Executor,
  scope: IndicatorScope,
  rubric: RubricShape,
  mastery = DEFAULT_MASTERY,
) {
  // Independent reads go out together: two round trips' wait on a libSQL server instead of seven.
  const [scopeKubes, divisions, targets] = await Promise.all([
    listScopeKubes(db, scope),
    beyondCoreDivisions(db),
    loadTargets(db, Number(scope.to.slice(0, 4))),
  ]);
  const kubeIds = scopeKubes.map((k) => k.id);
  // Every KUBE of the district: the reads take them all rather than a list of 1,000 ids to match.
  const everyKube = !scope.allowedKubeIds && !scope.kabupaten && !scope.kecamatan && !scope.desa;
  const read = everyKube ? undefined : kubeIds;
  const [allPositions, assessments, pairs, facts, practicePairs, trainings] = await Promise.all([
    loadPositions(db, read),
    listAssessments(db, read),
    loadPairs(
      db,
      { kubeIds: read, from: scope.from, to: scope.to, officersOnly: true, sex: scope.sex },
      { items: false },
    ),
    listBusinessFacts(db, read),
    loadPracticePairs(db, { kubeIds: read, from: scope.from, to: scope.to, officersOnly: true, sex: scope.sex }),
    loadTrainings(db, read, scope.from, scope.to),
  ]);
  const byKube = new Map<string, Assessment[]>();
  for (const a of assessments) groupInto(byKube, a.kubeId, a);

  const i1 = indicator1(allPositions, kubeIds, divisions, scope.to);
  const i2 = indicator2(pairs, allPositions, mastery);
  const i3 = indicator3(byKube, kubeIds, rubric, scope.to);
  const DIGITAL = new Set(['whatsapp', 'media_sosial', 'marketplace']);
  const factsOf = factsByKube(facts);
  const business = kubeIds.map((kubeId) => {
    const on = factsOn(factsOf.get(kubeId) ?? NO_FACTS, kubeId, scope.to);
    return {
      kubeId,
      channels: on.channels.length,
      digitalChannels: on.channels.filter((c) => DIGITAL.has(c.channel)).length,
      products: on.products.length,
      partnerships: on.partnerships.length,
    };
  });
  // The trend, month by month, yielding between months: each month is a pass over every KUBE's records.
  const trend = trendDays(scope.from, scope.to);
  const work = chunkedWork();
  const i1Series: Indicator1[] = [];
  for (const day of trend.days) {
    if (work.due()) await work.pause();
    i1Series.push(indicator1(allPositions, kubeIds, divisions, day));
  }
  if (work.due()) await work.pause();
  const i3Series = indicator3Series(byKube, kubeIds, rubric, trend.days);
  if (work.due()) await work.pause();
  const i2Series = indicator2Series(pairs, trend.days, mastery);
  const i2Status = indicator2Status(i2.all, targets);
  const i4 = indicator4(kubeIds, trainings, scope.from, scope.to);
  if (work.due()) await work.pause();
  const i4Series = indicator4Series(kubeIds, trainings, scope.from, trend.days);
  const i4QuarterSeries = quarterSoFarSeries(kubeIds, trainings, trend.days);
  return {
    kubes: scopeKubes,
    /** Indicator 2's `jk` filter as used; null for everyone. */
    sex: scope.sex ?? null,
    divisions,
    targets,
    pairs,
    /** Every dated position of the KUBEs in scope. */
    positions: allPositions,
    assessments: byKube,
    i1,
    /** The month ends the trends show (the period's last ones) and how many the whole period has. */
    trend,
    i1Series,
    i2,
    i2Series,
    /** Indicator 2's skill part, beside the knowledge part and not in its status: officers' practical tasks. */
    i2Skills: skillsByTask(practicePairs),
    i3,
    i3Series,
    /** The fourth figure, this platform's addition: KUBEs trained in every quarter of the period. */
    i4,
    i4Series,
    /** On each trend day, the share of KUBEs trained so far in that day's quarter. */
    i4QuarterSeries,
    /** Each KUBE's recorded facts on the period's last day: channels (digital among them), products, partners. */
    business,
    status: {
      i1: statusOf(i1.value, targets.i1_both_divisions),
      i2: i2Status,
      i3: statusOf(i3.value, targets.i3_improved),
      i4: statusOf(i4.value, targets.i4_regular_training),
    } as const,
  };
}
