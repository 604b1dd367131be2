import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Connection } from '../../db/client.ts';
import type { WriteQueueLimits } from '../../db/write-queue.ts';
import { migrateDatabase } from '../../db/migrate.ts';

export type TestDatabase = Connection & { path: string; cleanup: () => void };

/** A real, migrated libSQL database in a fresh temp file; never a mock. */
export async function createTestDatabase(limits?: Partial<WriteQueueLimits>): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'kube-berdaya-test-'));
  const path = join(dir, 'test.db');
  const connection = await openDatabase({ url: `file:${path}` }, limits);
  await migrateDatabase(connection.db);
  return {
    ...connection,
    path,
    cleanup: () => {
      connection.client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
