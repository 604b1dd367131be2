import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './helpers/app.ts';
import { addKube, addPerson, cookieFor } from './helpers/people.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
  const kubeId = await addKube(app.connection, 'kubesec1', 'KUBE Uji Keamanan');
  await addPerson(app.connection, 'admin', 'admin.uji', 'Admin-Uji-Keamanan-1');
  await addPerson(app.connection, 'pengurus', 'bendahara.uji', 'Bendahara-Uji-2024', kubeId);
});
afterAll(async () => {
  await app.stop();
});

function signIn(username: string, secret: string, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/masuk?_action=auth.signIn`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: app.origin, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ username, secret }),
  });
}

const sessionToken = (response: Response) =>
  /kube_session=([^;]*)/.exec(response.headers.getSetCookie().join('\n'))?.[1] ?? null;

async function countRows(table: string) {
  const result = await app.connection.client.execute(`SELECT count(*) AS n FROM ${table}`);
  return Number(result.rows[0]?.['n']);
}

describe('sign-in over HTTP', () => {
  it('refuses a form posted from another site and changes nothing', async () => {
    const before = await countRows('sessions');
    const response = await signIn('bendahara.uji', 'Bendahara-Uji-2024', { origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(sessionToken(response)).toBeNull();
    expect(await countRows('sessions')).toBe(before);
  });

  it('gives a new session at sign-in, so a planted cookie is worthless (no session fixation)', async () => {
    const planted = (await cookieFor(app.connection, 'tadminuji')).split('=')[1] ?? '';
    const response = await signIn('bendahara.uji', 'Bendahara-Uji-2024', { cookie: `kube_session=${planted}` });
    expect(response.status).toBe(302);
    const fresh = sessionToken(response);
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(planted);
    const replay = await fetch(`${app.url}/akun`, {
      redirect: 'manual',
      headers: { cookie: `kube_session=${planted}` },
    });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toMatch(/^\/masuk/);
  });

  it('makes a copied cookie useless once its owner signs out', async () => {
    const token = sessionToken(await signIn('bendahara.uji', 'Bendahara-Uji-2024'));
    const cookie = `kube_session=${token ?? ''}`;
    expect((await fetch(`${app.url}/akun`, { redirect: 'manual', headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${app.url}/masuk?_action=auth.signOut`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: app.origin, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(out.status).toBe(302);
    const stolen = await fetch(`${app.url}/akun`, { redirect: 'manual', headers: { cookie } });
    expect(stolen.status).toBe(302);
    expect(stolen.headers.get('location')).toMatch(/^\/masuk/);
  });
});

describe('the server', () => {
  it('sends the security headers on every page', async () => {
    const response = await fetch(`${app.url}/masuk`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('compresses pages with brotli or gzip, whichever the browser accepts', async () => {
    const br = await fetch(`${app.url}/masuk`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    const gzip = await fetch(`${app.url}/masuk`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toContain('<html lang="id"');
  });

  it('lets tablets cache hashed assets for a year', async () => {
    const html = await (await fetch(`${app.url}/masuk`)).text();
    const asset = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const response = await fetch(`${app.url}${asset ?? ''}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });

  it('refuses to start with a bad setting, naming the variable', () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['scripts/start.ts', '--no-build'], {
        env: { ...process.env, PORT: '4', ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const badUrl = run({ DATABASE_URL: 'mysql://localhost/kube' });
    expect(badUrl.status).not.toBe(0);
    expect(badUrl.stderr).toContain('DATABASE_URL');
    const badDays = run({ DATABASE_URL: 'file:/tmp/kube-berdaya-badenv.db', SESSION_DAYS: 'lama' });
    expect(badDays.status).not.toBe(0);
    expect(badDays.stderr + badDays.stdout).toContain('SESSION_DAYS');
  });
});

describe('behind an HTTPS proxy (TRUST_PROXY=true)', () => {
  let proxied: RunningApp;
  beforeAll(async () => {
    proxied = await startApp({ TRUST_PROXY: 'true', SESSION_DAYS: '3' });
    await addPerson(proxied.connection, 'admin', 'admin.proxy', 'Admin-Proxy-Https-1');
  });
  afterAll(async () => {
    await proxied.stop();
  });

  it('marks the session cookie Secure, HttpOnly and SameSite=Lax, living SESSION_DAYS', async () => {
    const response = await fetch(`${proxied.url}/masuk?_action=auth.signIn`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        // The browser reached the proxy over HTTPS, so that is the origin it sends.
        origin: proxied.origin.replace('http:', 'https:'),
        'x-forwarded-proto': 'https',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ username: 'admin.proxy', secret: 'Admin-Proxy-Https-1' }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('kube_session=')) ?? '';
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(new RegExp(`; Max-Age=${String(3 * 86_400)}(;|$)`, 'i'));
  });
});
