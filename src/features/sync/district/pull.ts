import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { devices } from '../../../../db/schema.ts';
import type { Change } from '../protocol.ts';
import { readRows, toWire } from '../rows.ts';
import { inRegistryOrder, rowKeyOf, SYNCED_TABLES, syncedTable } from '../tables.ts';
import { namedPeople } from './people.ts';
import { assignedKubeIds, inScope, kubesOfRows, snapshotRows } from './scope.ts';
import type { Device } from './verify.ts';

// A pull: a full snapshot of every KUBE newly assigned to the device's facilitator, and the changes since the
// device's cursor for the KUBEs it already holds. Rows the device itself sent are not sent back.

/** Change-log entries per pull page: the answer stays a few hundred kilobytes on a phone hotspot. */
export const PULL_PAGE_ENTRIES = 2000;

export type PullAnswer = { cursor: number; more: boolean; kubeIds: string[]; changes: Change[] };

export async function pullFor(
  db: Database,
  device: Device,
  request: { cursor: number; knownKubeIds: readonly string[] },
): Promise<PullAnswer> {
  const assigned = await assignedKubeIds(db, device.personId);
  const known = new Set(request.knownKubeIds);
  const fresh = request.cursor === 0 ? assigned : assigned.filter((id) => !known.has(id));
  const held = new Set(assigned.filter((id) => !fresh.includes(id)));
  // Read before the snapshot: a row changed while it is read comes again with the next pull, which is harmless.
  const [last] = await db.all<{ seq: number | null }>(sql`select max(seq) as seq from change_log`);
  const maxSeq = last?.seq ?? 0;

  const changes: Change[] = [];
  if (fresh.length > 0) {
    for (const table of SYNCED_TABLES) {
      if (table.scope.kind === 'global' && request.cursor !== 0) continue;
      for (const row of await snapshotRows(db, table, fresh))
        changes.push({ table: table.name, key: rowKeyOf(table, row), row });
    }
  }
  // The facilitator's own row and assignments: they sign in on the field server with their usual password.
  if (request.cursor === 0) {
    const own = await db.all<Record<string, unknown>>(sql`select * from people where id = ${device.personId}`);
    const peopleTable = syncedTable('people');
    if (peopleTable) {
      for (const row of await toWire(db, peopleTable, own))
        changes.push({ table: 'people', key: rowKeyOf(peopleTable, row), row });
    }
  }

  // A first pull is a whole snapshot as of maxSeq: the log before it holds nothing the device lacks.
  const entries =
    request.cursor === 0
      ? []
      : await db.all<{ seq: number; table_name: string; row_key: string }>(sql`
    select seq, table_name, row_key from change_log
    where seq > ${request.cursor} and seq <= ${maxSeq} and (origin is null or origin != ${device.id})
    order by seq limit ${PULL_PAGE_ENTRIES}`);
  const more = entries.length === PULL_PAGE_ENTRIES;
  const cursor = more ? (entries.at(-1)?.seq ?? request.cursor) : Math.max(maxSeq, request.cursor);
  if (held.size > 0) changes.push(...(await changedRows(db, entries, held, device.personId)));
  changes.push(...(await namedPeople(db, changes, new Set(assigned), device.personId)));

  await db.update(devices).set({ lastSeenAt: new Date() }).where(eq(devices.id, device.id));
  return { cursor, more, kubeIds: assigned, changes: inRegistryOrder(changes) };
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
