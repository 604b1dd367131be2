import { eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { fieldLink } from '../../../../db/schema.ts';
import { isMessageKey, type MessageKey } from '../../../i18n/index.ts';
import { DomainError } from '../../../lib/errors.ts';
import type { Refusal } from '../protocol.ts';
import { finishProgress, startProgress, updateProgress } from './progress.ts';
import { pullFromDistrict } from './pull.ts';
import { pushToDistrict } from './push.ts';
import type { Transport } from './transport.ts';

// "Kirim ke server kabupaten": send everything waiting, then take what changed at the district. The failure is
// kept (as a dictionary key) for the status screen until a sync succeeds.

export type SyncOutcome = { sent: Record<string, number>; refused: Refusal[]; pulled: number };

async function storeError(db: Database, key: MessageKey | null): Promise<void> {
  await db.update(fieldLink).set({ lastError: key }).where(eq(fieldLink.id, 1));
}

export async function syncNow(db: Database, transport: Transport): Promise<SyncOutcome> {
  if (!startProgress()) throw new DomainError('lapangan.error.running', { code: 'CONFLICT' });
  try {
    const pushed = await pushToDistrict(db, transport, (progress) => {
      updateProgress(progress);
    });
    updateProgress({ phase: 'pull', rows: 0 });
    const pulled = await pullFromDistrict(db, transport, Date.now, (progress) => {
      updateProgress({ rows: progress.rows });
    });
    await storeError(db, null);
    return { sent: pushed.sent, refused: pushed.refused, pulled: pulled.rows };
  } catch (error) {
    const key = error instanceof DomainError && isMessageKey(error.key) ? error.key : 'sync.error.invalid';
    await storeError(db, key).catch(() => undefined);
    throw error;
  } finally {
    finishProgress();
  }
}
