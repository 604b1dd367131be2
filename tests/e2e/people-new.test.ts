import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { widestOverflow } from './helpers/overflow.ts';
import { addKube, addPerson } from './helpers/people.ts';
import { VIEWPORTS as SIZES } from './helpers/sizes.ts';

// "Tambah orang": its first state can be saved as it is once a name, a username and a PIN are typed; it shows
// only the KUBE and the secret that fit the chosen role; with more KUBEs it asks for one instead of guessing.

let app: RunningApp;
let browser: Browser;
const SHOTS = process.env['SCREENSHOTS'];

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'baru.admin', 'Admin-Tambah-Orang-24');
  await addKube(app.connection, 'kubebaru1', 'Maju Bersama Baru');
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

async function openForm(size: (typeof SIZES)[number], javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport: size, javaScriptEnabled });
  const page = await signedInPage(context, app.url, 'baru.admin', 'Admin-Tambah-Orang-24');
  await page.goto(`${app.url}/admin/orang/baru`);
  return page;
}

const shown = (page: Page, label: string) => page.getByLabel(label, { exact: true }).isVisible();
const PIN = 'PIN (khusus anggota)';
const PASSWORD = 'Kata sandi (pengurus, pendamping, admin)';

describe.skipIf(browserMissing)('adding a person', () => {
  it('starts as a member of the only KUBE with a PIN, and saves as it starts', async () => {
    for (const [index, size] of SIZES.entries()) {
      const page = await openForm(size);
      await expect(page.getByLabel('Peran').inputValue()).resolves.toBe('anggota');
      await expect(page.getByLabel('KUBE', { exact: true }).inputValue()).resolves.toBe('kubebaru1');
      await expect(shown(page, PIN)).resolves.toBe(true);
      await expect(shown(page, PASSWORD)).resolves.toBe(false);
      await expect(widestOverflow(page)).resolves.toBeNull();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/orang-baru-${size.width}.png` });
      await page.getByLabel('Nama lengkap').fill(`Sumirah ${index}`);
      await page.getByLabel('Nama pengguna').fill(`sumirah${index}`);
      await page.getByLabel(PIN).fill('4826');
      await page.getByRole('button', { name: 'Simpan orang baru' }).click();
      await page.waitForURL(/\/admin\/orang\/[^/]+\?dibuat=1/);
      await page.context().close();
    }
  });

  it('shows only the secret and the KUBE that fit the chosen role', async () => {
    for (const size of SIZES) {
      const page = await openForm(size);
      await page.getByLabel('Peran').selectOption('pengurus');
      await expect(shown(page, PASSWORD)).resolves.toBe(true);
      await expect(shown(page, PIN)).resolves.toBe(false);
      await expect(shown(page, 'KUBE')).resolves.toBe(true);
      await page.getByLabel('Peran').selectOption('pendamping');
      await expect(shown(page, PASSWORD)).resolves.toBe(true);
      await expect(shown(page, 'KUBE')).resolves.toBe(false);
      if (SHOTS) {
        await page.getByRole('heading', { name: 'Cara masuk' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}/orang-baru-pendamping-${size.width}.png` });
      }
      // A facilitator saved from the form as shown: the hidden KUBE is not sent, so nothing refuses it.
      await page.getByLabel('Nama lengkap').fill(`Rina ${size.width}`);
      await page.getByLabel('Nama pengguna').fill(`rina${size.width}`);
      await page.getByLabel(PASSWORD).fill('Pendamping-Baru-2024');
      await page.getByLabel('Ulangi kata sandi').fill('Pendamping-Baru-2024');
      await page.getByRole('button', { name: 'Simpan orang baru' }).click();
      await page.waitForURL(/\/admin\/orang\/[^/]+\?dibuat=1/);
      await page.context().close();
    }
  });

  it('without JavaScript shows both secrets, each saying whom it is for', async () => {
    const page = await openForm(SIZES[0], false);
    await expect(shown(page, PIN)).resolves.toBe(true);
    await expect(shown(page, PASSWORD)).resolves.toBe(true);
    await expect(page.getByText('Isi salah satu saja, sesuai perannya.').isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('with two KUBEs asks which one, and says so when a member is saved without one', async () => {
    await addKube(app.connection, 'kubebaru2', 'Sejahtera Baru');
    for (const size of SIZES) {
      const page = await openForm(size);
      const kube = page.getByLabel('KUBE', { exact: true });
      await expect(kube.inputValue()).resolves.toBe('');
      await expect(kube.locator('option:checked').textContent()).resolves.toBe('Pilih KUBE…');
      await page.getByLabel('Nama lengkap').fill('Bakri');
      await page.getByLabel('Nama pengguna').fill(`bakri${size.width}`);
      await page.getByLabel(PIN).fill('4826');
      await page.getByRole('button', { name: 'Simpan orang baru' }).click();
      await page.waitForLoadState();
      await expect(
        page.getByText('Anggota dan pengurus harus masuk satu KUBE. Pilih KUBE-nya.').isVisible(),
      ).resolves.toBe(true);
      await expect(kube.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(widestOverflow(page)).resolves.toBeNull();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/orang-baru-pilih-kube-${size.width}.png` });
      await page.context().close();
    }
  });
});
