// Open-loop load, as tablets in a workshop make it: each tablet saves an answer every 10 s and sends its
// heartbeat every 4 s, whatever the server's answers take, at its own random moment in each period. A request's
// time runs from the moment it was due, not from when a free connection took it, so a server that falls behind
// shows it in the latencies instead of slowing the load down (closed-loop tools hide that).
import http from 'node:http';
import { percentile, rssMb } from './load.ts';
import type { Tablet } from './tablets.ts';

export const ANSWER_EVERY_MS = 10_000;
export const BEAT_EVERY_MS = 4_000;
/** Connections the bench keeps open to the server: under the server's limit per address (one test machine). */
const SOCKETS = 200;

export type Latencies = { count: number; p50: number; p95: number; p99: number };

export type OpenLoopResult = {
  tablets: number;
  seconds: number;
  /** Requests due in the run, and per second. */
  due: number;
  perSecond: number;
  answers: Latencies;
  beats: Latencies;
  failures: number;
  failureKinds: string;
  peakRssMb: number;
  peakPrivateMb: number;
};

type Due = { at: number; tablet: number; kind: 'answer' | 'beat' };

function schedule(tablets: number, ms: number): Due[] {
  const due: Due[] = [];
  for (let tablet = 0; tablet < tablets; tablet++) {
    for (const [kind, every] of [
      ['answer', ANSWER_EVERY_MS],
      ['beat', BEAT_EVERY_MS],
    ] as const) {
      for (let at = Math.random() * every; at < ms; at += every) due.push({ at, tablet, kind });
    }
  }
  return due.sort((a, b) => a.at - b.at);
}

const summary = (times: number[]): Latencies => {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
};

export async function runOpenLoop(options: {
  base: string;
  tablets: Tablet[];
  seconds: number;
  serverPid: number;
}): Promise<OpenLoopResult> {
  const { base, tablets, seconds, serverPid } = options;
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS });
  const due = schedule(tablets.length, seconds * 1000);
  const times = { answer: [] as number[], beat: [] as number[] };
  const failures = new Map<string, number>();
  const fail = (kind: string) => failures.set(kind, (failures.get(kind) ?? 0) + 1);
  const peak = rssMb(serverPid);
  const sampler = setInterval(() => {
    const now = rssMb(serverPid);
    peak.all = Math.max(peak.all, now.all);
    peak.own = Math.max(peak.own, now.own);
  }, 50);

  const send = (item: Due, dueAt: number) =>
    new Promise<void>((done) => {
      const tablet = tablets[item.tablet];
      if (!tablet) {
        done();
        return;
      }
      let path: string;
      let body: string;
      if (item.kind === 'answer') {
        const question = tablet.questions[Math.floor(Math.random() * tablet.questions.length)];
        const optionId = question?.options[Math.floor(Math.random() * question.options.length)] ?? '';
        path = '/_actions/assessment.saveAnswers';
        body = JSON.stringify({
          attemptId: tablet.attemptId,
          answers: [{ questionId: question?.id, optionId, answeredAt: new Date().toISOString() }],
        });
      } else {
        path = '/_actions/workshop.report';
        body = JSON.stringify({ held: [{ attemptId: tablet.attemptId, unsent: 0, submitPending: false }] });
      }
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method: 'POST',
          agent,
          headers: {
            origin: base,
            cookie: tablet.cookie,
            'content-type': 'application/json',
            accept: 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          response.resume();
          response.once('end', () => {
            if (response.statusCode === 200) times[item.kind].push(performance.now() - dueAt);
            else fail(String(response.statusCode));
            done();
          });
        },
      );
      request.setTimeout(30_000, () => request.destroy(new Error('timeout')));
      request.once('error', (error) => {
        fail(error.message === 'timeout' ? 'timeout' : 'connection error');
        done();
      });
      request.end(body);
    });

  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let next = 0;
  try {
    await new Promise<void>((finished) => {
      const tick = () => {
        const now = performance.now() - started;
        for (; next < due.length && (due[next]?.at ?? Infinity) <= now; next++) {
          const item = due[next];
          if (item) inFlight.push(send(item, started + item.at));
        }
        if (next < due.length) setTimeout(tick, 1);
        else finished();
      };
      tick();
    });
    await Promise.all(inFlight);
  } finally {
    clearInterval(sampler);
    agent.destroy();
  }
  const kinds = [...failures].map(([kind, count]) => `${kind} ×${count}`).join(', ');
  return {
    tablets: tablets.length,
    seconds,
    due: due.length,
    perSecond: due.length / seconds,
    answers: summary(times.answer),
    beats: summary(times.beat),
    failures: [...failures.values()].reduce((sum, count) => sum + count, 0),
    failureKinds: kinds,
    peakRssMb: peak.all,
    peakPrivateMb: peak.own,
  };
}
