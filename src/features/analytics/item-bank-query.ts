import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attempts, itemSets, people, ROLES, type Role } from '../../../db/schema.ts';
import { yieldToEventLoop } from '../../lib/yield.ts';
import type { BankAttempt } from './item-bank.ts';

// Every counted attempt of one module, as its question set, its results and the version of each question shown.
// The set and the results come from the covering index of counted attempts (attempts_counted_idx, as for the
// reports); the versions live only in each attempt's items, so the rows are read too. An embedded libSQL file
// runs each query on the event loop, so the attempts are read in ranges of people with a yield between them.

type Packed = [setId: number, bits: string, versions: string | null];

/**
 * People read per query and test kind. Measured on the report bench's module (100,000 attempts, 50,000 people):
 * about 3 s in ranges of about 30 ms each, and no request waited more than about 45 ms (the statistics after
 * it, computed in chunks, another second); in one query the same read held every other request for 4–5 s.
 */
const PEOPLE_PER_QUERY = 1000;

const STAFF: readonly Role[] = ['pendamping', 'admin'];

/**
 * Whose tests a module's statistics count: its learners. Staff preview officers' and members' modules and may try
 * their tests; those tries say nothing about the items, so staff count only in a module meant for them.
 */
export function learnerRoles(audienceRoles: readonly Role[]): Role[] {
  return ROLES.filter((role) => !STAFF.includes(role) || audienceRoles.includes(role));
}

type Options = { roles?: readonly Role[]; perQuery?: number };

const byRoles = (roles: readonly Role[]) =>
  sql`and exists (select 1 from ${people} where ${people.id} = ${attempts.personId}
    and ${people.role} in (${sql.join(
      roles.map((role) => sql`${role}`),
      sql`, `,
    )}))`;

/** The last person id of the next range of counted attempts of this module and kind, after `after`. */
async function rangeEnd(
  db: Executor,
  moduleSlug: string,
  kind: 'pre' | 'post',
  after: string | null,
  perQuery: number,
) {
  const a = attempts;
  const [row] = await db.all<{ last: string | null }>(sql`select max(id) as last from (
    select ${a.personId} as id from ${a} where ${a.moduleSlug} = ${moduleSlug} and ${a.kind} = ${kind}
      and ${a.counted} = 1 ${after === null ? sql`` : sql`and ${a.personId} > ${after}`}
    order by ${a.personId} limit ${perQuery})`);
  return row?.last ?? null;
}

async function loadRange(
  db: Executor,
  moduleSlug: string,
  kind: 'pre' | 'post',
  after: string | null,
  last: string,
  roles: readonly Role[],
): Promise<Packed[]> {
  const a = attempts;
  // The versions in the set's order (question ids sorted, as packItemResults sorts them), whatever order the
  // attempt showed them in: most attempts of a set then share one short text.
  const versions = sql`(select group_concat(json_extract(j.value, '$.version'), ','
    order by json_extract(j.value, '$.questionId')) from json_each(${a.items}) as j)`;
  const [row] = await db.all<{ packed: string | null }>(sql`
    select json_group_array(json_array(${a.itemSetId}, ${a.itemBits}, ${versions})) as packed
    from ${a}
    where ${a.moduleSlug} = ${moduleSlug} and ${a.kind} = ${kind} and ${a.counted} = 1
      and ${a.personId} <= ${last} ${after === null ? sql`` : sql`and ${a.personId} > ${after}`}
      and ${a.itemSetId} is not null and ${a.itemBits} is not null ${byRoles(roles)}
  `);
  return row?.packed ? (JSON.parse(row.packed) as Packed[]) : [];
}

/**
 * The counted attempts of a module by people of `roles` (default: every role), with the versions they showed
 * (`perQuery`: people per range).
 */
export async function loadBankAttempts(
  db: Executor,
  moduleSlug: string,
  { roles = ROLES, perQuery = PEOPLE_PER_QUERY }: Options = {},
): Promise<BankAttempt[]> {
  const sets = new Map<number, readonly string[]>(
    (
      await db.all<{ id: number; question_ids: string }>(
        sql`select ${itemSets.id} as id, ${itemSets.questionIds} as question_ids from ${itemSets}
          where ${itemSets.moduleSlug} = ${moduleSlug}`,
      )
    ).map((set) => [set.id, set.question_ids.split(',')]),
  );
  // Each distinct list of versions of a set is parsed once, and shared by the attempts that showed it.
  const parsed = new Map<string, readonly number[]>();
  const out: BankAttempt[] = [];
  for (const kind of ['pre', 'post'] as const) {
    let after: string | null = null;
    for (let last = await rangeEnd(db, moduleSlug, kind, after, perQuery); last !== null;) {
      for (const [setId, bits, list] of await loadRange(db, moduleSlug, kind, after, last, roles)) {
        const questionIds = sets.get(setId);
        if (!questionIds || list === null) continue;
        const key = `${String(setId)}|${list}`;
        let versions = parsed.get(key);
        if (!versions) {
          versions = list.split(',').map(Number);
          parsed.set(key, versions);
        }
        // An attempt whose items do not match its set (never expected) is left out rather than misread.
        if (versions.length === questionIds.length) out.push({ kind, questionIds, versions, bits });
      }
      after = last;
      await yieldToEventLoop();
      last = await rangeEnd(db, moduleSlug, kind, after, perQuery);
    }
  }
  return out;
}
