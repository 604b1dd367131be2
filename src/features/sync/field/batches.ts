import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { changeLog } from '../../../../db/schema.ts';
import { PUSH_BATCH_ROWS, type Change, type PushRequest } from '../protocol.ts';
import { readRows } from '../rows.ts';
import { SYNCED_TABLES, syncedTable } from '../tables.ts';
import { readBase } from './apply.ts';
import type { FieldLink } from './link.ts';

// What is waiting to be sent: this laptop's own change-log entries after the last confirmed push, cut into
// batches of at most PUSH_BATCH_ROWS distinct rows. Batches cover the seqs without gaps (entries of rows the
// district sent, or of tables only the district writes, just widen the range), so the district's
// `pushed_through` moves exactly as the field's `pushed_seq`.

type Entry = { seq: number; tableName: string; rowKey: string; origin: string | null };

const tableOrder = new Map(SYNCED_TABLES.map((table, index) => [table.name, index]));

/** Whether an entry is a row this laptop must send: its own write, of a table the field may push. */
export const isOwnPush = (entry: { tableName: string; origin: string | null }): boolean =>
  entry.origin === null && syncedTable(entry.tableName)?.push === true;

/** The entries after `pushedSeq`, in order. */
export async function entriesAfter(db: Executor, pushedSeq: number): Promise<Entry[]> {
  return db
    .select({ seq: changeLog.seq, tableName: changeLog.tableName, rowKey: changeLog.rowKey, origin: changeLog.origin })
    .from(changeLog)
    .where(gt(changeLog.seq, pushedSeq))
    .orderBy(asc(changeLog.seq));
}

/** Cuts the entries into seq ranges of at most PUSH_BATCH_ROWS distinct rows to send. */
function cut(entries: readonly Entry[], pushedSeq: number) {
  const ranges: { fromSeq: number; toSeq: number; rows: Map<string, Entry> }[] = [];
  let current = { fromSeq: pushedSeq + 1, toSeq: pushedSeq, rows: new Map<string, Entry>() };
  for (const entry of entries) {
    const id = `${entry.tableName} ${entry.rowKey}`;
    if (isOwnPush(entry) && !current.rows.has(id) && current.rows.size === PUSH_BATCH_ROWS) {
      ranges.push(current);
      current = { fromSeq: current.toSeq + 1, toSeq: current.toSeq, rows: new Map() };
    }
    if (isOwnPush(entry) && !current.rows.has(id)) current.rows.set(id, entry);
    current.toSeq = entry.seq;
  }
  if (current.rows.size > 0) ranges.push(current);
  return ranges;
}

/** Every batch waiting to be sent, each row read as it is now with its base. Empty: nothing waits. */
export async function pendingBatches(
  db: Executor,
  link: FieldLink,
  version: string,
  at: number,
): Promise<PushRequest[]> {
  const batches: PushRequest[] = [];
  for (const range of cut(await entriesAfter(db, link.pushedSeq), link.pushedSeq)) {
    const entries = [...range.rows.values()].sort(
      (a, b) => (tableOrder.get(a.tableName) ?? 0) - (tableOrder.get(b.tableName) ?? 0) || a.seq - b.seq,
    );
    const changes: Change[] = [];
    for (const entry of entries) {
      const table = syncedTable(entry.tableName);
      if (!table) continue;
      const row = (await readRows(db, table, [entry.rowKey])).get(entry.rowKey) ?? null;
      const base = await readBase(db, table.name, entry.rowKey);
      changes.push({ table: table.name, key: entry.rowKey, row, base });
    }
    batches.push({
      deviceId: link.deviceId,
      at,
      fromSeq: range.fromSeq,
      toSeq: range.toSeq,
      contentVersion: version,
      changes,
    });
  }
  return batches;
}
