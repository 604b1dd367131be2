import { openDatabase } from '../../db/client.ts';
import { startServerProcess } from '../server-process.ts';
import { saveAnswers } from '../../src/features/assessment/service.ts';
import { runLoad, type LoadResult } from './load.ts';
import { LEARNERS, seedBench, startAttempts, type Learner } from './setup.ts';

// What the field kit's change-log triggers cost a write: the answer save of `npm run bench` (50 tablets, each
// changing an answer of its own open pre-test) against two servers on two databases seeded alike, one with the
// triggers and one with them dropped. Runs alternate, so a machine that gets busier halfway hurts both alike.

export type TriggerCost = {
  withTriggers: LoadResult[];
  without: LoadResult[];
  dropped: number;
  /** One save after another straight into each database (ms each): the write alone, without HTTP. */
  direct: { withTriggers: number[]; without: number[] };
};

const CONNECTIONS = 50;
const DIRECT_SAVES = 400;

/** Saves one changed answer after another into the database, as the action does; the time of each. */
async function directSaves(url: string, learners: Learner[]): Promise<number[]> {
  const { client, db } = await openDatabase({ url });
  const times: number[] = [];
  try {
    for (let n = 0; n < DIRECT_SAVES; n++) {
      const learner = learners[n % LEARNERS];
      const question = learner?.questions[n % (learner.questions.length || 1)];
      const started = performance.now();
      await saveAnswers(db, {
        attemptId: learner?.attemptId ?? '',
        personId: `benchmember${n % LEARNERS}`,
        answers: [
          {
            questionId: question?.id ?? '',
            optionId: question?.options[n % (question.options.length || 1)] ?? '',
            answeredAt: new Date(Date.now() + n).toISOString(),
          },
        ],
      });
      times.push(performance.now() - started);
    }
  } finally {
    client.close();
  }
  return times;
}

function saveAnAnswer(base: string, learners: Learner[]) {
  return (connection: number) => {
    const learner = learners[connection % LEARNERS];
    const question = learner?.questions[Math.floor(Math.random() * learner.questions.length)];
    const optionId = question?.options[Math.floor(Math.random() * question.options.length)] ?? '';
    return {
      method: 'POST' as const,
      path: '/_actions/assessment.saveAnswers',
      headers: {
        origin: base,
        cookie: learner?.cookie ?? '',
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({
        attemptId: learner?.attemptId,
        answers: [{ questionId: question?.id, optionId, answeredAt: new Date().toISOString() }],
      }),
    };
  };
}

/** Drops every change-log trigger of a database copy; how many there were. */
async function dropTriggers(url: string): Promise<number> {
  const { client } = await openDatabase({ url });
  try {
    const found = await client.execute(
      "select name from sqlite_master where type = 'trigger' and name like '%\\_log\\_%' escape '\\'",
    );
    const names = found.rows.map((row) => row['name']).filter((name): name is string => typeof name === 'string');
    for (const name of names) await client.execute(`drop trigger "${name}"`);
    return names.length;
  } finally {
    client.close();
  }
}

export async function benchTriggers(
  dir: string,
  ports: [number, number],
  seconds: number,
  rounds: number,
): Promise<TriggerCost> {
  const withUrl = `file:${dir}/with-triggers.db`;
  const withoutUrl = `file:${dir}/without-triggers.db`;
  // Two databases seeded alike (the same rows, each with its own sign-ins), rather than a file copy.
  const cookies = [(await seedBench(withUrl)).cookies, (await seedBench(withoutUrl)).cookies];
  const dropped = await dropTriggers(withoutUrl);
  // One after the other: two servers starting 200 pre-tests at once on a 2-core machine is another benchmark.
  const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];
  const sides: { base: string; pid: number; learners: Learner[] }[] = [];
  try {
    for (const [i, url] of [withUrl, withoutUrl].entries()) {
      const port = String(ports[i]);
      const server = await startServerProcess({ DATABASE_URL: url, PORT: port }, { build: false });
      servers.push(server);
      const base = `http://127.0.0.1:${port}`;
      sides.push({ base, pid: server.server.pid ?? 0, learners: await startAttempts(url, base, cookies[i] ?? {}) });
    }
    const result: TriggerCost = { withTriggers: [], without: [], dropped, direct: { withTriggers: [], without: [] } };
    for (let round = 0; round < rounds; round++) {
      for (const [i, side] of sides.entries()) {
        const load = await runLoad({
          url: side.base,
          connections: CONNECTIONS,
          seconds,
          serverPid: side.pid,
          request: saveAnAnswer(side.base, side.learners),
        });
        (i === 0 ? result.withTriggers : result.without).push(load);
      }
    }
    for (const server of servers) server.stop();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (let round = 0; round < 2; round++) {
      result.direct.withTriggers.push(...(await directSaves(withUrl, sides[0]?.learners ?? [])));
      result.direct.without.push(...(await directSaves(withoutUrl, sides[1]?.learners ?? [])));
    }
    return result;
  } finally {
    for (const server of servers) server.stop();
  }
}
