// `npm run bench`: starts the built server on a throw-away database with the demo loaded and prints what
// each key page weighs on a first visit (compressed, as a tablet downloads it), and every lesson page
// against the 30 KB budget.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchRaw, measurePage, type Weight } from './page-weight.ts';

const LESSON_BUDGET = 30 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'kube-bench-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bench.db')}`, PORT: '4390', HOST: '127.0.0.1' };
const base = 'http://127.0.0.1:4390';

const run = (args: string[]) =>
  new Promise<void>((resolve, reject) => {
    spawn(process.execPath, args, { env, stdio: 'ignore' }).on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${args.join(' ')} exited ${code}`));
    });
  });

await run(['scripts/seed-demo.ts']);
const server = spawn(process.execPath, ['scripts/start.ts', '--no-build'], { env, stdio: 'ignore' });
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetchRaw(`${base}/masuk`)).status === 200) break;
    } catch {
      if (i > 100) throw new Error('the server did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const signIn = await fetch(`${base}/masuk?_action=auth.signIn`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'admin.demo', secret: 'Dinsos-Nganjuk-2024' }),
  });
  const cookie = /kube_session=[^;]+/.exec(signIn.headers.getSetCookie().join(';'))?.[0] ?? '';

  // An open pre-test, so the test page shows the player (React included).
  await fetch(`${base}/belajar/hakikat-kube/tes/pre?_action=assessment.start`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ attemptId: crypto.randomUUID(), moduleSlug: 'hakikat-kube', kind: 'pre' }),
  });

  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const row = (name: string, w: Weight) =>
    `| ${name.padEnd(46)} | ${kb(w.html).padStart(5)} | ${kb(w.css).padStart(5)} | ${kb(w.js).padStart(5)} | ${kb(w.total).padStart(6)} | ${String(w.requests).padStart(4)} |`;
  console.log('\nFirst-load weight, compressed (KB), signed in as the demo admin (who may open every lesson):\n');
  console.log('| page                                           |  HTML |   CSS |    JS |  total | reqs |');
  console.log('|------------------------------------------------|-------|-------|-------|--------|------|');
  for (const [name, path] of [
    ['sign-in (visitor)', '/masuk'],
    ['home', '/'],
    ['module: Hakikat KUBE', '/belajar/hakikat-kube'],
    ['test player: Hakikat KUBE pre-test', '/belajar/hakikat-kube/tes/pre'],
    ['account', '/akun'],
  ] as const) {
    console.log(row(name, await measurePage(base, path, name.includes('visitor') ? '' : cookie)));
  }

  let heaviest = { path: '', total: 0 };
  let over = 0;
  for (const module of readdirSync('content/lessons')) {
    for (const file of readdirSync(join('content/lessons', module))) {
      const path = `/belajar/${module}/${file.replace(/\.md$/, '')}`;
      const weight = await measurePage(base, path, cookie);
      console.log(row(`lesson ${module}/${file.slice(0, 2)}`, weight));
      if (weight.total > heaviest.total) heaviest = { path, total: weight.total };
      if (weight.total > LESSON_BUDGET) over += 1;
    }
  }
  console.log(`\nHeaviest lesson page: ${heaviest.path}, ${kb(heaviest.total)} KB (budget ${kb(LESSON_BUDGET)} KB).`);
  if (over > 0) {
    console.error(`✖ ${over} lesson page(s) over budget.`);
    process.exitCode = 1;
  }
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
