import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { people } from '../../db/schema.ts';
import { browserMissing, submitSignIn } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';
import { shot, useAppAndBrowser } from './helpers/suite.ts';

// A first password given out on a member card (the spreadsheet import, or cards printed again): its officer must
// choose their own before anything else opens, and then never again.

const FIRST = 'Kartu-Pertama-7391';
const suite = useAppAndBrowser(async (app) => {
  await addPerson(app.connection, 'admin', 'fp.admin', 'Admin-Nganjuk-2024');
  await addKube(app.connection, 'fpkube0001', 'KUBE Kartu');
  const ketua = await addPerson(app.connection, 'pengurus', 'fp.ketua', FIRST, 'fpkube0001');
  await app.connection.db
    .update(people)
    .set({ mustChangePassword: true })
    .where(sql`id = ${ketua.id}`);
});

describe.skipIf(browserMissing)('an officer signing in with a first password', () => {
  it('is sent to the account page until they choose their own password, then goes anywhere', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await submitSignIn(page, suite.app.url, 'fp.ketua', FIRST);
    await page.waitForURL(`${suite.app.url}/akun?ganti=1#ganti-kata-sandi`);
    // The form to choose a password is in view, under the explanation at the top.
    await expect(page.getByLabel('Kata sandi sekarang').isVisible()).resolves.toBe(true);
    await expect(page.getByText('kata sandi pertama dari kartu').isVisible()).resolves.toBe(true);
    await shot(page, 'first-password-360');
    // Every other page and action waits.
    await page.goto(`${suite.app.url}/belajar`);
    expect(new URL(page.url()).pathname).toBe('/akun');
    const action = await context.request.post(`${suite.app.url}/_actions/learning.completeLesson`, {
      headers: { origin: suite.app.url, accept: 'application/json' },
      form: {},
    });
    expect(action.status()).toBe(403);

    await page.getByLabel('Kata sandi sekarang').fill(FIRST);
    await page.getByLabel('Kata sandi baru').fill('Ketua-Sendiri-Prambon-8');
    await page.getByLabel('Ulangi kata sandi').fill('Ketua-Sendiri-Prambon-8');
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await page.waitForURL(`${suite.app.url}/akun?diganti=1`);
    await expect(page.getByText('kata sandi pertama dari kartu').count()).resolves.toBe(0);
    await page.goto(`${suite.app.url}/belajar`);
    expect(new URL(page.url()).pathname).toBe('/belajar');
    const [row] = await suite.app.connection.db
      .select({ must: people.mustChangePassword })
      .from(people)
      .where(sql`username = 'fp.ketua'`);
    expect(row?.must).toBe(false);
    await context.close();
  });
});
