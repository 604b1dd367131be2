import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptAnswers, attempts, kubes, memberships, people, workshops } from '../../db/schema.ts';
import { hashSecret } from '../../src/features/auth/password.ts';
import { generateCode } from '../../src/features/workshop/rules.ts';
import { startApp, type RunningApp } from './helpers/app.ts';

// Durability: the server is killed with SIGKILL (no shutdown, no flush) in the middle of a 60-tablet pre-test,
// started again on the same port and database, and every answer a tablet saw acknowledged must be stored
// exactly once. The tablets behave like the test player (use-attempt.ts, answer-store.ts, sync.ts): an answer
// stays on the device until a 2xx response confirms it, one batch is in flight at a time, a failed batch is
// sent again after a pause, and the submission carries every answer and is resent until it is confirmed.

const TABLETS = 60;
const QUESTIONS = 15;
const MODULE = 'hakikat-kube';
const KUBE = 'faultkube1';
const PIN = '2468';
/** The kill comes once this many answers are acknowledged (of 60 × 15), so it lands mid-load. */
const KILL_AFTER_ACKED = 200;
/** How long the server stays dead before it is started again. */
const OUTAGE_MS = 1_000;
/** Pauses between tries, shorter than the player's (1 s … 15 s) to keep the test quick. */
const BACKOFF_MS = [100, 200, 300, 500] as const;
/** Answers per request, as in sync.ts. */
const MAX_BATCH = 100;
/** How fetch names a connection refused, reset or closed mid-response. */
const CONNECTION_LOST = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']);

type Answer = { questionId: string; optionId: string; answeredAt: string };
type StoredAnswer = { optionId: string; answeredAt: number; receivedAt: number };

type Tablet = {
  personId: string;
  cookie: string;
  attemptId: string;
  items: { questionId: string; optionOrder: string[] }[];
  /** The device's answer per question id. */
  given: Map<string, Answer>;
  /** When the server first confirmed each answer, per question id; an answer missing here is pending. */
  ackedAt: Map<string, number>;
  /** The submission as the server confirmed it. */
  submitted: { score: number; at: number } | null;
};

/** Where the server was when a request was sent: up, killed, or started again. */
type Phase = 'load' | 'down' | 'restarted';

let app: RunningApp;
let tablets: Tablet[] = [];
let phase: Phase = 'load';
let acked = 0;
const requests = {
  sent: { load: 0, down: 0, restarted: 0 } satisfies Record<Phase, number>,
  failed: { load: 0, down: 0, restarted: 0 } satisfies Record<Phase, number>,
  causes: new Map<string, number>(),
};

/** The fault, once set off, and what was known at its moments. */
let fault: Promise<void> | null = null;
/** Why the tablets must stop: the fault failed, or the test ended without them. */
let halted: Error | null = null;
let atKill = { acked: 0, pending: 0 };
/** Answers the killed server confirmed, and the database as the killed server left it. */
let confirmedByKilled: { tablet: Tablet; answer: Answer; ackedAt: number }[] = [];
let storedWhileDown = new Map<string, StoredAnswer>();

const personIdOf = (i: number) => `faultmember${i}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (from: number, to: number) => from + Math.random() * (to - from);
const backoff = (failures: number) => BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1] ?? 500;
const countGiven = () => tablets.reduce((sum, tablet) => sum + tablet.given.size, 0);

beforeAll(async () => {
  // Its own process group: the SIGKILL must hit the process that serves, whichever process that is.
  app = await startApp({}, { ownProcessGroup: true });
  const { db } = app.connection;
  // One hash for everyone: hashing costs ~50 ms, and the PIN is the same for all.
  const pinHash = await hashSecret(PIN);
  await db
    .insert(kubes)
    .values({ id: KUBE, name: 'KUBE Uji Gangguan', desa: 'X', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' });
  // An admin too: until one exists, every path leads to the first-run page.
  await db.insert(people).values([
    { id: 'faultadmin1', name: 'Admin', username: 'fault.admin', role: 'admin', passwordHash: pinHash },
    ...Array.from({ length: TABLETS }, (_, i) => ({
      id: personIdOf(i),
      name: `Anggota ${String(i).padStart(2, '0')}`,
      username: `fault.${i}`,
      role: 'anggota' as const,
      pinHash,
    })),
  ]);
  await db.insert(memberships).values(
    Array.from({ length: TABLETS }, (_, i) => ({
      id: `faultms${i}`,
      kubeId: KUBE,
      personId: personIdOf(i),
      joinedOn: '2024-01-01',
    })),
  );
});
afterAll(async () => {
  halted ??= new Error('The test ended.');
  await fault;
  await app.stop();
});

/** A tablet joins the workshop with the member's PIN and opens the pre-test, over HTTP. */
async function joinAndStart(code: string, i: number): Promise<Tablet> {
  const form = (body: Record<string, string>, cookie = '') => ({
    method: 'POST',
    redirect: 'manual' as const,
    headers: { origin: app.origin, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  });
  const personId = personIdOf(i);
  const joined = await fetch(
    `${app.url}/gabung/${code}/${personId}?_action=workshop.join`,
    form({ code, personId, pin: PIN }),
  );
  const cookie = /kube_session=[^;]+/.exec(joined.headers.getSetCookie().join(';'))?.[0];
  if (cookie === undefined) throw new Error(`${personId} could not join (${joined.status})`);
  const attemptId = crypto.randomUUID();
  const started = await fetch(
    `${app.url}/belajar/${MODULE}/tes/pre?_action=assessment.start`,
    form({ attemptId, moduleSlug: MODULE, kind: 'pre' }, cookie),
  );
  // The player gets its questions with the page; here they are read where the server keeps them.
  const attempt = await app.connection.db.query.attempts.findFirst({ where: (a, { eq }) => eq(a.id, attemptId) });
  if (!attempt) throw new Error(`${personId} could not start the pre-test (${started.status})`);
  return {
    personId,
    cookie,
    attemptId,
    items: attempt.items.map(({ questionId, optionOrder }) => ({ questionId, optionOrder })),
    given: new Map(),
    ackedAt: new Map(),
    submitted: null,
  };
}

/**
 * One action call as the player makes it: the response body when the server confirmed (2xx), null after a
 * failure worth trying again (no connection, a cut connection, a timeout, a 5xx). A refusal (4xx) would put
 * an error on the tablet's screen, so here it ends the test.
 */
async function callAction(tablet: Tablet, action: string, body: unknown): Promise<string | null> {
  const sentIn = phase;
  requests.sent[sentIn] += 1;
  const fail = (cause: string) => {
    requests.failed[sentIn] += 1;
    requests.causes.set(cause, (requests.causes.get(cause) ?? 0) + 1);
    return null;
  };
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${app.url}/_actions/assessment.${action}`, {
      method: 'POST',
      headers: {
        origin: app.origin,
        cookie: tablet.cookie,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    text = await response.text();
  } catch (error) {
    // fetch says "fetch failed"; the cause names it: ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET…
    const cause: unknown = error instanceof Error ? error.cause : undefined;
    return fail(cause instanceof Error && 'code' in cause ? String(cause.code) : String(error));
  }
  if (response.status >= 500) return fail(`HTTP ${response.status}`);
  if (!response.ok) throw new Error(`${action} refused for ${tablet.personId} (${response.status}): ${text}`);
  return text;
}

/** Astro encodes an action's result with devalue: `[{"resultUrl":1,"score":2},"/belajar/…",66.7]`. */
function scoreOf(body: string): number {
  const encoded = JSON.parse(body) as [Record<string, number>, ...unknown[]];
  const score = encoded[encoded[0]['score'] ?? 0];
  if (typeof score !== 'number') throw new Error(`no score in ${body}`);
  return score;
}

/** Marks answers as confirmed; the 200th confirmation sets off the fault. */
function confirm(tablet: Tablet, answers: readonly Answer[]) {
  const now = Date.now();
  for (const answer of answers) {
    if (tablet.ackedAt.has(answer.questionId)) continue;
    tablet.ackedAt.set(answer.questionId, now);
    acked += 1;
  }
  if (acked >= KILL_AFTER_ACKED) {
    fault ??= crashAndRestart().catch((error: unknown) => {
      halted = error instanceof Error ? error : new Error(String(error));
    });
  }
}

/** The background sender: the answers not confirmed yet, one batch at a time, until the submission is in. */
async function keepSaving(tablet: Tablet) {
  let failures = 0;
  while (tablet.submitted === null) {
    if (halted) throw halted;
    const batch = [...tablet.given.values()].filter((a) => !tablet.ackedAt.has(a.questionId)).slice(0, MAX_BATCH);
    if (batch.length === 0) {
      await sleep(20);
      continue;
    }
    const body = await callAction(tablet, 'saveAnswers', { attemptId: tablet.attemptId, answers: batch });
    if (body === null) {
      failures += 1;
      await sleep(backoff(failures));
    } else {
      failures = 0;
      confirm(tablet, batch);
    }
  }
}

/** Answers every question with a person's pauses, then presses "Kumpulkan" until the server confirms it. */
async function answerAndSubmit(tablet: Tablet) {
  for (const item of tablet.items) {
    await sleep(between(60, 240));
    const optionId = item.optionOrder[Math.floor(Math.random() * item.optionOrder.length)] ?? '';
    tablet.given.set(item.questionId, { questionId: item.questionId, optionId, answeredAt: new Date().toISOString() });
  }
  await sleep(between(100, 300));
  for (let failures = 1; ; failures++) {
    if (halted) throw halted;
    const answers = [...tablet.given.values()];
    const body = await callAction(tablet, 'submit', { attemptId: tablet.attemptId, answers });
    if (body !== null) {
      confirm(tablet, answers);
      tablet.submitted = { score: scoreOf(body), at: Date.now() };
      return;
    }
    await sleep(backoff(failures));
  }
}

async function readStoredAnswers(): Promise<Map<string, StoredAnswer>> {
  const rows = await app.connection.db.select().from(attemptAnswers);
  return new Map(
    rows.map((row) => [
      `${row.attemptId}/${row.questionId}`,
      { optionId: row.optionId, answeredAt: row.answeredAt.getTime(), receivedAt: row.receivedAt.getTime() },
    ]),
  );
}

/** SIGKILL mid-load, a pause with the server dead, then the same server on the same port and database. */
async function crashAndRestart() {
  atKill = { acked, pending: countGiven() - acked };
  phase = 'down';
  await app.kill('SIGKILL');
  await sleep(OUTAGE_MS);
  // Nothing writes now, and every confirmation so far came from the killed server.
  confirmedByKilled = tablets.flatMap((tablet) =>
    [...tablet.ackedAt].map(([questionId, ackedAt]) => {
      const answer = tablet.given.get(questionId);
      if (!answer) throw new Error(`${tablet.personId}: ${questionId} confirmed but never given`);
      return { tablet, answer, ackedAt };
    }),
  );
  storedWhileDown = await readStoredAnswers();
  phase = 'restarted';
  await app.restart();
}

/** One confirmed answer against its stored row: there, as the tablet gave it, and written only once. */
function expectStoredOnce(stored: Map<string, StoredAnswer>, tablet: Tablet, answer: Answer, ackedAt: number) {
  const row = stored.get(`${tablet.attemptId}/${answer.questionId}`);
  expect(row, `${tablet.personId} ${answer.questionId}`).toMatchObject({
    optionId: answer.optionId,
    answeredAt: Date.parse(answer.answeredAt),
  });
  // Received before it was first confirmed: no resend after the restart wrote it again.
  expect(row?.receivedAt, `${tablet.personId} ${answer.questionId} written again`).toBeLessThanOrEqual(ackedAt);
}

describe('a server killed in the middle of a workshop pre-test', () => {
  it('keeps every answer a tablet saw acknowledged, exactly once, after a SIGKILL and a restart', async () => {
    const started = performance.now();
    const code = generateCode();
    await app.connection.db.insert(workshops).values({
      id: 'faultworkshop1',
      code,
      kubeId: KUBE,
      moduleSlug: MODULE,
      date: '2026-12-01',
      place: 'Balai desa',
      phase: 'pre_test',
    });
    tablets = await Promise.all(Array.from({ length: TABLETS }, (_, i) => joinAndStart(code, i)));
    expect(tablets.map((tablet) => tablet.items.length)).toEqual(Array<number>(TABLETS).fill(QUESTIONS));

    await Promise.all(tablets.flatMap((tablet) => [keepSaving(tablet), answerAndSubmit(tablet)]));
    await fault;
    if (halted) throw halted;
    const unconfirmedStored = [...storedWhileDown.keys()].length - confirmedByKilled.length;
    console.log(
      `Fault test, ${((performance.now() - started) / 1000).toFixed(1)} s: SIGKILL with ${atKill.acked} answers ` +
        `acknowledged and ${atKill.pending} waiting on the tablets; ${confirmedByKilled.length} acknowledged by the ` +
        `killed server in all, ${unconfirmedStored} more stored but never acknowledged. Requests sent per phase ` +
        `${JSON.stringify(requests.sent)}, failed ${JSON.stringify(requests.failed)}: ` +
        [...requests.causes].map(([cause, n]) => `${cause} ×${n}`).join(', '),
    );

    // The kill came mid-load: answers were confirmed, others still waiting, and the tablets met a dead server.
    expect(atKill.acked).toBeGreaterThanOrEqual(KILL_AFTER_ACKED);
    expect(atKill.pending).toBeGreaterThan(0);
    expect(confirmedByKilled.length).toBeLessThan(TABLETS * QUESTIONS);
    expect(requests.failed.down).toBeGreaterThan(0);
    expect(requests.failed.down).toBe(requests.sent.down);
    // A request in flight at the kill fails as a lost connection — there may be none: the kill waits for a count
    // of acknowledgements, not for a request to be on its way (one run in the full suite found none). Every
    // failure was a lost connection, never an error from a server.
    expect([...requests.causes.keys()].filter((cause) => !CONNECTION_LOST.has(cause))).toEqual([]);

    // What the killed server confirmed was in the database before the restart, as the tablets gave it.
    for (const { tablet, answer, ackedAt } of confirmedByKilled)
      expectStoredOnce(storedWhileDown, tablet, answer, ackedAt);

    // In the end every answer of every tablet is confirmed and stored once, and nothing else is stored.
    const stored = await readStoredAnswers();
    for (const tablet of tablets) {
      expect(tablet.ackedAt.size).toBe(QUESTIONS);
      for (const answer of tablet.given.values()) {
        expectStoredOnce(stored, tablet, answer, tablet.ackedAt.get(answer.questionId) ?? 0);
      }
    }
    const counts = await app.connection.client.execute(
      `SELECT count(*) AS rows_, (SELECT count(*) FROM (SELECT DISTINCT attempt_id, question_id FROM attempt_answers)) AS distinct_
       FROM attempt_answers`,
    );
    expect(counts.rows[0]).toMatchObject({ rows_: TABLETS * QUESTIONS, distinct_: TABLETS * QUESTIONS });

    // One attempt per tablet, submitted once with the score the tablet was shown; a second submission
    // would have been stored as not counted.
    const rows = await app.connection.db
      .select()
      .from(attempts)
      .where(
        inArray(
          attempts.personId,
          tablets.map((tablet) => tablet.personId),
        ),
      );
    expect(rows).toHaveLength(TABLETS);
    for (const tablet of tablets) {
      const row = rows.find((attempt) => attempt.id === tablet.attemptId);
      expect(row).toMatchObject({ counted: true, total: QUESTIONS, score: tablet.submitted?.score });
      expect(row?.submittedAt?.getTime()).toBeLessThanOrEqual(tablet.submitted?.at ?? 0);
    }
  });
});
