import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';

// The README's production set-up, for real: Debian's Caddy with its own internal CA in front of the built
// server with TRUST_PROXY=true, and a browser that signs in, takes a test and signs out through it (F10, F11).

const CADDY = '/usr/bin/caddy';
const caddyMissing = !existsSync(CADDY) && process.env['CI'] !== 'true';

let app: RunningApp;
let browser: Browser;
let caddy: ChildProcess;
let dir: string;
let site: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

/** A request through the proxy, trusting Caddy's internal CA for this test only. */
function viaProxy(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${site}${path}`,
      { method: init.method ?? 'GET', headers: init.headers, rejectUnauthorized: false },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.once('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.once('error', reject);
    req.end(init.body);
  });
}

beforeAll(async () => {
  if (caddyMissing) return;
  app = await startApp({ TRUST_PROXY: 'true' });
  const kubeId = await addKube(app.connection, 'kubehttps', 'KUBE Uji HTTPS');
  await addPerson(app.connection, 'admin', 'admin.https', 'Admin-Uji-HTTPS-2026');
  await addPerson(app.connection, 'anggota', 'anggota.https', '2468', kubeId);
  dir = mkdtempSync(join(tmpdir(), 'kube-caddy-'));
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  site = `https://localhost:${httpsPort}`;
  const caddyfile = join(dir, 'Caddyfile');
  writeFileSync(
    caddyfile,
    `{
  admin off
  skip_install_trust
  http_port ${httpPort}
  https_port ${httpsPort}
  storage file_system ${join(dir, 'data')}
}

localhost:${httpsPort} {
  tls internal
  reverse_proxy ${new URL(app.url).host}
}
`,
  );
  expect(spawnSync(CADDY, ['validate', '--config', caddyfile, '--adapter', 'caddyfile']).status).toBe(0);
  caddy = spawn(CADDY, ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: 'ignore',
  });
  for (let i = 0; ; i++) {
    const status = await viaProxy('/masuk').then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (i > 100) throw new Error(`Caddy did not pass the sign-in page on (last status ${status})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!browserMissing) browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  if (caddyMissing) return;
  if (!browserMissing) await browser.close();
  caddy.kill('SIGTERM');
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(caddyMissing)('behind an HTTPS reverse proxy (Caddy)', () => {
  it('sends Strict-Transport-Security over HTTPS, and not over plain HTTP', async () => {
    const secure = await viaProxy('/masuk');
    expect(secure.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    const plain = await fetch(`${app.url}/masuk`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  it('still refuses forms from another site, or from the same host over plain http', async () => {
    for (const origin of ['https://evil.example', site.replace('https:', 'http:')]) {
      const response = await viaProxy('/masuk?_action=auth.signIn', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=anggota.https&secret=2468',
      });
      expect(response.status).toBe(403);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it.skipIf(browserMissing)('lets a member sign in, take a test and sign out through it', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${site}/masuk`);
    await page.getByLabel('Nama pengguna').fill('anggota.https');
    await page.getByLabel('Kata sandi atau PIN').fill('2468');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${site}/`);
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'kube_session');
    expect(cookie?.secure).toBe(true);

    await page.goto(`${site}/belajar/hakikat-kube/tes/pre`);
    await page.getByRole('button', { name: 'Mulai Pre-test' }).click();
    await page.getByRole('radiogroup').waitFor();
    for (let i = 0; i < 15; i++) {
      await page.getByRole('radio').first().click();
      if (i < 14) await page.getByRole('button', { name: 'Berikutnya' }).click();
    }
    await page
      .getByRole('button', { name: /Periksa|Lihat jawaban/ })
      .first()
      .click()
      .catch(() => undefined);
    await page.getByRole('button', { name: 'Kumpulkan' }).click();
    await page.waitForURL(/\/tes\/hasil\//, { timeout: 20_000 });
    await expect(page.getByText(/Nilai Anda/).isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(/\/masuk/);
    await expect(page.getByRole('button', { name: 'Masuk' }).isVisible()).resolves.toBe(true);
    await context.close();
  });
});
