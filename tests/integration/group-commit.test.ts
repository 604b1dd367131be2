import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { groupCommitStats, inGroupCommit } from '../../db/group-commit.ts';
import { kubes, memberships } from '../../db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// Group commit (db/group-commit.ts) on a real libSQL file: writes that arrive together share one commit, each
// is acknowledged only once that commit has returned, and one failing write does not take the others with it.

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => {
  t.cleanup();
});

const kube = (id: string) => ({ id, name: `KUBE ${id}`, desa: 'X', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' });

describe('group commit', () => {
  it('stores writes that arrive together in fewer commits, each visible to another connection once acknowledged', async () => {
    const other = await openDatabase({ url: `file:${t.path}` });
    try {
      const seenAtAck: boolean[] = [];
      await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const id = `gk${i}`;
          const stored = await inGroupCommit(t.db, async (tx) => {
            await tx.insert(kubes).values(kube(id));
            return id;
          });
          // Acknowledged: another connection to the file reads it at once.
          const [row] = await other.db.select({ id: kubes.id }).from(kubes).where(eq(kubes.id, stored));
          seenAtAck.push(row?.id === id);
        }),
      );
      expect(seenAtAck).toHaveLength(30);
      expect(seenAtAck.every(Boolean)).toBe(true);
      const stats = groupCommitStats(t.db);
      expect(stats.writes).toBe(30);
      expect(stats.groups).toBeLessThan(30);
    } finally {
      other.client.close();
    }
  });

  it('refuses only the write that fails; the others of its group are stored', async () => {
    const outcomes = await Promise.allSettled([
      inGroupCommit(t.db, (tx) => tx.insert(kubes).values(kube('ok1'))),
      // A membership of a person and a KUBE that do not exist: the foreign keys refuse it.
      inGroupCommit(t.db, (tx) =>
        tx.insert(memberships).values({ id: 'bad', kubeId: 'nowhere', personId: 'nobody', joinedOn: '2026-01-01' }),
      ),
      inGroupCommit(t.db, (tx) => tx.insert(kubes).values(kube('ok2'))),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const stored = await t.db.select({ id: kubes.id }).from(kubes);
    expect(stored.map((row) => row.id).sort()).toEqual(['ok1', 'ok2']);
    expect(await t.db.select().from(memberships)).toEqual([]);
    expect(groupCommitStats(t.db).retried).toBe(3);
  });

  it('runs a write alone without waiting for company', async () => {
    await inGroupCommit(t.db, (tx) => tx.insert(kubes).values(kube('alone')));
    expect(groupCommitStats(t.db)).toEqual({ groups: 1, writes: 1, retried: 0 });
  });
});
