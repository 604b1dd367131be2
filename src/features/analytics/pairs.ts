import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { yieldToEventLoop } from '../../lib/yield.ts';
import type { FormName } from '../assessment/types.ts';

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
  kubeId: string;
  kubeName: string;
  moduleSlug: string;
  /** Day of the post-test, YYYY-MM-DD in Western Indonesia Time. */
  postDate: string;
  pre: Side;
  post: Side;
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
];

const list = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );

/**
 * People read per query. An embedded libSQL file runs each query on the event loop: one query over a district
 * (12,000 pairs) held every other request for half a second. A range of this many people takes about 25 ms;
 * `npm run bench:report` (50,000 pairs) reads them in 20 queries in 520 ms, against 400 ms in one.
 */
const PEOPLE_PER_QUERY = 2500;

/** Everyone who may have a pair in the scope (a superset), by id: the KUBEs' members, or who took a pre-test. */
async function candidatePeople(db: Executor, scope: ReportScope): Promise<string[]> {
  const rows = scope.kubeIds
    ? await db.all<{ id: string }>(
        sql`select distinct person_id as id from memberships where kube_id in (${list(scope.kubeIds)}) order by person_id`,
      )
    : await db.all<{ id: string }>(sql`select distinct person_id as id from attempts
        where kind = 'pre' and counted = 1 ${scope.moduleSlug ? sql`and module_slug = ${scope.moduleSlug}` : sql``}
        order by person_id`);
  return rows.map((row) => row.id);
}

/** Every pre/post pair in the scope, by name. */
export async function loadPairs(db: Executor, scope: ReportScope): Promise<Pair[]> {
  if (scope.kubeIds?.length === 0) return [];
  const people = await candidatePeople(db, scope);
  const packed: PackedPair[] = [];
  for (let i = 0; i < people.length; i += PEOPLE_PER_QUERY) {
    if (i > 0) await yieldToEventLoop();
    const last = people[Math.min(i + PEOPLE_PER_QUERY, people.length) - 1] ?? '';
    packed.push(...(await loadPackedPairs(db, scope, people[i] ?? '', last)));
  }
  // By name, as one query's `order by p.name, pre.person_id, pre.module_slug` gave them (code-unit order).
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  packed.sort((a, b) => order(a[1], b[1]) || order(a[0], b[0]) || order(a[4], b[4]));
  return unpack(db, packed);
}

/** The pairs in the scope of the people whose ids lie from `first` to `last`, packed as the database wrote them. */
async function loadPackedPairs(db: Executor, scope: ReportScope, first: string, last: string): Promise<PackedPair[]> {
  const postDay = sql`date(post.submitted_at / 1000 + ${WIB_SECONDS}, 'unixepoch')`;
  const where: SQL[] = [
    sql`pre.kind = 'pre'`,
    sql`pre.counted = 1`,
    // On both sides (SQLite carries an equality across a join, not a range), and as >= and <=: SQLite's plan
    // used only the lower bound of a BETWEEN here, scanning to the end of the index for every chunk.
    sql`pre.person_id >= ${first} and pre.person_id <= ${last}`,
    sql`post.person_id >= ${first} and post.person_id <= ${last}`,
  ];
  if (scope.moduleSlug) where.push(sql`pre.module_slug = ${scope.moduleSlug}`);
  if (scope.kubeIds) where.push(sql`m.kube_id in (${list(scope.kubeIds)})`);
  if (scope.from) where.push(sql`${postDay} >= ${scope.from}`);
  if (scope.to) where.push(sql`${postDay} <= ${scope.to}`);
  if (scope.workshopId) {
    where.push(sql`exists (select 1 from workshop_attendance wa join workshops w on w.id = wa.workshop_id
      where wa.workshop_id = ${scope.workshopId} and wa.person_id = pre.person_id
        and w.module_slug = pre.module_slug and w.kube_id = m.kube_id)`);
  }
  if (scope.officersOnly) {
    where.push(sql`exists (select 1 from positions pos where pos.person_id = pre.person_id
      and pos.start_date <= ${postDay} and (pos.end_date is null or pos.end_date >= ${postDay}))`);
  }
  if (scope.jabatanCode) {
    where.push(sql`exists (select 1 from positions pos where pos.person_id = pre.person_id
      and pos.jabatan_code = ${scope.jabatanCode} and pos.start_date <= ${postDay}
      and (pos.end_date is null or pos.end_date >= ${postDay}))`);
  }
  const [row] = await db.all<{ pairs: string | null }>(sql`
    select '[' || group_concat(pair, ',') || ']' as pairs from (
      select '[' || json_quote(pre.person_id) || ',' || json_quote(p.name) || ',' || json_quote(m.kube_id) || ','
        || json_quote(k.name) || ',' || json_quote(pre.module_slug) || ',' || json_quote(${postDay}) || ',' || pre.score || ',' || post.score || ','
        || json_quote(pre.form) || ',' || json_quote(post.form) || ',' || coalesce(pre.item_set_id, 'null') || ','
        || json_quote(pre.item_bits) || ',' || coalesce(post.item_set_id, 'null') || ',' || json_quote(post.item_bits)
        || ']' as pair
      from attempts pre
      join attempts post on post.module_slug = pre.module_slug and post.kind = 'post'
        and post.person_id = pre.person_id and post.counted = 1
      join people p on p.id = pre.person_id
      join memberships m on m.person_id = pre.person_id and m.joined_on <= ${postDay}
        and (m.left_on is null or m.left_on > ${postDay})
      join kubes k on k.id = m.kube_id
      where ${sql.join(where, sql` and `)}
    )
  `);
  return row?.pairs ? (JSON.parse(row.pairs) as PackedPair[]) : [];
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
            sql`select id, question_ids from item_sets where id in (${sql.join(
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
    ]) => ({
      personId,
      name,
      kubeId,
      kubeName,
      moduleSlug,
      postDate,
      pre: side(preScore, preForm, preSet, preBits),
      post: side(postScore, postForm, postSet, postBits),
    }),
  );
}
