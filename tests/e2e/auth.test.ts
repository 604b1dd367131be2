import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, submitSignIn } from './helpers/browser.ts';
import { addKube, addPerson, testPersonId, type TestPerson } from './helpers/people.ts';
import { useAppAndBrowser } from './helpers/suite.ts';

const suite = useAppAndBrowser();

describe.skipIf(browserMissing)('first run, sign-in and sign-out in Chromium', () => {
  it('sends every visitor of an empty installation to the first-run page, in Indonesian', async () => {
    const page = await suite.browser.newPage();
    const response = await page.goto(`${suite.app.url}/`);
    expect(response?.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/mulai');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Selamat datang');
    // Nothing else is reachable until the first admin exists.
    await page.goto(`${suite.app.url}/masuk`);
    expect(new URL(page.url()).pathname).toBe('/mulai');
    await page.close();
  });

  it('switches the first-run page to English and back, before any admin exists', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${suite.app.url}/mulai`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(`${suite.app.url}/mulai`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.waitForURL(`${suite.app.url}/mulai`);
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await context.close();
  });

  it('refuses a common password for the first admin, keeps the typed name, and writes nothing', async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.app.url}/mulai`);
    await page.getByLabel('Nama lengkap').fill('Ibu Kepala Dinas');
    await page.getByLabel('Nama pengguna', { exact: true }).fill('kadinsos');
    await page.getByLabel('Kata sandi', { exact: true }).fill('password123');
    await page.getByLabel('Ulangi kata sandi').fill('password123');
    await page.getByRole('button', { name: 'Buat akun admin' }).click();
    await expect(page.getByText('terlalu umum').first().isVisible()).resolves.toBe(true);
    expect(await page.getByLabel('Nama lengkap').inputValue()).toBe('Ibu Kepala Dinas');
    const rows = await suite.app.connection.client.execute('SELECT count(*) AS n FROM people');
    expect(rows.rows[0]?.['n']).toBe(0);
    await page.close();
  });

  it('creates the first admin, who lands signed in on the home page', async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.app.url}/mulai`);
    await page.getByLabel('Nama lengkap').fill('Ibu Kepala Dinas');
    await page.getByLabel('Nama pengguna', { exact: true }).fill('kadinsos');
    await page.getByLabel('Kata sandi', { exact: true }).fill('Nganjuk-Berdaya-2024');
    await page.getByLabel('Ulangi kata sandi').fill('Nganjuk-Berdaya-2024');
    await page.getByRole('button', { name: 'Buat akun admin' }).click();
    await page.waitForURL(`${suite.app.url}/?selamat=1`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Ibu Kepala Dinas');
    // The first-run page is gone for good.
    await page.goto(`${suite.app.url}/mulai`);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });

  describe('with one person of each role', () => {
    const people: TestPerson[] = [];
    beforeAll(async () => {
      const kubeId = await addKube(suite.app.connection, 'kubeuji1', 'Maju Bersama 1');
      people.push(
        await addPerson(suite.app.connection, 'pendamping', 'rina', 'Pendamping-Prambon-24', kubeId),
        await addPerson(suite.app.connection, 'pengurus', 'slamet', 'Ketua-Maju-Bersama-1', kubeId),
        await addPerson(suite.app.connection, 'anggota', 'sumarni', '2468', kubeId),
      );
    });

    it('signs each role in and out', async () => {
      for (const person of [{ username: 'kadinsos', secret: 'Nganjuk-Berdaya-2024' }, ...people]) {
        const context = await suite.browser.newContext();
        const page = await context.newPage();
        await submitSignIn(page, suite.app.url, person.username, person.secret);
        expect(new URL(page.url()).pathname).toBe('/');
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Halo');
        const cookie = (await context.cookies()).find((c) => c.name === 'kube_session');
        expect(cookie?.httpOnly).toBe(true);
        expect(cookie?.sameSite).toBe('Lax');
        await page.getByRole('button', { name: 'Keluar' }).first().click();
        await page.waitForURL(`${suite.app.url}/masuk?keluar=1`);
        await expect(page.getByText('Anda sudah keluar').isVisible()).resolves.toBe(true);
        await page.goto(`${suite.app.url}/akun`);
        expect(new URL(page.url()).pathname).toBe('/masuk');
        await context.close();
      }
    });

    it('shows a member a plain 403 page, not a crash, when they open an admin page', async () => {
      const context = await suite.browser.newContext();
      const page = await context.newPage();
      await submitSignIn(page, suite.app.url, 'sumarni', '2468');
      const response = await page.goto(`${suite.app.url}/admin/orang`);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Tidak boleh dibuka');
      await context.close();
    });

    it('refuses a wrong password, then slows repeated failures down', async () => {
      const context = await suite.browser.newContext();
      const page = await context.newPage();
      await submitSignIn(page, suite.app.url, 'slamet', 'salah-sekali');
      await expect(page.getByText('Nama pengguna atau kata sandi salah').isVisible()).resolves.toBe(true);
      expect(await page.getByLabel('Nama pengguna').inputValue()).toBe('slamet');
      for (let i = 0; i < 4; i++) await submitSignIn(page, suite.app.url, 'slamet', `salah-${i}`);
      await expect(page.getByText('Terlalu banyak percobaan').count()).resolves.toBe(0);
      await submitSignIn(page, suite.app.url, 'slamet', 'salah-lagi');
      await expect(page.getByText('Terlalu banyak percobaan').isVisible()).resolves.toBe(true);
      // Even the right password waits now from this browser: the block is short, but it holds.
      await submitSignIn(page, suite.app.url, 'slamet', 'Ketua-Maju-Bersama-1');
      expect(new URL(page.url()).pathname).toBe('/masuk');
      await suite.app.connection.client.execute(
        `DELETE FROM rate_limits WHERE key LIKE 'pair:person:${testPersonId('slamet')}|%'`,
      );
      await submitSignIn(page, suite.app.url, 'slamet', 'Ketua-Maju-Bersama-1');
      expect(new URL(page.url()).pathname).toBe('/');
      await context.close();
    });

    it('signs a person out of every device at once', async () => {
      const phone = await suite.browser.newContext();
      const tablet = await suite.browser.newContext();
      const onPhone = await phone.newPage();
      const onTablet = await tablet.newPage();
      await submitSignIn(onPhone, suite.app.url, 'rina', 'Pendamping-Prambon-24');
      await submitSignIn(onTablet, suite.app.url, 'rina', 'Pendamping-Prambon-24');
      await onPhone.goto(`${suite.app.url}/akun`);
      await onPhone.getByRole('button', { name: 'Keluar dari semua perangkat' }).click();
      await onPhone.waitForURL(/\/masuk/);
      await onTablet.goto(`${suite.app.url}/akun`);
      expect(new URL(onTablet.url()).pathname).toBe('/masuk');
      await phone.close();
      await tablet.close();
    });

    it('switches the interface to English and back', async () => {
      const context = await suite.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${suite.app.url}/masuk`);
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Masuk');
      await context.close();
    });

    it('stays usable at 320 px wide: nothing overflows sideways', async () => {
      const context = await suite.browser.newContext({ viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      await submitSignIn(page, suite.app.url, 'kadinsos', 'Nganjuk-Berdaya-2024');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const small = await page.$$eval(
        'button, a.button, input',
        (elements) =>
          elements.filter((e) => e.getBoundingClientRect().height > 0 && e.getBoundingClientRect().height < 44).length,
      );
      expect(small).toBe(0);
      await context.close();
    });
  });
});
