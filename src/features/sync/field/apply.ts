import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { changeLog, fieldLink, syncBase } from '../../../../db/schema.ts';
import { DERIVED_COLUMNS, mergeRow, storable } from '../merge.ts';
import type { Change, WireRow } from '../protocol.ts';
import { Rederive } from '../recount.ts';
import { deleteRow, parseKey, readRows, tableOf, withOrigin, writeRow } from '../rows.ts';
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

/** Whether this laptop changed the row since its last confirmed push. */
async function hasUnsentChange(tx: Executor, table: string, key: string): Promise<boolean> {
  const [found] = await tx
    .select({ seq: changeLog.seq })
    .from(changeLog)
    .where(
      and(
        eq(changeLog.tableName, table),
        eq(changeLog.rowKey, key),
        isNull(changeLog.origin),
        gt(changeLog.seq, sql`(select ${fieldLink.pushedSeq} from ${fieldLink} where ${fieldLink.id} = 1)`),
      ),
    )
    .limit(1);
  return found !== undefined;
}

/** Stores the district's rows, in the order given, inside the caller's transaction. */
export async function applyDistrictRows(tx: Executor, changes: readonly Change[]): Promise<number> {
  const rederive = new Rederive();
  await withOrigin(tx, 'district', async () => {
    for (const change of changes) {
      const table = tableOf(change.table);
      parseKey(table, change.key);
      if (change.row === null) {
        await deleteRow(tx, table, change.key);
        await writeBase(tx, table.name, change.key, null);
        continue;
      }
      let row = change.row;
      const local = table.push && (await hasUnsentChange(tx, table.name, change.key));
      const derived = DERIVED_COLUMNS[table.name] !== undefined;
      const mine = local || derived ? (await readRows(tx, table, [change.key])).get(change.key) : undefined;
      if (mine && local) {
        const base = await readBase(tx, table.name, change.key);
        // The field merges as the district would, without the district's limit on what a field may change.
        row = mergeRow(withoutPushLimit(table), { field: mine, district: row, base }).row;
      }
      // An attempt counted at the district is stored uncounted until this side re-decides it.
      await writeRow(tx, table, storable(table, row, mine ?? null), local || derived ? (mine ?? null) : undefined);
      await writeBase(tx, table.name, change.key, change.row);
      rederive.note(table.name, change.row);
    }
    // Inside the origin: `counted` is derived on each side, never sent.
    await rederive.run(tx);
  });
  return changes.length;
}

/** The table without its limit on the columns a push may change: the field takes every column of the district. */
function withoutPushLimit(table: SyncedTable): SyncedTable {
  const unlimited: SyncedTable = { ...table };
  delete unlimited.pushColumns;
  return unlimited;
}
