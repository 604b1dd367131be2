import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { people, syncRefusals } from '../../../../db/schema.ts';
import { isMessageKey, type MessageKey } from '../../../i18n/index.ts';
import { SYNCED_TABLES } from '../tables.ts';
import { entriesAfter, isOwnPush } from './batches.ts';
import { readFieldLink } from './link.ts';

// What the field laptop's screen shows: where it sends to, when it last did, what waits, and what the district
// refused and why, all as dictionary keys and numbers for the page to put into words.

export type WaitingKind = { table: string; label: MessageKey; count: number };
export type RefusalLine = {
  at: Date;
  table: MessageKey | null;
  reason: MessageKey;
  rule: MessageKey | null;
};

export type FieldStatus = {
  districtUrl: string;
  deviceName: string;
  facilitatorName: string | null;
  pairedAt: Date;
  lastPushAt: Date | null;
  lastPullAt: Date | null;
  /** A snapshot of newly assigned KUBEs was cut off: the next send goes on with it. */
  snapshotUnfinished: boolean;
  waiting: WaitingKind[];
  waitingTotal: number;
  lastError: MessageKey | null;
  refusals: RefusalLine[];
};

/** How many refusals the screen lists: the newest; older ones stay in the database. */
const REFUSALS_SHOWN = 50;

const keyOrNull = (key: string): MessageKey | null => (isMessageKey(key) ? key : null);

/** The rows waiting to be sent, counted once per row, per kind, in the order of the synced tables. */
async function countWaiting(db: Database, pushedSeq: number): Promise<WaitingKind[]> {
  const rows = new Map<string, Set<string>>();
  for (const entry of await entriesAfter(db, pushedSeq)) {
    if (!isOwnPush(entry)) continue;
    const keys = rows.get(entry.tableName) ?? new Set<string>();
    keys.add(entry.rowKey);
    rows.set(entry.tableName, keys);
  }
  return SYNCED_TABLES.filter((table) => rows.has(table.name)).map((table) => ({
    table: table.name,
    label: keyOrNull(`sync.table.${table.name}`) ?? 'lapangan.status.otherKind',
    count: rows.get(table.name)?.size ?? 0,
  }));
}

/** The status of this field laptop, or null when it is not paired. */
export async function fieldStatus(db: Database): Promise<FieldStatus | null> {
  const link = await readFieldLink(db);
  if (!link) return null;
  const [facilitator] = await db.select({ name: people.name }).from(people).where(eq(people.id, link.personId));
  const waiting = await countWaiting(db, link.pushedSeq);
  const refused = await db
    .select()
    .from(syncRefusals)
    .where(eq(syncRefusals.deviceId, link.deviceId))
    .orderBy(desc(syncRefusals.createdAt))
    .limit(REFUSALS_SHOWN);
  return {
    districtUrl: link.districtUrl,
    deviceName: link.deviceName,
    facilitatorName: facilitator?.name ?? null,
    pairedAt: link.pairedAt,
    lastPushAt: link.lastPushAt,
    lastPullAt: link.lastPullAt,
    snapshotUnfinished: link.pullSnapshot !== null,
    waiting,
    waitingTotal: waiting.reduce((sum, kind) => sum + kind.count, 0),
    lastError: link.lastError ? keyOrNull(link.lastError) : null,
    refusals: refused.map((row) => {
      const rule = row.detail?.['rule'];
      return {
        at: row.createdAt,
        table: keyOrNull(`sync.table.${row.tableName}`),
        reason: keyOrNull(`sync.reason.${row.reason}`) ?? 'sync.reason.invalid',
        rule: typeof rule === 'string' ? keyOrNull(`sync.rule.${rule}`) : null,
      };
    }),
  };
}
