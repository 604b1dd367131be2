import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson, testPersonId } from './helpers/people.ts';
import { VIEWPORTS as SIZES } from './helpers/sizes.ts';

// The materi phase on a shared tablet: the whole room reads the module's lessons without anyone's name or
// PIN, and only then, for the post-test, the tablet goes back to the names.

let app: RunningApp;
let browser: Browser;
const MODULE = 'usaha-produk';

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'tm.admin', 'Admin-Tablet-Materi-1');
  for (const { width } of SIZES) {
    const kube = await addKube(app.connection, `kubemateri${width}`, `Maju Bersama ${width}`);
    await addPerson(app.connection, 'pendamping', `tm.rina${width}`, 'Pendamping-Materi-24', kube);
    await addPerson(app.connection, 'anggota', `tm.ani${width}`, '1357', kube);
  }
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

/** The facilitator's workshop page, with a new workshop of `width`'s KUBE on it, and its join code. */
async function openWorkshop(width: number): Promise<{ board: Page; code: string }> {
  const workshop = await createWorkshop(
    app.connection.db,
    { kubeId: `kubemateri${width}`, moduleSlug: MODULE, date: '2026-12-01', place: 'Balai desa', notes: null },
    testPersonId(`tm.rina${width}`),
  );
  const board = await signedInPage(await browser.newContext(), app.url, `tm.rina${width}`, 'Pendamping-Materi-24');
  await board.goto(`${app.url}/workshop/${workshop.id}`);
  return { board, code: workshop.code };
}

async function advance(board: Page, phase: 'Materi' | 'Post-test') {
  await board.getByRole('button', { name: `Lanjut ke tahap ${phase}` }).click();
  await expect(board.getByRole('heading', { name: /Tahap sekarang/ }).textContent()).resolves.toContain(phase);
}

/** What a tablet page must never show: the staff sign-in, a PIN field, a member's name. */
async function expectNothingPersonal(tablet: Page) {
  const text = await tablet.locator('body').innerText();
  expect(text).not.toContain('Nama pengguna');
  expect(text).not.toContain('Uji tm.');
  await expect(tablet.getByLabel('PIN Anda').count()).resolves.toBe(0);
}

describe.skipIf(browserMissing)('a workshop tablet in the materi phase', () => {
  for (const size of SIZES) {
    it(`reads the module's lessons without a PIN, and goes to the names for the post-test (${size.width} px)`, async () => {
      const { board, code } = await openWorkshop(size.width);
      const tablet = await (await browser.newContext({ viewport: size })).newPage();
      const materi = `${app.url}/gabung/${code}/materi`;

      // During the pre-test the lessons are closed: the join screen names the phase and lists the names.
      await tablet.goto(materi);
      expect(tablet.url()).toBe(`${app.url}/gabung?kode=${code}`);
      await expect(tablet.getByText('Sekarang: Pre-test').isVisible()).resolves.toBe(true);
      await expect(tablet.getByRole('link', { name: 'Baca materi' }).count()).resolves.toBe(0);
      await tablet.goto(`${materi}/01-memilih-usaha`);
      expect(tablet.url()).toBe(`${app.url}/gabung?kode=${code}`);

      await advance(board, 'Materi');
      await tablet.goto(`${app.url}/gabung?kode=${code.toLowerCase()}`);
      await expect(tablet.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Baca materi');
      // The names stay on the join screen for the post-test.
      await expect(tablet.getByRole('link', { name: `Uji tm.ani${size.width}` }).isVisible()).resolves.toBe(true);
      await tablet.getByRole('link', { name: 'Baca materi' }).click();
      await tablet.waitForURL(materi);
      await expect(tablet.getByRole('link', { name: /^\d\. / }).allTextContents()).resolves.toHaveLength(4);
      await expectNothingPersonal(tablet);

      const response = await Promise.all([
        tablet.waitForResponse((r) => r.url() === `${materi}/01-memilih-usaha`),
        tablet.getByRole('link', { name: /^1\. / }).click(),
      ]).then(([r]) => r);
      expect(response.headers()['cache-control']).toBe('no-store');
      await expect(tablet.getByText('Pelajaran 1 dari 4').isVisible()).resolves.toBe(true);
      await expect(tablet.getByRole('button', { name: 'Dengarkan' }).isVisible()).resolves.toBe(true);
      await expect(tablet.getByRole('button', { name: 'Tandai selesai' }).count()).resolves.toBe(0);
      await expectNothingPersonal(tablet);
      await tablet.getByRole('link', { name: 'Berikutnya' }).click();
      await tablet.waitForURL(`${materi}/02-menjaga-mutu`);
      await expect(tablet.getByText('Pelajaran 2 dari 4').isVisible()).resolves.toBe(true);
      await expect(tablet.getByRole('link', { name: 'Sebelumnya' }).getAttribute('href')).resolves.toBe(
        `/gabung/${code}/materi/01-memilih-usaha`,
      );
      await expectNothingPersonal(tablet);

      // Only this module's lessons; a lesson of another module, or a name that is none, is not here.
      for (const other of ['01-apa-itu-kube', '..%2F..%2Fmasuk', 'XX']) {
        const refused = await tablet.request.get(`${materi}/${other}`, { maxRedirects: 0 });
        expect(refused.status(), other).toBe(404);
      }
      // A code that names no open workshop gets the join screen's own error.
      await tablet.goto(`${app.url}/gabung/ZZZZZZ/materi`);
      await expect(tablet.getByText('Kode ini tidak dikenal').isVisible()).resolves.toBe(true);

      // Nobody is signed in on it, and it never lands on the staff sign-in: the site's name leads back to
      // the join screen.
      await tablet.goto(`${materi}/02-menjaga-mutu`);
      await tablet.getByRole('link', { name: 'KUBE Berdaya' }).click();
      expect(new URL(tablet.url()).pathname).toBe('/gabung');
      await expectNothingPersonal(tablet);

      // The facilitator opens the post-test while the tablet shows a lesson: it says so, and the next tap
      // leads to the names.
      await tablet.goto(`${materi}/02-menjaga-mutu`);
      await advance(board, 'Post-test');
      await tablet.getByText('Post-test dimulai — pilih nama Anda.').waitFor({ timeout: 15_000 });
      await tablet.getByRole('link', { name: 'Berikutnya' }).click();
      await tablet.waitForURL(`${app.url}/gabung?kode=${code}`);
      await expect(tablet.getByText('Sekarang: Post-test').isVisible()).resolves.toBe(true);
      await expect(tablet.getByRole('link', { name: `Uji tm.ani${size.width}` }).isVisible()).resolves.toBe(true);
      await tablet.context().close();
      await board.context().close();
    });
  }

  it('offers members a way to their workshop from the staff sign-in', async () => {
    const page = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
    await page.goto(`${app.url}/masuk`);
    const link = page.getByRole('link', { name: /Gabung workshop/ });
    await expect(link.getAttribute('href')).resolves.toBe('/gabung');
    await link.click();
    await expect(page.getByLabel('Kode workshop').isVisible()).resolves.toBe(true);
    await page.context().close();
  });
});
