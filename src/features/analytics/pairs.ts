import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Executor } from '../../../db/client.ts';
import { packedRows } from '../../../db/packed.ts';
import {
  ATTEMPTS_BY_PERSON_COUNTED,
  attempts,
  itemSets,
  kubes,
  memberships,
  people,
  positions,
  workshopAttendance,
  workshops,
  type SEXES,
} from '../../../db/schema.ts';
import { byCodeUnits } from '../../lib/order.ts';
import { yieldToEventLoop } from '../../lib/yield.ts';
import type { FormName } from '../assessment/types.ts';

/** A person's sex as recorded (`people.sex`): L, P, or null when not given. */
export type Sex = (typeof SEXES)[number];

// The data behind every gain report: one pair per person and module, the counted (first submitted) pre-test
// and post-test (retakes never replace them, README: "Gain reports"). A module report may hold 50,000 pairs, so the
// database hands them over as one JSON text rather than row by row (per-row transfer costs ~10 µs).

export type ReportScope = {
  /** One module, or every module (a person then counts once per module). */
  moduleSlug?: string | undefined;
  /** Only these KUBEs (the person's KUBE on the day of the post-test); undefined means every KUBE. */
  kubeIds?: readonly string[] | undefined;
  /** Only members present at this workshop. */
  workshopId?: string | undefined;
  /** Only people who held this jabatan on the day of their post-test. */
  jabatanCode?: string | undefined;
  /** Only people who held any position (were officers) on the day of their post-test. */
  officersOnly?: boolean | undefined;
  /** Only people recorded with this sex (L or P); people whose sex is not recorded are then left out. */
  sex?: Sex | undefined;
  /** Post-tests handed in from this day (YYYY-MM-DD, Western Indonesia Time), inclusive. */
  from?: string | undefined;
  /** … up to this day, inclusive. */
  to?: string | undefined;
};

export type Side = {
  score: number;
  form: FormName | null;
  /** The set of questions shown (one array per set, shared by every attempt that showed it). */
  questionIds: readonly string[];
  /** '1' or '0' per question of `questionIds`, in that order. */
  bits: string;
};

export type Pair = {
  personId: string;
  name: string;
  /** As recorded on the person; null (unknown) is never guessed from the name. */
  sex: Sex | null;
  kubeId: string;
  kubeName: string;
  moduleSlug: string;
  /** Day of the post-test, YYYY-MM-DD in Western Indonesia Time. */
  postDate: string;
  pre: Side;
  post: Side;
  /** The counted retention test ("tes ulang"), when the person took one: its score and day (WIB). */
  retention?: { score: number; date: string } | null;
};

/** The objective of each question, per module, as the attempts showed them. */
export type ObjectiveMap = Map<string, Map<string, string>>;

/** Western Indonesia Time (UTC+7, no daylight saving): the day a post-test belongs to. */
const WIB_SECONDS = 7 * 3600;

type PackedPair = [
  personId: string,
  name: string,
  kubeId: string,
  kubeName: string,
  moduleSlug: string,
  postDate: string,
  preScore: number,
  postScore: number,
  preForm: FormName | null,
  postForm: FormName | null,
  preSet: number | null,
  preBits: string | null,
  postSet: number | null,
  postBits: string | null,
  sex: Sex | null,
  retentionScore: number | null,
  retentionDate: string | null,
];

// Tables and columns come from the drizzle schema, so a renamed column fails type-checking here too.
const pre = alias(attempts, 'pre');
const post = alias(attempts, 'post');
const kept = alias(attempts, 'kept');
/** Positions and memberships as the officers' filter reads them, apart from the pair's own membership. */
const held = alias(positions, 'held');
const heldIn = alias(memberships, 'held_in');

const list = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );

/** The person in `personId` is, or was, a member of one of these KUBEs (the officers' filter with KUBEs chosen). */
const memberOfAny = (personId: SQLWrapper, kubeIds: readonly string[]) =>
  sql`${personId} in (select ${heldIn.personId} from ${memberships} as ${heldIn} where ${heldIn.kubeId} in (${list(kubeIds)}))`;

/**
 * People read per query. An embedded libSQL file runs each query on the event loop: one query over a district
 * (12,000 pairs) held every other request for half a second. A range of this many people takes about 25 ms;
 * `npm run bench:report` (50,000 pairs) reads them in 20 ranges (a range-end query and a pairs query each) in
 * about 520–550 ms, against 400 ms in one query that would hold the event loop all that time.
 */
const PEOPLE_PER_QUERY = 2500;

/**
 * The last id of the next range of people who may have a pair in the scope (a superset: officers, the KUBEs'
 * members, or who took a pre-test), after `after`; null when none is left. Keyset pagination, one row per range: a list of
 * every candidate, read up front as 50,000 rows, held the event loop for a quarter of a second by itself.
 */
async function rangeEnd(db: Executor, scope: ReportScope, after: string | null): Promise<string | null> {
  const m = memberships;
  const a = attempts;
  const p = positions;
  const later = after === null ? sql`` : sql`and ${p.personId} > ${after}`;
  // Officers only: those who ever held a position (in any KUBE: the pair's check is the day of the post-test), a
  // few thousand in a district of 15,000 people, so a few ranges instead of one per 2,500 members; with KUBEs
  // chosen, only their members among them (a facilitator's 20 KUBEs: one short range).
  const range =
    scope.officersOnly || scope.jabatanCode
      ? sql`select distinct ${p.personId} as id from ${p} where 1 = 1
        ${scope.kubeIds ? sql`and ${memberOfAny(p.personId, scope.kubeIds)}` : sql``}
        ${scope.jabatanCode ? sql`and ${p.jabatanCode} = ${scope.jabatanCode}` : sql``} ${later}
        order by ${p.personId} limit ${PEOPLE_PER_QUERY}`
      : scope.kubeIds
        ? sql`select distinct ${m.personId} as id from ${m} where ${m.kubeId} in (${list(scope.kubeIds)})
        ${after === null ? sql`` : sql`and ${m.personId} > ${after}`} order by ${m.personId} limit ${PEOPLE_PER_QUERY}`
        : sql`select distinct ${a.personId} as id from ${a} where ${a.kind} = 'pre' and ${a.counted} = 1
        ${scope.moduleSlug ? sql`and ${a.moduleSlug} = ${scope.moduleSlug}` : sql``}
        ${after === null ? sql`` : sql`and ${a.personId} > ${after}`} order by ${a.personId} limit ${PEOPLE_PER_QUERY}`;
  const [row] = await db.all<{ last: string | null }>(sql`select max(id) as last from (${range})`);
  return row?.last ?? null;
}

/**
 * Every pre/post pair in the scope, by name. Without `items`, the sides carry their scores only (no form, no
 * question results): what the indicators read, a quarter less to build and parse.
 */
export async function loadPairs(db: Executor, scope: ReportScope, { items = true } = {}): Promise<Pair[]> {
  if (scope.kubeIds?.length === 0) return [];
  const packed: PackedPair[] = [];
  let after: string | null = null;
  for (let last = await rangeEnd(db, scope, after); last !== null; last = await rangeEnd(db, scope, after)) {
    packed.push(...(await loadPackedPairs(db, scope, after, last, items)));
    after = last;
    await yieldToEventLoop();
  }
  // By name, as one query's `order by p.name, pre.person_id, pre.module_slug` gave them (code-unit order); the
  // KUBE last, so the order is total and never what the database happened to aggregate first.
  packed.sort(
    (a, b) => byCodeUnits(a[1], b[1]) || byCodeUnits(a[0], b[0]) || byCodeUnits(a[4], b[4]) || byCodeUnits(a[2], b[2]),
  );
  return unpack(db, packed);
}

/** The pairs in the scope of the people whose ids lie after `after` up to `last`, packed as the database wrote them. */
async function loadPackedPairs(
  db: Executor,
  scope: ReportScope,
  after: string | null,
  last: string,
  items: boolean,
): Promise<PackedPair[]> {
  const m = memberships;
  const postDay = sql`date(${post.submittedAt} / 1000 + ${WIB_SECONDS}, 'unixepoch')`;
  const keptDay = sql`date(${kept.submittedAt} / 1000 + ${WIB_SECONDS}, 'unixepoch')`;
  const where: SQL[] = [
    sql`${pre.kind} = 'pre'`,
    sql`${pre.counted} = 1`,
    // On both sides (SQLite carries an equality across a join, not a range), and as two comparisons: SQLite's plan
    // used only the lower bound of a BETWEEN here, scanning to the end of the index for every chunk.
    sql`${pre.personId} <= ${last}`,
    sql`${post.personId} <= ${last}`,
  ];
  if (after !== null) where.push(sql`${pre.personId} > ${after}`, sql`${post.personId} > ${after}`);
  if (scope.moduleSlug) where.push(sql`${pre.moduleSlug} = ${scope.moduleSlug}`);
  if (scope.kubeIds) where.push(sql`${m.kubeId} in (${list(scope.kubeIds)})`);
  if (scope.from) where.push(sql`${postDay} >= ${scope.from}`);
  if (scope.to) where.push(sql`${postDay} <= ${scope.to}`);
  if (scope.workshopId) {
    const wa = workshopAttendance;
    where.push(sql`exists (select 1 from ${wa} join ${workshops} on ${workshops.id} = ${wa.workshopId}
      where ${wa.workshopId} = ${scope.workshopId} and ${wa.personId} = ${pre.personId}
        and ${workshops.moduleSlug} = ${pre.moduleSlug} and ${workshops.kubeId} = ${m.kubeId})`);
  }
  const heldOnPostDay = sql`${positions.personId} = ${pre.personId} and ${positions.startDate} <= ${postDay}
    and (${positions.endDate} is null or ${positions.endDate} >= ${postDay})`;
  if (scope.sex) where.push(sql`${people.sex} = ${scope.sex}`);
  // First the people who ever held a position (an index lookup per officer; with KUBEs chosen, only their members
  // among them, so a facilitator's 20 KUBEs stay small), then the day of the post-test.
  if (scope.officersOnly || scope.jabatanCode) {
    const ours = scope.kubeIds ? sql`and ${memberOfAny(held.personId, scope.kubeIds)}` : sql``;
    where.push(sql`${pre.personId} in (select ${held.personId} from ${positions} as ${held} where 1 = 1 ${ours})`);
  }
  if (scope.officersOnly) where.push(sql`exists (select 1 from ${positions} where ${heldOnPostDay})`);
  if (scope.jabatanCode) {
    where.push(
      sql`exists (select 1 from ${positions} where ${heldOnPostDay} and ${positions.jabatanCode} = ${scope.jabatanCode})`,
    );
  }
  // Both sides from the covering index, person first (db/schema.ts): SQLite's own choice for the pre-test, the
  // unique index, reads each row in the table, through its items and key (the officers' pairs of a district:
  // 350 → 210 ms a query).
  const byPerson = sql`indexed by ${sql.identifier(ATTEMPTS_BY_PERSON_COUNTED)}`;
  // The forms and question results, or their places left empty.
  const results = items
    ? sql`${pre.form}, ${post.form}, ${pre.itemSetId}, ${pre.itemBits}, ${post.itemSetId}, ${post.itemBits}`
    : sql`null, null, null, null, null, null`;
  // Their order does not matter: loadPairs sorts them.
  return packedRows<PackedPair>(
    db,
    sql`${pre.personId}, ${people.name}, ${m.kubeId}, ${kubes.name}, ${pre.moduleSlug}, ${postDay}, ${pre.score},
      ${post.score}, ${results}, ${people.sex}, ${kept.score}, ${keptDay}`,
    sql`from ${attempts} as ${pre} ${byPerson}
    join ${attempts} as ${post} ${byPerson} on ${post.moduleSlug} = ${pre.moduleSlug} and ${post.kind} = 'post'
      and ${post.personId} = ${pre.personId} and ${post.counted} = 1
    left join ${attempts} as ${kept} ${byPerson} on ${kept.personId} = ${pre.personId}
      and ${kept.moduleSlug} = ${pre.moduleSlug} and ${kept.kind} = 'retention' and ${kept.counted} = 1
    join ${people} on ${people.id} = ${pre.personId}
    join ${m} on ${m.personId} = ${pre.personId} and ${m.joinedOn} <= ${postDay}
      and (${m.leftOn} is null or ${m.leftOn} > ${postDay})
    join ${kubes} on ${kubes.id} = ${m.kubeId}
    where ${sql.join(where, sql` and `)}`,
  );
}

/** Pairs as objects, with the question sets their results refer to. */
async function unpack(db: Executor, packed: readonly PackedPair[]): Promise<Pair[]> {
  if (packed.length === 0) return [];

  // The few question sets the pairs name, in one small query.
  const setIds = new Set<number>();
  for (const p of packed) {
    if (p[10] !== null) setIds.add(p[10]);
    if (p[12] !== null) setIds.add(p[12]);
  }
  const sets = new Map<number, readonly string[]>(
    setIds.size === 0
      ? []
      : (
          await db.all<{ id: number; question_ids: string }>(
            sql`select ${itemSets.id} as id, ${itemSets.questionIds} as question_ids from ${itemSets} where ${itemSets.id} in (${sql.join(
              [...setIds].map((id) => sql`${id}`),
              sql`, `,
            )})`,
          )
        ).map((set) => [set.id, set.question_ids.split(',')]),
  );
  const none: readonly string[] = [];
  const side = (score: number, form: FormName | null, set: number | null, bits: string | null): Side => {
    const questionIds = set === null ? none : (sets.get(set) ?? none);
    // Bits that do not match their set (never expected) are dropped rather than misread.
    return bits !== null && bits.length === questionIds.length
      ? { score, form, questionIds, bits }
      : { score, form, questionIds: none, bits: '' };
  };
  return packed.map(
    ([
      personId,
      name,
      kubeId,
      kubeName,
      moduleSlug,
      postDate,
      preScore,
      postScore,
      preForm,
      postForm,
      preSet,
      preBits,
      postSet,
      postBits,
      sex,
      retentionScore,
      retentionDate,
    ]) => ({
      personId,
      name,
      sex,
      kubeId,
      kubeName,
      moduleSlug,
      postDate,
      pre: side(preScore, preForm, preSet, preBits),
      post: side(postScore, postForm, postSet, postBits),
      retention:
        retentionScore === null || retentionDate === null ? null : { score: retentionScore, date: retentionDate },
    }),
  );
}
