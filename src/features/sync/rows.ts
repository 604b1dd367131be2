import { sql, type SQL, type SQLChunk } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { WireRow } from './protocol.ts';
import { rowKeyOf, syncedTable, type SyncedTable } from './tables.ts';

// Reading and writing synced rows by key, as raw SQLite values: the same code serves the district (pull answers,
// push applies) and the field (push reads, pull applies). Local autoincrement ids never travel: an attempt carries
// its question set's natural key as `item_set` instead of `item_set_id`.

/** Keys per query: well under SQLite's limit of bound parameters for the widest key. */
const KEYS_PER_QUERY = 150;

const column = (name: string): SQLChunk => sql.identifier(name);

/** `("a", "b") IN (VALUES (?, ?), …)` for a batch of keys, or `"a" IN (?, …)` for a one-column key. */
function keyFilter(table: SyncedTable, keys: readonly unknown[][]): SQL {
  if (table.key.length === 1) {
    return sql`${column(table.key[0] as string)} in (${sql.join(
      keys.map((key) => sql`${key[0]}`),
      sql`, `,
    )})`;
  }
  const columns = sql.join(
    table.key.map((name) => column(name)),
    sql`, `,
  );
  const values = sql.join(
    keys.map(
      (key) =>
        sql`(${sql.join(
          key.map((value) => sql`${value}`),
          sql`, `,
        )})`,
    ),
    sql`, `,
  );
  return sql`(${columns}) in (values ${values})`;
}

/** Parses a change-log key; throws on a key that does not fit the table (the caller refuses the row). */
export function parseKey(table: SyncedTable, key: string): (string | number | null)[] {
  const parsed: unknown = JSON.parse(key);
  if (
    !Array.isArray(parsed) ||
    parsed.length !== table.key.length ||
    !parsed.every((value) => typeof value === 'string' || typeof value === 'number')
  ) {
    throw new Error(`bad key for ${table.name}: ${key}`);
  }
  return parsed;
}

/** The rows of `table` with these keys, as they travel; a key with no row (deleted) is absent from the map. */
export async function readRows(
  db: Executor,
  table: SyncedTable,
  keys: readonly string[],
): Promise<Map<string, WireRow>> {
  const found = new Map<string, WireRow>();
  const unique = [...new Set(keys)];
  for (let start = 0; start < unique.length; start += KEYS_PER_QUERY) {
    const chunk = unique.slice(start, start + KEYS_PER_QUERY).map((key) => parseKey(table, key));
    const rows = await db.all<Record<string, unknown>>(
      sql`select * from ${column(table.name)} where ${keyFilter(table, chunk)}`,
    );
    for (const row of await toWire(db, table, rows)) found.set(rowKeyOf(table, row), row);
  }
  return found;
}

/** Rows read with `select *` as they travel: local ids dropped, an attempt's question set by its natural key. */
export async function toWire(
  db: Executor,
  table: SyncedTable,
  rows: readonly Record<string, unknown>[],
): Promise<WireRow[]> {
  let sets = new Map<number, string>();
  if (table.name === 'attempts') {
    const ids = [
      ...new Set(rows.map((row) => row['item_set_id']).filter((id): id is number => typeof id === 'number')),
    ];
    if (ids.length > 0) {
      const found = await db.all<{ id: number; module_slug: string; question_ids: string }>(
        sql`select id, module_slug, question_ids from item_sets where id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
      sets = new Map(found.map((set) => [set.id, JSON.stringify([set.module_slug, set.question_ids])]));
    }
  }
  return rows.map((row) => {
    const wire: WireRow = {};
    for (const [name, value] of Object.entries(row)) {
      if (table.local?.includes(name)) continue;
      wire[name] = typeof value === 'string' || typeof value === 'number' ? value : null;
    }
    if (table.name === 'attempts') {
      const setId = row['item_set_id'];
      wire['item_set'] = typeof setId === 'number' ? (sets.get(setId) ?? null) : null;
    }
    return wire;
  });
}

/** The local id of a question set named by its natural key (module, question ids), made if this side lacks it. */
async function itemSetId(tx: Executor, wire: string | number | null | undefined): Promise<number | null> {
  if (typeof wire !== 'string') return null;
  const [moduleSlug, questionIds] = JSON.parse(wire) as [string, string];
  await tx.run(
    sql`insert into item_sets (module_slug, question_ids) values (${moduleSlug}, ${questionIds}) on conflict do nothing`,
  );
  const [set] = await tx.all<{ id: number }>(
    sql`select id from item_sets where module_slug = ${moduleSlug} and question_ids = ${questionIds}`,
  );
  return set?.id ?? null;
}

/** A travelling row as this side stores it (the inverse of `toWire`); `sets` remembers question sets looked up. */
async function fromWire(
  tx: Executor,
  table: SyncedTable,
  row: WireRow,
  sets: Map<string, number | null> = new Map(),
): Promise<Record<string, unknown>> {
  const stored: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    if (table.local?.includes(name) || name === 'item_set') continue;
    stored[name] = value;
  }
  if (table.name === 'attempts') {
    const wire = row['item_set'];
    const cacheKey = typeof wire === 'string' ? wire : '';
    if (!sets.has(cacheKey)) sets.set(cacheKey, await itemSetId(tx, wire));
    stored['item_set_id'] = sets.get(cacheKey) ?? null;
  }
  return stored;
}

/** Bound values per multi-row insert: well under SQLite's limit (32,766), and a statement libSQL parses quickly. */
const VALUES_PER_INSERT = 4000;

/**
 * Inserts rows this side does not have, many per statement (a snapshot page into empty tables). Every row must be
 * new: a key already present fails the statement, as `writeRow`'s insert would.
 */
export async function insertRows(tx: Executor, table: SyncedTable, rows: readonly WireRow[]): Promise<void> {
  const sets = new Map<string, number | null>();
  const byColumns = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const stored = await fromWire(tx, table, row, sets);
    const names = Object.keys(stored).join(',');
    const group = byColumns.get(names);
    if (group) group.push(stored);
    else byColumns.set(names, [stored]);
  }
  for (const [joined, group] of byColumns) {
    const names = joined.split(',');
    const perStatement = Math.max(1, Math.floor(VALUES_PER_INSERT / names.length));
    for (let start = 0; start < group.length; start += perStatement) {
      const values = group.slice(start, start + perStatement).map(
        (stored) =>
          sql`(${sql.join(
            names.map((name) => sql`${stored[name]}`),
            sql`, `,
          )})`,
      );
      await tx.run(
        sql`insert into ${column(table.name)} (${sql.join(
          names.map((name) => column(name)),
          sql`, `,
        )}) values ${sql.join(values, sql`, `)}`,
      );
    }
  }
}

export type WriteOutcome = 'inserted' | 'updated' | 'same';

/**
 * Stores `row` (a whole row as it travels): inserted when this side lacks its key, otherwise only the columns
 * that differ are updated (so an identical resend writes nothing and logs nothing). Constraint failures throw.
 */
export async function writeRow(
  tx: Executor,
  table: SyncedTable,
  row: WireRow,
  /** This side's row of the same key when the caller has just read it (null: it has none), saving a second read. */
  known?: WireRow | null,
): Promise<WriteOutcome> {
  const key = rowKeyOf(table, row);
  const existing = known === undefined ? (await readRows(tx, table, [key])).get(key) : (known ?? undefined);
  if (!existing) {
    await insertRows(tx, table, [row]);
    return 'inserted';
  }
  const differing = Object.keys(row).filter((name) => !table.key.includes(name) && existing[name] !== row[name]);
  if (differing.length === 0) return 'same';
  const stored = await fromWire(tx, table, Object.fromEntries(differing.map((name) => [name, row[name] ?? null])));
  const names = Object.keys(stored);
  if (names.length === 0) return 'same';
  await tx.run(
    sql`update ${column(table.name)} set ${sql.join(
      names.map((name) => sql`${column(name)} = ${stored[name]}`),
      sql`, `,
    )} where ${keyFilter(table, [parseKey(table, key)])}`,
  );
  return 'updated';
}

/** Deletes the row of this key, if there is one. */
export async function deleteRow(tx: Executor, table: SyncedTable, key: string): Promise<void> {
  await tx.run(sql`delete from ${column(table.name)} where ${keyFilter(table, [parseKey(table, key)])}`);
}

/**
 * Runs `write` with the change-log triggers recording `origin` (a device id at the district, 'district' on a
 * field server), so rows a sync applied are not sent back where they came from. Call inside a transaction.
 */
export async function withOrigin<T>(tx: Executor, origin: string, write: () => Promise<T>): Promise<T> {
  await tx.run(sql`update sync_context set origin = ${origin} where id = 1`);
  try {
    return await write();
  } finally {
    await tx.run(sql`update sync_context set origin = null where id = 1`);
  }
}

/** The synced table of a change, or throws (the caller refuses it as invalid). */
export function tableOf(name: string): SyncedTable {
  const table = syncedTable(name);
  if (!table) throw new Error(`not a synced table: ${name}`);
  return table;
}
