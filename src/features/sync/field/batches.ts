import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { changeLog } from '../../../../db/schema.ts';
import { PUSH_BATCH_ROWS, type Change, type PushRequest } from '../protocol.ts';
import { readRows } from '../rows.ts';
import { syncedTable, tableRank } from '../tables.ts';
import { readBase } from './apply.ts';
import type { FieldLink } from './link.ts';

// What is waiting to be sent: this laptop's own change-log entries after the last confirmed push, cut into
// batches of at most PUSH_BATCH_ROWS distinct rows. Batches cover the seqs without gaps (entries of rows the
// district sent, or of tables only the district writes, just widen the range), so the district's
// `pushed_through` moves exactly as the field's `pushed_seq`.

type Entry = { seq: number; tableName: string; rowKey: string; origin: string | null };

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

/**
 * Bytes of rows (with their bases) per batch: on a weak phone hotspot (~20 KB/s) a batch arrives well inside the
 * request timeout (`npm run bench:sync`), however wide the rows (an attempt carries its items and answer key).
 */
export const PUSH_BATCH_BYTES = 96 * 1024;

type Range = { fromSeq: number; toSeq: number; changes: Map<string, { entry: Entry; change: Change }>; bytes: number };

/**
 * Every batch waiting to be sent, each row read as it is now with its base, cut into seq ranges of at most
 * PUSH_BATCH_ROWS distinct rows and about PUSH_BATCH_BYTES. Empty: nothing waits.
 */
export async function pendingBatches(
  db: Executor,
  link: FieldLink,
  version: string,
  at: number,
): Promise<PushRequest[]> {
  const ranges: Range[] = [];
  let current: Range = { fromSeq: link.pushedSeq + 1, toSeq: link.pushedSeq, changes: new Map(), bytes: 0 };
  for (const entry of await entriesAfter(db, link.pushedSeq)) {
    const id = `${entry.tableName} ${entry.rowKey}`;
    const table = isOwnPush(entry) && !current.changes.has(id) ? syncedTable(entry.tableName) : undefined;
    if (table) {
      const row = (await readRows(db, table, [entry.rowKey])).get(entry.rowKey) ?? null;
      const base = await readBase(db, table.name, entry.rowKey);
      const change: Change = { table: table.name, key: entry.rowKey, row, base };
      const bytes = JSON.stringify(change).length;
      const full = current.changes.size === PUSH_BATCH_ROWS || current.bytes + bytes > PUSH_BATCH_BYTES;
      if (full && current.changes.size > 0) {
        ranges.push(current);
        current = { fromSeq: current.toSeq + 1, toSeq: current.toSeq, changes: new Map(), bytes: 0 };
      }
      current.changes.set(id, { entry, change });
      current.bytes += bytes;
    }
    current.toSeq = entry.seq;
  }
  if (current.changes.size > 0) ranges.push(current);
  return ranges.map((range) => ({
    deviceId: link.deviceId,
    at,
    fromSeq: range.fromSeq,
    toSeq: range.toSeq,
    contentVersion: version,
    changes: [...range.changes.values()]
      .sort((a, b) => tableRank(a.entry.tableName) - tableRank(b.entry.tableName) || a.entry.seq - b.entry.seq)
      .map(({ change }) => change),
  }));
}
