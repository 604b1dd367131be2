import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { devices } from '../../../../db/schema.ts';
import type { Change, SnapshotPosition } from '../protocol.ts';
import { readRows, toWire } from '../rows.ts';
import { inRegistryOrder, rowKeyOf, SYNCED_TABLES, syncedTable } from '../tables.ts';
import { namedPeople } from './people.ts';
import { assignedKubeIds, inScope, kubesOfRows, snapshotSlice } from './scope.ts';
import type { Device } from './verify.ts';

// A pull: first a snapshot of every KUBE newly assigned to the device's facilitator, page by page; then the changes
// since the device's cursor for the KUBEs it holds. Rows the device itself sent are not sent back.
//
// A snapshot runs over the registry's tables in order, each in rowid order, and its position travels back and forth
// with the pages. Rows read live may be newer than the cursor the snapshot started from; they come again with the
// changes after it, which is harmless. While a snapshot is under way the cursor stays where it was (on a first pull,
// where the log stood when the snapshot began), so every change made meanwhile still comes afterwards.

/** Change-log entries per pull page: the answer stays a few hundred kilobytes on a phone hotspot. */
export const PULL_PAGE_ENTRIES = 2000;
/**
 * A snapshot page ends after this much JSON (about a tenth of it on the wire, compressed: some 5 s at 20 KB/s),
 * or after so many rows, whichever comes first; the field stores each page in one transaction.
 */
export const SNAPSHOT_PAGE = { bytes: 1_000_000, rows: 5000 };
export type SnapshotLimits = typeof SNAPSHOT_PAGE;
/** Rows read per query while filling a snapshot page. */
const SNAPSHOT_READ_ROWS = 1000;

export type PullAnswer = {
  cursor: number;
  more: boolean;
  kubeIds: string[];
  kind: 'snapshot' | 'changes';
  snapshot: SnapshotPosition | null;
  changes: Change[];
};

export async function pullFor(
  db: Database,
  device: Device,
  request: { cursor: number; knownKubeIds: readonly string[]; snapshot?: SnapshotPosition | null | undefined },
  limits: SnapshotLimits = SNAPSHOT_PAGE,
): Promise<PullAnswer> {
  const assigned = await assignedKubeIds(db, device.personId);
  const known = new Set(request.cursor === 0 && !request.snapshot ? [] : request.knownKubeIds);
  const held = assigned.filter((id) => known.has(id));
  const answer =
    (await snapshotPage(db, device, request, assigned, held, limits)) ?? (await changesPage(db, device, request, held));
  await db.update(devices).set({ lastSeenAt: new Date() }).where(eq(devices.id, device.id));
  return answer;
}

/** The next page of the snapshot under way (or of a new one, for KUBEs assigned since), or null when none is due. */
async function snapshotPage(
  db: Database,
  device: Device,
  request: { cursor: number; snapshot?: SnapshotPosition | null | undefined },
  assigned: readonly string[],
  held: readonly string[],
  limits: SnapshotLimits,
): Promise<PullAnswer | null> {
  let cursor = request.cursor;
  let position = request.snapshot ?? null;
  if (position) {
    // A KUBE unassigned while its snapshot was under way is no longer sent.
    position = { ...position, kubeIds: position.kubeIds.filter((id) => assigned.includes(id)) };
  } else {
    const fresh = assigned.filter((id) => !held.includes(id));
    // A first pull is always a snapshot, if only of the KUBE-less tables and the facilitator's own row.
    if (fresh.length === 0 && request.cursor !== 0) return null;
    position = { kubeIds: fresh, global: request.cursor === 0, table: 0, after: 0 };
    // A first pull starts its cursor where the log stands now: the changes after it come once the snapshot is done.
    if (request.cursor === 0) {
      const [last] = await db.all<{ seq: number | null }>(sql`select max(seq) as seq from change_log`);
      cursor = last?.seq ?? 0;
    }
  }
  const first = position.table === 0 && position.after === 0;
  const changes: Change[] = [];
  let bytes = 0;
  let next: SnapshotPosition | null = position.kubeIds.length === 0 && !position.global ? null : position;
  while (next && bytes < limits.bytes && changes.length < limits.rows) {
    const table = SYNCED_TABLES[next.table];
    if (!table) {
      next = null;
      break;
    }
    if (table.scope.kind === 'global' && !next.global) {
      next = { ...next, table: next.table + 1, after: 0 };
      continue;
    }
    const limit = Math.min(SNAPSHOT_READ_ROWS, limits.rows - changes.length);
    const slice = await snapshotSlice(db, table, next.kubeIds, next.after, limit);
    for (const row of slice.rows) {
      changes.push({ table: table.name, key: rowKeyOf(table, row), row });
      bytes += JSON.stringify(row).length;
    }
    next = slice.done ? { ...next, table: next.table + 1, after: 0 } : { ...next, after: slice.lastRowid };
  }
  if (next && !SYNCED_TABLES[next.table]) next = null;
  // The facilitator's own row and assignments: they sign in on the field server with their usual password.
  if (first && position.global) changes.push(...(await ownRow(db, device.personId)));
  const whole = next ? held : assigned.filter((id) => held.includes(id) || position.kubeIds.includes(id));
  changes.push(...(await namedPeople(db, changes, new Set(assigned), device.personId)));
  // After the last page, `more` asks for the changes made while the snapshot ran (none if the log was empty).
  return {
    cursor,
    more: next !== null || cursor > 0,
    kubeIds: [...whole],
    kind: 'snapshot',
    snapshot: next,
    changes: inRegistryOrder(changes),
  };
}

async function ownRow(db: Database, personId: string): Promise<Change[]> {
  const table = syncedTable('people');
  if (!table) return [];
  const own = await db.all<Record<string, unknown>>(sql`select * from people where id = ${personId}`);
  return (await toWire(db, table, own)).map((row) => ({ table: 'people', key: rowKeyOf(table, row), row }));
}

/** The changes since the cursor for the KUBEs the device holds, a page of the change log at a time. */
async function changesPage(
  db: Database,
  device: Device,
  request: { cursor: number },
  held: readonly string[],
): Promise<PullAnswer> {
  const [last] = await db.all<{ seq: number | null }>(sql`select max(seq) as seq from change_log`);
  const maxSeq = last?.seq ?? 0;
  const entries = await db.all<{ seq: number; table_name: string; row_key: string }>(sql`
    select seq, table_name, row_key from change_log
    where seq > ${request.cursor} and seq <= ${maxSeq} and (origin is null or origin != ${device.id})
    order by seq limit ${PULL_PAGE_ENTRIES}`);
  const more = entries.length === PULL_PAGE_ENTRIES;
  const cursor = more ? (entries.at(-1)?.seq ?? request.cursor) : Math.max(maxSeq, request.cursor);
  const changes: Change[] = [];
  if (held.length > 0) changes.push(...(await changedRows(db, entries, new Set(held), device.personId)));
  changes.push(...(await namedPeople(db, changes, new Set(held), device.personId)));
  return { cursor, more, kubeIds: [...held], kind: 'changes', snapshot: null, changes: inRegistryOrder(changes) };
}

/** The current rows behind change-log entries, kept when they belong to the held KUBEs; deletions by key. */
async function changedRows(
  db: Database,
  entries: readonly { table_name: string; row_key: string }[],
  held: ReadonlySet<string>,
  personId: string,
): Promise<Change[]> {
  const byTable = new Map<string, Set<string>>();
  for (const entry of entries)
    byTable.set(entry.table_name, (byTable.get(entry.table_name) ?? new Set()).add(entry.row_key));
  const changes: Change[] = [];
  for (const [name, keys] of byTable) {
    const table = syncedTable(name);
    if (!table) continue;
    const rows = await readRows(db, table, [...keys]);
    const present = [...rows.values()];
    const kubes = await kubesOfRows(db, table, present);
    present.forEach((row, index) => {
      const own = table.name === 'people' && row['id'] === personId;
      if (own || inScope(kubes[index] ?? new Set(), held))
        changes.push({ table: name, key: rowKeyOf(table, row), row });
    });
    // A deleted row can no longer say whose it was: its key goes to every device, which deletes it if it has it.
    for (const key of keys) if (!rows.has(key)) changes.push({ table: name, key, row: null });
  }
  return changes;
}
