// `npm run bench:sync`: the field kit measured with two real server processes on two database files (README:
// "Speed, measured"). A district at field scale; a fresh laptop pairs and takes its ten KUBEs; a day's workshop
// is sent ("Kirim ke server kabupaten", the lapangan.sync action as the facilitator presses it), then another
// over a weak phone hotspot; the district changes 1,000 rows and the laptop takes them; a KUBE handed over from
// another facilitator arrives over the hotspot; a second laptop pairs over the hotspot; and the cost of the
// change-log triggers on an answer save. `--quick` shortens the trigger runs, for trying the script itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Connection } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { hashSecret } from '../src/features/auth/password.ts';
import { createSession } from '../src/features/auth/session.ts';
import { percentile } from './bench/load.ts';
import { startLink, type Exchange, type Link } from './bench/link.ts';
import {
  changeDistrictRows,
  FACILITATOR,
  FIELD_KUBES,
  kubeId,
  MODULES,
  seedDistrict,
  writeWorkshopDay,
} from './bench/sync-seed.ts';
import { benchTriggers } from './bench/triggers.ts';
import { startServerProcess } from './server-process.ts';

const quick = process.argv.includes('--quick');
/** This bench's ports (4540–4549): district, laptop, the link between them, the two trigger servers. */
const PORTS = {
  district: 4540,
  field: 4541,
  link: 4542,
  triggers: [4543, 4544] as [number, number],
  secondField: 4545,
};
/** The workshop days' attempts start on this day (scripts/bench/sync-seed.ts). */
const DAY = Date.UTC(2026, 11, 1);
const HOTSPOT = { bytesPerSecond: 20 * 1024, oneWayDelayMs: 150 };
const dir = mkdtempSync(join(tmpdir(), 'kube-bench-sync-'));
const fieldBase = `http://127.0.0.1:${PORTS.field}`;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

type Step = { name: string; ms: number; exchanges: Exchange[]; rows: number; note: string };
const steps: Step[] = [];

const count = async (side: Connection, query: string) => Number((await side.client.execute(query)).rows[0]?.['n'] ?? 0);
/** The laptop's last change-log entry, to count what a sync wrote after it. */
const lastSeq = (field: Connection) => count(field, 'select coalesce(max(seq), 0) as n from change_log');
/** Rows a pull wrote on the laptop after `seq`: each logs a change-log entry with the district as its origin. */
const pulledRows = (field: Connection) => (seq: number) =>
  count(
    field,
    `select count(distinct table_name || ' ' || row_key) as n from change_log where origin = 'district' and seq > ${seq}`,
  );

/** Runs `action` and keeps its time, the link's requests during it and the rows `moved` counts after it. */
async function measure(
  name: string,
  link: Link,
  action: () => Promise<void>,
  moved: { before: () => Promise<number>; after: (before: number) => Promise<number> },
  note = '',
) {
  const first = link.exchanges.length;
  const before = await moved.before();
  const started = performance.now();
  await action();
  const ms = performance.now() - started;
  steps.push({ name, ms, exchanges: link.exchanges.slice(first), rows: await moved.after(before), note });
}

async function post(path: string, body: Record<string, string>, cookie = '', accept = 'text/html', base = fieldBase) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, cookie, accept, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  });
}

/** Pairs a fresh laptop on its first-run page, as the facilitator does; its first pull runs before the answer. */
async function pairLaptop(base: string, deviceName: string) {
  const response = await post(
    '/mulai?_action=lapangan.pair',
    {
      districtUrl: link.url,
      facilitatorUsername: FACILITATOR.username,
      facilitatorPassword: FACILITATOR.password,
      deviceName,
    },
    '',
    'text/html',
    base,
  );
  if (!(response.headers.get('location') ?? '').endsWith('terhubung=1'))
    throw new Error(`pairing answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
}

/** "Kirim ke server kabupaten" as the facilitator presses it on the laptop's /lapangan. */
async function sendFromLaptop(cookie: string) {
  const response = await post('/_actions/lapangan.sync', {}, cookie, 'application/json');
  const text = await response.text();
  if (response.status !== 200) throw new Error(`lapangan.sync answered ${response.status}: ${text.slice(0, 300)}`);
}

console.log(`Seeding the district (load average ${load()})…`);
const district = await openDatabase({ url: `file:${join(dir, 'district.db')}` });
await migrateDatabase(district.db);
const seedStarted = performance.now();
const [secretHash, pinHash] = [await hashSecret(FACILITATOR.password), await hashSecret('2468')];
const fieldScaleRows = await district.db.transaction((tx) => seedDistrict(tx, secretHash, pinHash));
const seededMs = performance.now() - seedStarted;
const districtRows = await count(district, 'select count(*) as n from change_log');
const fieldUrl = `file:${join(dir, 'field.db')}`;
console.log('Starting the district and a fresh laptop (building first if the sources changed)…');
const servers = [
  await startServerProcess({ DATABASE_URL: `file:${join(dir, 'district.db')}`, PORT: String(PORTS.district) }),
  await startServerProcess({ DATABASE_URL: fieldUrl, PORT: String(PORTS.field) }, { build: false }),
];
const link = await startLink(`http://127.0.0.1:${PORTS.district}`, PORTS.link);
const field = await openDatabase({ url: fieldUrl });

try {
  await measure('pair + first pull', link, () => pairLaptop(fieldBase, 'Laptop Bench'), {
    before: () => lastSeq(field),
    after: pulledRows(field),
  });
  const cookie = `kube_session=${(await createSession(field.db, FACILITATOR.id, 'bench')).token}`;
  const pushed = (table: string, workshop: string) =>
    count(district, `select count(*) as n from ${table} where ${workshop}`);

  for (const [tag, k, hotspot] of [
    ['1', 0, false],
    ['2', 1, true],
  ] as const) {
    const written = await field.db.transaction((tx) => writeWorkshopDay(tx, k, MODULES[k] ?? '', tag));
    link.shape(hotspot ? HOTSPOT : null);
    await measure(
      hotspot ? 'a workshop day sent, phone hotspot' : 'a workshop day sent',
      link,
      () => sendFromLaptop(cookie),
      {
        before: () => pushed('attempt_answers', `attempt_id in (select id from attempts where started_at >= ${DAY})`),
        after: async (before) =>
          (await pushed('workshop_attendance', `workshop_id = 'bsday${tag}'`)) +
          (await pushed('attempt_answers', `attempt_id in (select id from attempts where started_at >= ${DAY})`)) -
          before,
      },
      `${written} rows written on the laptop`,
    );
    link.shape(null);
  }

  const changed = await district.db.transaction((tx) => changeDistrictRows(tx));
  await measure(
    'incremental pull',
    link,
    () => sendFromLaptop(cookie),
    { before: () => lastSeq(field), after: pulledRows(field) },
    `${changed} rows changed at the district`,
  );

  // Another facilitator's KUBE (four modules of history) handed to this one: its snapshot comes with the next send,
  // over the phone hotspot, page by page.
  await district.client.execute(
    `update facilitator_assignments set person_id = '${FACILITATOR.id}' where kube_id = '${kubeId(FIELD_KUBES)}'`,
  );
  link.shape(HOTSPOT);
  await measure(
    'a KUBE assigned later, phone hotspot',
    link,
    () => sendFromLaptop(cookie),
    { before: () => lastSeq(field), after: pulledRows(field) },
    'its snapshot in pages',
  );

  // A second laptop of the same facilitator pairs over the phone hotspot: the whole first pull, page by page.
  const secondUrl = `file:${join(dir, 'field2.db')}`;
  servers.push(
    await startServerProcess({ DATABASE_URL: secondUrl, PORT: String(PORTS.secondField) }, { build: false }),
  );
  const second = await openDatabase({ url: secondUrl });
  try {
    await measure(
      'pair + first pull, phone hotspot',
      link,
      () => pairLaptop(`http://127.0.0.1:${PORTS.secondField}`, 'Laptop Bench 2'),
      { before: () => lastSeq(second), after: pulledRows(second) },
    );
  } finally {
    second.client.close();
  }
  link.shape(null);
} catch (error) {
  console.error('What the link saw:', link.exchanges.slice(-5));
  throw error;
} finally {
  await link.close();
  for (const server of servers) server.stop();
  field.client.close();
  district.client.close();
}

console.log(`Measuring the change-log triggers on an answer save (load average ${load()})…`);
const triggers = await benchTriggers(dir, PORTS.triggers, quick ? 3 : 8, quick ? 1 : 2);
rmSync(dir, { recursive: true, force: true });

const sum = (list: Exchange[], pick: (exchange: Exchange) => number) => list.reduce((total, e) => total + pick(e), 0);
console.log(
  `\nDistrict: 50 KUBEs of 20 members, the facilitator's 10 with a year of history (${fieldScaleRows.toLocaleString('en')} rows), ` +
    `${districtRows.toLocaleString('en')} change-log entries in all; seeded in ${seconds(seededMs)} s.\n`,
);
console.log('| step | wall s | of it in requests s | requests (pull / push) | KB up | KB down | rows | note |');
console.log('| ---- | -----: | ------------------: | ---------------------- | ----: | ------: | ---: | ---- |');
for (const step of steps) {
  const of = (path: string) => step.exchanges.filter((e) => e.path.endsWith(path)).length;
  const encodings = [...new Set(step.exchanges.map((e) => e.encoding || 'none'))].join('/');
  const biggest = Math.max(0, ...step.exchanges.map((e) => Math.max(e.up, e.down)));
  console.log(
    `| ${step.name} | ${seconds(step.ms)} | ${seconds(sum(step.exchanges, (e) => e.ms))} | ${of('/tarik')} / ${of('/kirim')} | ${kb(sum(step.exchanges, (e) => e.up))} | ` +
      `${kb(sum(step.exchanges, (e) => e.down))} | ${step.rows.toLocaleString('en')} | ${step.note}${step.note ? '; ' : ''}` +
      `largest message ${kb(biggest)} KB, answers ${encodings} |`,
  );
}
console.log(
  `\n(phone hotspot: ${kb(HOTSPOT.bytesPerSecond)} KB/s each way, ${2 * HOTSPOT.oneWayDelayMs} ms round trip; rows = rows ` +
    'the pull wrote on the laptop (distinct), or attendance + answers of the workshop that reached the district)',
);
console.log(
  `\nAn answer save at 50 connections, ${triggers.dropped} change-log triggers dropped in the second database:\n`,
);
console.log('| database | run | req/s | p50 ms | p99 ms | failures |');
console.log('| -------- | --: | ----: | -----: | -----: | -------: |');
for (const [name, runs] of [
  ['with triggers', triggers.withTriggers],
  ['triggers dropped', triggers.without],
] as const)
  runs.forEach((run, i) => {
    console.log(
      `| ${name} | ${i + 1} | ${run.perSecond.toFixed(0)} | ${run.p50.toFixed(0)} | ${run.p99.toFixed(0)} | ${run.failures} |`,
    );
  });
const direct = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (n ${times.length})`;
};
console.log(`\nThe same save straight into the database, one after another (no HTTP):`);
console.log(`  with triggers     ${direct(triggers.direct.withTriggers)}`);
console.log(`  triggers dropped  ${direct(triggers.direct.without)}`);
console.log(`\nLoad average at the end: ${load()} (${new Date().toISOString().slice(0, 10)})`);
