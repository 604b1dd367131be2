// A throw-away district for `npm run bench:district` and the page budgets in the tests: KUBEs and people
// imported from a spreadsheet (timed), then a year of the program written straight into the file — every
// person's pre- and post-test of several modules with real question ids, every answer, progress, closed
// workshops with their attendance, two capacity assessments and the facts of every KUBE — and the staff who
// read it: an admin and one facilitator for every 20 KUBEs, each with a session.
import { readdirSync, readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { parse } from 'yaml';
import type { Connection, Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import {
  attempts,
  capacityAssessments,
  capacityScores,
  facilitatorAssignments,
  itemSets,
  kubeChannels,
  kubePartnerships,
  kubeProducts,
  kubeTurnover,
  kubes,
  memberships,
  moduleProgress,
  people,
  positions,
  workshopAttendance,
  workshops,
} from '../../db/schema.ts';
import { packItemResults } from '../../src/features/assessment/rules.ts';
import { createSession } from '../../src/features/auth/session.ts';
import { applyImport } from '../../src/features/district-import/apply.ts';
import { readImportFile } from '../../src/features/district-import/read-file.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { districtCsv, districtRows } from './district-sheet.ts';

/** How big: KUBEs, people in each, and how many modules every person has taken a pre- and post-test of. */
export type DistrictScale = { kubes: number; perKube: number; modules: number };

/** The district: 1,000 KUBEs, 15,000 people, 300,000 submitted attempts of 15 answers each. */
export const FULL_DISTRICT: DistrictScale = { kubes: 1000, perKube: 15, modules: 10 };

/** Modules in the order a district takes them; most have parallel forms of 15 questions. */
const MODULES = [
  'hakikat-kube',
  'aturan-kelompok',
  'manajemen-kube',
  'keuangan-usaha',
  'tugas-pengurus',
  'divisi-kube',
  'bantuan-uep',
  'peran-pendamping',
  'keuangan-kube',
  'usaha-pasar',
] as const;
const BATCH = 500;
const YEAR = 2026;

type Question = {
  id: string;
  version: number;
  objective: string;
  form: 'A' | 'B';
  type?: 'number';
  correct?: string;
  answer?: number;
};

function formsOf(slug: string): Record<'A' | 'B', Question[]> {
  const file = parse(readFileSync(`content/questions/${slug}.yaml`, 'utf8')) as { questions: Question[] };
  const sorted = [...file.questions].sort((a, b) => (a.id < b.id ? -1 : 1)); // as packItemResults sorts
  return { A: sorted.filter((q) => q.form === 'A'), B: sorted.filter((q) => q.form === 'B') };
}

const lessonsIn = (slug: string) => readdirSync(`content/lessons/${slug}`).filter((f) => f.endsWith('.md')).length;

function rubricItems(): string[] {
  const rubric = parse(readFileSync('content/rubrics/kapasitas-kube.yaml', 'utf8')) as {
    version: number;
    dimensions: { items: { id: string }[] }[];
  };
  return rubric.dimensions.flatMap((d) => d.items.map((item) => item.id));
}
const RUBRIC_VERSION = (parse(readFileSync('content/rubrics/kapasitas-kube.yaml', 'utf8')) as { version: number })
  .version;

/** A small deterministic generator, so every run measures the same data. */
let seed = 20261202;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

export type District = {
  scale: DistrictScale;
  /** Reading and importing the sheet (hashing every new PIN and password included). */
  importMs: number;
  seedMs: number;
  /** Signed in: the admin, the first facilitator, and an officer of the first KUBE (their home has the path). */
  cookies: { admin: string; facilitator: string; officer: string };
  /** One of everything a page needs in its address, in the facilitator's first KUBE. */
  sample: { kubeId: string; personId: string; officerId: string; workshopId: string; assessmentId: string };
  modules: readonly string[];
  counts: { kubes: number; people: number; attempts: number; answers: number };
};

const cookieOf = (token: string) => `kube_session=${token}`;

async function count(db: Database, table: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql.raw(`select count(*) as n from ${table}`));
  return row?.n ?? 0;
}

/** Inserts `rows` in slices small enough for SQLite's bound-parameter limit. */
async function insertAll<T>(rows: readonly T[], insert: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

async function importSheet(db: Database, scale: DistrictScale): Promise<number> {
  const start = performance.now();
  const read = await readImportFile(districtCsv(districtRows(scale.kubes, scale.perKube)));
  if (!read.ok) throw new Error('the district sheet is unreadable');
  const result = await applyImport(db, read.rows);
  if (result.plan.errors.length > 0) throw new Error(`the district sheet has errors: ${result.plan.errors.length}`);
  return performance.now() - start;
}

type Member = { personId: string; kubeId: string; index: number };

async function loadMembers(db: Database): Promise<Member[]> {
  const rows = await db
    .select({ personId: memberships.personId, kubeId: memberships.kubeId, name: kubes.name })
    .from(memberships)
    .innerJoin(kubes, eq(kubes.id, memberships.kubeId))
    .orderBy(memberships.personId);
  const index = (name: string) => Number(name.replace('KUBE Bench ', ''));
  return rows.map((row) => ({ personId: row.personId, kubeId: row.kubeId, index: index(row.name) }));
}

/** An admin and one facilitator per 20 KUBEs (in sheet order), each signed in. */
async function addStaff(db: Database, kubeIds: string[]) {
  const facilitators = Math.max(1, Math.ceil(kubeIds.length / 20));
  await db.insert(people).values([
    { id: 'bench-admin', name: 'Admin Kabupaten', username: 'admin.bench', role: 'admin' as const },
    ...Array.from({ length: facilitators }, (_, f) => ({
      id: `bench-pendamping-${f}`,
      name: `Pendamping ${f + 1}`,
      username: `pendamping.${f}`,
      role: 'pendamping' as const,
    })),
  ]);
  await insertAll(
    kubeIds.map((kubeId, k) => ({ kubeId, personId: `bench-pendamping-${Math.floor(k / 20)}` })),
    (slice) => db.insert(facilitatorAssignments).values(slice),
  );
  return {
    admin: cookieOf((await createSession(db, 'bench-admin', 'bench')).token),
    facilitator: cookieOf((await createSession(db, 'bench-pendamping-0', 'bench')).token),
  };
}

function attemptRow(member: Member, slug: string, kind: 'pre' | 'post', form: 'A' | 'B', questions: Question[]) {
  const ability = kind === 'pre' ? 0.35 + random() * 0.3 : 0.55 + random() * 0.4;
  const itemResults: Record<string, 0 | 1> = {};
  const byObjective: Record<string, { correct: number; total: number; score: number }> = {};
  let correct = 0;
  for (const q of questions) {
    const right = random() < ability ? 1 : 0;
    itemResults[q.id] = right;
    correct += right;
    const entry = byObjective[q.objective] ?? { correct: 0, total: 0, score: 0 };
    entry.correct += right;
    entry.total += 1;
    entry.score = Math.round((1000 * entry.correct) / entry.total) / 10;
    byObjective[q.objective] = entry;
  }
  const month = MODULES.indexOf(slug as (typeof MODULES)[number]);
  const day = Date.UTC(YEAR, month, kind === 'pre' ? 3 : 24, 2) + (member.index % 1000) * 60_000;
  return {
    id: crypto.randomUUID(),
    personId: member.personId,
    moduleSlug: slug,
    kind,
    form,
    items: questions.map((q) => ({
      questionId: q.id,
      version: q.version,
      objective: q.objective,
      ...(q.type === 'number' ? { optionOrder: [], type: 'number' as const } : { optionOrder: ['a', 'b', 'c', 'd'] }),
    })),
    answerKey: Object.fromEntries(questions.map((q) => [q.id, String(q.correct ?? q.answer ?? '')])),
    startedAt: new Date(day),
    submittedAt: new Date(day + 20 * 60_000),
    score: Math.round((1000 * correct) / questions.length) / 10,
    correct,
    total: questions.length,
    byObjective,
    itemBits: packItemResults(itemResults).bits,
    counted: true,
  };
}

/** Every person's pre- and post-test of the district's modules, their answers and their progress. */
async function addAttempts(connection: Connection, members: Member[], modules: readonly string[]): Promise<void> {
  const { client, db } = connection;
  for (const slug of modules) {
    const forms = formsOf(slug);
    const setIds: Record<'A' | 'B', number> = { A: 0, B: 0 };
    for (const form of ['A', 'B'] as const) {
      const questionIds = forms[form]
        .map((q) => q.id)
        .sort()
        .join(',');
      const [set] = await db.insert(itemSets).values({ moduleSlug: slug, questionIds }).returning({ id: itemSets.id });
      setIds[form] = set?.id ?? 0;
    }
    const lessons = lessonsIn(slug);
    for (let m = 0; m < members.length; m += 2000) {
      const slice = members.slice(m, m + 2000);
      const rows = slice.flatMap((member, i) => {
        const pre: 'A' | 'B' = (m + i) % 2 === 0 ? 'A' : 'B';
        const post: 'A' | 'B' = pre === 'A' ? 'B' : 'A';
        return [
          { ...attemptRow(member, slug, 'pre', pre, forms[pre]), itemSetId: setIds[pre] },
          { ...attemptRow(member, slug, 'post', post, forms[post]), itemSetId: setIds[post] },
        ];
      });
      await db.transaction(async (tx) => {
        await insertAll(rows, (part) => tx.insert(attempts).values(part));
        await insertAll(
          slice.map((member) => ({
            personId: member.personId,
            moduleSlug: slug,
            progress: 1,
            state: 'materi_selesai' as const,
            lessonsCompleted: lessons,
            lessonsTotal: lessons,
            lastActivityAt: new Date(Date.UTC(YEAR, MODULES.indexOf(slug as (typeof MODULES)[number]), 24)),
          })),
          (part) => tx.insert(moduleProgress).values(part),
        );
      });
    }
    // The answers, written by SQLite itself from the attempts' items: the key's option when the item's bit is 1
    // (the bits follow the sorted question ids, as do a form's items here), else a wrong one.
    await client.execute({
      sql: `insert into attempt_answers (attempt_id, question_id, option_id, answered_at, received_at)
        select id, question_id,
          case when right then key when type = 'number' then key + 1 when key = 'a' then 'b' else 'a' end,
          at, at
        from (
          select a.id, json_extract(item.value, '$.questionId') as question_id,
            json_extract(item.value, '$.type') as type,
            substr(a.item_bits, item.key + 1, 1) = '1' as right,
            json_extract(a.answer_key, '$."' || json_extract(item.value, '$.questionId') || '"') as key,
            a.started_at + item.key * 60000 as at
          from attempts a, json_each(a.items) item where a.module_slug = ?
        )`,
      args: [slug],
    });
  }
}

/** Per KUBE: a closed workshop per module with every member present, two capacity assessments, facts. */
async function addKubeRecords(db: Database, kubeIds: string[], members: Member[], modules: readonly string[]) {
  const byKube = new Map<string, string[]>();
  for (const member of members) byKube.set(member.kubeId, [...(byKube.get(member.kubeId) ?? []), member.personId]);
  const items = rubricItems();
  for (let k = 0; k < kubeIds.length; k += 100) {
    const slice = kubeIds.slice(k, k + 100);
    await db.transaction(async (tx) => {
      const shops = slice.flatMap((kubeId, i) =>
        modules.map((slug, m) => ({
          id: `bench-ws-${k + i}-${m}`,
          kubeId,
          moduleSlug: slug,
          date: `${YEAR}-${String(m + 1).padStart(2, '0')}-10`,
          place: 'Balai desa',
          notes: null,
          code: 'BENCHW',
          phase: 'selesai' as const,
          createdBy: `bench-pendamping-${Math.floor((k + i) / 20)}`,
          closedAt: new Date(Date.UTC(YEAR, m, 10, 6)),
        })),
      );
      await insertAll(shops, (part) => tx.insert(workshops).values(part));
      await insertAll(
        shops.flatMap((shop) =>
          (byKube.get(shop.kubeId) ?? []).map((personId) => ({
            workshopId: shop.id,
            personId,
            joinedAt: shop.closedAt,
            method: 'pin' as const,
          })),
        ),
        (part) => tx.insert(workshopAttendance).values(part),
      );
      const assessments = slice.flatMap((kubeId, i) =>
        [`${YEAR}-01-15`, `${YEAR}-11-15`].map((assessedOn, n) => ({
          id: `bench-ca-${k + i}-${n}`,
          kubeId,
          rubricSlug: 'kapasitas-kube',
          rubricVersion: RUBRIC_VERSION,
          assessedOn,
          notes: null,
          assessedBy: `bench-pendamping-${Math.floor((k + i) / 20)}`,
        })),
      );
      await insertAll(assessments, (part) => tx.insert(capacityAssessments).values(part));
      await insertAll(
        assessments.flatMap((a, n) =>
          items.map((itemId) => ({
            assessmentId: a.id,
            itemId,
            score: Math.min(4, 1 + (n % 2) + Math.floor(random() * 3)),
          })),
        ),
        (part) => tx.insert(capacityScores).values(part),
      );
      await insertAll(
        slice.flatMap((kubeId, i) => [
          {
            id: `bench-ch-${k + i}-0`,
            kubeId,
            channel: 'pasar' as const,
            detail: 'Pasar desa',
            startedOn: `${YEAR}-01-05`,
            endedOn: null,
          },
          {
            id: `bench-ch-${k + i}-1`,
            kubeId,
            channel: 'whatsapp' as const,
            detail: null,
            startedOn: `${YEAR}-06-01`,
            endedOn: null,
          },
        ]),
        (part) => tx.insert(kubeChannels).values(part),
      );
      await insertAll(
        slice.map((kubeId, i) => ({
          id: `bench-pr-${k + i}`,
          kubeId,
          name: 'Keripik singkong',
          note: null,
          startedOn: `${YEAR}-02-01`,
          endedOn: null,
        })),
        (part) => tx.insert(kubeProducts).values(part),
      );
      await insertAll(
        slice.map((kubeId, i) => ({
          id: `bench-pt-${k + i}`,
          kubeId,
          partner: 'BUMDes setempat',
          type: 'bumdes' as const,
          since: `${YEAR}-04-01`,
          status: 'aktif' as const,
          endedOn: null,
          note: null,
        })),
        (part) => tx.insert(kubePartnerships).values(part),
      );
      await insertAll(
        slice.flatMap((kubeId) =>
          Array.from({ length: 11 }, (_, m) => ({
            kubeId,
            month: `${YEAR}-${String(m + 1).padStart(2, '0')}`,
            amount: 1_000_000 + Math.floor(random() * 4_000_000),
            recordedAt: new Date(Date.UTC(YEAR, m + 1, 1)),
          })),
        ),
        (part) => tx.insert(kubeTurnover).values(part),
      );
    });
  }
}

/** Builds the district in an empty database; `log` hears each step. */
export async function seedDistrict(
  connection: Connection,
  scale: DistrictScale,
  log: (line: string) => void = () => {},
): Promise<District> {
  const { db } = connection;
  const start = performance.now();
  await migrateDatabase(db);
  log(`importing ${(scale.kubes * scale.perKube).toLocaleString('en')} rows…`);
  const importMs = await importSheet(db, scale);
  // The import dates memberships and positions today; this district's year of records began before.
  await db.update(memberships).set({ joinedOn: `${YEAR - 1}-12-01` });
  await db.update(positions).set({ startDate: `${YEAR - 1}-12-01` });
  const members = await loadMembers(db);
  const kubeIds = [...new Set(members.sort((a, b) => a.index - b.index).map((m) => m.kubeId))];
  const cookies = await addStaff(db, kubeIds);
  const modules = MODULES.slice(0, Math.min(MODULES.length, scale.modules));
  log(`writing ${(members.length * modules.length * 2).toLocaleString('en')} attempts and their answers…`);
  await addAttempts(connection, members, modules);
  log('writing workshops, assessments and facts…');
  await addKubeRecords(db, kubeIds, members, modules);
  const kubeId = kubeIds[0] ?? '';
  const [officer] = await db.all<{ id: string }>(
    sql`select p.id from people p join memberships m on m.person_id = p.id where m.kube_id = ${kubeId} and p.role = 'pengurus' limit 1`,
  );
  const personId = members.find((m) => m.kubeId === kubeId)?.personId ?? '';
  const officerId = officer?.id ?? personId;
  // The officer has changed the first password from the sheet, so the home page answers, not the change form.
  await db.update(people).set({ mustChangePassword: false }).where(eq(people.id, officerId));
  const signedIn = { ...cookies, officer: cookieOf((await createSession(db, officerId, 'bench')).token) };
  const open = await createWorkshop(
    db,
    { kubeId, moduleSlug: modules[0] ?? 'hakikat-kube', date: `${YEAR}-12-01`, place: 'Balai desa', notes: null },
    'bench-pendamping-0',
  );
  const counts = {
    kubes: await count(db, 'kubes'),
    people: await count(db, 'people'),
    attempts: await count(db, 'attempts'),
    answers: await count(db, 'attempt_answers'),
  };
  return {
    scale,
    importMs,
    seedMs: performance.now() - start,
    cookies: signedIn,
    sample: { kubeId, personId, officerId, workshopId: open.id, assessmentId: 'bench-ca-0-1' },
    modules,
    counts,
  };
}
