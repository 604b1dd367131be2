import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';
import { answerQuestions as answer, boardRow as row, boardShows, joinWorkshop, takeTest } from './helpers/workshop.ts';

// A whole workshop: one facilitator on a laptop and three shared tablets, through every phase.

let app: RunningApp;
let browser: Browser;
const KUBE = 'kubefullworkshop';
const TABLET = { viewport: { width: 800, height: 1280 } };

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'wf.admin', 'Admin-Workshop-Full-1');
  await addKube(app.connection, KUBE, 'Maju Bersama 2');
  await addPerson(app.connection, 'pendamping', 'wf.rina', 'Pendamping-Full-2024', KUBE);
  await addPerson(app.connection, 'anggota', 'wf.ani', '1357', KUBE);
  await addPerson(app.connection, 'anggota', 'wf.budi', '2468', KUBE);
  await addPerson(app.connection, 'anggota', 'wf.citra', '3579', KUBE);
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

const count = async (sql: string) => Number((await app.connection.client.execute(sql)).rows[0]?.['n']);

describe.skipIf(browserMissing)('a whole workshop with one facilitator and three tablets', () => {
  it('runs pre-test, materi and post-test, with attendance, unsent answers and results on the live board', async () => {
    // The facilitator creates the workshop and leaves its page open on the projector laptop.
    const board = await signedInPage(await browser.newContext(), app.url, 'wf.rina', 'Pendamping-Full-2024');
    await board.goto(`${app.url}/kube/${KUBE}/workshop`);
    await board.getByLabel('Modul').selectOption('usaha-produk');
    await board.getByLabel('Tempat').fill('Rumah Bu Ketua');
    await board.getByRole('button', { name: 'Buat workshop' }).click();
    await board.waitForURL(/\/workshop\/[a-z0-9]+\?dibuat=1$/);
    const code = (await board.locator('.workshop-code__value').textContent())?.trim() ?? '';
    await expect(board.getByText('0 dari 3 anggota hadir').isVisible()).resolves.toBe(true);
    for (const member of ['wf.ani', 'wf.budi', 'wf.citra']) await boardShows(board, member, 'Belum hadir');

    const [ani, budi, citra] = await Promise.all(
      [1, 2, 3].map(async () => (await browser.newContext(TABLET)).newPage()),
    );
    if (!ani || !budi || !citra) throw new Error('tablets missing');

    // Ani types the code herself and gets her PIN wrong once.
    await ani.goto(`${app.url}/gabung`);
    await ani.getByLabel('Kode workshop').fill(code);
    await ani.getByRole('button', { name: 'Lanjut' }).click();
    await ani.getByRole('link', { name: 'Uji wf.ani' }).click();
    await ani.getByLabel('PIN Anda').fill('9999');
    await ani.getByRole('button', { name: 'Masuk' }).click();
    await expect(ani.getByText('PIN salah').isVisible()).resolves.toBe(true);
    await boardShows(board, 'wf.ani', 'Belum hadir');
    await ani.getByLabel('PIN Anda').fill('1357');
    await ani.getByRole('button', { name: 'Masuk' }).click();
    await ani.waitForURL(/\/belajar\/usaha-produk\/tes\/pre$/);
    await boardShows(board, 'wf.ani', 'Hadir');

    await joinWorkshop(budi, app.url, code, 'wf.budi', '2468');
    await joinWorkshop(citra, app.url, code, 'wf.citra', '3579');
    await citra.waitForURL(/\/tes\/pre$/);
    await board.getByText('3 dari 3 anggota hadir').waitFor({ timeout: 15_000 });

    // Ani answers three questions: the board follows her progress.
    await ani.getByRole('button', { name: 'Mulai Pre-test' }).click();
    await answer(ani, 0, 3, 8);
    await boardShows(board, 'wf.ani', '(3/8)');

    // Budi's tablet cannot reach the server for his answers (a weak link): they stay on the tablet, and
    // the tablet's report puts him on the board as holding unsent answers.
    const saves = /\/_actions\/assessment\.saveAnswers/;
    await budi.route(saves, (route) => route.abort('internetdisconnected'));
    await budi.getByRole('button', { name: 'Mulai Pre-test' }).click();
    await answer(budi, 0, 2, 8);
    await boardShows(board, 'wf.budi', 'Ada jawaban belum terkirim');
    await boardShows(board, 'wf.budi', '2 jawaban masih di tablet');

    // Ani and Citra hand in; their tablets thank them and return to the join screen.
    await answer(ani, 3, 8, 8);
    await ani.getByRole('button', { name: 'Kumpulkan' }).click();
    await ani.waitForURL(/\/gabung\/selesai$/);
    await takeTest(citra, 'Pre-test', 8);
    await boardShows(board, 'wf.ani', 'Sudah mengumpulkan');
    await boardShows(board, 'wf.citra', 'Sudah mengumpulkan');

    // Closing the pre-test while Budi's answers are still on his tablet asks first, naming him.
    await board.getByRole('button', { name: 'Lanjut ke tahap Materi' }).click();
    const warning = board.getByRole('alert');
    await expect(warning.getByText('Tunggu: masih ada jawaban di tablet').isVisible()).resolves.toBe(true);
    await expect(warning.getByRole('listitem').allTextContents()).resolves.toEqual([
      'Uji wf.budi: 2 jawaban masih di tablet',
    ]);
    await expect(board.getByRole('heading', { name: /Tahap sekarang/ }).textContent()).resolves.toContain('Pre-test');

    // The link comes back: his answers arrive, he finishes, and the facilitator waits rather than forcing it.
    await budi.unroute(saves);
    await budi.evaluate(() => window.dispatchEvent(new Event('online')));
    await answer(budi, 2, 8, 8);
    await budi.getByRole('button', { name: 'Kumpulkan' }).click();
    await budi.waitForURL(/\/gabung\/selesai$/);
    await board.getByRole('link', { name: 'Tunggu dulu' }).click();
    await boardShows(board, 'wf.budi', 'Sudah mengumpulkan');
    await board.getByRole('button', { name: 'Lanjut ke tahap Materi' }).click();
    await expect(board.getByRole('heading', { name: /Tahap sekarang/ }).textContent()).resolves.toContain('Materi');
    expect(await count("SELECT count(*) AS n FROM attempts WHERE kind = 'pre' AND submitted_at IS NOT NULL")).toBe(3);
    expect(
      await count(
        "SELECT count(*) AS n FROM attempt_answers a JOIN attempts t ON t.id = a.attempt_id WHERE t.kind = 'pre'",
      ),
    ).toBe(24);

    // Materi: Ani joins again and reads the lessons; when the facilitator opens the post-test, her tablet
    // moves to it by itself.
    await joinWorkshop(ani, app.url, code, 'wf.ani', '1357');
    await ani.waitForURL(/\/belajar\/usaha-produk$/);
    await board.getByRole('button', { name: 'Lanjut ke tahap Post-test' }).click();
    await expect(board.getByRole('heading', { name: /Tahap sekarang/ }).textContent()).resolves.toContain('Post-test');
    await ani.waitForURL(/\/belajar\/usaha-produk\/tes\/post$/, { timeout: 15_000 });
    // The lessons taught in the materi phase count for the three present: the module's four each.
    expect(await count('SELECT count(*) AS n FROM lesson_completions')).toBe(12);
    for (const member of ['wf.ani', 'wf.budi', 'wf.citra']) await boardShows(board, member, 'Hadir');

    await joinWorkshop(budi, app.url, code, 'wf.budi', '2468');
    await budi.waitForURL(/\/tes\/post$/);
    await joinWorkshop(citra, app.url, code, 'wf.citra', '3579');
    await citra.waitForURL(/\/tes\/post$/);
    await Promise.all([takeTest(ani, 'Post-test', 8), takeTest(budi, 'Post-test', 8), takeTest(citra, 'Post-test', 8)]);
    for (const member of ['wf.ani', 'wf.budi', 'wf.citra']) await boardShows(board, member, 'Sudah mengumpulkan');
    await board.getByText('0 sedang mengerjakan, 3 sudah mengumpulkan, 0 perlu perhatian').waitFor({ timeout: 15_000 });

    // Results: pre, post and gain per member, from the database's own scores.
    const scores = await app.connection.client.execute(
      'SELECT p.username AS u, t.kind AS k, t.score AS s FROM attempts t JOIN people p ON p.id = t.person_id WHERE t.submitted_at IS NOT NULL',
    );
    for (const member of ['wf.ani', 'wf.budi', 'wf.citra']) {
      const cells = await row(board, member).getByRole('cell').allTextContents();
      const scoreOf = (kind: string) => Number(scores.rows.find((r) => r['u'] === member && r['k'] === kind)?.['s']);
      const shown = (value: number) => value.toLocaleString('id-ID', { maximumFractionDigits: 1 });
      expect(cells.slice(2, 4)).toEqual([shown(scoreOf('pre')), shown(scoreOf('post'))]);
      expect(cells[4]).toMatch(/^-?[\d,]+ \(g /);
    }

    // Closing: the code dies, the attendance stays, the workshop is in the KUBE's history.
    await board.getByRole('button', { name: 'Tutup workshop' }).click();
    await expect(board.getByText('Workshop ini sudah ditutup').isVisible()).resolves.toBe(true);
    await expect(board.getByText('3 dari 3 anggota hadir').isVisible()).resolves.toBe(true);
    expect(await count(`SELECT count(*) AS n FROM workshop_attendance WHERE method = 'pin'`)).toBe(3);
    // The workshop's full report pairs the three members' pre-tests and post-tests.
    await board.getByRole('link', { name: 'Lihat laporan lengkap workshop ini' }).click();
    await board.waitForURL(/\/laporan\?workshop=/);
    const people = board.getByRole('table', { name: 'Pre-test, post-test, kenaikan dan g setiap orang' });
    await expect(people.getByRole('row').count()).resolves.toBe(4);
    // A small group still gets a plain sentence of what happened, then the caution.
    await expect(
      board
        .getByRole('status')
        .filter({ hasText: 'Tetapi hanya 3 orang yang punya nilai pre-test dan post-test' })
        .isVisible(),
    ).resolves.toBe(true);
    await board.goto(`${app.url}/kube/${KUBE}/workshop`);
    await expect(board.getByRole('row', { name: /Rumah Bu Ketua/ }).textContent()).resolves.toContain('Selesai');
    await ani.goto(`${app.url}/gabung?kode=${code}`);
    await expect(ani.getByText('tidak dikenal atau workshop-nya sudah ditutup').isVisible()).resolves.toBe(true);

    // At home on her phone, Ani's module tells one story: finished, with the lessons of the day counted.
    const phone = await signedInPage(
      await browser.newContext({ viewport: { width: 360, height: 740 } }),
      app.url,
      'wf.ani',
      '1357',
    );
    const card = phone.locator('.module-card', { hasText: 'Memilih dan Mengembangkan Usaha' });
    await expect(card.locator('.badge').textContent()).resolves.toBe('Modul selesai');
    await expect(card.textContent()).resolves.toContain('4 dari 4 pelajaran selesai');
    await card.getByRole('link').click();
    await expect(phone.locator('#langkah').textContent()).resolves.toBe('Modul selesai');
    await expect(phone.locator('main').textContent()).resolves.not.toContain('Belum mulai');
  }, 180_000); // one long scenario: three tablets through four phases; about 55 s alone, slower beside the suite
});
