import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { csvFile, personRow } from '../helpers/import-sheet.ts';
import { browserMissing, signedInPage, submitSignIn } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';
import { shot, useAppAndBrowser } from './helpers/suite.ts';

// The admin's upload of a spreadsheet (preview, confirm, progress, cards shown once) and a facilitator's
// reprint of cards with new PINs, in Chromium against the built server.

const suite = useAppAndBrowser(async ({ connection }) => {
  const kube = await addKube(connection, 'kubecards1', 'KUBE Kartu');
  await addPerson(connection, 'admin', 'up.admin', 'Admin-Unggah-2024');
  await addPerson(connection, 'pendamping', 'up.pendamping', 'Pendamping-Unggah-24', kube);
  await addPerson(connection, 'anggota', 'up.sari', '5827', kube);
  await addPerson(connection, 'anggota', 'up.budi', '6394', kube);
  await addPerson(connection, 'pengurus', 'up.ketua', 'Ketua-Unggah-2024', kube);
});

const place = { 'Nama KUBE': 'Sejahtera Kartu', Desa: 'Baron' };
/** One KUBE of `count` people, the first its ketua. */
const kubeOf = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    personRow(`Warga Kartu ${String(i + 1)}`, i === 0 ? { ...place, Peran: 'pengurus', Jabatan: 'ketua' } : place),
  );

async function upload(page: Page, name: string, bytes: Uint8Array) {
  await page.goto(`${suite.app.url}/admin/impor`);
  await page
    .getByLabel('Berkas XLSX atau CSV')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(bytes) });
  await page.getByRole('button', { name: 'Unggah dan lihat pratinjau' }).click();
  await page.waitForURL(/pratinjau=/);
}

/** Whether `secret` signs `username` in (a wrong one stays on the sign-in page). */
async function signsIn(username: string, secret: string): Promise<boolean> {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await submitSignIn(page, suite.app.url, username, secret);
  const inside = !page.url().includes('/masuk');
  await context.close();
  return inside;
}

/** Every card on the page: [user name, secret]. */
const cardsOn = (page: Page) =>
  page.$$eval('.member-card', (cards) =>
    cards.map((card) => [...card.querySelectorAll('.member-card__code')].map((cell) => cell.textContent.trim())),
  );

/** The pages of the cards page printed on A4. */
async function printedPages(page: Page): Promise<number> {
  const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
  return (pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

describe.skipIf(browserMissing)('the spreadsheet upload', () => {
  it('shows a bad row with its row number, column and reason, and offers no confirm', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await signedInPage(context, suite.app.url, 'up.admin', 'Admin-Unggah-2024');
    const rows = [...kubeOf(5), personRow('Salah Peran', { ...place, Peran: 'ketua' })];
    await upload(page, 'salah.csv', csvFile(rows));
    const bad = page.locator('#salah tbody tr');
    await expect.poll(() => bad.count()).toBe(1);
    expect(await bad.first().innerText()).toMatch(/7[\s\S]*Peran[\s\S]*anggota atau pengurus/);
    expect(await page.getByRole('button', { name: 'Simpan semua' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Unggah dan lihat pratinjau' }).count()).toBe(1);
    await shot(page, 'impor-salah-360');
    await context.close();
  });

  it('imports a good file, shows the progress, then the cards eight to an A4 page once; a card signs a member in', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 800, height: 1280 } });
    const page = await signedInPage(context, suite.app.url, 'up.admin', 'Admin-Unggah-2024');
    await upload(page, 'baik.csv', csvFile(kubeOf(17)));
    expect(await page.locator('#pratinjau').innerText()).toMatch(/Orang\s+17\s+0\s+0/);
    await shot(page, 'impor-pratinjau-800');
    await page.getByRole('button', { name: 'Simpan semua' }).click();
    await page.waitForURL(/tugas=/);
    await page.getByRole('heading', { name: 'Impor selesai' }).waitFor({ timeout: 60_000 });
    await shot(page, 'impor-selesai-800');
    await page.getByRole('link', { name: 'Buka dan cetak kartu anggota' }).click();
    const cards = await cardsOn(page);
    expect(cards).toHaveLength(17);
    expect(await page.getByText('Kata sandi pertama', { exact: true }).count()).toBe(1);
    expect(await printedPages(page)).toBe(3); // 8 + 8 + 1
    await shot(page, 'impor-kartu-800');
    const [, member] = cards;
    expect(member?.[1]).toMatch(/^\d{6}$/);

    await page.reload();
    expect(await page.locator('[data-secret]').count()).toBe(0);
    expect(await page.getByText('Kartu sudah ditampilkan sekali').count()).toBe(1);
    await page.goBack().catch(() => undefined);
    await page.goto(page.url().replace('/kartu', ''));
    expect(await page.getByText('Kartu sudah ditampilkan sekali').count()).toBe(1);

    expect(await signsIn(member?.[0] ?? '', member?.[1] ?? '')).toBe(true);
    await context.close();
  });
});

describe.skipIf(browserMissing)('cards again with new PINs', () => {
  it('gives two ticked members new PINs: the old ones stop working, the new ones sign in; a facilitator cannot reset an officer', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await signedInPage(context, suite.app.url, 'up.pendamping', 'Pendamping-Unggah-24');
    await page.goto(`${suite.app.url}/kube/kubecards1`);
    await page.getByLabel('Pilih Uji up.sari').check();
    await page.getByLabel('Pilih Uji up.budi').check();
    await page.getByRole('button', { name: 'Cetak kartu dengan PIN baru' }).click();
    await page.waitForURL(/\/kube\/kubecards1\/kartu/);
    const cards = await cardsOn(page);
    expect(cards.map(([username]) => username).sort()).toEqual(['up.budi', 'up.sari']);
    await shot(page, 'kartu-ulang-360');
    expect(await signsIn('up.sari', '5827')).toBe(false);
    expect(await signsIn('up.budi', '6394')).toBe(false);
    for (const [username = '', secret = ''] of cards) expect(await signsIn(username, secret)).toBe(true);

    await page.goto(`${suite.app.url}/kube/kubecards1`);
    await page.getByLabel('Pilih Uji up.ketua').check();
    await page.getByRole('button', { name: 'Cetak kartu dengan PIN baru' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('#kartu-baru [role="alert"]').innerText()).toContain('Uji up.ketua');
    expect(await signsIn('up.ketua', 'Ketua-Unggah-2024')).toBe(true);
    await context.close();
  });
});

describe.skipIf(browserMissing)('cards again, from the admin list of people', () => {
  it('gives a ticked officer a new first password from the list of one KUBE; a prefetch of the card page uses nothing up', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 800, height: 1280 } });
    const page = await signedInPage(context, suite.app.url, 'up.admin', 'Admin-Unggah-2024');
    // The list of one KUBE: a place first, then the KUBE in it, as the filter offers them.
    await page.goto(`${suite.app.url}/admin/orang?kabupaten=Nganjuk&kube=kubecards1`);
    // Staff are listed with the KUBE's people but get no box; its officer and members do.
    expect(await page.getByLabel('Pilih Uji up.pendamping').count()).toBe(0);
    await shot(page, 'orang-satu-kube-800');
    await page.getByLabel('Pilih Uji up.ketua').check();
    await page.getByRole('button', { name: 'Cetak kartu dengan PIN baru' }).click();
    await page.waitForURL(/\/kube\/kubecards1\/kartu/);
    const cards = await cardsOn(page);
    expect(cards.map(([username]) => username)).toEqual(['up.ketua']);
    await shot(page, 'kartu-ulang-admin-800');
    expect(await signsIn('up.ketua', 'Ketua-Unggah-2024')).toBe(false);
    expect(await signsIn('up.ketua', cards[0]?.[1] ?? '')).toBe(true);

    // Once more, the card page fetched first as a browser's prefetch would, before anyone opens it.
    const posted = await context.request.post(`${suite.app.url}/admin/orang?_action=kartu.reissue`, {
      form: { kubeId: 'kubecards1', personId: 'tupsari0' },
      headers: { origin: suite.app.url },
      maxRedirects: 0,
    });
    const cardPage = new URL(posted.headers()['location'] ?? '', suite.app.url).href;
    expect(cardPage).toMatch(/\/kube\/kubecards1\/kartu\?kartu=/);
    const early = await context.request.get(cardPage, { headers: { 'sec-purpose': 'prefetch' }, maxRedirects: 0 });
    expect(early.status()).toBe(204);
    await page.goto(cardPage);
    expect((await cardsOn(page)).map(([username]) => username)).toEqual(['up.sari']);
    await context.close();
  });
});
