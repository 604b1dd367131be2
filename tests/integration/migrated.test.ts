import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { fileIsMigrated } from '../../db/migrated.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// `npm start` skips the migrating process when the file already has every migration (db/migrated.ts).

let t: TestDatabase | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe('fileIsMigrated()', () => {
  it('says yes for a file with every migration, and no for a new file or none', async () => {
    t = await createTestDatabase();
    expect(fileIsMigrated(t.path)).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'kube-migrated-'));
    try {
      expect(fileIsMigrated(join(dir, 'none.db'))).toBe(false);
      const empty = await openDatabase({ url: `file:${join(dir, 'empty.db')}` });
      empty.client.close();
      expect(fileIsMigrated(join(dir, 'empty.db'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says no when the newest migration is missing from the file', async () => {
    t = await createTestDatabase();
    await t.client.execute(
      'DELETE FROM "__drizzle_migrations" WHERE created_at = (SELECT max(created_at) FROM "__drizzle_migrations")',
    );
    expect(fileIsMigrated(t.path)).toBe(false);
  });
});
