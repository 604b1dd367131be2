import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { attempts, itemSets } from '../../../db/schema.ts';
import type { BankAttempt } from './item-bank.ts';

// Every counted attempt of one module, as its question set, its results and the version of each question shown.
// The set and the results come from the covering index of counted attempts (attempts_counted_idx, as for the
// reports); the versions live only in each attempt's items, so this one query also reads the rows. A known
// cost: an admin page, opened now and then for one module, not a report a district reloads.

type Packed = [kind: 'pre' | 'post', setId: number, bits: string, shown: string | null];

/** The counted attempts of a module, with the versions they showed. */
export async function loadBankAttempts(db: Executor, moduleSlug: string): Promise<BankAttempt[]> {
  const a = attempts;
  // "id:version,id:version…" in the order the attempt showed them (shuffled); sorted below to the set's order.
  const shown = sql`(select group_concat(json_extract(j.value, '$.questionId') || ':' || json_extract(j.value, '$.version'), ',')
    from json_each(${a.items}) as j)`;
  const [row] = await db.all<{ packed: string | null }>(sql`
    select json_group_array(json_array(${a.kind}, ${a.itemSetId}, ${a.itemBits}, ${shown})) as packed
    from ${a}
    where ${a.moduleSlug} = ${moduleSlug} and ${a.counted} = 1
      and ${a.itemSetId} is not null and ${a.itemBits} is not null
  `);
  const packed = row?.packed ? (JSON.parse(row.packed) as Packed[]) : [];
  if (packed.length === 0) return [];

  const sets = new Map<number, readonly string[]>(
    (
      await db.all<{ id: number; question_ids: string }>(
        sql`select ${itemSets.id} as id, ${itemSets.questionIds} as question_ids from ${itemSets}
          where ${itemSets.moduleSlug} = ${moduleSlug}`,
      )
    ).map((set) => [set.id, set.question_ids.split(',')]),
  );
  // Most attempts of a set showed the same versions: each distinct list is parsed once.
  const versionsOf = new Map<string, readonly number[]>();
  const out: BankAttempt[] = [];
  for (const [kind, setId, bits, list] of packed) {
    const questionIds = sets.get(setId);
    if (!questionIds || list === null) continue;
    const cacheKey = `${String(setId)}|${list}`;
    let versions = versionsOf.get(cacheKey);
    if (!versions) {
      const byId = new Map(
        list.split(',').map((entry) => {
          const at = entry.lastIndexOf(':');
          return [entry.slice(0, at), Number(entry.slice(at + 1))] as const;
        }),
      );
      versions = questionIds.map((id) => byId.get(id) ?? 0);
      versionsOf.set(cacheKey, versions);
    }
    out.push({ kind, questionIds, versions, bits });
  }
  return out;
}
