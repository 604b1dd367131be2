import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts, capacityAssessments, certificates } from '../../db/schema.ts';
import { certificateCode } from '../../src/features/certificates/code.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { addKube, addPerson, cookieFor, waivePreTest } from './helpers/people.ts';
import { listActions, listRoutes } from './helpers/routes.ts';

// Every page and every action is found by reading the code (helpers/routes.ts), so a new route is covered (or
// this test fails asking for its rule) without anyone remembering to add it.

type Who = 'admin' | 'pendampingAssigned' | 'pendampingOther' | 'pengurus' | 'anggota';
const EVERYONE: Who[] = ['admin', 'pendampingAssigned', 'pendampingOther', 'pengurus', 'anggota'];

/** Who may open each page (everyone else gets 403); `public` pages are open to visitors. */
const PAGE_RULES: { route: RegExp; allowed: Who[] | 'public' }[] = [
  {
    route:
      /^\/(masuk|mulai|offline|403|404|500|bahasa|sw\.js|gabung|gabung\/selesai|gabung\/hasil\/\[attempt\]|gabung\/fase\/\[kode\]|gabung\/\[kode\]\/(\[personId\]|materi|materi\/\[pelajaran\]))$/,
    allowed: 'public',
  },
  // A module for members and officers; staff may preview every module.
  { route: /^\/belajar\/(riwayat|\[modul\](\/\[pelajaran\]|\/tes\/\[jenis\])?)$/, allowed: EVERYONE },
  // The public check of a certificate (what its QR code opens); its printable page is for its holder (here the
  // member), their facilitator and an admin.
  { route: /^\/sertifikat(\/\[kode\])?$/, allowed: 'public' },
  { route: /^\/sertifikat\/\[kode\]\/cetak$/, allowed: ['admin', 'pendampingAssigned', 'anggota'] },
  // A member's test result: the member, their facilitator, an admin.
  { route: /^\/belajar\/\[modul\]\/tes\/hasil\/\[attempt\]$/, allowed: ['admin', 'pendampingAssigned', 'anggota'] },
  { route: /^\/(akun)?$/, allowed: EVERYONE },
  { route: /^\/admin(\/.*)?$/, allowed: ['admin'] },
  { route: /^\/kube$/, allowed: ['admin', 'pendampingAssigned', 'pendampingOther'] },
  { route: /^\/kube\/\[id\](\/.*)?$/, allowed: ['admin', 'pendampingAssigned'] },
  // Gain reports and their CSV: admins, and facilitators (who see only their own KUBEs' data).
  { route: /^\/laporan(\/unduh)?$/, allowed: ['admin', 'pendampingAssigned', 'pendampingOther'] },
  // The indicator dashboard, its drill-downs, print report and CSV: admins and facilitators (own KUBEs).
  { route: /^\/indikator(\/.*)?$/, allowed: ['admin', 'pendampingAssigned', 'pendampingOther'] },
  // The workshop page and its live-board fragment.
  { route: /^\/workshop\/\[id\](\/papan)?$/, allowed: ['admin', 'pendampingAssigned'] },
  // Planning a workshop from the home page: staff, for the KUBEs they look after.
  { route: /^\/workshop\/baru$/, allowed: ['admin', 'pendampingAssigned', 'pendampingOther'] },
  // This server is not a field laptop: /lapangan only explains one to staff; its file and progress are nobody's.
  { route: /^\/lapangan$/, allowed: ['admin', 'pendampingAssigned', 'pendampingOther'] },
  { route: /^\/lapangan\/(paket|kemajuan)$/, allowed: [] },
  // The field kit's endpoints: no session, but a device signature (or, to pair, the facilitator's password) on every
  // POST; tested below for what a visitor gets, and in tests/integration/sync-district.test.ts for the signatures.
  { route: /^\/api\/lapangan\/(pasang|tarik|kirim)$/, allowed: 'public' },
  // A facilitator's own field laptops (an admin sees every one there too).
  { route: /^\/perangkat$/, allowed: ['admin', 'pendampingAssigned', 'pendampingOther'] },
];

const ATTEMPT_ID = '0b7a5c1e-8f5d-4c39-9a51-2d3f6b1c9e01';
const ASSESSMENT_ID = 'matrixassessment01';
let app: RunningApp;
const cookies = {} as Record<Who, string>;
let ids: Record<string, string>;

beforeAll(async () => {
  app = await startApp();
  const kubeA = await addKube(app.connection, 'kubematrixa', 'KUBE A');
  const kubeB = await addKube(app.connection, 'kubematrixb', 'KUBE B');
  const people = {
    admin: await addPerson(app.connection, 'admin', 'm.admin', 'Admin-Matrix-2024'),
    pendampingAssigned: await addPerson(app.connection, 'pendamping', 'm.pendamping.a', 'Pendamping-A-2024', kubeA),
    pendampingOther: await addPerson(app.connection, 'pendamping', 'm.pendamping.b', 'Pendamping-B-2024', kubeB),
    pengurus: await addPerson(app.connection, 'pengurus', 'm.ketua', 'Ketua-Matrix-2024', kubeA),
    anggota: await addPerson(app.connection, 'anggota', 'm.anggota', '2468', kubeA),
  };
  for (const who of EVERYONE) cookies[who] = await cookieFor(app.connection, people[who].id);
  await app.connection.db.insert(attempts).values({
    id: ATTEMPT_ID,
    personId: people.anggota.id,
    moduleSlug: 'hakikat-kube',
    kind: 'pre',
    items: [],
    answerKey: {},
    startedAt: new Date(),
    submittedAt: new Date(),
    score: 50,
    correct: 0,
    total: 0,
    byObjective: {},
  });
  // A capacity assessment of KUBE A, for its page.
  await app.connection.db.insert(capacityAssessments).values({
    id: ASSESSMENT_ID,
    kubeId: kubeA,
    rubricSlug: 'kapasitas-kube',
    rubricVersion: 1,
    assessedOn: '2026-01-15',
  });
  // The officer's pre-test is waived, so the lesson page answers about access, not about the pre-test gate.
  await waivePreTest(app.connection, people.pengurus.id, 'hakikat-kube');
  const workshop = await createWorkshop(
    app.connection.db,
    { kubeId: kubeA, moduleSlug: 'usaha-produk', date: '2026-12-01', place: 'Balai desa', notes: null },
    people.admin.id,
  );
  const certificate = certificateCode(people.anggota.id, 'hakikat-kube', 1);
  await app.connection.db.insert(certificates).values({
    id: certificate,
    personId: people.anggota.id,
    moduleSlug: 'hakikat-kube',
    serial: 1,
    earnedOn: '2026-01-20',
    kubeName: 'KUBE A',
  });
  ids = {
    certificate,
    '/workshop/[id]': workshop.id,
    '/kube/[id]': kubeA,
    '/admin/kube/[id]': kubeA,
    '/admin/orang/[id]': people.anggota.id,
    pengurus: people.pengurus.id,
  };
});
afterAll(async () => {
  await app.stop();
});

function concrete(route: string): string {
  // The CSV needs to be told which indicator's data it is for.
  if (route === '/indikator/unduh') return '/indikator/unduh?bagian=1';
  // A practical task fits an officer only: the officer's page of a task for every officer.
  const personId = route.includes('/praktik/') ? ids['pengurus'] : ids['/admin/orang/[id]'];
  return route
    .replace('[nomor]', '1')
    .replace('[assessmentId]', ASSESSMENT_ID)
    .replace('[modul]', 'hakikat-kube')
    .replace('[pelajaran]', '01-apa-itu-kube')
    .replace('[jenis]', 'pre')
    .replace('[attempt]', ATTEMPT_ID)
    .replace('[personId]', personId ?? 'x')
    .replace('[tugas]', 'musyawarah-divisi')
    .replace('[kode]', ids['certificate'] ?? 'x')
    .replace(/\[id\]/, () => {
      const key = Object.keys(ids).find((prefix) => route.startsWith(prefix));
      return key ? (ids[key] ?? 'x') : 'x';
    });
}

describe('role × route matrix', () => {
  const routes = listRoutes();

  it('finds the pages in the code, and every one has an access rule', () => {
    expect(routes).toContain('/admin/orang');
    expect(routes).toContain('/admin/soal/[modul]');
    expect(routes).toContain('/admin/soal/[modul]/unduh');
    expect(routes).toContain('/kube/[id]');
    const unruled = routes.filter((route) => !PAGE_RULES.some((rule) => rule.route.test(route)));
    expect(unruled, 'pages without a rule in tests/e2e/access-matrix.test.ts').toEqual([]);
  });

  it('answers a visitor on the field kit endpoints with a refusal and nothing of the district', async () => {
    for (const path of ['/api/lapangan/tarik', '/api/lapangan/kirim']) {
      const get = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      expect(get.status, `GET ${path}`).not.toBe(200);
      const body = JSON.stringify({ deviceId: 'x', at: Date.now(), cursor: 0, knownKubeIds: [], contentVersion: 'x' });
      const post = await fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies.admin },
        body,
      });
      expect([400, 401], `POST ${path}`).toContain(post.status);
      expect(await post.text()).toMatch(/sync\.error\./);
    }
    const pair = await fetch(`${app.url}/api/lapangan/pasang`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'salah-sekali', deviceName: 'x', publicKey: 'x'.repeat(44) }),
    });
    expect(pair.status).toBe(401);
  });

  it('refuses every protected page to the wrong role and to a facilitator of another KUBE, and opens it to the right ones', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const rule = PAGE_RULES.find((r) => r.route.test(route));
      if (!rule || rule.allowed === 'public') continue;
      const url = `${app.url}${concrete(route)}`;
      const visitor = await fetch(url, { redirect: 'manual' });
      if (visitor.status !== 302 || !visitor.headers.get('location')?.startsWith('/masuk')) {
        failures.push(`${route} visitor: ${visitor.status}`);
      }
      for (const who of EVERYONE) {
        const response = await fetch(url, { redirect: 'manual', headers: { cookie: cookies[who] } });
        const expected = rule.allowed.includes(who) ? 200 : 403;
        if (response.status !== expected) failures.push(`${route} ${who}: ${response.status}, expected ${expected}`);
        // A fragment fetched by script answers a bare 403; a page explains itself.
        const fragment = route.endsWith('/papan');
        if (expected === 403 && !fragment && !(await response.text()).includes('Tidak boleh dibuka')) {
          failures.push(`${route} ${who}: 403 without the plain explanation page`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses every staff action to members and officers, and changes nothing', async () => {
    // Actions everyone signed in may use on their own data; every other one is staff-only.
    const learnerActions = new Set([
      'learning.completeLesson',
      'assessment.start',
      'assessment.saveAnswers',
      'assessment.submit',
      'assessment.submitForm',
      'assessment.sendHeld', // a tablet's hand-over, authorised by the attempt id: tests/e2e/shared-tablet.test.ts
      'workshop.report', // tablets of a workshop session only: tested below
    ]);
    // Sign-in, the first-run demo and pairing a fresh field laptop are for visitors (tests/e2e/auth.test.ts,
    // tests/e2e/demo.test.ts, tests/integration/field-server.test.ts).
    const visitorActions = (name: string) =>
      name.startsWith('auth.') || name.startsWith('demo.') || name === 'lapangan.pair';
    const actions = listActions().filter((name) => !visitorActions(name) && !learnerActions.has(name));
    expect(actions).toContain('assessment.grant');
    expect(actions.length).toBeGreaterThan(0);
    const before = await app.connection.client.execute(
      'SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM kubes) + (SELECT count(*) FROM positions) + (SELECT count(*) FROM memberships) + (SELECT count(*) FROM facilitator_assignments) AS n',
    );
    const failures: string[] = [];
    for (const action of actions) {
      for (const who of ['anggota', 'pengurus', 'pendampingOther'] as const) {
        const response = await fetch(`${app.url}/_actions/${action}`, {
          method: 'POST',
          headers: { origin: app.origin, cookie: cookies[who], 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            id: ids['/kube/[id]'] ?? '',
            kubeId: ids['/kube/[id]'] ?? '',
            personId: ids['/admin/orang/[id]'] ?? '',
            name: 'Penyusup',
            username: 'penyusup',
            role: 'admin',
            desa: 'X',
            kecamatan: 'X',
            kabupaten: 'X',
            provinsi: 'X',
            jabatanCode: 'ketua',
            moduleSlug: 'hakikat-kube',
            kind: 'waive_pre',
            startDate: '2024-01-01',
            password: 'Penyusup-Kuat-2024',
            passwordConfirm: 'Penyusup-Kuat-2024',
            pin: '1234',
          }),
        });
        // 403 for a refusal; 400 when the input is wrong before permission is even considered.
        if (response.status !== 403 && response.status !== 400) failures.push(`${action} ${who}: ${response.status}`);
      }
    }
    const after = await app.connection.client.execute(
      'SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM kubes) + (SELECT count(*) FROM positions) + (SELECT count(*) FROM memberships) + (SELECT count(*) FROM facilitator_assignments) AS n',
    );
    expect(failures).toEqual([]);
    expect(after.rows[0]?.['n']).toBe(before.rows[0]?.['n']);
  });

  it('takes tablet reports only from sessions made by joining a workshop', async () => {
    for (const who of ['anggota', 'pengurus', 'pendampingOther'] as const) {
      const response = await fetch(`${app.url}/_actions/workshop.report`, {
        method: 'POST',
        headers: { origin: app.origin, cookie: cookies[who], 'content-type': 'application/json' },
        body: JSON.stringify({ held: [] }),
      });
      expect(response.status, who).toBe(403);
    }
    const stored = await app.connection.client.execute('SELECT count(*) AS n FROM device_reports');
    expect(stored.rows[0]?.['n']).toBe(0);
  });
});
