import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts, people, sessions, workshops } from '../../db/schema.ts';
import { createSession } from '../../src/features/auth/session.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { addKube, addPerson, cookieFor } from './helpers/people.ts';

// The fast path (src/fast-path/) answers a tablet's answer saves and heartbeats outside Astro's pipeline. It must
// answer exactly as the pipeline does: the same status, headers and body for the ordinary case, for every
// refusal, and for what it leaves to the pipeline. Two servers on one database file: `fast` with the fast path,
// `astro` started with `--no-fast-path`. Every call goes to `astro` first, then the same call to `fast`.

const KUBE = 'kubefastpath';
const MODULE = 'hakikat-kube';

let fast: RunningApp;
let astro: RunningApp;
let member: string;
let other: string;
let officer: string;
let tablet: string;
let attemptId: string;
let questions: { id: string; options: string[] }[];
let memberId: string;

beforeAll(async () => {
  fast = await startApp();
  astro = await startApp({}, { databaseUrl: fast.databaseUrl, noMigrate: true, noFastPath: true });
  const { connection } = fast;
  await addKube(connection, KUBE, 'KUBE Jalur Cepat');
  await addPerson(connection, 'admin', 'fp.admin', 'Admin-Jalur-Cepat-2026');
  const facilitator = await addPerson(connection, 'pendamping', 'fp.rina', 'Pendamping-Cepat-2026', KUBE);
  memberId = (await addPerson(connection, 'anggota', 'fp.ani', '2468', KUBE)).id;
  const otherId = (await addPerson(connection, 'anggota', 'fp.budi', '1357', KUBE)).id;
  const officerId = (await addPerson(connection, 'pengurus', 'fp.ketua', 'Ketua-Jalur-Cepat-1', KUBE)).id;
  member = await cookieFor(connection, memberId);
  other = await cookieFor(connection, otherId);
  officer = await cookieFor(connection, officerId);
  await connection.db.update(people).set({ mustChangePassword: true }).where(eq(people.id, officerId));
  const workshop = await createWorkshop(
    connection.db,
    { kubeId: KUBE, moduleSlug: MODULE, date: '2026-12-01', place: 'Balai desa', notes: null },
    facilitator.id,
  );
  await connection.db.update(workshops).set({ phase: 'pre_test' }).where(eq(workshops.id, workshop.id));
  const session = await createSession(connection.db, otherId, 'tablet', new Date(), workshop.id);
  tablet = `kube_session=${session.token}`;

  attemptId = crypto.randomUUID();
  const started = await fetch(`${fast.url}/belajar/${MODULE}/tes/pre?_action=assessment.start`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: fast.url, cookie: member, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ attemptId, moduleSlug: MODULE, kind: 'pre' }),
  });
  expect(started.status).toBeLessThan(400);
  const [attempt] = await connection.db.select().from(attempts).where(eq(attempts.id, attemptId));
  questions = (attempt?.items ?? []).map((item) => ({ id: item.questionId, options: item.optionOrder }));
  expect(questions.length).toBeGreaterThan(2);
});

afterAll(async () => {
  await astro.stop();
  await fast.stop();
});

type Call = { path: string; cookie: string; body: string; type?: string; origin?: boolean };

/** What a response says, without what differs by the moment it was sent. */
async function answerOf(app: RunningApp, call: Call) {
  const response = await fetch(`${app.url}${call.path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      ...(call.origin === false ? {} : { origin: app.url }),
      cookie: call.cookie,
      'content-type': call.type ?? 'application/json',
      'accept-encoding': 'gzip',
    },
    body: call.body,
  });
  const headers = Object.fromEntries(
    [...response.headers].filter(([name]) => !['date', 'keep-alive', 'connection'].includes(name)),
  );
  return { status: response.status, headers, body: await response.text() };
}

/** The same call, answered by the pipeline and then by the fast path. */
async function both(call: Call | ((server: 'astro' | 'fast') => Call)) {
  const callFor = (server: 'astro' | 'fast') => (typeof call === 'function' ? call(server) : call);
  const viaAstro = await answerOf(astro, callFor('astro'));
  const viaFast = await answerOf(fast, callFor('fast'));
  return { viaAstro, viaFast };
}

const answeredAt = () => new Date().toISOString();
const save = (body: unknown, cookie = member): Call => ({
  path: '/_actions/assessment.saveAnswers/',
  cookie,
  body: JSON.stringify(body),
});

describe('answer saves and heartbeats on the fast path', () => {
  it('saves an answer and answers as the pipeline does', async () => {
    // A different option on each server, so each save changes one answer.
    const question = questions[0];
    const { viaAstro, viaFast } = await both((server) =>
      save({
        attemptId,
        answers: [
          {
            questionId: question?.id,
            optionId: question?.options[server === 'astro' ? 0 : 1],
            answeredAt: answeredAt(),
          },
        ],
      }),
    );
    expect(viaAstro.status).toBe(200);
    expect(viaAstro.headers['content-type']).toBe('application/json+devalue');
    expect(viaFast).toEqual(viaAstro);
    const [stored] = await fast.connection.client
      .execute({
        sql: 'select option_id from attempt_answers where attempt_id = ? and question_id = ?',
        args: [attemptId, question?.id ?? ''],
      })
      .then((result) => result.rows);
    expect(stored?.['option_id']).toBe(question?.options[1]);
  });

  it.each([
    [
      'an answer time that is no time',
      () => save({ attemptId, answers: [{ questionId: 'q', optionId: 'a', answeredAt: 'kemarin' }] }),
    ],
    ['a field the schema does not know', () => save({ attemptId, answers: [], extra: 1 })],
    ['an attempt that does not exist', () => save({ attemptId: crypto.randomUUID(), answers: [] })],
    ["someone else's attempt", () => save({ attemptId, answers: [] }, other)],
    ['JSON that does not parse', () => ({ ...save({}), body: '{"attemptId":' })],
    ['an empty body', () => ({ ...save({}), body: '' })],
    ['a session that does not exist', () => save({ attemptId, answers: [] }, 'kube_session=abc.def')],
    ['no session', () => save({ attemptId, answers: [] }, '')],
    ['a first password still to change', () => save({ attemptId, answers: [] }, officer)],
    ['a cross-site body type', () => ({ ...save({ attemptId, answers: [] }), type: 'text/plain', origin: false })],
    [
      'a JSON type naming a form type',
      () => ({ ...save({ attemptId, answers: [] }), type: 'application/json; x=text/plain', origin: false }),
    ],
    [
      'the path without its slash',
      () => ({ ...save({ attemptId, answers: [] }), path: '/_actions/assessment.saveAnswers' }),
    ],
    ['a heartbeat from a tablet', () => ({ path: '/_actions/workshop.report', cookie: tablet, body: '{"held":[]}' })],
    [
      'a heartbeat with a bad list',
      () => ({ path: '/_actions/workshop.report', cookie: tablet, body: '{"held":"x"}' }),
    ],
    [
      'a heartbeat from a person, not a tablet',
      () => ({ path: '/_actions/workshop.report', cookie: member, body: '{"held":[]}' }),
    ],
    ["a tablet saving someone else's attempt", () => save({ attemptId, answers: [] }, tablet)],
  ])('answers %s as the pipeline does', async (_, call) => {
    const { viaAstro, viaFast } = await both(call());
    expect(viaFast).toEqual(viaAstro);
  });

  it('leaves a session due for renewal to the pipeline, which renews it and its cookie', async () => {
    // Due again before each call: the first call renews it.
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const token = member.slice('kube_session='.length).split('.')[0] ?? '';
    const renewals: (string | undefined)[] = [];
    for (const app of [astro, fast]) {
      await fast.connection.db.update(sessions).set({ lastVerifiedAt: hourAgo }).where(eq(sessions.id, token));
      const answer = await answerOf(app, save({ attemptId, answers: [] }));
      expect(answer.status).toBe(200);
      renewals.push(answer.headers['set-cookie']);
    }
    expect(renewals[0]).toMatch(/^kube_session=.+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(renewals[1]).toBe(renewals[0]);
  });

  it('answers a tablet of a closed workshop as the pipeline does: signed out', async () => {
    const [row] = await fast.connection.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, tablet.split('=')[1]?.split('.')[0] ?? ''));
    expect(row?.workshopId).toBeTruthy();
    await fast.connection.db
      .update(workshops)
      .set({ phase: 'selesai' })
      .where(eq(workshops.id, row?.workshopId ?? ''));
    const viaAstro = await answerOf(astro, { path: '/_actions/workshop.report', cookie: tablet, body: '{"held":[]}' });
    expect(viaAstro.status).toBe(401);
    // The pipeline deleted that session; the fast path meets the same request and the same answer.
    const viaFast = await answerOf(fast, { path: '/_actions/workshop.report', cookie: tablet, body: '{"held":[]}' });
    expect(viaFast).toEqual(viaAstro);
  });
});
