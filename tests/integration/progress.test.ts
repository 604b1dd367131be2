import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attempts, kubes, lessonCompletions, lessonVisits, memberships, people } from '../../db/schema.ts';
import { loadModuleView } from '../../src/features/assessment/load-module-state.ts';
import {
  completeLesson,
  listCompletionsByModule,
  listModuleProgress,
  recordLessonVisit,
} from '../../src/features/learning/progress.ts';
import { advanceWorkshop } from '../../src/features/workshop/phases.ts';
import { createWorkshop, recordAttendance } from '../../src/features/workshop/service.ts';
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

describe('lessons taught in a workshop', () => {
  beforeEach(async () => {
    await t.db
      .insert(kubes)
      .values({ id: 'k1', name: 'Maju', desa: 'D', kecamatan: 'K', kabupaten: 'Nganjuk', provinsi: 'Jawa Timur' });
    await t.db.insert(people).values([
      { id: 'f1', name: 'Rina', username: 'rina', role: 'pendamping' },
      { id: 'p2', name: 'Bakri', username: 'bakri', role: 'anggota' },
    ]);
    await t.db.insert(memberships).values([
      { id: 'ms1', kubeId: 'k1', personId: 'p1', joinedOn: '2024-01-01' },
      { id: 'ms2', kubeId: 'k1', personId: 'p2', joinedOn: '2024-01-01' },
    ]);
  });

  const at = (time: string) => new Date(`2026-12-01T${time}Z`);
  const submitted = (id: string, personId: string, kind: 'pre' | 'post', time: string) => ({
    id,
    personId,
    moduleSlug: 'hakikat-kube',
    kind,
    items: [],
    answerKey: {},
    startedAt: at(time),
    submittedAt: at(time),
    score: 60,
    correct: 3,
    total: 5,
  });

  it('count done for those present when the facilitator moves from materi to the post-test', async () => {
    const workshop = await createWorkshop(
      t.db,
      { kubeId: 'k1', moduleSlug: 'hakikat-kube', date: '2026-12-01', place: 'Balai desa', notes: null },
      'f1',
    );
    await recordAttendance(t.db, { workshopId: workshop.id, personId: 'p1', method: 'pin' });
    await completeLesson(t.db, 'p1', ref('hakikat-kube/01'), at('07:00:00'));
    const move = (from: 'pre_test' | 'materi', time: string) =>
      advanceWorkshop(t.db, { workshopId: workshop.id, from, by: 'f1', confirmed: true, lessonIds }, at(time));
    await move('pre_test', '08:30:00');
    expect(await t.db.select().from(lessonCompletions)).toHaveLength(1);
    await move('materi', '10:00:00');

    const rows = await t.db.select().from(lessonCompletions);
    expect(
      rows
        .filter((row) => row.personId === 'p1')
        .map((row) => row.lessonId)
        .sort(),
    ).toEqual(lessonIds);
    // A lesson already marked keeps its first time; nobody absent gets anything.
    expect(rows.find((row) => row.lessonId === 'hakikat-kube/01')?.completedAt).toEqual(at('07:00:00'));
    expect(rows.filter((row) => row.personId === 'p2')).toHaveLength(0);
    expect((await listModuleProgress(t.db, 'p1')).get('hakikat-kube')).toMatchObject({
      state: 'materi_selesai',
      lessonsCompleted: 3,
    });

    // Both workshop tests handed in: the one rule says the module is finished, with every lesson counted.
    await t.db
      .insert(attempts)
      .values([submitted('a1', 'p1', 'pre', '08:10:00'), submitted('a2', 'p1', 'post', '10:20:00')]);
    expect(await loadModuleView(t.db, 'p1', 'hakikat-kube', lessonIds)).toMatchObject({
      badge: 'selesai',
      stage: 'done',
      lessonsCompleted: 3,
    });
    expect(await loadModuleView(t.db, 'p2', 'hakikat-kube', lessonIds)).toMatchObject({ badge: 'belum_mulai' });
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
