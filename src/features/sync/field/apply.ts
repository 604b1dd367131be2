import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { changeLog, fieldLink, syncBase } from '../../../../db/schema.ts';
import { mergeRow, storable } from '../merge.ts';
import type { Change, WireRow } from '../protocol.ts';
import { Rederive } from '../recount.ts';
import { deleteRow, insertRows, parseKey, readRows, tableOf, withOrigin, writeRow } from '../rows.ts';
import type { SyncedTable } from '../tables.ts';

// The field's side of storing what the district sent (a pull page, or the rows of a push answer). A row this
// laptop changed and has not sent yet is merged with the district's, so a change made offline is not lost; the
// merged row is what the next push sends, against the district's row as its new base.

/** The row as both sides last agreed on it, or null. */
export async function readBase(db: Executor, table: string, key: string): Promise<WireRow | null> {
  const [base] = await db
    .select({ row: syncBase.row })
    .from(syncBase)
    .where(and(eq(syncBase.tableName, table), eq(syncBase.rowKey, key)));
  return base ? (JSON.parse(base.row) as WireRow) : null;
}

/** Records `row` as what both sides agree on (null: the row is gone on both). */
export async function writeBase(tx: Executor, table: string, key: string, row: WireRow | null): Promise<void> {
  if (row === null) {
    await tx.delete(syncBase).where(and(eq(syncBase.tableName, table), eq(syncBase.rowKey, key)));
    return;
  }
  const text = JSON.stringify(row);
  await tx
    .insert(syncBase)
    .values({ tableName: table, rowKey: key, row: text })
    .onConflictDoUpdate({ target: [syncBase.tableName, syncBase.rowKey], set: { row: text } });
}

/** The rows this laptop changed since its last confirmed push, as table → keys (one query for a whole page). */
async function unsentKeys(tx: Executor): Promise<Map<string, Set<string>>> {
  const rows = await tx
    .selectDistinct({ table: changeLog.tableName, key: changeLog.rowKey })
    .from(changeLog)
    .where(
      and(
        isNull(changeLog.origin),
        gt(changeLog.seq, sql`(select ${fieldLink.pushedSeq} from ${fieldLink} where ${fieldLink.id} = 1)`),
      ),
    );
  const keys = new Map<string, Set<string>>();
  for (const row of rows) keys.set(row.table, (keys.get(row.table) ?? new Set()).add(row.key));
  return keys;
}

/**
 * Stores the district's rows, in the order given, inside the caller's transaction. Consecutive rows of one table
 * are read together; those this side lacks are inserted together, so a snapshot page costs a few queries per
 * thousand rows instead of several per row.
 */
export async function applyDistrictRows(tx: Executor, changes: readonly Change[]): Promise<number> {
  const rederive = new Rederive();
  const unsent = await unsentKeys(tx);
  await withOrigin(tx, 'district', async () => {
    for (const run of runsByTable(changes)) {
      const table = tableOf(run[0]?.table ?? '');
      const local = table.push ? (unsent.get(table.name) ?? new Set<string>()) : new Set<string>();
      for (const change of run) parseKey(table, change.key);
      const present = await readRows(
        tx,
        table,
        run.filter((change) => change.row !== null).map((change) => change.key),
      );
      const fresh: WireRow[] = [];
      const bases: [string, WireRow | null][] = [];
      for (const change of run) {
        if (change.row === null) {
          await deleteRow(tx, table, change.key);
          bases.push([change.key, null]);
          continue;
        }
        const mine = present.get(change.key);
        let row = change.row;
        if (mine && local.has(change.key)) {
          const base = await readBase(tx, table.name, change.key);
          // The field merges as the district would, without the district's limit on what a field may change.
          row = mergeRow(withoutPushLimit(table), { field: mine, district: row, base }).row;
        }
        // An attempt counted at the district is stored uncounted until this side re-decides it.
        const stored = storable(table, row, mine ?? null);
        if (mine) await writeRow(tx, table, stored, mine);
        else fresh.push(stored);
        bases.push([change.key, change.row]);
        rederive.note(table.name, change.row);
      }
      await insertRows(tx, table, fresh);
      await writeBases(tx, table.name, bases);
    }
    // Inside the origin: `counted` is derived on each side, never sent.
    await rederive.run(tx);
  });
  return changes.length;
}

/** The changes cut into runs of one table each, in order (the same key twice in one run stays in order). */
function runsByTable(changes: readonly Change[]): Change[][] {
  const runs: Change[][] = [];
  for (const change of changes) {
    const last = runs.at(-1);
    // A key seen already in this run starts a new one, so its second row is read after the first is written.
    if (last && last[0]?.table === change.table && !last.some((other) => other.key === change.key)) last.push(change);
    else runs.push([change]);
  }
  return runs;
}

/** Bases per statement: three bound values each, well under SQLite's limit. */
const BASES_PER_STATEMENT = 300;

/** `writeBase` for many rows of one table at once: upserts the rows, deletes the bases of deleted rows. */
async function writeBases(tx: Executor, table: string, bases: readonly [string, WireRow | null][]): Promise<void> {
  const upserts = bases.filter((entry): entry is [string, WireRow] => entry[1] !== null);
  for (const [key] of bases.filter(([, row]) => row === null)) await writeBase(tx, table, key, null);
  for (let start = 0; start < upserts.length; start += BASES_PER_STATEMENT) {
    const chunk = upserts.slice(start, start + BASES_PER_STATEMENT);
    await tx
      .insert(syncBase)
      .values(chunk.map(([rowKey, row]) => ({ tableName: table, rowKey, row: JSON.stringify(row) })))
      .onConflictDoUpdate({ target: [syncBase.tableName, syncBase.rowKey], set: { row: sql`excluded.row` } });
  }
}

/** The table without its limit on the columns a push may change: the field takes every column of the district. */
function withoutPushLimit(table: SyncedTable): SyncedTable {
  const unlimited: SyncedTable = { ...table };
  delete unlimited.pushColumns;
  return unlimited;
}
