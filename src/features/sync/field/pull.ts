import { eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { fieldLink } from '../../../../db/schema.ts';
import { contentVersion } from '../content-version.ts';
import { pullResponse } from '../protocol.ts';
import { applyDistrictRows } from './apply.ts';
import { requireFieldLink } from './link.ts';
import { sendMessage, type Transport } from './transport.ts';

// Pull: what changed at the district for this laptop's KUBEs, page by page. Each page is stored in one transaction
// with the cursor that follows it, so a pull cut off half-way resumes from the last stored page.

export const PULL_PATH = '/api/lapangan/tarik';

export type PullResult = { pages: number; rows: number };

export async function pullFromDistrict(
  db: Database,
  transport: Transport,
  now: () => number = Date.now,
): Promise<PullResult> {
  const result: PullResult = { pages: 0, rows: 0 };
  const version = await contentVersion();
  for (;;) {
    const link = await requireFieldLink(db);
    const answer = await sendMessage(
      transport,
      PULL_PATH,
      {
        deviceId: link.deviceId,
        at: now(),
        cursor: link.pullCursor,
        knownKubeIds: link.kubeIds,
        contentVersion: version,
      },
      pullResponse,
      link,
    );
    await db.transaction(async (tx) => {
      result.rows += await applyDistrictRows(tx, answer.changes);
      await tx
        .update(fieldLink)
        .set({ pullCursor: answer.cursor, kubeIds: answer.kubeIds, lastPullAt: new Date(now()) })
        .where(eq(fieldLink.id, 1));
    });
    result.pages++;
    if (!answer.more) return result;
  }
}
