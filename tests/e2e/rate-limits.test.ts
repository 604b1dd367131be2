import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { addKube, addPerson, cookieFor, testPersonId } from './helpers/people.ts';

// Sign-in, workshop joins and the current-password check over HTTP, from several client addresses: the
// loopback network is 127.0.0.0/8, so a socket bound to 127.0.0.20 is another machine to the server.

type Reply = { status: number; body: string };

/** A form POST from the address `from`, as a browser on another machine would send it. */
function post(app: RunningApp, path: string, form: Record<string, string>, from: string, headers = {}) {
  const url = new URL(path, app.url);
  const body = new URLSearchParams(form).toString();
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress: from,
        headers: { origin: app.origin, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const signIn = (app: RunningApp, username: string, secret: string, from: string, headers = {}) =>
  post(app, '/masuk?_action=auth.signIn', { username, secret }, from, headers);

const PIN = '3917';
let app: RunningApp;
let workshop: { id: string; code: string };
const members = ['rl.ani', 'rl.budi', 'rl.citra', 'rl.dewi', 'rl.eko', 'rl.fitri'];
let facilitatorCookie = '';

const join = (username: string, pin: string, from: string) =>
  post(
    app,
    `/gabung/${workshop.code}/${testPersonId(username)}?_action=workshop.join`,
    { code: workshop.code, personId: testPersonId(username), pin },
    from,
  );

beforeAll(async () => {
  app = await startApp();
  const kube = await addKube(app.connection, 'kuberl1', 'KUBE Uji Batas');
  await addPerson(app.connection, 'admin', 'rl.admin', 'Admin-Batas-Uji-2024');
  const facilitator = await addPerson(app.connection, 'pendamping', 'rl.pendamping', 'Pendamping-Batas-2024', kube);
  for (const username of members) await addPerson(app.connection, 'anggota', username, PIN, kube);
  workshop = await createWorkshop(
    app.connection.db,
    { kubeId: kube, moduleSlug: 'hakikat-kube', date: '2026-12-01', place: 'Balai desa', notes: null },
    facilitator.id,
  );
  facilitatorCookie = await cookieFor(app.connection, facilitator.id);
});
afterAll(async () => {
  await app.stop();
});

describe('sign-in under attack', () => {
  it('lets the owner in from another address while the guesser’s address is slowed down', async () => {
    const replies: number[] = [];
    for (let i = 0; i < 25; i++) replies.push((await signIn(app, 'rl.admin', `salah-${i}`, '127.0.0.20')).status);
    expect(replies.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(replies.at(-1)).toBe(429);
    // The guesser stays slowed down even with the right password …
    expect((await signIn(app, 'rl.admin', 'Admin-Batas-Uji-2024', '127.0.0.20')).status).toBe(429);
    // … and the owner, elsewhere, is not.
    expect((await signIn(app, 'rl.admin', 'Admin-Batas-Uji-2024', '127.0.0.30')).status).toBe(302);
  });

  it('lets one right PIN in at most once in a burst, counting /masuk and the workshop together', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(app, 'rl.fitri', `800${i}`, '127.0.0.22')).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await join('rl.fitri', `900${i}`, '127.0.0.22')).status).toBe(400);
    // The review's race: eight guesses at once where one is allowed, the right PIN last among them. Only one
    // may be checked, so the right PIN, arriving among the blocked ones, is refused too.
    const guesses = Array.from({ length: 8 }, (_, i) => (i === 7 ? PIN : `700${i}`));
    const burst = await Promise.all(guesses.map((pin) => join('rl.fitri', pin, '127.0.0.22')));
    expect(burst.map((r) => r.status)).toEqual(Array.from({ length: 8 }, () => 429));
    const sessions = await app.connection.client.execute(
      "SELECT count(*) AS n FROM sessions WHERE person_id = 'trlfitri'",
    );
    expect(Number(sessions.rows[0]?.['n'])).toBe(0);
    // Exactly one of the eight was counted and checked: the pair now holds its five free failures and one more.
    const pair = await app.connection.client.execute(
      "SELECT failures FROM rate_limits WHERE key LIKE 'pair:person:trlfitri|%'",
    );
    expect(pair.rows.map((row) => Number(row['failures']))).toEqual([6]);
  });
});

describe('a workshop under attack', () => {
  it('lets members in with the right PIN after a guesser’s 50 wrong PINs', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const target = members[i % 4] ?? 'rl.ani';
      statuses.add((await join(target, String(4000 + i), '127.0.0.21')).status);
    }
    expect(statuses).toContain(429);
    // A member nobody attacked, and an attacked one on their own tablet, both get in.
    expect((await join('rl.eko', PIN, '127.0.0.31')).status).toBe(302);
    expect((await join('rl.ani', PIN, '127.0.0.32')).status).toBe(302);
  });

  it('lets the facilitator clear a member’s PIN block from the board', async () => {
    for (let i = 0; i < 6; i++) await join('rl.dewi', String(5000 + i), '127.0.0.23');
    expect((await join('rl.dewi', PIN, '127.0.0.23')).status).toBe(429);
    const board = await fetch(`${app.url}/workshop/${workshop.id}`, { headers: { cookie: facilitatorCookie } });
    expect(await board.text()).toContain('Hapus blokir PIN');
    const cleared = await post(
      app,
      `/workshop/${workshop.id}?_action=workshop.clearPinBlocks`,
      { workshopId: workshop.id },
      '127.0.0.1',
      { cookie: facilitatorCookie },
    );
    expect(cleared.status).toBe(302);
    expect((await join('rl.dewi', PIN, '127.0.0.23')).status).toBe(302);
  });

  it('does not let a member clear the blocks', async () => {
    const member = await cookieFor(app.connection, 'trlcitra');
    const reply = await post(
      app,
      `/workshop/${workshop.id}?_action=workshop.clearPinBlocks`,
      { workshopId: workshop.id },
      '127.0.0.1',
      { cookie: member },
    );
    expect(reply.status).toBe(403);
  });
});

describe('changing a password', () => {
  it('limits guesses at the current password like sign-in', async () => {
    const staff = await addPerson(app.connection, 'pendamping', 'rl.ganti', 'Sandi-Lama-Batas-2024');
    const cookie = await cookieFor(app.connection, staff.id);
    const change = (currentPassword: string, from: string) =>
      post(
        app,
        '/akun?_action=auth.changePassword',
        { currentPassword, password: 'Sandi-Baru-Batas-2025', passwordConfirm: 'Sandi-Baru-Batas-2025' },
        from,
        { cookie },
      );
    const replies: number[] = [];
    for (let i = 0; i < 6; i++) replies.push((await change(`tebakan-${i}`, '127.0.0.24')).status);
    expect(replies).toEqual([400, 400, 400, 400, 400, 429]);
    expect((await change('Sandi-Lama-Batas-2024', '127.0.0.24')).status).toBe(429);
  });
});

describe('behind a proxy (TRUST_PROXY=true)', () => {
  let proxied: RunningApp;
  beforeAll(async () => {
    proxied = await startApp({ TRUST_PROXY: 'true' });
    await addPerson(proxied.connection, 'admin', 'px.admin', 'Admin-Proxy-Uji-2024');
  });
  afterAll(async () => {
    await proxied.stop();
  });

  it('limits the address the proxy added, whatever the client wrote to the left of it', async () => {
    const replies: number[] = [];
    for (let i = 0; i < 22; i++) {
      const spoofed = { 'x-forwarded-for': `203.0.113.${i}, 10.9.9.9` };
      replies.push((await signIn(proxied, `tamu${i}`, 'tebakan', '127.0.0.1', spoofed)).status);
    }
    expect(replies.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(replies.slice(20)).toEqual([429, 429]);
    const other = { 'x-forwarded-for': '10.9.9.9, 10.8.8.8' };
    expect((await signIn(proxied, 'px.admin', 'Admin-Proxy-Uji-2024', '127.0.0.1', other)).status).toBe(302);
  });
});
