import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moduleProgress, people } from '../../db/schema.ts';
import { listLessons } from '../../src/features/learning/curriculum.ts';
import { summarizeProgress } from '../../src/features/learning/rules.ts';
import { refreshProgress } from '../../src/features/sync/recount.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// The progress summaries a sync re-derives (recount.ts): a summary that is already right is left alone, so a sync
// does not log a change that would be sent back and forth for nothing.

let t: TestDatabase;
const MODULE = 'keuangan-usaha';
const KEY = [{ personId: 'anggota1', moduleSlug: MODULE }];
const progressWrites = async () =>
  (await t.db.all<{ n: number }>(sql`select count(*) as n from change_log where table_name = 'module_progress'`))[0]?.n;

beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(people).values({ id: 'anggota1', name: 'Pak Harjo', username: 'harjo', role: 'anggota' });
});
afterEach(() => {
  t.cleanup();
});

describe('refreshProgress()', () => {
  it('writes a summary that changed, and leaves one that is already right without a change-log entry', async () => {
    // A summary that does not match the module's lessons (under vitest the curriculum may hold none of them).
    await t.db.insert(moduleProgress).values({
      personId: 'anggota1',
      moduleSlug: MODULE,
      progress: 0,
      state: 'belum_mulai',
      lessonsCompleted: 0,
      lessonsTotal: 999,
      lastActivityAt: new Date(1000),
    });
    const before = (await progressWrites()) ?? 0;
    await refreshProgress(t.db, KEY);
    expect(await progressWrites()).toBe(before + 1);
    const lessons = (await listLessons(MODULE)).map((lesson) => lesson.id);
    const [summary] = await t.db.select().from(moduleProgress);
    expect(summary).toMatchObject({ ...summarizeProgress(lessons, [], true), lastActivityAt: new Date(1000) });

    await refreshProgress(t.db, KEY);
    await refreshProgress(t.db, KEY);
    expect(await progressWrites()).toBe(before + 1);
  });
});
