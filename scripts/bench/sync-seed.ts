import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Executor } from '../../db/client.ts';
import {
  attemptAnswers,
  attempts,
  facilitatorAssignments,
  itemSets,
  kubes,
  lessonCompletions,
  lessonVisits,
  memberships,
  moduleProgress,
  people,
  positions,
  workshopAttendance,
  workshops,
} from '../../db/schema.ts';
import { packItemResults } from '../../src/features/assessment/rules.ts';

// The data of `npm run bench:sync`, written straight into the database (the change-log triggers run, as they do
// for every write): a district at field scale, and the records a day's workshop leaves on a laptop.

export const MEMBERS_PER_KUBE = 20;
export const QUESTIONS = 25;
export const FIELD_KUBES = 10;
export const OTHER_KUBES = 40;
/** Modules of history for the other facilitators' members: enough that the district's tables are far larger. */
export const OTHER_MODULES = 4;
export const FACILITATOR = { id: 'bsfasil000', username: 'bench.rina', password: 'Pendamping-Bench-2026' };
const OTHER_FACILITATORS = 4;
const INSERT_ROWS = 400;

export const MODULES = readdirSync('content/modules')
  .map((file) => file.replace(/\.yaml$/, ''))
  .sort();
const lessonsOf = (module: string) =>
  readdirSync(`content/lessons/${module}`)
    .filter((file) => file.endsWith('.md'))
    .map((file) => `${module}/${file.replace(/\.md$/, '')}`)
    .sort();

/** Question ids of a module's test: made up (the sync moves rows, it does not read the questions). */
const questionsOf = (module: string) =>
  Array.from({ length: QUESTIONS }, (_, q) => `${module}-q${String(q + 1).padStart(2, '0')}`);

let seed = 20261201;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

export const kubeId = (k: number) => `bskube${String(k).padStart(3, '0')}`;
export const memberId = (k: number, m: number) => `bsm${String(k).padStart(3, '0')}${String(m).padStart(2, '0')}`;
const time = (month: number, day: number, minute = 0) => Date.UTC(2026, month, day, 2, minute);

async function insertAll<T extends SQLiteTable>(tx: Executor, table: T, rows: readonly T['$inferInsert'][]) {
  for (let start = 0; start < rows.length; start += INSERT_ROWS)
    await tx.insert(table).values(rows.slice(start, start + INSERT_ROWS));
}

export type Attempt = typeof attempts.$inferInsert;
export type Answer = typeof attemptAnswers.$inferInsert;

/** One submitted test of 25 questions with its answers, as a tablet's submission leaves it. */
export function scoredAttempt(
  id: string,
  personId: string,
  module: string,
  kind: 'pre' | 'post',
  at: number,
  itemSetId: number,
  counted: boolean,
): { attempt: Attempt; answers: Answer[] } {
  const questions = questionsOf(module);
  const options = (q: string) => ['a', 'b', 'c', 'd'].map((letter) => `${q}-${letter}`);
  const results: Record<string, 0 | 1> = {};
  const answers: Answer[] = questions.map((questionId, q) => {
    const right = random() < (kind === 'pre' ? 0.5 : 0.75);
    results[questionId] = right ? 1 : 0;
    const answeredAt = new Date(at + 30_000 * (q + 1));
    const optionId = options(questionId)[right ? 0 : 1 + Math.floor(random() * 3)] ?? '';
    return { attemptId: id, questionId, optionId, answeredAt, receivedAt: answeredAt };
  });
  const correct = Object.values(results).filter((bit) => bit === 1).length;
  const objectives: Record<string, { correct: number; total: number; score: number }> = {};
  questions.forEach((questionId, q) => {
    const entry = (objectives[`tujuan-${(q % 5) + 1}`] ??= { correct: 0, total: 0, score: 0 });
    entry.correct += results[questionId] ?? 0;
    entry.total += 1;
    entry.score = Math.round((1000 * entry.correct) / entry.total) / 10;
  });
  const attempt: Attempt = {
    id,
    personId,
    moduleSlug: module,
    kind,
    items: questions.map((questionId, q) => ({
      questionId,
      version: 1,
      objective: `tujuan-${(q % 5) + 1}`,
      optionOrder: options(questionId).sort(() => random() - 0.5),
    })),
    answerKey: Object.fromEntries(questions.map((q) => [q, `${q}-a`])),
    startedAt: new Date(at),
    submittedAt: new Date(at + 30_000 * (QUESTIONS + 1)),
    score: Math.round((1000 * correct) / QUESTIONS) / 10,
    correct,
    total: QUESTIONS,
    byObjective: objectives,
    itemSetId,
    itemBits: packItemResults(results).bits,
    counted,
  };
  return { attempt, answers };
}

/** Everything one KUBE's members did in `modules`: a workshop per module with both tests, lessons, progress. */
function kubeHistory(k: number, modules: readonly string[], setIds: ReadonlyMap<string, number>, by: string) {
  const rows = {
    workshops: [] as (typeof workshops.$inferInsert)[],
    attendance: [] as (typeof workshopAttendance.$inferInsert)[],
    attempts: [] as Attempt[],
    answers: [] as Answer[],
    visits: [] as (typeof lessonVisits.$inferInsert)[],
    completions: [] as (typeof lessonCompletions.$inferInsert)[],
    progress: [] as (typeof moduleProgress.$inferInsert)[],
  };
  modules.forEach((module, month) => {
    const workshopId = `bsw${String(k).padStart(3, '0')}${String(month).padStart(2, '0')}`;
    const day = time(month, 10);
    rows.workshops.push({
      id: workshopId,
      kubeId: kubeId(k),
      moduleSlug: module,
      date: new Date(day).toISOString().slice(0, 10),
      place: 'Balai desa',
      code: `H${String(k).padStart(3, '0')}${String(month).padStart(2, '0')}`,
      phase: 'selesai',
      createdBy: by,
      closedAt: new Date(day + 4 * 3_600_000),
    });
    const lessons = lessonsOf(module);
    for (let m = 0; m < MEMBERS_PER_KUBE; m++) {
      const personId = memberId(k, m);
      rows.attendance.push({ workshopId, personId, joinedAt: new Date(day), method: 'pin' });
      for (const kind of ['pre', 'post'] as const) {
        const id = `${workshopId}-${String(m).padStart(2, '0')}-${kind}`;
        const at = day + (kind === 'pre' ? 0 : 3 * 3_600_000);
        const test = scoredAttempt(id, personId, module, kind, at, setIds.get(module) ?? 0, true);
        rows.attempts.push(test.attempt);
        rows.answers.push(...test.answers);
      }
      lessons.forEach((lessonId, l) => {
        for (const visit of [0, 1])
          rows.visits.push({
            id: `${personId}-${month}-${l}-${visit}`,
            personId,
            moduleSlug: module,
            lessonId,
            visitedAt: new Date(day + 3_600_000 + 60_000 * (2 * l + visit)),
          });
        rows.completions.push({ personId, lessonId, moduleSlug: module, completedAt: new Date(day + 7_200_000) });
      });
      rows.progress.push({
        personId,
        moduleSlug: module,
        progress: 1,
        state: 'materi_selesai',
        lessonsCompleted: lessons.length,
        lessonsTotal: lessons.length,
        lastActivityAt: new Date(day + 7_200_000),
      });
    }
  });
  return rows;
}

/** The district: 50 KUBEs of 20 members, 10 of them the bench facilitator's with a year of history each. */
export async function seedDistrict(tx: Executor, secretHash: string, pinHash: string): Promise<number> {
  const kubeCount = FIELD_KUBES + OTHER_KUBES;
  await insertAll(
    tx,
    kubes,
    Array.from({ length: kubeCount }, (_, k) => ({
      id: kubeId(k),
      name: `KUBE Uji ${k + 1}`,
      desa: `Desa ${k + 1}`,
      kecamatan: 'Prambon',
      kabupaten: 'Nganjuk',
      provinsi: 'Jawa Timur',
      businessTypes: ['warung sate'],
    })),
  );
  const facilitators = [FACILITATOR.id, ...Array.from({ length: OTHER_FACILITATORS }, (_, f) => `bsfasil${f + 1}00`)];
  await insertAll(tx, people, [
    { id: 'bsadmin000', name: 'Admin Kabupaten', username: 'bench.admin', role: 'admin', passwordHash: secretHash },
    ...facilitators.map((id, f) => ({
      id,
      name: `Pendamping ${f + 1}`,
      username: f === 0 ? FACILITATOR.username : `bench.fasil${f}`,
      role: 'pendamping' as const,
      passwordHash: secretHash,
    })),
    ...Array.from({ length: kubeCount * MEMBERS_PER_KUBE }, (_, i) => ({
      id: memberId(Math.floor(i / MEMBERS_PER_KUBE), i % MEMBERS_PER_KUBE),
      name: `Anggota ${i + 1}`,
      username: `bench.${i}`,
      role: 'anggota' as const,
      pinHash,
      phone: `08123${String(i).padStart(6, '0')}`,
    })),
  ]);
  // The facilitator's KUBEs first; each other facilitator has ten of the rest.
  const facilitatorOf = (k: number) => facilitators[k < FIELD_KUBES ? 0 : 1 + Math.floor((k - FIELD_KUBES) / 10)];
  await insertAll(
    tx,
    facilitatorAssignments,
    Array.from({ length: kubeCount }, (_, k) => ({ kubeId: kubeId(k), personId: facilitatorOf(k) ?? '' })),
  );
  const everyone = Array.from({ length: kubeCount * MEMBERS_PER_KUBE }, (_, i) => ({
    k: Math.floor(i / MEMBERS_PER_KUBE),
    m: i % MEMBERS_PER_KUBE,
  }));
  await insertAll(
    tx,
    memberships,
    everyone.map(({ k, m }) => ({
      id: `${memberId(k, m)}ms`,
      kubeId: kubeId(k),
      personId: memberId(k, m),
      joinedOn: '2025-06-01',
    })),
  );
  const officers = ['ketua', 'sekretaris', 'bendahara'];
  await insertAll(
    tx,
    positions,
    everyone
      .filter(({ m }) => m < officers.length)
      .map(({ k, m }) => ({
        id: `${memberId(k, m)}pos`,
        kubeId: kubeId(k),
        personId: memberId(k, m),
        jabatanCode: officers[m] ?? 'ketua',
        startDate: '2025-06-01',
      })),
  );
  await insertAll(
    tx,
    itemSets,
    MODULES.map((module, index) => ({ id: index + 1, moduleSlug: module, questionIds: questionsOf(module).join(',') })),
  );
  const setIds = new Map(MODULES.map((module, index) => [module, index + 1]));
  let rows = 0;
  for (let k = 0; k < kubeCount; k++) {
    const history = kubeHistory(
      k,
      k < FIELD_KUBES ? MODULES : MODULES.slice(0, OTHER_MODULES),
      setIds,
      facilitatorOf(k) ?? '',
    );
    await insertAll(tx, workshops, history.workshops);
    await insertAll(tx, workshopAttendance, history.attendance);
    await insertAll(tx, attempts, history.attempts);
    await insertAll(tx, attemptAnswers, history.answers);
    await insertAll(tx, lessonVisits, history.visits);
    await insertAll(tx, lessonCompletions, history.completions);
    await insertAll(tx, moduleProgress, history.progress);
    if (k < FIELD_KUBES) rows += Object.values(history).reduce((sum, list) => sum + list.length, 0);
  }
  return rows;
}

/** What one workshop of 20 members leaves on the laptop: attendance, both tests (retakes), lesson visits. */
export async function writeWorkshopDay(tx: Executor, k: number, module: string, tag: string): Promise<number> {
  const [set] = await tx.all<{ id: number }>(sql`select id from item_sets where module_slug = ${module}`);
  const workshopId = `bsday${tag}`;
  const day = Date.UTC(2026, 11, 1, 1);
  await tx.insert(workshops).values({
    id: workshopId,
    kubeId: kubeId(k),
    moduleSlug: module,
    date: '2026-12-01',
    place: 'Balai desa',
    code: `D${tag}`.slice(0, 6),
    phase: 'selesai',
    createdBy: FACILITATOR.id,
    closedAt: new Date(day + 4 * 3_600_000),
  });
  const lessons = lessonsOf(module);
  const attendance: (typeof workshopAttendance.$inferInsert)[] = [];
  const tests: Attempt[] = [];
  const answers: Answer[] = [];
  const visits: (typeof lessonVisits.$inferInsert)[] = [];
  for (let m = 0; m < MEMBERS_PER_KUBE; m++) {
    const personId = memberId(k, m);
    attendance.push({ workshopId, personId, joinedAt: new Date(day), method: 'pin' });
    for (const kind of ['pre', 'post'] as const) {
      const at = day + (kind === 'pre' ? 0 : 3 * 3_600_000);
      const test = scoredAttempt(crypto.randomUUID(), personId, module, kind, at, set?.id ?? 0, false);
      tests.push(test.attempt);
      answers.push(...test.answers);
    }
    lessons.forEach((lessonId, l) =>
      visits.push({
        id: crypto.randomUUID(),
        personId,
        moduleSlug: module,
        lessonId,
        visitedAt: new Date(day + 3_600_000 + 60_000 * l),
      }),
    );
  }
  await insertAll(tx, workshopAttendance, attendance);
  await insertAll(tx, attempts, tests);
  await insertAll(tx, attemptAnswers, answers);
  await insertAll(tx, lessonVisits, visits);
  const progress = await tx.run(
    sql`update module_progress set last_activity_at = ${day + 7_200_000} where module_slug = ${module}
      and person_id in (select person_id from memberships where kube_id = ${kubeId(k)})`,
  );
  return 1 + attendance.length + tests.length + answers.length + visits.length + progress.rowsAffected;
}

/** The district changes 1,000 rows of the laptop's KUBEs: 200 members' phone numbers, 800 lesson summaries. */
export async function changeDistrictRows(tx: Executor): Promise<number> {
  const field = sql`(select person_id from memberships where kube_id in (select kube_id from facilitator_assignments where person_id = ${FACILITATOR.id}))`;
  const phones = await tx.run(
    sql`update people set phone = '0899' || substr(phone, 5), updated_at = ${Date.now()} where id in ${field}`,
  );
  const summaries = await tx.run(sql`update module_progress set last_activity_at = last_activity_at + 1
    where rowid in (select rowid from module_progress where person_id in ${field} order by person_id, module_slug limit 800)`);
  return phones.rowsAffected + summaries.rowsAffected;
}
