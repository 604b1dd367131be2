import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { facilitatorAssignments } from '../../../../db/schema.ts';
import type { WireRow } from '../protocol.ts';
import { readRows, toWire } from '../rows.ts';
import { syncedTable, type SyncedTable } from '../tables.ts';

// The partition of the field kit: a device may send and receive only rows of the KUBEs assigned to its
// facilitator now (README: "Field kit"). A row's KUBEs follow from its scope (tables.ts).

/** Stands for "every KUBE": kinds of position, question sets, yearly targets. */
export const GLOBAL = 'global' as const;
export type RowKubes = ReadonlySet<string> | typeof GLOBAL;

/** The KUBEs assigned to a facilitator today. */
export async function assignedKubeIds(db: Executor, personId: string): Promise<string[]> {
  const rows = await db
    .select({ kubeId: facilitatorAssignments.kubeId })
    .from(facilitatorAssignments)
    .where(eq(facilitatorAssignments.personId, personId));
  return rows.map((row) => row.kubeId).sort();
}

/** The KUBEs of every membership (current or past) of these people. */
async function kubesOfPeople(db: Executor, personIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>(personIds.map((id) => [id, new Set()]));
  const unique = [...new Set(personIds)];
  for (let start = 0; start < unique.length; start += 300) {
    const chunk = unique.slice(start, start + 300);
    const rows = await db.all<{ person_id: string; kube_id: string }>(
      sql`select person_id, kube_id from memberships where person_id in (${sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    for (const row of rows) found.get(row.person_id)?.add(row.kube_id);
  }
  return found;
}

/** The row a correction (`record_changes`) names, found by its id or by its key parts joined with '/'. */
async function changedRecord(db: Executor, row: WireRow): Promise<{ table: SyncedTable; row: WireRow } | null> {
  const table = syncedTable(String(row['table_name']));
  const recordId = row['record_id'];
  if (!table || typeof recordId !== 'string' || table.name === 'record_changes') return null;
  if (table.key.length === 1) {
    const key = JSON.stringify([recordId]);
    const found = (await readRows(db, table, [key])).get(key);
    return found ? { table, row: found } : null;
  }
  // A table with a natural key may still name its rows by their own id in the history (practice_scores).
  if (table.idColumn) {
    const [found] = await db.all<Record<string, unknown>>(
      sql`select * from ${sql.identifier(table.name)} where id = ${recordId}`,
    );
    if (found) return { table, row: (await toWire(db, table, [found]))[0] as WireRow };
  }
  // A composite key: every part but the last is one segment; the last may hold '/' itself (lesson ids do).
  const parts = recordId.split('/');
  if (parts.length < table.key.length) return null;
  const key = [...parts.slice(0, table.key.length - 1), parts.slice(table.key.length - 1).join('/')];
  const typed = key.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  for (const candidate of [JSON.stringify(key), JSON.stringify(typed)]) {
    const match = (await readRows(db, table, [candidate])).get(candidate);
    if (match) return { table, row: match };
  }
  return null;
}

/** The KUBEs each row belongs to, in order: a set, or GLOBAL. An unresolvable parent gives an empty set. */
export async function kubesOfRows(db: Executor, table: SyncedTable, rows: readonly WireRow[]): Promise<RowKubes[]> {
  const scope = table.scope;
  switch (scope.kind) {
    case 'global':
      return rows.map(() => GLOBAL);
    case 'kube':
      return rows.map((row) => new Set(typeof row[scope.column] === 'string' ? [row[scope.column] as string] : []));
    case 'person': {
      const ids = rows.map((row) => String(row[scope.column] ?? ''));
      const byPerson = await kubesOfPeople(db, ids);
      return ids.map((id) => byPerson.get(id) ?? new Set());
    }
    case 'parent': {
      const parent = syncedTable(scope.table);
      if (!parent) return rows.map(() => new Set());
      const keys = rows.map((row) => JSON.stringify([row[scope.column] ?? null]));
      const parents = await readRows(db, parent, keys);
      const found = keys.map((key) => parents.get(key));
      const present = found.filter((row): row is WireRow => row !== undefined);
      const kubes = await kubesOfRows(db, parent, present);
      const byKey = new Map(present.map((row, index) => [JSON.stringify([row['id']]), kubes[index]]));
      return keys.map((key) => byKey.get(key) ?? new Set());
    }
    case 'changed_record': {
      const result: RowKubes[] = [];
      for (const row of rows) {
        const record = await changedRecord(db, row);
        result.push(record ? ((await kubesOfRows(db, record.table, [record.row]))[0] ?? new Set()) : new Set());
      }
      return result;
    }
  }
}

/** Whether a row's KUBEs meet the allowed ones. */
export const inScope = (kubes: RowKubes, allowed: ReadonlySet<string>): boolean =>
  kubes === GLOBAL || [...kubes].some((kubeId) => allowed.has(kubeId));

/** SQL selecting the keys of a scope's rows for these KUBEs (for snapshots). */
function scopeFilter(table: SyncedTable, kubeIds: readonly string[]): ReturnType<typeof sql> | null {
  const list = sql.join(
    kubeIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const scope = table.scope;
  switch (scope.kind) {
    case 'global':
      return sql`1 = 1`;
    case 'kube':
      return sql`${sql.identifier(scope.column)} in (${list})`;
    case 'person':
      return sql`${sql.identifier(scope.column)} in (select person_id from memberships where kube_id in (${list}))`;
    case 'parent': {
      const parent = syncedTable(scope.table);
      const inner = parent && scopeFilter(parent, kubeIds);
      if (!parent || !inner) return null;
      return sql`${sql.identifier(scope.column)} in (select ${sql.identifier(parent.key[0] as string)} from ${sql.identifier(parent.name)} where ${inner})`;
    }
    case 'changed_record':
      return null;
  }
}

/** Rows of one table read for a snapshot page, in rowid order: those in scope, and the last rowid read. */
export type SnapshotSlice = { rows: WireRow[]; lastRowid: number; done: boolean };

/**
 * The rows of a table in these KUBEs after rowid `after`, at most `limit` read, as they travel (a page of the
 * snapshot of newly assigned KUBEs). The rowid is the district's own order: it never travels as data, only back
 * in the position the field returns.
 */
export async function snapshotSlice(
  db: Executor,
  table: SyncedTable,
  kubeIds: readonly string[],
  after: number,
  limit: number,
): Promise<SnapshotSlice> {
  const none = { rows: [], lastRowid: after, done: true };
  if (kubeIds.length === 0 && table.scope.kind !== 'global') return none;
  const name = sql.identifier(table.name);
  // History travels with the records it names: read it in order and keep the rows in scope.
  const filter = table.scope.kind === 'changed_record' ? sql`1 = 1` : scopeFilter(table, kubeIds);
  if (!filter) return none;
  const read = await db.all<Record<string, unknown>>(
    sql`select rowid as snapshot_rowid, * from ${name} where rowid > ${after} and ${filter} order by rowid limit ${limit}`,
  );
  const lastRowid = Number(read.at(-1)?.['snapshot_rowid'] ?? after);
  for (const row of read) delete row['snapshot_rowid'];
  let rows = await toWire(db, table, read);
  if (table.scope.kind === 'changed_record') {
    const kubes = await kubesOfRows(db, table, rows);
    const allowed = new Set(kubeIds);
    rows = rows.filter((_row, index) => inScope(kubes[index] ?? new Set(), allowed));
  }
  return { rows, lastRowid, done: read.length < limit };
}
