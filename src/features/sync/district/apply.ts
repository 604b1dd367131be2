import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Database, Transaction } from '../../../../db/client.ts';
import { devices, syncRefusals, type SyncRefusalReason } from '../../../../db/schema.ts';
import { newId } from '../../../lib/ids.ts';
import { mergeRow, storable } from '../merge.ts';
import type { Change, PushRequest, Refusal, WireRow } from '../protocol.ts';
import { Rederive } from '../recount.ts';
import { readRows, withOrigin, writeRow } from '../rows.ts';
import { inRegistryOrder, rowKeyOf, syncedTable, type SyncedTable } from '../tables.ts';
import { assignedKubeIds, inScope, kubesOfRows } from './scope.ts';

// Applying one push batch at the district, in ONE transaction: either the whole batch and the device's new
// `pushed_through` are stored, or nothing is (a kill mid-push). A batch at or below `pushed_through` is a resend
// and changes nothing. Each row is checked against the facilitator's KUBEs, merged with the district's row by the
// conflict rules (merge.ts), and written in its own savepoint, so one bad row is refused and listed, not the batch.

export type BatchOutcome =
  | { ok: true; through: number; already: boolean; refused: Refusal[]; rows: Change[] }
  | { ok: false; code: 'gap'; through: number };

/** Secrets are never copied into a refusal's detail. */
const SECRET_COLUMNS = new Set(['pin_hash', 'password_hash']);

export async function applyBatch(db: Database, deviceId: string, batch: PushRequest): Promise<BatchOutcome> {
  return db.transaction(async (tx) => {
    const [device] = await tx.select().from(devices).where(eq(devices.id, deviceId));
    if (!device) throw new Error('device vanished');
    if (batch.toSeq <= device.pushedThrough) {
      const refused = await refusalsOf(tx, device.id, batch);
      const rows = await rowsThatDiffer(tx, batch, refused, new Set(await assignedKubeIds(tx, device.personId)));
      return { ok: true, through: device.pushedThrough, already: true, refused, rows };
    }
    // Batches follow each other without holes: one past a missing batch would mark the missing one as applied.
    if (batch.fromSeq > device.pushedThrough + 1) return { ok: false, code: 'gap', through: device.pushedThrough };
    const allowed = new Set(await assignedKubeIds(tx, device.personId));
    const refused: Refusal[] = [];
    const rows: Change[] = [];
    const rederive = new Rederive();
    await withOrigin(tx, device.id, async () => {
      for (const change of inRegistryOrder(batch.changes)) {
        const outcome = await applyChange(tx, change, allowed);
        refused.push(...outcome.refused);
        if (outcome.stored) {
          rederive.note(outcome.stored.table.name, outcome.stored.row);
          if (outcome.differs) rows.push({ table: change.table, key: change.key, row: outcome.stored.row });
        }
      }
      await rederive.run(tx);
    });
    if (refused.length > 0) {
      await tx.insert(syncRefusals).values(
        refused.map((refusal, index) => ({
          id: newId(),
          deviceId: device.id,
          tableName: refusal.table,
          rowKey: refusal.key,
          reason: refusal.reason as SyncRefusalReason,
          detail: refusal.detail ?? null,
          row:
            refusal.reason === 'kube_not_assigned'
              ? redact(batch.changes.find((c) => c.key === refusal.key && c.table === refusal.table)?.row ?? null)
              : null,
          batchToSeq: batch.toSeq,
          createdAt: new Date(Date.now() + index),
        })),
      );
    }
    await tx
      .update(devices)
      .set({ pushedThrough: batch.toSeq, lastSeenAt: new Date() })
      .where(eq(devices.id, device.id));
    return { ok: true, through: batch.toSeq, already: false, refused, rows };
  });
}

/**
 * The refusals stored when this batch was applied before: a batch resent because its answer was lost (or that a
 * paket lapangan brought first) is answered with them again, so the laptop lists them all the same.
 */
async function refusalsOf(tx: Transaction, deviceId: string, batch: PushRequest): Promise<Refusal[]> {
  const stored = await tx
    .select()
    .from(syncRefusals)
    .where(
      and(
        eq(syncRefusals.deviceId, deviceId),
        gte(syncRefusals.batchToSeq, batch.fromSeq),
        lte(syncRefusals.batchToSeq, batch.toSeq),
      ),
    )
    .orderBy(asc(syncRefusals.createdAt));
  return stored.map((row) => ({ table: row.tableName, key: row.rowKey, reason: row.reason, detail: row.detail }));
}

/**
 * For a resent batch: the district's rows now, for each row it took that is not as the laptop sent it (a conflict
 * the district won, a derived column, a later change at the district). They never come in a pull, which leaves
 * out what the device itself sent, so the answer carries them as the first answer did.
 */
async function rowsThatDiffer(
  tx: Transaction,
  batch: PushRequest,
  refused: readonly Refusal[],
  allowed: ReadonlySet<string>,
): Promise<Change[]> {
  const notTaken = new Set(
    refused.filter((refusal) => refusal.reason !== 'conflict_kept_district').map((r) => `${r.table} ${r.key}`),
  );
  const rows: Change[] = [];
  const byTable = new Map<string, Change[]>();
  for (const change of batch.changes) {
    if (change.row === null || notTaken.has(`${change.table} ${change.key}`)) continue;
    const list = byTable.get(change.table);
    if (list) list.push(change);
    else byTable.set(change.table, [change]);
  }
  for (const [name, changes] of byTable) {
    const table = syncedTable(name);
    if (!table?.push) continue;
    const current = await readRows(
      tx,
      table,
      changes.map((change) => change.key),
    );
    const present = changes.flatMap((change) => {
      const row = current.get(change.key);
      return row && change.row && differs(change.row, row) ? [{ change, row }] : [];
    });
    const kubes = await kubesOfRows(
      tx,
      table,
      present.map((entry) => entry.row),
    );
    present.forEach((entry, index) => {
      if (inScope(kubes[index] ?? new Set(), allowed))
        rows.push({ table: name, key: entry.change.key, row: entry.row });
    });
  }
  return inRegistryOrder(rows);
}

const differs = (sent: WireRow, stored: WireRow) =>
  Object.keys(sent).some((column) => (sent[column] ?? null) !== (stored[column] ?? null));

type ChangeOutcome = { refused: Refusal[]; stored?: { table: SyncedTable; row: WireRow }; differs?: boolean };

async function applyChange(tx: Transaction, change: Change, allowed: ReadonlySet<string>): Promise<ChangeOutcome> {
  const refuse = (reason: SyncRefusalReason, detail?: Record<string, unknown>): ChangeOutcome => ({
    refused: [{ table: change.table, key: change.key, reason, detail: detail ?? null }],
  });
  const table = syncedTable(change.table);
  if (!table?.push || change.row === null) return refuse('not_allowed');
  const row = change.row;
  if (rowKeyOf(table, row) !== change.key) return refuse('invalid', { message: 'key does not match the row' });
  const existing = (await readRows(tx, table, [change.key])).get(change.key) ?? null;
  const [incomingKubes, existingKubes] = await Promise.all([
    kubesOfRows(tx, table, [row]),
    existing ? kubesOfRows(tx, table, [existing]) : Promise.resolve([]),
  ]);
  const mine = (kubes: (typeof incomingKubes)[number] | undefined) => kubes !== undefined && inScope(kubes, allowed);
  if (!mine(incomingKubes[0]) || (existing && !mine(existingKubes[0]))) return refuse('kube_not_assigned');

  const merged = mergeRow(table, { field: row, district: existing, base: change.base ?? null });
  try {
    await tx.transaction(async (savepoint) => {
      await writeRow(savepoint, table, storable(table, merged.row, existing), existing);
    });
  } catch (error) {
    return refuse('invalid', { message: error instanceof Error ? error.message.slice(0, 300) : 'write failed' });
  }
  // Read back rather than assembled from what was written: SQLite's column affinity may store a value otherwise
  // than it came ('5' in a number column), and the laptop must hear the row as the district now holds it.
  const stored = (await readRows(tx, table, [change.key])).get(change.key) ?? merged.row;
  const refused: Refusal[] = merged.conflicts
    .filter((conflict) => conflict.kept === 'district')
    .map((conflict) => ({
      table: change.table,
      key: change.key,
      reason: conflict.rule === 'not_allowed' ? 'not_allowed' : 'conflict_kept_district',
      detail: {
        column: conflict.column,
        rule: conflict.rule,
        ...(SECRET_COLUMNS.has(conflict.column)
          ? {}
          : { districtValue: conflict.districtValue, fieldValue: conflict.fieldValue }),
      },
    }));
  return { refused, stored: { table, row: stored }, differs: differs(row, stored) };
}

/** A row kept with its refusal, without its secrets. */
function redact(row: WireRow | null): Record<string, unknown> | null {
  if (!row) return null;
  return Object.fromEntries(Object.entries(row).filter(([column]) => !SECRET_COLUMNS.has(column)));
}
