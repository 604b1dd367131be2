import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lessonCompletions, lessonVisits, people } from '../../db/schema.ts';
import {
  completeLesson,
  listCompletionsByModule,
  listModuleProgress,
  recordLessonVisit,
} from '../../src/features/learning/progress.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(people).values({ id: 'p1', name: 'Sumarni', username: 'sumarni', role: 'anggota' });
});
afterEach(() => {
  t.cleanup();
});

const lessonIds = ['hakikat-kube/01', 'hakikat-kube/02', 'hakikat-kube/03'];
const ref = (lessonId: string) => ({ moduleSlug: 'hakikat-kube', lessonId, lessonIds });

describe('learning progress', () => {
  it('logs every visit and moves the module to "sedang belajar"', async () => {
    await recordLessonVisit(t.db, 'p1', ref('hakikat-kube/01'));
    await recordLessonVisit(t.db, 'p1', ref('hakikat-kube/01'));
    expect(await t.db.select().from(lessonVisits)).toHaveLength(2);
    const summary = (await listModuleProgress(t.db, 'p1')).get('hakikat-kube');
    expect(summary).toMatchObject({ state: 'sedang_belajar', progress: 0, lessonsTotal: 3 });
  });

  it('counts a finished lesson once, however often it is marked', async () => {
    const first = await completeLesson(t.db, 'p1', ref('hakikat-kube/02'), new Date('2026-01-01T08:00:00Z'));
    const again = await completeLesson(t.db, 'p1', ref('hakikat-kube/02'), new Date('2026-01-02T08:00:00Z'));
    expect(first.changed).toBe(true);
    expect(again.changed).toBe(false);
    const rows = await t.db.select().from(lessonCompletions);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.completedAt.toISOString()).toBe('2026-01-01T08:00:00.000Z');
    const summary = (await listModuleProgress(t.db, 'p1')).get('hakikat-kube');
    expect(summary?.progress).toBeCloseTo(1 / 3);
    expect(summary?.lastActivityAt.toISOString()).toBe('2026-01-01T08:00:00.000Z');
  });

  it('reaches "materi selesai" when every lesson is finished', async () => {
    for (const id of lessonIds) await completeLesson(t.db, 'p1', ref(id));
    expect((await listModuleProgress(t.db, 'p1')).get('hakikat-kube')).toMatchObject({
      progress: 1,
      state: 'materi_selesai',
      lessonsCompleted: 3,
    });
    expect((await listCompletionsByModule(t.db, 'p1')).get('hakikat-kube')?.size).toBe(3);
  });
});

describe('a broken curriculum file', () => {
  it('fails the build with a message naming the file and the field', () => {
    const result = spawnSync('npx', ['astro', 'sync'], {
      env: { ...process.env, KUBE_CONTENT_DIR: 'tests/fixtures/content-broken', NO_COLOR: '1', FORCE_COLOR: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    // Without colour codes, whatever the terminal (CI forces colours on).
    const output = stripVTControlCharacters(result.stdout + result.stderr);
    expect(result.status).not.toBe(0);
    expect(output).toContain('content-broken/modules/contoh.yaml');
    expect(output).toMatch(/track: Invalid option/);
  }, 90_000);
});
