import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { packedRows } from '../../../db/packed.ts';
import { capacityAssessments, capacityScores, people } from '../../../db/schema.ts';
import { latestAllowedDate } from '../../lib/dates.ts';
import { DomainError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { byCodeUnits } from '../../lib/order.ts';
import { mean } from '../../lib/stats/index.ts';
import { logCorrection } from '../history/changes.ts';

// Capacity assessments of a KUBE with the rubric (content/rubrics): a baseline, then follow-ups, each dated,
// scored 1–4 per item. The earliest assessment is the baseline.

/** What the services need of a rubric: its identity and which items belong to which dimension. */
export type RubricShape = {
  slug: string;
  version: number;
  dimensions: { id: string; kind: 'program' | 'regulasi'; itemIds: string[] }[];
};

export type AssessmentInput = {
  kubeId: string;
  assessedOn: string;
  notes: string | null;
  /** Score 1–4 per item id; every item of the rubric. */
  scores: Readonly<Record<string, number>>;
};

/** Each given score is for an item of the rubric and is 1–4; `complete` also wants every item scored. */
function checkScores(rubric: RubricShape, scores: Readonly<Record<string, number>>, complete: boolean): void {
  const known = new Set(rubric.dimensions.flatMap((d) => d.itemIds));
  for (const [itemId, score] of Object.entries(scores)) {
    if (!known.has(itemId)) throw new DomainError('capacity.errors.unknownItem', { field: itemId });
    if (!Number.isInteger(score) || score < 1 || score > 4)
      throw new DomainError('capacity.errors.score', { field: itemId });
  }
  if (!complete) return;
  const missing = [...known].filter((itemId) => scores[itemId] === undefined);
  if (missing.length > 0)
    throw new DomainError('capacity.errors.missing', { field: missing[0], params: { count: missing.length } });
}

/** Records an assessment with all its scores, in one transaction. */
export async function recordAssessment(
  db: Executor,
  input: AssessmentInput,
  rubric: RubricShape,
  by: string,
  today = latestAllowedDate(),
): Promise<{ id: string }> {
  if (input.assessedOn > today) throw new DomainError('capacity.errors.future', { field: 'assessedOn' });
  checkScores(rubric, input.scores, true);
  const id = newId();
  await db.transaction(async (tx) => {
    await tx.insert(capacityAssessments).values({
      id,
      kubeId: input.kubeId,
      rubricSlug: rubric.slug,
      rubricVersion: rubric.version,
      assessedOn: input.assessedOn,
      notes: input.notes,
      assessedBy: by,
    });
    await tx
      .insert(capacityScores)
      .values(Object.entries(input.scores).map(([itemId, score]) => ({ assessmentId: id, itemId, score })));
  });
  return { id };
}

/**
 * Corrects an assessment: its day, its notes and any scores given. Every changed value is logged with its old
 * value, who and when; nothing is overwritten silently.
 */
export async function correctAssessment(
  db: Executor,
  input: { id: string; assessedOn: string; notes: string | null; scores: Readonly<Record<string, number>> },
  rubric: RubricShape,
  by: string,
  now = new Date(),
): Promise<{ kubeId: string; changed: number }> {
  if (input.assessedOn > latestAllowedDate(now))
    throw new DomainError('capacity.errors.future', { field: 'assessedOn' });
  checkScores(rubric, input.scores, false);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(capacityAssessments).where(eq(capacityAssessments.id, input.id));
    if (!current) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
    let changed = await logCorrection(
      tx,
      {
        table: capacityAssessments,
        recordId: current.id,
        before: { assessedOn: current.assessedOn, notes: current.notes },
        after: { assessedOn: input.assessedOn, notes: input.notes },
        by,
      },
      now,
    );
    await tx
      .update(capacityAssessments)
      .set({ assessedOn: input.assessedOn, notes: input.notes })
      .where(eq(capacityAssessments.id, current.id));
    const old = new Map(
      (await tx.select().from(capacityScores).where(eq(capacityScores.assessmentId, current.id))).map((s) => [
        s.itemId,
        s.score,
      ]),
    );
    for (const [itemId, score] of Object.entries(input.scores)) {
      if (old.get(itemId) === score) continue;
      changed += await logCorrection(
        tx,
        {
          table: capacityScores,
          recordId: `${current.id}/${itemId}`,
          before: { score: old.get(itemId) ?? null },
          after: { score },
          by,
        },
        now,
      );
      await tx
        .insert(capacityScores)
        .values({ assessmentId: current.id, itemId, score })
        .onConflictDoUpdate({ target: [capacityScores.assessmentId, capacityScores.itemId], set: { score } });
    }
    return { kubeId: current.kubeId, changed };
  });
}

export type Assessment = {
  id: string;
  kubeId: string;
  assessedOn: string;
  notes: string | null;
  assessedBy: string | null;
  rubricVersion: number;
  scores: Map<string, number>;
};

/**
 * Assessments matching `where`, oldest first per KUBE (by day, then by entry), each with its scores. Both read as
 * one JSON text each: libSQL hands rows over one by one, about 18 µs each, and a district has 2,000 assessments
 * with 56,000 scores.
 */
async function selectAssessments(db: Executor, where: SQL | undefined, limit?: number): Promise<Assessment[]> {
  const a = capacityAssessments;
  const chosen = sql`select ${a.id} from ${a} ${where ? sql`where ${where}` : sql``}
    order by ${a.kubeId}, ${a.assessedOn}, ${a.createdAt} ${limit === undefined ? sql`` : sql`limit ${limit}`}`;
  type Row = [string, string, string, string | null, string | null, number, number];
  const [listed, scores] = await Promise.all([
    packedRows<Row>(
      db,
      sql`${a.id}, ${a.kubeId}, ${a.assessedOn}, ${a.notes}, ${people.name}, ${a.rubricVersion}, ${a.createdAt}`,
      sql`from ${a} left join ${people} on ${people.id} = ${a.assessedBy} where ${a.id} in (${chosen})`,
    ),
    packedRows<[string, string, number]>(
      db,
      sql`${capacityScores.assessmentId}, ${capacityScores.itemId}, ${capacityScores.score}`,
      sql`from ${capacityScores} where ${capacityScores.assessmentId} in (${chosen})`,
    ),
  ]);
  const rows = listed.sort((x, y) => byCodeUnits(x[1], y[1]) || byCodeUnits(x[2], y[2]) || x[6] - y[6]);
  if (rows.length === 0) return [];
  // Grouped in one pass: filtering every score for each assessment grew with their product (a district's 2,000
  // assessments and 56,000 scores took seconds).
  const byAssessment = new Map<string, Map<string, number>>(rows.map(([id]) => [id, new Map()]));
  for (const [assessmentId, itemId, score] of scores) byAssessment.get(assessmentId)?.set(itemId, score);
  return rows.map(([id, kubeId, assessedOn, notes, assessedBy, rubricVersion]) => ({
    id,
    kubeId,
    assessedOn,
    notes,
    assessedBy,
    rubricVersion,
    scores: byAssessment.get(id) ?? new Map<string, number>(),
  }));
}

/** The assessments of some KUBEs (all when `kubeIds` is undefined), oldest first per KUBE. */
export async function listAssessments(db: Executor, kubeIds?: readonly string[]): Promise<Assessment[]> {
  if (kubeIds?.length === 0) return [];
  return selectAssessments(db, kubeIds ? inArray(capacityAssessments.kubeId, [...kubeIds]) : undefined);
}

/** One assessment of a KUBE with its scores, or null (also when it belongs to another KUBE). */
export async function getAssessment(db: Executor, kubeId: string, id: string): Promise<Assessment | null> {
  const [found] = await selectAssessments(
    db,
    and(eq(capacityAssessments.kubeId, kubeId), eq(capacityAssessments.id, id)),
  );
  return found ?? null;
}

/** A KUBE's baseline: its earliest assessment (by day, then by entry), or null. */
export async function getBaseline(db: Executor, kubeId: string): Promise<Assessment | null> {
  const [baseline] = await selectAssessments(db, eq(capacityAssessments.kubeId, kubeId), 1);
  return baseline ?? null;
}

// Pure arithmetic ----------------------------------------------------------------------------------------------

/** Mean item score (1–4) per dimension; null for a dimension with no scored item. */
export function dimensionScores(
  scores: ReadonlyMap<string, number>,
  rubric: RubricShape,
): Record<string, number | null> {
  return Object.fromEntries(
    rubric.dimensions.map((dimension) => {
      const given = dimension.itemIds.flatMap((id) => {
        const score = scores.get(id);
        return score === undefined ? [] : [score];
      });
      return [dimension.id, mean(given)];
    }),
  );
}

export type DimensionChange = {
  dimension: string;
  baseline: number | null;
  latest: number | null;
  /** latest − baseline; null without a follow-up. */
  change: number | null;
  improved: boolean | null;
};

export type CapacityChange = {
  baseline: Assessment | null;
  /** The latest follow-up (null when the KUBE has only its baseline). */
  latest: Assessment | null;
  dimensions: DimensionChange[];
  overall: { baseline: number | null; latest: number | null; change: number | null };
};

/** The mean of the known values; null when none is known. */
const meanOf = (values: (number | null)[]) => mean(values.filter((v): v is number => v !== null));

/** An assessment's overall score: the mean of its dimension means, as in `capacityChange().overall`. */
export const overallScore = (scores: ReadonlyMap<string, number>, rubric: RubricShape) =>
  meanOf(Object.values(dimensionScores(scores, rubric)));

/**
 * A KUBE's change since its baseline: the earliest assessment (by day, then by entry) is the baseline, the latest
 * one after it is compared with it, dimension by dimension and overall (mean of the dimensions).
 * `until` (YYYY-MM-DD) ignores assessments after that day.
 */
export function capacityChange(
  assessments: readonly Assessment[],
  rubric: RubricShape,
  until?: string,
  /** Each version's items, so an assessment's means count the items it was scored on; else `rubric`'s. */
  shapes?: ReadonlyMap<number, RubricShape>,
): CapacityChange {
  const inTime = assessments.filter((a) => !until || a.assessedOn <= until);
  const baseline = inTime[0] ?? null;
  const latest = inTime.length > 1 ? (inTime.at(-1) ?? null) : null;
  const means = (a: Assessment) => dimensionScores(a.scores, shapes?.get(a.rubricVersion) ?? rubric);
  const before = baseline ? means(baseline) : {};
  const after = latest ? means(latest) : {};
  const dimensions = rubric.dimensions.map(({ id }): DimensionChange => {
    const b = before[id] ?? null;
    const l = latest ? (after[id] ?? null) : null;
    const change = b !== null && l !== null ? l - b : null;
    return { dimension: id, baseline: b, latest: l, change, improved: change === null ? null : change > 0 };
  });
  const overallBaseline = meanOf(dimensions.map((d) => d.baseline));
  const overallLatest = latest ? meanOf(dimensions.map((d) => d.latest)) : null;
  return {
    baseline,
    latest,
    dimensions,
    overall: {
      baseline: overallBaseline,
      latest: overallLatest,
      change: overallBaseline !== null && overallLatest !== null ? overallLatest - overallBaseline : null,
    },
  };
}

/** The KUBE an assessment belongs to and the rubric version it was scored with, or null: actions check both. */
export const assessmentOwner = async (db: Executor, id: string) => {
  const [row] = await db
    .select({ kubeId: capacityAssessments.kubeId, rubricVersion: capacityAssessments.rubricVersion })
    .from(capacityAssessments)
    .where(eq(capacityAssessments.id, id));
  return row ?? null;
};
