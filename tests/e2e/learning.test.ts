import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson, waivePreTest } from './helpers/people.ts';
import { takeEmptyTest } from './helpers/tests-taken.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'belajar.admin', 'Admin-Belajar-2024');
  const kubeId = await addKube(app.connection, 'kubebelajar1', 'Maju Bersama 1');
  const sumarni = await addPerson(app.connection, 'anggota', 'belajar.sumarni', '2468', kubeId);
  const bakri = await addPerson(app.connection, 'anggota', 'belajar.bakri', '8642', kubeId);
  // These tests are about reading; the pre-test that normally comes first has its own tests.
  await waivePreTest(app.connection, sumarni.id, 'hakikat-kube');
  await waivePreTest(app.connection, bakri.id, 'usaha-produk');
  // The ketua of the review: both management tests handed in (the workshop's grant since gone), no lesson marked.
  const ketua = await addPerson(app.connection, 'pengurus', 'belajar.ketua', 'Ketua-Belajar-2024', kubeId);
  await takeEmptyTest(app.connection, ketua.id, 'manajemen-kube', 'pre');
  await takeEmptyTest(app.connection, ketua.id, 'manajemen-kube', 'post');
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

const SHOTS = process.env['KUBE_SHOTS'] ?? tmpdir();
// By the card's title, not its text: every card of the hakikat track also shows the label "Hakikat KUBE".
const cardOf = (page: Page, title: string) =>
  page.locator('.module-card').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

describe.skipIf(browserMissing)('learning in Chromium', () => {
  it('walks a member from home to a lesson, marks it done, and shows the progress on home', async () => {
    const context = await browser.newContext({ viewport: { width: 600, height: 1024 } });
    const page = await signedInPage(context, app.url, 'belajar.sumarni', '2468');

    // Members see the modules meant for them, not the officers' bookkeeping.
    await expect(cardOf(page, 'Hakikat KUBE').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Pembukuan Kas').count()).resolves.toBe(0);
    await expect(cardOf(page, 'Hakikat KUBE').textContent()).resolves.toContain('0 dari 5 pelajaran selesai');

    await cardOf(page, 'Hakikat KUBE').getByRole('link').click();
    await expect(page.getByText('membebaskan Anda dari pre-test').isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: 'Mulai belajar' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Apa itu KUBE?');
    await expect(page.getByRole('heading', { name: 'Ringkasan' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Kegiatan untuk KUBE Anda' }).isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Tandai selesai' }).click();
    await expect(page.getByText('Pelajaran ini sudah selesai').first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Tandai selesai' }).count()).resolves.toBe(0);

    await page.goto(`${app.url}/`);
    const card = await cardOf(page, 'Hakikat KUBE').textContent();
    expect(card).toContain('1 dari 5 pelajaran selesai');
    expect(card).toContain('Sedang belajar');
    await context.close();
  });

  for (const viewport of [
    { width: 360, height: 740 },
    { width: 800, height: 1280 },
  ]) {
    it(`tells one story on the home card, the module page and the pre-test result at ${viewport.width} px`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await signedInPage(context, app.url, 'belajar.ketua', 'Ketua-Belajar-2024');
      const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}-${viewport.width}.png` });
      const management = cardOf(page, 'Kapasitas Manajemen Pengurus KUBE');
      await expect(management.locator('.badge').textContent()).resolves.toBe('Modul selesai');
      // Home marks where to begin: the first module not finished.
      await expect(page.locator('.module-card--start h3').textContent()).resolves.toContain('Hakikat KUBE');
      await shot('beranda');

      await management.getByRole('link').click();
      await expect(page.locator('#langkah').textContent()).resolves.toBe('Modul selesai');
      await expect(page.locator('.progress .badge').textContent()).resolves.toBe('Modul selesai');
      // No empty lesson bar beside "Modul selesai": the count is a note once the post-test closed the module.
      await expect(page.locator('.progress progress').count()).resolves.toBe(0);
      await expect(page.locator('.progress .muted').textContent()).resolves.toContain('Post-test sudah dikumpulkan');
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).not.toContain('Langkah 2');
      expect(body).not.toContain('Belum mulai');
      await page.locator('#langkah').scrollIntoViewIfNeeded();
      await shot('modul-selesai');

      await page.getByRole('link', { name: 'Lihat hasil Pre-test' }).click();
      const result = (await page.locator('main').textContent()) ?? '';
      expect(result).not.toContain('lanjutkan ke pelajaran');
      expect(result).toContain('Modul ini sudah selesai');
      await shot('hasil-pre');

      // Opening a module page is not starting it; its lessons show a lock and the reason.
      await page.goto(`${app.url}/belajar/usaha-produk`);
      await expect(page.locator('.lesson-list__locked').first().isVisible()).resolves.toBe(true);
      await expect(page.getByText('Terkunci').first().isVisible()).resolves.toBe(true);
      await expect(page.getByText('Pelajaran terbuka setelah pre-test dikerjakan.').first().isVisible()).resolves.toBe(
        true,
      );
      await page.locator('.lesson-list').scrollIntoViewIfNeeded();
      await shot('modul-terkunci');
      await page.goto(`${app.url}/`);
      await expect(cardOf(page, 'Memilih dan Mengembangkan Usaha').locator('.badge').textContent()).resolves.toBe(
        'Belum mulai',
      );
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide).toBeLessThanOrEqual(viewport.width);
      await context.close();
    });
  }

  it('offers a way on from an empty test history', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await signedInPage(context, app.url, 'belajar.bakri', '8642');
    await page.goto(`${app.url}/belajar/riwayat`);
    await page.getByRole('link', { name: 'Pilih modul di Beranda' }).click();
    await page.waitForURL(`${app.url}/`);
    await context.close();
  });

  it('refuses a module that is not meant for the member', async () => {
    const context = await browser.newContext();
    const page = await signedInPage(context, app.url, 'belajar.bakri', '8642');
    const response = await page.goto(`${app.url}/belajar/keuangan-kube`);
    expect(response?.status()).toBe(403);
    await context.close();
  });

  it('opens a lesson of a visited module with the network cut, and says it is offline', async () => {
    const context = await browser.newContext();
    const page = await signedInPage(context, app.url, 'belajar.bakri', '8642');
    await page.goto(`${app.url}/belajar/usaha-produk`);
    // The service worker says when the module is kept on the device.
    await page.locator('#saved-offline').waitFor({ state: 'visible', timeout: 20_000 });

    await context.setOffline(true);
    await page.goto(`${app.url}/belajar/usaha-produk/03-inovasi-dan-varian`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Inovasi');
    await expect(page.locator('#offline-notice').isVisible()).resolves.toBe(true);
    await expect(page.locator('#offline-notice').textContent()).resolves.toContain('Anda sedang offline');

    // A page never kept says so plainly instead of the browser's error.
    await page.goto(`${app.url}/akun`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sedang offline');
    await context.setOffline(false);
    await context.close();
  });

  it('reads a lesson aloud in Indonesian when the device has a voice, and says how to add one when it has none', async () => {
    const context = await browser.newContext();
    const page = await signedInPage(context, app.url, 'belajar.sumarni', '2468');
    await page.goto(`${app.url}/belajar/hakikat-kube/02-kebersamaan-gotong-royong-musyawarah`);
    // Headless Chromium has no voices: the button stays, and pressing it says so and how to add one.
    const noVoice = page.locator('#no-voice');
    await expect(noVoice.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Dengarkan' }).click();
    await expect(noVoice.isVisible()).resolves.toBe(true);
    await expect(noVoice.textContent()).resolves.toContain('belum punya suara bahasa Indonesia');
    await expect(noVoice.textContent()).resolves.toContain('Setelan');

    await page.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      const voice = { lang: 'id-ID', name: 'Bahasa Indonesia' };
      // A stand-in utterance: the real one accepts only the browser's own voice objects.
      (window as unknown as { SpeechSynthesisUtterance: unknown }).SpeechSynthesisUtterance = class {
        lang = '';
        voice: unknown = null;
        onend: unknown = null;
        text: string;
        constructor(text: string) {
          this.text = text;
        }
      };
      Object.assign(window.speechSynthesis, {
        getVoices: () => [voice],
        speak: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }),
        cancel: () => undefined,
      });
    });
    await page.reload();
    await page.getByRole('button', { name: 'Dengarkan' }).click();
    const spoken = await page.evaluate(
      () => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken,
    );
    expect(spoken.length).toBeGreaterThan(3);
    expect(spoken.every((part) => part.lang === 'id-ID')).toBe(true);
    expect(spoken.map((part) => part.text).join(' ')).toContain('gotong royong');
    await expect(page.locator('#no-voice').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Berhenti' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await context.close();
  });
});
