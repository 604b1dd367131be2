// A module's gain report over 100,000 attempts (50,000 people, a pre-test and a post-test each, 15 questions,
// parallel forms A and B) with 1.5 million stored answers, in a throw-away libSQL file. Times the query and
// the statistics, five runs after one warm-up. Used by `npm run bench` and `npm run bench:report`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Connection, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { attempts, itemSets, kubes, memberships, people } from '../../db/schema.ts';
import { packItemResults } from '../../src/features/assessment/rules.ts';
import { saveAnswers } from '../../src/features/assessment/service.ts';
import { buildReport, buildReportYielding } from '../../src/features/analytics/compute.ts';
import { loadPairs } from '../../src/features/analytics/pairs.ts';

const PEOPLE = 50_000;
const KUBES = 2_500; // 20 members each
const ITEMS = 15;
const MODULE = 'bench-modul';
const BATCH = 500;
const RUNS = 5;
const OPEN_ATTEMPT = '00000000-0000-4000-8000-0000000000ff';

/** A small deterministic generator, so every run measures the same data. */
let seed = 20261128;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const objectiveOf = (q: number) => `obj-${(q % 5) + 1}`;
const formItems = (form: 'A' | 'B') => Array.from({ length: ITEMS }, (_, i) => `${form.toLowerCase()}-q${i + 1}`);

function scoredAttempt(personIndex: number, kind: 'pre' | 'post', form: 'A' | 'B', ability: number) {
  const questionIds = formItems(form);
  const itemResults: Record<string, 0 | 1> = {};
  const byObjective: Record<string, { correct: number; total: number; score: number }> = {};
  let correct = 0;
  questionIds.forEach((questionId, q) => {
    const difficulty = (q + 1) / (ITEMS + 2);
    const right = random() < ability * (1 - difficulty) + 0.15 ? 1 : 0;
    itemResults[questionId] = right;
    correct += right;
    const objective = objectiveOf(q);
    const entry = byObjective[objective] ?? { correct: 0, total: 0, score: 0 };
    entry.correct += right;
    entry.total += 1;
    entry.score = Math.round((1000 * entry.correct) / entry.total) / 10;
    byObjective[objective] = entry;
  });
  const day = kind === 'pre' ? 1 : 20;
  return {
    id: `${String(personIndex).padStart(8, '0')}-0000-4000-8000-${kind === 'pre' ? '000000000001' : '000000000002'}`,
    personId: `benchp${personIndex}`,
    moduleSlug: MODULE,
    kind,
    form,
    items: questionIds.map((questionId, q) => ({ questionId, version: 1, objective: objectiveOf(q), optionOrder: [] })),
    answerKey: Object.fromEntries(questionIds.map((id) => [id, 'a'])),
    startedAt: new Date(Date.UTC(2026, 2, day, 1, 0, 0) + personIndex),
    submittedAt: new Date(Date.UTC(2026, 2, day, 2, 0, 0) + personIndex),
    score: Math.round((1000 * correct) / ITEMS) / 10,
    correct,
    total: ITEMS,
    byObjective,
    itemSetId: form === 'A' ? 1 : 2,
    itemBits: packItemResults(itemResults).bits,
    counted: true,
  };
}

/** The objective of each question, as the content would give it. */
const objectives = new Map([
  [
    MODULE,
    new Map((['A', 'B'] as const).flatMap((form) => formItems(form).map((id, q) => [id, objectiveOf(q)] as const))),
  ],
]);

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export type ReportBench = {
  attempts: number;
  answers: number;
  pairs: number;
  classGain: number | null;
  seededMs: number;
  query: number[];
  statistics: number[];
  total: number[];
  /** Answer saves (ms each) while nothing else runs, and while the report runs as its page runs it. */
  savesAlone: number[];
  savesDuringReport: number[];
};

export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;

/** Saves one answer after another (a tablet every few ms) until `until` settles; the time of each save. */
async function saveWhile(db: Database, until: Promise<unknown>): Promise<number[]> {
  const state = { done: false };
  void until.finally(() => {
    state.done = true;
  });
  const times: number[] = [];
  for (let n = 0; !state.done; n++) {
    const t0 = performance.now();
    const answeredAt = new Date(Date.UTC(2026, 3, 1) + n).toISOString();
    await saveAnswers(
      db,
      {
        attemptId: OPEN_ATTEMPT,
        personId: 'benchp0',
        answers: [{ questionId: 'a-q1', optionId: n % 2 ? 'a' : 'b', answeredAt }],
      },
      new Date(Date.UTC(2026, 3, 1) + n + 1),
    );
    times.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return times;
}

/** Migrates an empty database and fills it with the bench's module: 100,000 attempts, 1.5 million answers. */
export async function seedReportBench({ client, db }: Connection): Promise<{ attempts: number; answers: number }> {
  await migrateDatabase(db);
  for (const form of ['A', 'B'] as const) {
    await db
      .insert(itemSets)
      .values({ id: form === 'A' ? 1 : 2, moduleSlug: MODULE, questionIds: formItems(form).sort().join(',') });
  }
  await db.transaction(async (tx) => {
    for (let k = 0; k < KUBES; k += BATCH) {
      await tx.insert(kubes).values(
        Array.from({ length: Math.min(BATCH, KUBES - k) }, (_, i) => ({
          id: `benchkube${k + i}`,
          name: `KUBE ${k + i}`,
          desa: 'X',
          kecamatan: 'X',
          kabupaten: 'X',
          provinsi: 'X',
        })),
      );
    }
    for (let p = 0; p < PEOPLE; p += BATCH) {
      const range = Array.from({ length: BATCH }, (_, i) => p + i);
      await tx.insert(people).values(
        range.map((i) => ({
          id: `benchp${i}`,
          name: `Anggota ${i}`,
          username: `bench.${i}`,
          role: 'anggota' as const,
        })),
      );
      await tx.insert(memberships).values(
        range.map((i) => ({
          id: `benchm${i}`,
          kubeId: `benchkube${i % KUBES}`,
          personId: `benchp${i}`,
          joinedOn: '2025-01-01',
        })),
      );
      const rows = range.flatMap((i) => {
        const ability = random();
        const preForm = i % 2 === 0 ? 'A' : 'B';
        const postForm = preForm === 'A' ? 'B' : 'A';
        return [scoredAttempt(i, 'pre', preForm, ability * 0.6), scoredAttempt(i, 'post', postForm, ability)];
      });
      await tx.insert(attempts).values(rows);
    }
  });
  // Every attempt's 15 answers, written by SQLite itself from the attempts' items (1.5 million rows). The report
  // does not read them (it reads item_bits); they are here so the database has its real size.
  await client.execute(`
      insert into attempt_answers (attempt_id, question_id, option_id, answered_at, received_at)
      select a.id, json_extract(item.value, '$.questionId'),
        'a',
        a.started_at, a.started_at
      from attempts a, json_each(a.items) item`);
  const [{ n: answers } = { n: 0 }] = await db.all<{ n: number }>(sql`select count(*) as n from attempt_answers`);
  const [{ n: attemptCount } = { n: 0 }] = await db.all<{ n: number }>(sql`select count(*) as n from attempts`);
  return { attempts: attemptCount, answers };
}

export async function benchReport(): Promise<ReportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'kube-bench-report-'));
  const connection = await openDatabase({ url: `file:${join(dir, 'report.db')}` });
  const { client, db } = connection;
  try {
    const seedStart = performance.now();
    const { attempts: attemptCount, answers } = await seedReportBench(connection);
    const seeded = performance.now() - seedStart;

    const query: number[] = [];
    const statistics: number[] = [];
    let pairs = 0;
    let g: number | null = null;
    for (let run = 0; run <= RUNS; run++) {
      const t0 = performance.now();
      const loaded = await loadPairs(db, { moduleSlug: MODULE });
      const t1 = performance.now();
      const report = buildReport(loaded, undefined, objectives);
      const t2 = performance.now();
      if (run === 0) continue; // warm-up: the first run also fills SQLite's page cache
      query.push(t1 - t0);
      statistics.push(t2 - t1);
      pairs = report.n;
      g = report.classGain;
    }
    const total = query.map((q, i) => q + (statistics[i] ?? 0));

    // A tablet saving answers while the report page builds the same report (as the page does, yielding).
    await db.insert(attempts).values({
      ...scoredAttempt(0, 'post', 'A', 0.5),
      id: OPEN_ATTEMPT,
      kind: 'post',
      counted: false,
      submittedAt: null,
      items: formItems('A').map((questionId, q) => ({
        questionId,
        version: 1,
        objective: objectiveOf(q),
        optionOrder: ['a', 'b'],
      })),
    });
    const savesAlone = await saveWhile(db, new Promise((resolve) => setTimeout(resolve, 1000)));
    const savesDuringReport: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const report = loadPairs(db, { moduleSlug: MODULE }).then((loaded) =>
        buildReportYielding(loaded, undefined, objectives),
      );
      savesDuringReport.push(...(await saveWhile(db, report)));
    }
    return {
      attempts: attemptCount,
      answers,
      pairs,
      classGain: g,
      seededMs: seeded,
      query,
      statistics,
      total,
      savesAlone,
      savesDuringReport,
    };
  } finally {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
