import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './helpers/app.ts';
import { addKube, addPerson, cookieFor } from './helpers/people.ts';

// Over HTTP against the built server: the routes that must answer a stranger's request plainly.

let app: RunningApp;
let memberCookie = '';
let adminCookie = '';
beforeAll(async () => {
  app = await startApp();
  const kubeId = await addKube(app.connection, 'kubeinp1', 'KUBE Uji Masukan');
  const admin = await addPerson(app.connection, 'admin', 'admin.masukan', 'Admin-Uji-Masukan-1');
  adminCookie = await cookieFor(app.connection, admin.id);
  const member = await addPerson(app.connection, 'anggota', 'anggota.masukan', '482915', kubeId);
  memberCookie = await cookieFor(app.connection, member.id);
});
afterAll(async () => {
  await app.stop();
});

describe('unknown learning addresses', () => {
  it.each([
    '/belajar/hakikat-kube/tidak-ada',
    '/belajar/foo/bar',
    '/belajar/hakikat-kube/apa-itu-kube',
    '/belajar/tidak-ada',
    '/belajar/tidak-ada/tes/pre',
    '/belajar/hakikat-kube/tes/tengah',
    '/belajar/hakikat-kube/tes/hasil/tidakada123',
    '/belajar/..%2f..%2fetc/passwd',
    '/belajar/hakikat-kube/%00',
  ])('answers %s with 404 and logs no stack trace', async (path) => {
    const before = app.logs().length;
    const response = await fetch(`${app.url}${path}`, { headers: { cookie: memberCookie }, redirect: 'manual' });
    expect(response.status).toBe(404);
    const logged = app.logs().slice(before);
    expect(logged).not.toMatch(/Error|\n\s+at /);
  });
});

describe('the sign-in guard', () => {
  it('refuses a visitor calling an action whose name looks like a file', async () => {
    for (const name of ['assessment.grant', 'assessment.start', 'kube.update']) {
      const response = await fetch(`${app.url}/_actions/${name}`, {
        method: 'POST',
        headers: { origin: app.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ personId: 'tanggotamasukan', moduleSlug: 'hakikat-kube', kind: 'waive_pre' }),
      });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('Silakan masuk dulu.');
    }
  });

  it('refuses a visitor posting an action to a path that ends like a file', async () => {
    const response = await fetch(`${app.url}/gambar.css?_action=kube.update`, {
      method: 'POST',
      headers: { origin: app.origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    });
    expect(response.status).toBe(401);
  });

  it('still lets a visitor read the service worker and the icon', async () => {
    expect((await fetch(`${app.url}/sw.js`, { redirect: 'manual' })).status).toBe(200);
    expect((await fetch(`${app.url}/favicon.svg`, { redirect: 'manual' })).status).toBe(200);
  });
});

describe('the language switch', () => {
  const switchTo = (kembali: string) =>
    fetch(`${app.url}/bahasa`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: app.origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ bahasa: 'en', kembali }),
    });

  it.each(['/\\evil.example', '//evil', '/%5Cevil', '/\t/evil.example', '/\r\n/evil.example', 'https://evil.example/'])(
    'never sends %j off the site',
    async (kembali) => {
      const response = await switchTo(kembali);
      expect(response.status).toBe(303);
      const location = response.headers.get('location') ?? '';
      expect(new URL(location, app.url).origin).toBe(app.origin);
      expect(location).toMatch(/^\/(?![/\\])/);
    },
  );

  it('goes back to the page it came from', async () => {
    const response = await switchTo('/belajar/hakikat-kube?x=1');
    expect(response.headers.get('location')).toBe('/belajar/hakikat-kube?x=1');
  });
});

describe('dates people type', () => {
  it.each(['/laporan', '/indikator'])('%s refuses a period from year 1 to year 9999', async (page) => {
    const response = await fetch(`${app.url}${page}?dari=0001-01-01&sampai=9999-12-31`, {
      headers: { cookie: adminCookie },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Tahunnya harus antara 1980 dan 2099.');
  });

  it('refuses a workshop planned more than a year ahead, and records nothing', async () => {
    const far = new Date(Date.now() + 2 * 366 * 86_400_000).toISOString().slice(0, 10);
    const response = await fetch(`${app.url}/_actions/workshop.create`, {
      method: 'POST',
      headers: { origin: app.origin, cookie: adminCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kubeId: 'kubeinp1', moduleSlug: 'hakikat-kube', date: far, place: 'Balai desa' }),
    });
    expect(response.status).toBe(400);
    const rows = await app.connection.client.execute('SELECT count(*) AS n FROM workshops');
    expect(Number(rows.rows[0]?.['n'])).toBe(0);
  });
});

describe('names an admin types', () => {
  const createMember = (name: string, username: string) =>
    fetch(`${app.url}/admin/orang/baru?_action=people.create`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: app.origin, cookie: adminCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name, username, role: 'anggota', pin: '582914', kubeId: 'kubeinp1' }),
    });

  it.each([
    ['\u200b\u200b', 'Wajib diisi.'],
    ['Sumarni\u202e (demo)', 'tanda yang tidak terlihat'],
    ['Ani\u0000Budi', 'tanda yang tidak terlihat'],
  ])('refuses %j with a plain message and stores nothing', async (name, message) => {
    const response = await createMember(name, 'nama.aneh');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    const rows = await app.connection.client.execute("SELECT count(*) AS n FROM people WHERE username = 'nama.aneh'");
    expect(Number(rows.rows[0]?.['n'])).toBe(0);
  });

  it('warns the admin, naming the other person, when a new name looks like one in the same KUBE', async () => {
    // "Uji аnggota.masukan" with a Cyrillic а, beside the member "Uji anggota.masukan".
    const response = await createMember('Uji \u0430nggota.masukan', 'anggota.mirip');
    expect(response.status).toBe(302);
    const page = await fetch(new URL(response.headers.get('location') ?? '/', app.url), {
      headers: { cookie: adminCookie },
    });
    const html = await page.text();
    expect(html).toContain('Nama ini terlihat sama dengan nama orang lain di KUBE yang sama: Uji anggota.masukan.');
    const list = await (await fetch(`${app.url}/admin/orang`, { headers: { cookie: adminCookie } })).text();
    expect(list).toContain('Nama mirip dengan Uji anggota.masukan');
  });
});
