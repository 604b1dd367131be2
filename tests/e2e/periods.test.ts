import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './helpers/app.ts';
import { seedDistrict } from './helpers/district.ts';
import { addPerson, cookieFor } from './helpers/people.ts';

// No request can freeze everyone: periods are bounded, and the heaviest request a person may make (the
// indicators and a report over ten years of a large district) leaves the server answering others meanwhile.

let app: RunningApp;
let admin: string;
const KUBES = 1500;
const PER_KUBE = 8;

/** The longest a visitor's sign-in page may wait while a heavy request runs (generous: 2 shared cores). */
const STALL_MS = 1500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  app = await startApp();
  const person = await addPerson(app.connection, 'admin', 'periode.admin', 'Admin-Periode-2026');
  admin = await cookieFor(app.connection, person.id);
  await seedDistrict(app.connection, KUBES, PER_KUBE);
  // The seeding held this process's event loop for seconds, while the server closed the idle keep-alive
  // socket of startApp's first request; let the client hear that before it picks a socket again.
  await sleep(200);
}, 180_000);
afterAll(async () => {
  await app.stop();
});

/**
 * Runs a heavy request and, while it runs, asks for the sign-in page again and again; gives the heavy answer,
 * its time, and the slowest sign-in page.
 */
async function whileHeavy(path: string) {
  const started = performance.now();
  const state = { done: false };
  const heavy = fetch(`${app.url}${path}`, { headers: { cookie: admin } })
    .then(async (response) => ({
      status: response.status,
      body: await response.text(),
      ms: performance.now() - started,
    }))
    .finally(() => (state.done = true));
  const waits: number[] = [];
  await sleep(150);
  while (!state.done) {
    const t0 = performance.now();
    await (await fetch(`${app.url}/masuk`)).text();
    waits.push(performance.now() - t0);
    await sleep(50);
  }
  const answer = await heavy;
  console.log(`${path}: ${answer.status} in ${Math.round(answer.ms)} ms; sign-in page waited at most`, {
    slowest: Math.round(Math.max(0, ...waits)),
    probes: waits.length,
  });
  return { ...answer, slowest: Math.max(0, ...waits) };
}

describe('bounded periods', () => {
  it('refuses the indicators over eight thousand years at once, naming the years it takes', async () => {
    const answer = await whileHeavy('/indikator?dari=0001-01-01&sampai=9999-12-31');
    expect(answer.status).toBe(400);
    expect(answer.ms).toBeLessThan(3000);
    // Years outside 1980–2099 are named first; the period rule is the next test's.
    expect(answer.body).toContain('Tahunnya harus antara 1980 dan 2099.');
    expect(answer.slowest).toBeLessThan(STALL_MS);
  });

  it('refuses a report over more than ten years, and its CSV', async () => {
    const page = await fetch(`${app.url}/laporan?dari=2000-01-01&sampai=2026-11-30`, { headers: { cookie: admin } });
    expect(page.status).toBe(400);
    await expect(page.text()).resolves.toContain('Periode paling panjang 10 tahun.');
    const csv = await fetch(`${app.url}/indikator/unduh?dari=0001-01-01&sampai=9999-12-31&bagian=3`, {
      headers: { cookie: admin },
    });
    expect(csv.status).toBe(400);
  });
});

describe('the heaviest allowed requests', () => {
  it('show the indicators over ten years of a large district, trends over the last 24 months, without stalling others', async () => {
    const answer = await whileHeavy('/indikator?dari=2016-12-01&sampai=2026-11-30');
    expect(answer.status).toBe(200);
    expect(answer.slowest).toBeLessThan(STALL_MS);
    expect(answer.body).toContain(
      'Grafik per bulan menampilkan 24 bulan terakhir dari periode ini. Periode ini 120 bulan.',
    );
    expect(answer.body).toContain('sampai=2024-11-30');
  }, 60_000);

  it('build a report over ten years of a large district without stalling others', async () => {
    const answer = await whileHeavy('/laporan?dari=2016-12-01&sampai=2026-11-30');
    expect(answer.status).toBe(200);
    expect(answer.slowest).toBeLessThan(STALL_MS);
  }, 60_000);

  it('give an indicator drill-down one page of KUBEs at a time', async () => {
    const page = await (
      await fetch(`${app.url}/indikator/1?dari=2016-12-01&sampai=2026-11-30&halaman=2`, { headers: { cookie: admin } })
    ).text();
    expect(page).toContain(`Menampilkan 51–100 dari ${KUBES.toLocaleString('id-ID')}`);
    expect(page).toContain('KUBE Distrik 00050');
    expect(page).not.toContain('KUBE Distrik 00100');
  }, 60_000);
});

describe('pages of results', () => {
  it('list the people fifty at a time, with links between the pages', async () => {
    const get = async (query: string) =>
      (await fetch(`${app.url}/admin/orang${query}`, { headers: { cookie: admin } })).text();
    const people = KUBES * PER_KUBE + 1; // and the admin
    const first = await get('?cari=Warga+1');
    const matching = [...Array(KUBES * PER_KUBE).keys()].filter((i) => String(i).startsWith('1')).length;
    expect(first).toContain(`Menampilkan 1–50 dari ${matching.toLocaleString('id-ID')}`);
    expect(first).toContain('href="/admin/orang?cari=Warga+1&amp;halaman=2"');
    expect(first).not.toContain('Sebelumnya');
    const second = await get('?cari=Warga+1&halaman=2');
    expect(second).toContain(`Menampilkan 51–100 dari ${matching.toLocaleString('id-ID')}`);
    expect(second).toContain('Sebelumnya');
    // A page number that is not one is the first page; one past the end is the last.
    expect(await get('?cari=Warga+1&halaman=abc')).toContain('Menampilkan 1–50 dari');
    expect(await get('?halaman=999999')).toContain(`dari ${people.toLocaleString('id-ID')}`);
  });

  it('list the KUBEs fifty at a time', async () => {
    const page = await (await fetch(`${app.url}/kube?halaman=30`, { headers: { cookie: admin } })).text();
    expect(page).toContain(`Menampilkan 1.451–1.500 dari ${(1500).toLocaleString('id-ID')}`);
    expect(page).toContain('KUBE Distrik 01499');
    expect(page).toContain('Sebelumnya');
    expect(page).not.toContain('Berikutnya');
  });
});
