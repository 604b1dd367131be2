import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceWorkshop } from '../../src/features/workshop/phases.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { addKube, addPerson, testPersonId } from './helpers/people.ts';

// The materi watch of a shared tablet (HEAD every 4 s from every tablet in the room) gets the phase as a
// status with no body and no page rendered: 204 while the lessons are open, a redirect to the names once the
// phase moves on, 404 once the workshop is closed. Never cached, never a cookie.

let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
  // An admin exists, so the site is past its first run (which sends every address to /mulai).
  await addPerson(app.connection, 'admin', 'mw.admin', 'Admin-Watch-2024');
  const kube = await addKube(app.connection, 'kubewatch1', 'Maju Bersama Watch');
  await addPerson(app.connection, 'pendamping', 'mw.rina', 'Pendamping-Watch-24', kube);
});
afterAll(async () => {
  await app.stop();
});

async function watch(code: string, method: 'HEAD' | 'GET' = 'HEAD') {
  const response = await fetch(`${app.url}/gabung/fase/${code}`, { method, redirect: 'manual' });
  return {
    status: response.status,
    body: await response.text(),
    location: response.headers.get('location'),
    cacheControl: response.headers.get('cache-control'),
    setCookie: response.headers.get('set-cookie'),
  };
}

describe('the materi phase watch', () => {
  it('answers the phase with a status and no body, never cached, and refuses outside the materi phase', async () => {
    const by = testPersonId('mw.rina');
    const workshop = await createWorkshop(
      app.connection.db,
      { kubeId: 'kubewatch1', moduleSlug: 'usaha-produk', date: '2026-12-01', place: 'Balai desa', notes: null },
      by,
    );
    const move = async (from: typeof workshop.phase) =>
      advanceWorkshop(app.connection.db, { workshopId: workshop.id, from, by, confirmed: true });
    const nothing = { body: '', cacheControl: 'no-store', setCookie: null };

    // Pre-test: the lessons are not open yet, so the watch is sent where the lessons page would send it.
    await expect(watch(workshop.code)).resolves.toEqual({
      ...nothing,
      status: 303,
      location: `/gabung?kode=${workshop.code}`,
    });

    await move('pre_test');
    await expect(watch(workshop.code)).resolves.toEqual({ ...nothing, status: 204, location: null });
    await expect(watch(workshop.code.toLowerCase())).resolves.toMatchObject({ status: 204, body: '' });
    // A GET gets the same bodiless answer: nothing here renders a page.
    await expect(watch(workshop.code, 'GET')).resolves.toEqual({ ...nothing, status: 204, location: null });
    // The lessons page's watch asks here.
    const page = await (await fetch(`${app.url}/gabung/${workshop.code}/materi`)).text();
    expect(page).toContain(`data-check="/gabung/fase/${workshop.code}"`);

    await move('materi');
    await expect(watch(workshop.code)).resolves.toEqual({
      ...nothing,
      status: 303,
      location: `/gabung?kode=${workshop.code}`,
    });

    await move('post_test');
    await expect(watch(workshop.code)).resolves.toEqual({ ...nothing, status: 404, location: null });
    const closed = await watch(workshop.code, 'GET');
    expect(closed.status).toBe(404);
    expect(closed.body).toContain('Kode ini tidak dikenal');
    await expect(watch('ZZZZZZ')).resolves.toMatchObject({ status: 404, body: '' });
  });
});
