import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { attempts, certificates, positions } from '../../db/schema.ts';
import { submittedAttempt, shot } from './helpers/suite.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson, type TestPerson } from './helpers/people.ts';
import { SIZES } from './helpers/sizes.ts';

// A bendahara's path and certificate, in real Chromium at phone and tablet size: the post-test alone does not pass
// keuangan-kube (the cash-book task is the treasurer's); the facilitator scores the task, the path says "Lulus"
// and links the certificate; it prints on one A4 page with a QR code; a visitor checks it and sees only the
// name, module, day and status; an admin withdraws it with a reason, and the same check then says withdrawn.

const KUBE = 'kubesertifikat1';
const KUBE_NAME = 'Sumber Rezeki Sertifikat';
let app: RunningApp;
let browser: Browser;
const who = {} as Record<'admin' | 'pendamping' | 'bendahara', TestPerson>;

/** How many pages a PDF has: its page objects (`/Type /Page`, not the `/Pages` tree). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;

beforeAll(async () => {
  app = await startApp();
  who.admin = await addPerson(app.connection, 'admin', 'srt.admin', 'Admin-Sertifikat-2024');
  await addKube(app.connection, KUBE, KUBE_NAME);
  who.pendamping = await addPerson(app.connection, 'pendamping', 'srt.rina', 'Pendamping-Sertifikat-24', KUBE);
  who.bendahara = await addPerson(app.connection, 'pengurus', 'srt.tini', 'Bendahara-Sertifikat-24', KUBE);
  const { db } = app.connection;
  await db.insert(positions).values({
    ...{ id: 'srtposition01', kubeId: KUBE, personId: who.bendahara.id, jabatanCode: 'bendahara' },
    startDate: '2025-01-01',
  });
  // Her post-test of keuangan-kube: 90, at the mastery score.
  await db.insert(attempts).values(
    submittedAttempt({
      id: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c40',
      personId: who.bendahara.id,
      moduleSlug: 'keuangan-kube',
      kind: 'post',
      startedAt: new Date('2026-05-10T02:00:00Z'),
      submittedAt: new Date('2026-05-10T02:30:00Z'),
      score: 90,
      correct: 9,
      total: 10,
      counted: true,
    }),
  );
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

const step = (page: Page, title: string) => page.locator('.learning-path__step', { hasText: title });
const MODULE = 'Pembukuan Kas, IKS dan Simpan Pinjam';

describe.skipIf(browserMissing)('learning path and certificate', () => {
  let code = '';

  it('shows the path with what is left, then "Lulus" and the certificate once the task is scored', async () => {
    const context = await browser.newContext({ viewport: SIZES[0].viewport });
    const page = await signedInPage(context, app.url, who.bendahara.username, who.bendahara.secret);
    const path = page.getByRole('region', { name: 'Jalur belajar Anda' });
    await expect(path.isVisible()).resolves.toBe(true);
    await expect(path.getByText('Modul yang dipelajari bendahara').isVisible()).resolves.toBe(true);
    await expect(path.getByText('0 dari 6 modul lulus').isVisible()).resolves.toBe(true);
    await expect(step(page, MODULE).getByText('Tinggal tugas praktik bersama pendamping.').isVisible()).resolves.toBe(
      true,
    );
    // The first step not passed is the one to do: Hakikat KUBE.
    await expect(step(page, 'Hakikat KUBE').getByText('Berikutnya').isVisible()).resolves.toBe(true);
    await expect(page.locator('[aria-current="step"]').count()).resolves.toBe(1);
    await path.scrollIntoViewIfNeeded();
    await shot(page, 'certificates-path-task-left-phone');
    await context.close();

    // The facilitator scores the cash-book task after the training, every point done.
    const staff = await browser.newContext({ viewport: SIZES[1].viewport });
    const form = await signedInPage(staff, app.url, who.pendamping.username, who.pendamping.secret);
    await form.goto(`${app.url}/kube/${KUBE}/orang/${who.bendahara.id}/praktik/buku-kas-sebulan?jenis=post`);
    for (const box of await form.getByRole('checkbox').all()) await box.check();
    await form.getByLabel('Tanggal tugas dikerjakan').fill('2026-05-12');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await form.waitForURL(/\?praktik=1#tugas-praktik$/);
    // Her page lists the certificate it earned.
    const list = form.getByRole('region', { name: 'Sertifikat' });
    await expect(list.getByRole('link', { name: MODULE }).isVisible()).resolves.toBe(true);
    await list.scrollIntoViewIfNeeded();
    await shot(form, 'certificates-person-page-tablet');
    await staff.close();

    for (const size of SIZES) {
      const own = await browser.newContext({ viewport: size.viewport });
      const home = await signedInPage(own, app.url, who.bendahara.username, who.bendahara.secret);
      await expect(home.getByText('1 dari 6 modul lulus').isVisible()).resolves.toBe(true);
      const passed = step(home, MODULE);
      await expect(passed.getByText('Lulus', { exact: true }).isVisible()).resolves.toBe(true);
      const link = passed.getByRole('link', { name: /^Lihat sertifikat / });
      const box = await link.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
      code = ((await link.textContent()) ?? '').replace('Lihat sertifikat ', '').replace('-', '');
      await passed.scrollIntoViewIfNeeded();
      await shot(home, `certificates-path-passed-${size.name}`);
      await own.close();
    }
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it('prints the certificate on one A4 page with its facts and a QR code, and shares it on WhatsApp', async () => {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size.viewport });
      const page = await signedInPage(context, app.url, who.bendahara.username, who.bendahara.secret);
      await page.goto(`${app.url}/sertifikat/${code}/cetak`);
      const certificate = page.getByRole('article', { name: 'Sertifikat' });
      for (const text of [
        'Uji srt.tini',
        `anggota ${KUBE_NAME}`,
        MODULE,
        '12 Mei 2026',
        'Uji srt.rina',
        `${code.slice(0, 5)}-${code.slice(5)}`,
      ]) {
        await expect(certificate.getByText(text, { exact: true }).isVisible(), text).resolves.toBe(true);
      }
      await expect(certificate.locator('.certificate__qr svg').count()).resolves.toBe(1);
      const share = await page.getByRole('link', { name: 'Bagikan ke WhatsApp' }).getAttribute('href');
      expect(share).toMatch(/^https:\/\/wa\.me\/\?text=/);
      const text = decodeURIComponent(share?.replace('https://wa.me/?text=', '') ?? '');
      expect(text).toContain(MODULE);
      expect(text).toContain(`${app.url}/sertifikat/${code}`);
      await shot(page, `certificates-print-page-${size.name}`);
      if (size.name === 'tablet') {
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        expect(pageCount(pdf)).toBe(1);
        await page.emulateMedia({ media: 'print' });
        await expect(page.getByRole('link', { name: 'Bagikan ke WhatsApp' }).isVisible()).resolves.toBe(false);
      }
      await context.close();
    }
  });

  it('lets anyone check it, showing the name, module, day and status and nothing else', async () => {
    const context = await browser.newContext({ viewport: SIZES[0].viewport });
    const page = await context.newPage();
    const response = await page.goto(`${app.url}/sertifikat/${code}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('no-store');
    expect(response?.headers()['x-robots-tag']).toBe('noindex');
    await expect(page.getByText('Sertifikat ini sah').isVisible()).resolves.toBe(true);
    const body = (await page.locator('main').textContent()) ?? '';
    for (const shown of ['Uji srt.tini', MODULE, '12 Mei 2026']) expect(body).toContain(shown);
    // No KUBE, no facilitator, no score, no username, no person id.
    for (const hidden of [KUBE_NAME, 'srt.rina', 'Uji srt.rina', '90', 'srt.tini ', who.bendahara.id]) {
      expect(body, hidden).not.toContain(hidden);
    }
    expect(await page.content()).not.toContain(who.bendahara.id);
    await shot(page, 'certificates-check-valid-phone');

    // Typed by hand, in lower case with its dash: the same page. A code nobody holds: a plain "not found".
    await page.goto(`${app.url}/sertifikat`);
    await page.getByLabel('Kode verifikasi').fill(`${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`);
    await page.getByRole('button', { name: 'Periksa' }).click();
    await page.waitForURL(`${app.url}/sertifikat/${code}`);
    await expect(page.getByText('Sertifikat ini sah').isVisible()).resolves.toBe(true);
    const unknown = await page.goto(`${app.url}/sertifikat/0000000000`);
    expect(unknown?.status()).toBe(404);
    await expect(page.getByText('Tidak ada sertifikat dengan kode 00000-00000.').isVisible()).resolves.toBe(true);
    await page.goto(`${app.url}/sertifikat?kode=12`);
    await expect(page.getByText('Kode ini tidak mungkin benar').isVisible()).resolves.toBe(true);
    await shot(page, 'certificates-check-invalid-phone');
    await context.close();
  });

  it('is withdrawn by an admin with a reason, then checks as withdrawn, and the path says so', async () => {
    const context = await browser.newContext({ viewport: SIZES[1].viewport });
    const page = await signedInPage(context, app.url, who.admin.username, who.admin.secret);
    await page.goto(`${app.url}/sertifikat/${code}/cetak`);
    // A reason too short is refused beside the field, and nothing changes.
    await page.locator('form', { has: page.getByLabel('Alasan pencabutan') }).evaluate((form) => {
      form.setAttribute('novalidate', '');
    });
    await page.getByLabel('Alasan pencabutan').fill('ab');
    await page.getByRole('button', { name: 'Cabut sertifikat ini' }).click();
    await expect(page.getByText('Tulis alasannya, paling sedikit 5 huruf.').isVisible()).resolves.toBe(true);
    const [still] = await app.connection.db.select().from(certificates);
    expect(still?.withdrawnAt).toBeNull();
    await page.getByLabel('Alasan pencabutan').fill('Tugas praktik dinilai untuk orang lain');
    await page.getByRole('button', { name: 'Cabut sertifikat ini' }).click();
    await page.waitForURL(/\?dicabut=1(#cabut)?$/);
    await expect(page.getByText('Sertifikat sudah dicabut.').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/Alasan: Tugas praktik dinilai untuk orang lain/).isVisible()).resolves.toBe(true);
    await shot(page, 'certificates-withdrawn-admin-tablet');
    await context.close();

    const visitor = await browser.newContext({ viewport: SIZES[0].viewport });
    const check = await visitor.newPage();
    await check.goto(`${app.url}/sertifikat/${code}`);
    await expect(check.getByText('Sertifikat ini sudah dicabut').isVisible()).resolves.toBe(true);
    await expect(check.getByText('Dicabut', { exact: true }).isVisible()).resolves.toBe(true);
    // The reason is the district's note, not the public's.
    expect((await check.locator('main').textContent()) ?? '').not.toContain('orang lain');
    await shot(check, 'certificates-check-withdrawn-phone');
    await visitor.close();

    const own = await browser.newContext({ viewport: SIZES[0].viewport });
    const home = await signedInPage(own, app.url, who.bendahara.username, who.bendahara.secret);
    await expect(
      step(home, MODULE)
        .getByText(/Sertifikatnya dicabut/)
        .isVisible(),
    ).resolves.toBe(true);
    await expect(home.getByText('0 dari 6 modul lulus').isVisible()).resolves.toBe(true);
    await own.close();
  });
});
