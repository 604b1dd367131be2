import { and, desc, eq, getTableName, inArray, type Table } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { people, recordChanges } from '../../../db/schema.ts';

// Corrections keep history: every changed field of a record is written to record_changes (old and new value,
// who, when) in the transaction that changes it.

/** Writes one history row per field whose value differs between `before` and `after`. */
export async function logCorrection(
  tx: Executor,
  input: {
    table: Table;
    recordId: string;
    before: Readonly<Record<string, unknown>>;
    after: Readonly<Record<string, unknown>>;
    by: string;
  },
  now = new Date(),
): Promise<number> {
  const changed = Object.keys(input.after).filter(
    (field) => JSON.stringify(input.before[field] ?? null) !== JSON.stringify(input.after[field] ?? null),
  );
  if (changed.length === 0) return 0;
  await tx.insert(recordChanges).values(
    changed.map((field) => ({
      tableName: getTableName(input.table),
      recordId: input.recordId,
      field,
      oldValue: JSON.stringify(input.before[field] ?? null),
      newValue: JSON.stringify(input.after[field] ?? null),
      changedBy: input.by,
      changedAt: now,
    })),
  );
  return changed.length;
}

export type Change = {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string | null;
  changedAt: Date;
};

/** Corrections of many records of one table in one query: record id → its corrections, newest first. */
export async function listChangesOf(
  db: Executor,
  table: Table,
  recordIds: readonly string[],
): Promise<Map<string, Change[]>> {
  const byRecord = new Map<string, Change[]>(recordIds.map((id) => [id, []]));
  if (recordIds.length === 0) return byRecord;
  const rows = await db
    .select({
      recordId: recordChanges.recordId,
      field: recordChanges.field,
      oldValue: recordChanges.oldValue,
      newValue: recordChanges.newValue,
      changedBy: people.name,
      changedAt: recordChanges.changedAt,
    })
    .from(recordChanges)
    .leftJoin(people, eq(people.id, recordChanges.changedBy))
    .where(and(eq(recordChanges.tableName, getTableName(table)), inArray(recordChanges.recordId, [...recordIds])))
    .orderBy(desc(recordChanges.changedAt), desc(recordChanges.id));
  const parse = (value: string | null): unknown => (value === null ? null : JSON.parse(value));
  for (const { recordId, ...row } of rows) {
    byRecord.get(recordId)?.push({ ...row, oldValue: parse(row.oldValue), newValue: parse(row.newValue) });
  }
  return byRecord;
}

/** A record's corrections, newest first. */
export async function listChanges(db: Executor, table: Table, recordId: string): Promise<Change[]> {
  return (await listChangesOf(db, table, [recordId])).get(recordId) ?? [];
}
