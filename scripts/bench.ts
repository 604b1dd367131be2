// `npm run bench`: the built server on loopback with a throw-away database (the demo, plus 200 signed-in
// members), measured the way the issue asks, printed as one report:
//   1. each key page on a first visit: compressed bytes by kind and request count, and Lighthouse's mobile
//      performance, accessibility and best-practices scores;
//   2. throughput and p50/p95/p99 latency for a lesson page and for saving an answer at 50 and 200
//      connections (closed loop), with the server's resident memory idle and at its peak; at 50 connections the
//      save also through Astro's pipeline, which the fast path (src/fast-path/) skips;
//   3. workshop tablets in the real mix, open loop: 1,000, 2,000, 3,000 and 5,000 tablets, each saving an answer every
//      10 s and sending its heartbeat every 4 s;
//   4. the floor to compare with: a bare `node:http` server storing the same answer in a libSQL file with the
//      same durability, one commit per request and with commits shared, at 50 connections;
//   5. the time to build a module report over 100,000 attempts.
// `--quick` runs each load for 3 s instead of 10 (the open loop 6 s instead of 12) and skips Lighthouse, for
// trying the script itself.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, type Scores } from './bench/lighthouse.ts';
import { runBare } from './bench/bare.ts';
import { runLoad, rssMb, type LoadResult } from './bench/load.ts';
import { runOpenLoop, type OpenLoopResult } from './bench/open-loop.ts';
import { benchReport, median } from './bench/report.ts';
import { LEARNERS, LESSON_MODULE, TEST_MODULE, seedBench, startAttempts } from './bench/setup.ts';
import { seedTablets } from './bench/tablets.ts';
import { measurePage, type Weight } from './page-weight.ts';
import { startServerProcess } from './server-process.ts';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 10;
const OPEN_LOOP_SECONDS = quick ? 6 : 12;
const TABLETS = [1_000, 2_000, 3_000, 5_000];
const PORT = 4390;
const BARE_PORT = 4389;
const base = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'kube-bench-'));
const url = `file:${join(dir, 'bench.db')}`;
const lesson = `/belajar/${LESSON_MODULE}/${readdirSync(`content/lessons/${LESSON_MODULE}`).sort()[0]?.replace(/\.md$/, '') ?? ''}`;

console.log('Preparing: demo data, 200 members, a workshop; building first if the sources changed…');
const { cookies, workshopId } = await seedBench(url);
const { server, stop } = await startServerProcess({ DATABASE_URL: url, PORT: String(PORT) });

try {
  const learners = await startAttempts(url, base, cookies);
  const member = cookies['uji.0'] ?? '';
  const pages: { name: string; path: string; cookie: string; who: string }[] = [
    { name: 'sign-in', path: '/masuk', cookie: '', who: 'visitor' },
    { name: 'home', path: '/', cookie: member, who: 'member' },
    { name: 'module', path: `/belajar/${LESSON_MODULE}`, cookie: member, who: 'member' },
    { name: 'lesson', path: lesson, cookie: member, who: 'member' },
    { name: 'test player', path: `/belajar/${TEST_MODULE}/tes/pre`, cookie: member, who: 'member' },
    {
      name: 'facilitator board',
      path: `/workshop/${workshopId}`,
      cookie: cookies['pendamping.demo'] ?? '',
      who: 'pendamping',
    },
    { name: 'report', path: '/laporan', cookie: cookies['pendamping.demo'] ?? '', who: 'pendamping' },
    { name: 'indicators dashboard', path: '/indikator', cookie: cookies['admin.demo'] ?? '', who: 'admin' },
  ];

  console.log('Measuring page weights…');
  const weights: Weight[] = [];
  for (const page of pages) weights.push(await measurePage(base, page.path, page.cookie));
  let scores: (Scores | null)[] = pages.map(() => null);
  if (!quick) {
    console.log('Running Lighthouse (mobile) on each page…');
    scores = await audit(pages.map((page) => ({ url: `${base}${page.path}`, cookie: page.cookie })));
  }

  const serverPid = server.pid ?? 0;
  // Idle: started, each key page served once, nothing to do for a moment.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idle = rssMb(serverPid);

  /** Each connection is one member's tablet, changing a random answer of its own pre-test. */
  const saveRequest = (connection: number, query: string) => {
    const learner = learners[connection % LEARNERS];
    const question = learner?.questions[Math.floor(Math.random() * learner.questions.length)];
    const optionId = question?.options[Math.floor(Math.random() * question.options.length)] ?? '';
    return {
      method: 'POST' as const,
      path: `/_actions/assessment.saveAnswers${query}`,
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

  console.log(`Loading the server (${SECONDS} s per run)…`);
  const loads: { name: string; result: LoadResult }[] = [];
  for (const connections of [50, 200]) {
    loads.push({
      name: 'lesson page',
      result: await runLoad({
        url: base,
        connections,
        seconds: SECONDS,
        serverPid,
        request: (connection) => ({
          method: 'GET',
          path: lesson,
          headers: { cookie: cookies[`uji.${connection % LEARNERS}`] ?? '', 'accept-encoding': 'br, gzip' },
        }),
      }),
    });
    for (const via of connections === 50 ? ['fast path', 'pipeline'] : ['fast path']) {
      loads.push({
        // The same save with a query string, which the fast path (src/fast-path/) leaves to Astro's pipeline.
        name: via === 'pipeline' ? 'save, pipeline' : 'save an answer',
        result: await runLoad({
          url: base,
          connections,
          seconds: SECONDS,
          serverPid,
          request: (connection) => saveRequest(connection, via === 'pipeline' ? '?lewat=pipeline' : ''),
        }),
      });
    }
  }

  console.log(`Seeding ${Math.max(...TABLETS).toLocaleString('en')} workshop tablets for the open loop…`);
  const tablets = await seedTablets(url, base, Math.max(...TABLETS));
  const openLoops: OpenLoopResult[] = [];
  for (const count of TABLETS) {
    console.log(`Open loop: ${count.toLocaleString('en')} tablets for ${OPEN_LOOP_SECONDS} s…`);
    openLoops.push(
      await runOpenLoop({ base, tablets: tablets.slice(0, count), seconds: OPEN_LOOP_SECONDS, serverPid }),
    );
  }
  stop();

  console.log('The bare floor: node:http and a libSQL file, at 50 connections…');
  const bare = {
    single: await runBare({ dir, port: BARE_PORT, mode: 'single', connections: 50, seconds: SECONDS }),
    group: await runBare({ dir, port: BARE_PORT, mode: 'group', connections: 50, seconds: SECONDS }),
  };

  console.log('Building a module report over 100,000 attempts…');
  const report = await benchReport();

  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const cell = (text: string, width: number) => text.padStart(width);
  console.log(`\n## KUBE Berdaya bench (${new Date().toISOString().slice(0, 16)} UTC, Node ${process.version})\n`);
  console.log('First load of each key page, compressed KB (JS: script files; inline scripts count as HTML), and');
  console.log('Lighthouse mobile scores (performance / accessibility / best practices):\n');
  console.log(
    '| page                 | as         |  HTML |   CSS |    JS | other |  total | requests | LH perf | LH a11y | LH best |',
  );
  console.log(
    '|----------------------|------------|-------|-------|-------|-------|--------|----------|---------|---------|---------|',
  );
  pages.forEach((page, i) => {
    const w = weights[i];
    const s = scores[i];
    if (!w) return;
    const score = (value: number | null | undefined) =>
      cell(value === undefined ? '—' : value === null ? 'error' : String(value), 7);
    console.log(
      `| ${page.name.padEnd(20)} | ${page.who.padEnd(10)} | ${cell(kb(w.html), 5)} | ${cell(kb(w.css), 5)} | ${cell(kb(w.js), 5)} | ${cell(kb(w.other), 5)} | ${cell(kb(w.total), 6)} | ${cell(String(w.requests), 8)} | ${score(s?.performance)} | ${score(s?.accessibility)} | ${score(s?.bestPractices)} |`,
    );
  });
  for (const [i, s] of scores.entries()) {
    if (s?.error) console.log(`Lighthouse could not score ${pages[i]?.name ?? ''}: ${s.error}`);
  }
  console.log(`\nServer under load (autocannon, ${SECONDS} s per run, loopback, one server process):\n`);
  console.log(
    '| request         | connections | requests |  req/s | p50 ms | p95 ms | p99 ms | failures | peak RSS MB (private) |',
  );
  console.log(
    '|-----------------|-------------|----------|--------|--------|--------|--------|----------|-----------------------|',
  );
  for (const { name, result } of loads) {
    console.log(
      `| ${name.padEnd(15)} | ${cell(String(result.connections), 11)} | ${cell(String(result.requests), 8)} | ${cell(result.perSecond.toFixed(0), 6)} | ${cell(result.p50.toFixed(0), 6)} | ${cell(result.p95.toFixed(0), 6)} | ${cell(result.p99.toFixed(0), 6)} | ${cell(String(result.failures), 8)} | ${cell(`${result.peakRssMb.toFixed(0)} (${result.peakPrivateMb.toFixed(0)})`, 21)} |`,
    );
  }
  const peak = Math.max(...loads.map((load) => load.result.peakRssMb), ...openLoops.map((run) => run.peakRssMb));
  const own = Math.max(...loads.map((load) => load.result.peakPrivateMb), ...openLoops.map((run) => run.peakPrivateMb));
  console.log(
    `\nServer RSS idle: ${idle.all.toFixed(0)} MB, of which ${idle.own.toFixed(0)} MB private (aim: ≤ 150 MB); ` +
      `peak under load: ${peak.toFixed(0)} MB, of which ${own.toFixed(0)} MB private (aim: ≤ 200 MB).`,
  );
  const save50 = loads.find((load) => load.name === 'save an answer' && load.result.connections === 50)?.result;
  console.log(
    `\nThe floor, same answer into a libSQL file (WAL, synchronous = FULL), 50 connections, ${SECONDS} s: one commit ` +
      `per request ${bare.single.perSecond.toFixed(0)} req/s (p99 ${bare.single.p99.toFixed(0)} ms), commits shared ` +
      `${bare.group.perSecond.toFixed(0)} req/s (p99 ${bare.group.p99.toFixed(0)} ms). The app's save: ` +
      `${save50?.perSecond.toFixed(0) ?? '—'} req/s, ${((100 * (save50?.perSecond ?? 0)) / bare.single.perSecond).toFixed(0)} % ` +
      `of the one-commit floor (aim: ≥ 1,500 req/s, half of it; p99 ≤ 100 ms).`,
  );
  console.log(
    `\nWorkshop tablets, open loop (${OPEN_LOOP_SECONDS} s; an answer every 10 s and a heartbeat every 4 s per tablet; ` +
      'latency from the moment each request was due; aim: 5,000 tablets at p95 ≤ 100 ms, no errors):\n',
  );
  console.log('| tablets | req/s due | answers p50/p95/p99 ms | heartbeats p50/p95/p99 ms | failures | peak RSS MB |');
  console.log('|---------|-----------|------------------------|---------------------------|----------|-------------|');
  const trio = (l: { p50: number; p95: number; p99: number }) =>
    `${l.p50.toFixed(0)} / ${l.p95.toFixed(0)} / ${l.p99.toFixed(0)}`;
  for (const run of openLoops) {
    console.log(
      `| ${cell(run.tablets.toLocaleString('en'), 7)} | ${cell(run.perSecond.toFixed(0), 9)} | ${cell(trio(run.answers), 22)} | ${cell(trio(run.beats), 25)} | ${cell(String(run.failures), 8)} | ${cell(run.peakRssMb.toFixed(0), 11)} |`,
    );
  }
  console.log(
    `\nModule report over ${report.attempts.toLocaleString('en')} attempts (${report.answers.toLocaleString('en')} answers): ` +
      `best ${Math.min(...report.total).toFixed(0)} ms, median ${median(report.total).toFixed(0)} ms ` +
      `(query ${median(report.query).toFixed(0)} ms, statistics ${median(report.statistics).toFixed(0)} ms; aim: under 1000 ms).`,
  );
  const failures = loads.reduce((sum, load) => sum + load.result.failures, 0);
  if (failures > 0) {
    const kinds = loads.filter((load) => load.result.failures > 0);
    console.error(
      `\n✖ ${failures} requests failed under load: ${kinds.map((load) => `${load.name} at ${load.result.connections}: ${load.result.failureKinds}`).join('; ')}.`,
    );
    process.exitCode = 1;
  }
  for (const run of openLoops.filter((loop) => loop.failures > 0)) {
    console.error(`\n✖ ${run.failures} tablet requests failed at ${run.tablets} tablets: ${run.failureKinds}.`);
    process.exitCode = 1;
  }
} finally {
  stop();
  rmSync(dir, { recursive: true, force: true });
}
