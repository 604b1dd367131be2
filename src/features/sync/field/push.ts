import { eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { fieldLink, SYNC_REFUSAL_REASONS, syncRefusals, type SyncRefusalReason } from '../../../../db/schema.ts';
import { newId } from '../../../lib/ids.ts';
import { contentVersion } from '../content-version.ts';
import { pushResponse, type PushRequest, type Refusal } from '../protocol.ts';
import { applyDistrictRows, writeBase } from './apply.ts';
import { pendingBatches } from './batches.ts';
import { requireFieldLink } from './link.ts';
import { sendMessage, type Transport } from './transport.ts';

// Push: the waiting batches, one request each. What the district confirmed is stored in one transaction per
// batch (pushed_seq, the new bases, its refusals, its own rows), so a push cut off between batches resumes with
// the next one, and a batch whose answer was lost is sent again and answered `already`, changing nothing.

export const PUSH_PATH = '/api/lapangan/kirim';

export type PushProgress = { batch: number; batches: number; rows: number };
export type PushResult = {
  /** Rows the district confirmed, per table. */
  sent: Record<string, number>;
  refused: Refusal[];
  batches: number;
};

const reasonOf = (reason: string): SyncRefusalReason =>
  (SYNC_REFUSAL_REASONS as readonly string[]).includes(reason) ? (reason as SyncRefusalReason) : 'invalid';

/** Stores the district's answer to one batch. */
async function storeAnswer(db: Database, batch: PushRequest, answer: ReturnType<typeof pushResponse.parse>) {
  await db.transaction(async (tx) => {
    const [link] = await tx.select({ pushedSeq: fieldLink.pushedSeq }).from(fieldLink).where(eq(fieldLink.id, 1));
    const through = Math.max(link?.pushedSeq ?? 0, answer.through);
    await tx.update(fieldLink).set({ pushedSeq: through, lastPushAt: new Date() }).where(eq(fieldLink.id, 1));
    for (const change of batch.changes) await writeBase(tx, change.table, change.key, change.row);
    const sentRows = new Map(batch.changes.map((change) => [`${change.table} ${change.key}`, change.row]));
    for (const refused of answer.refused) {
      await tx.insert(syncRefusals).values({
        id: newId(),
        deviceId: batch.deviceId,
        tableName: refused.table,
        rowKey: refused.key,
        reason: reasonOf(refused.reason),
        detail: refused.detail ?? null,
        row: sentRows.get(`${refused.table} ${refused.key}`) ?? null,
      });
    }
    await applyDistrictRows(tx, answer.rows);
  });
}

/** Sends everything waiting, batch by batch; `onProgress` hears after each confirmed batch. */
export async function pushToDistrict(
  db: Database,
  transport: Transport,
  onProgress?: (progress: PushProgress) => void,
  now: () => number = Date.now,
): Promise<PushResult> {
  const link = await requireFieldLink(db);
  const batches = await pendingBatches(db, link, await contentVersion(), now());
  const result: PushResult = { sent: {}, refused: [], batches: batches.length };
  let rows = 0;
  onProgress?.({ batch: 0, batches: batches.length, rows });
  for (const [index, batch] of batches.entries()) {
    const answer = await sendMessage(transport, PUSH_PATH, batch, pushResponse, link);
    await storeAnswer(db, batch, answer);
    // A batch answered `already` reached the district before (its answer was lost, or a paket lapangan
    // carried it): it is counted as sent, once.
    for (const change of batch.changes) result.sent[change.table] = (result.sent[change.table] ?? 0) + 1;
    result.refused.push(...answer.refused);
    rows += batch.changes.length;
    onProgress?.({ batch: index + 1, batches: batches.length, rows });
  }
  return result;
}
