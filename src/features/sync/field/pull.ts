import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../db/client.ts';
import { fieldLink } from '../../../../db/schema.ts';
import { contentVersion } from '../content-version.ts';
import { pullResponse, snapshotPosition, type Change } from '../protocol.ts';
import { withOrigin } from '../rows.ts';
import { rowKeyOf, syncedTable, SYNCED_TABLES } from '../tables.ts';
import { applyDistrictRows, writeBase } from './apply.ts';
import { requireFieldLink } from './link.ts';
import { sendMessage, type Transport } from './transport.ts';

// Pull: a snapshot of newly assigned KUBEs, then what changed at the district for this laptop's KUBEs, page by
// page. Each page is stored in one transaction with the position that follows it (the cursor, and where a
// snapshot stands), so a pull cut off half-way resumes from the last stored page.

export const PULL_PATH = '/api/lapangan/tarik';

export type PullResult = { pages: number; rows: number };

export async function pullFromDistrict(
  db: Database,
  transport: Transport,
  now: () => number = Date.now,
  onPage: (pulled: PullResult) => void = () => undefined,
): Promise<PullResult> {
  const result: PullResult = { pages: 0, rows: 0 };
  const version = await contentVersion();
  for (;;) {
    const link = await requireFieldLink(db);
    const stored = snapshotPosition.safeParse(link.pullSnapshot);
    const answer = await sendMessage(
      transport,
      PULL_PATH,
      {
        deviceId: link.deviceId,
        at: now(),
        cursor: link.pullCursor,
        knownKubeIds: link.kubeIds,
        contentVersion: version,
        snapshot: stored.success ? stored.data : null,
      },
      pullResponse,
      link,
    );
    await db.transaction(async (tx) => {
      // A snapshot page is read live at the district: a row may name a parent created after that parent's table
      // was sent. Such a row is dropped here and comes again with the changes after the snapshot.
      if (answer.kind === 'snapshot') await tx.run(sql`pragma defer_foreign_keys = on`);
      result.rows += await applyDistrictRows(tx, answer.changes);
      if (answer.kind === 'snapshot') await withOrigin(tx, 'district', () => dropOrphans(tx, answer.changes));
      await tx
        .update(fieldLink)
        .set({
          pullCursor: answer.cursor,
          kubeIds: answer.kubeIds,
          pullSnapshot: answer.snapshot,
          lastPullAt: new Date(now()),
        })
        .where(eq(fieldLink.id, 1));
    });
    result.pages++;
    onPage({ ...result });
    if (!answer.more) return result;
  }
}

/** Deletes the rows of a page whose parent is missing (and their children, in turn), with their sync bases. */
async function dropOrphans(tx: Executor, changes: readonly Change[]): Promise<void> {
  // Names from the registry only (applyDistrictRows has refused any other): they go into the pragma as text.
  const tables = SYNCED_TABLES.map((table) => table.name).filter((name) => changes.some((c) => c.table === name));
  for (let round = 0; round < SYNCED_TABLES.length; round++) {
    const orphans: { table: string; rowid: number }[] = [];
    for (const name of tables)
      orphans.push(
        ...(await tx.all<{ table: string; rowid: number }>(sql`pragma foreign_key_check(${sql.raw(`"${name}"`)})`)),
      );
    if (orphans.length === 0) return;
    for (const orphan of orphans) {
      const table = syncedTable(orphan.table);
      if (!table) continue;
      const [row] = await tx.all<Record<string, unknown>>(
        sql`select * from ${sql.identifier(table.name)} where rowid = ${orphan.rowid}`,
      );
      if (!row) continue;
      await writeBase(tx, table.name, rowKeyOf(table, row), null);
      await tx.run(sql`delete from ${sql.identifier(table.name)} where rowid = ${orphan.rowid}`);
      if (!tables.includes(table.name)) tables.push(table.name);
    }
  }
}
