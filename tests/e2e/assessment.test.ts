import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { lessonCompletions } from '../../db/schema.ts';
import { loadCurriculum } from '../../src/features/learning/content-check.ts';
import { startAttempt, submitAttempt } from '../../src/features/assessment/service.ts';
import { addKube, addPerson, cookieFor } from './helpers/people.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  await addPerson(app.connection, 'admin', 'tes.admin', 'Admin-Tes-Berdaya-24');
  const kubeId = await addKube(app.connection, 'kubetes1', 'Maju Bersama 1');
  await addPerson(app.connection, 'anggota', 'tes.sumarni', '2468', kubeId);
  await addPerson(app.connection, 'anggota', 'tes.darto', '3579', kubeId);
  await addPerson(app.connection, 'anggota', 'tes.bakri', '8642', kubeId);
  await addPerson(app.connection, 'anggota', 'tes.qomar', '1357', kubeId);
  await addPerson(app.connection, 'anggota', 'tes.sulastri', '9753', kubeId);
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

async function storedAnswers(personUsername: string) {
  const result = await app.connection.client.execute({
    sql: `SELECT a.id, a.total, a.score, a.submitted_at, count(x.question_id) AS answers
          FROM attempts a JOIN people p ON p.id = a.person_id
          LEFT JOIN attempt_answers x ON x.attempt_id = a.id
          WHERE p.username = ? GROUP BY a.id`,
    args: [personUsername],
  });
  return result.rows;
}

/** Chooses the first option of the question on screen and moves on. */
async function answerCurrent(page: Page, option = 0) {
  await page.getByRole('radio').nth(option).click();
}

describe.skipIf(browserMissing)('pre-test on a shared tablet', () => {
  it('keeps every answer through a dropped connection and a reload, and the server holds each exactly once', async () => {
    const context = await browser.newContext({ viewport: { width: 600, height: 960 }, hasTouch: true });
    const page = await signedInPage(context, app.url, 'tes.sumarni', '2468');
    await page.goto(`${app.url}/belajar/hakikat-kube`);
    await expect(page.getByRole('heading', { name: 'Langkah 1: kerjakan pre-test' }).isVisible()).resolves.toBe(true);
    // The lessons wait for the pre-test.
    await expect(page.getByRole('link', { name: 'Apa itu KUBE?' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Mulai Pre-test' }).click();
    await page.getByRole('button', { name: 'Mulai Pre-test' }).click();
    await page.getByRole('radiogroup').waitFor();
    // Let the service worker take charge of the page, as it does on a second visit.
    await page.reload();
    await page.getByRole('radiogroup').waitFor();

    const total = 15;
    for (let i = 0; i < 7; i++) {
      await answerCurrent(page, i % 3);
      await page.getByRole('button', { name: 'Berikutnya' }).click();
    }
    await page.getByText('sudah terkirim').first().waitFor({ timeout: 10_000 });

    await context.setOffline(true);
    for (let i = 7; i < total; i++) {
      await answerCurrent(page, i % 3);
      if (i < total - 1) await page.getByRole('button', { name: 'Berikutnya' }).click();
    }
    await expect(page.getByText('Internet terputus').first().isVisible()).resolves.toBe(true);
    const beforeReload = (await storedAnswers('tes.sumarni'))[0];
    expect(Number(beforeReload?.['answers'])).toBeLessThan(total);

    await page.reload();
    await page
      .getByRole('radiogroup')
      .or(page.getByRole('heading', { name: /Periksa/ }))
      .first()
      .waitFor();
    await context.setOffline(false);

    await page
      .getByRole('button', { name: /Periksa|Lihat jawaban/ })
      .first()
      .click()
      .catch(() => undefined);
    const submit = page.getByRole('button', { name: 'Kumpulkan' });
    await submit.waitFor();
    await submit.click();
    await page.waitForURL(/\/tes\/hasil\//, { timeout: 20_000 });
    await expect(page.getByText(/Nilai Anda/).isVisible()).resolves.toBe(true);
    // A pre-test shows no answer key.
    await expect(page.getByText('Jawaban yang benar').count()).resolves.toBe(0);

    const rows = await storedAnswers('tes.sumarni');
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]?.['answers'])).toBe(total);
    expect(rows[0]?.['submitted_at']).not.toBeNull();
    // Now the lessons are open.
    await page.goto(`${app.url}/belajar/hakikat-kube`);
    await expect(page.getByRole('link', { name: 'Apa itu KUBE?' }).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('can be taken whole with JavaScript turned off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await signedInPage(context, app.url, 'tes.darto', '3579');
    await page.goto(`${app.url}/belajar/hakikat-kube/tes/pre`);
    await page.getByRole('button', { name: 'Mulai Pre-test' }).click();
    const questions = page.locator('fieldset.plain-test__question');
    await questions.first().waitFor();
    const count = await questions.count();
    expect(count).toBe(15);

    // Handing in with a question left open is refused plainly, and what was chosen stays chosen.
    for (let i = 0; i < count - 1; i++) await questions.nth(i).getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Kumpulkan' }).click();
    await expect(page.getByText('Masih ada 1 soal yang belum dijawab').isVisible()).resolves.toBe(true);
    await expect(questions.first().getByRole('radio').first().isChecked()).resolves.toBe(true);

    await questions
      .nth(count - 1)
      .getByRole('radio')
      .first()
      .check();
    await page.getByRole('button', { name: 'Kumpulkan' }).click();
    await page.waitForURL(/\/tes\/hasil\//);
    await expect(page.getByText(/Nilai Anda/).isVisible()).resolves.toBe(true);
    // The admin opening the same result reads whose score it is, not "Nilai Anda".
    const admin = await signedInPage(await browser.newContext(), app.url, 'tes.admin', 'Admin-Tes-Berdaya-24');
    await admin.goto(page.url());
    await expect(admin.getByText(/^Nilai Uji tes\.darto: /).isVisible()).resolves.toBe(true);
    await expect(admin.getByText(/Nilai Anda/).count()).resolves.toBe(0);
    await admin.context().close();
    const rows = await storedAnswers('tes.darto');
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]?.['answers'])).toBe(15);
    await context.close();
  });
});

/** The real question bank of a module, as the server loads it. */
function moduleTest(slug: string) {
  const { banks } = loadCurriculum('content', []);
  const questions = banks.find((bank) => bank.data.module === slug)?.data.questions ?? [];
  return { slug, testDesign: 'same' as const, questions };
}

describe.skipIf(browserMissing)('the player by keyboard, in both orientations and on a small phone', () => {
  it('is fully usable with the keyboard alone and never scrolls sideways', async () => {
    const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
    const page = await signedInPage(context, app.url, 'tes.sulastri', '9753');
    await page.goto(`${app.url}/belajar/usaha-produk/tes/pre`);
    await page.getByRole('button', { name: 'Mulai Pre-test' }).press('Enter');
    const group = page.getByRole('radiogroup');
    await group.waitFor();

    for (const size of [
      { width: 960, height: 600 },
      { width: 600, height: 960 },
      { width: 320, height: 640 },
    ]) {
      await page.setViewportSize(size);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${size.width}×${size.height}`).toBeLessThanOrEqual(0);
    }

    // Tab into the options, move with the arrows, choose with Space: one answer, announced as checked.
    await page.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio', { checked: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('radio').nth(1).getAttribute('aria-checked')).resolves.toBe('true');
    await page.getByRole('button', { name: 'Berikutnya' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText(/Soal 2 dari/).isVisible()).resolves.toBe(true);
    // The question that appears gets the focus, so a screen reader reads it next.
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    expect(focused).toMatch(/^H[1-3]$/);
    await context.close();
  });
});

describe.skipIf(browserMissing)('post-test', () => {
  it('opens after the pre-test and the lessons, and shows the gain and the explanations of missed questions', async () => {
    const { db } = app.connection;
    const personId = 'ttesbakri';
    const test = moduleTest('hakikat-kube');
    const pre = await startAttempt(db, { attemptId: randomUUID(), personId, kind: 'pre', test, lessonsDone: false });
    const firstOptions = pre.items.map((item) => ({
      questionId: item.questionId,
      optionId: item.optionOrder[0] ?? '',
      answeredAt: new Date().toISOString(),
    }));
    await submitAttempt(db, { attemptId: pre.id, personId, answers: firstOptions });
    for (const file of readdirSync('content/lessons/hakikat-kube')) {
      const lessonId = `hakikat-kube/${file.replace(/\.md$/, '')}`;
      await db
        .insert(lessonCompletions)
        .values({ personId, lessonId, moduleSlug: 'hakikat-kube', completedAt: new Date() });
    }

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await signedInPage(context, app.url, 'tes.bakri', '8642');
    await page.goto(`${app.url}/belajar/hakikat-kube`);
    await page.getByRole('link', { name: 'Mulai Post-test' }).click();
    await page.getByRole('button', { name: 'Mulai Post-test' }).click();
    const questions = page.locator('fieldset.plain-test__question');
    await questions.first().waitFor();
    for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').last().check();
    await page.getByRole('button', { name: 'Kumpulkan' }).click();
    await page.waitForURL(/\/tes\/hasil\//);
    await expect(page.getByText('Kemajuan sejak pre-test').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Hasil per tujuan belajar' }).isVisible()).resolves.toBe(true);
    const missed = await page.locator('.missed li').count();
    const allRight = await page.getByText('Semua soal benar').count();
    expect(missed > 0 || allRight === 1).toBe(true);
    if (missed > 0) await expect(page.getByText('Jawaban yang benar').first().isVisible()).resolves.toBe(true);
    await context.close();
  });
});

describe('the test over HTTP', () => {
  async function openAttempt(personId: string) {
    const attempt = await startAttempt(app.connection.db, {
      attemptId: randomUUID(),
      personId,
      kind: 'pre',
      test: moduleTest('hakikat-kube'),
      lessonsDone: false,
    });
    return attempt;
  }
  const post = (action: string, cookie: string, body: unknown) =>
    fetch(`${app.url}/_actions/assessment.${action}`, {
      method: 'POST',
      headers: { origin: app.origin, cookie, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses an answer for a question the attempt never showed, in Indonesian, and stores nothing', async () => {
    const attempt = await openAttempt('ttesqomar');
    const cookie = await cookieFor(app.connection, 'ttesqomar');
    const response = await post('saveAnswers', cookie, {
      attemptId: attempt.id,
      answers: [{ questionId: 'bukan-soal', optionId: 'a', answeredAt: new Date().toISOString() }],
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('tidak ada di tes ini');
    const stored = await app.connection.client.execute({
      sql: 'SELECT count(*) AS n FROM attempt_answers WHERE attempt_id = ?',
      args: [attempt.id],
    });
    expect(Number(stored.rows[0]?.['n'])).toBe(0);
  });

  it('never lets one person answer on another person’s attempt', async () => {
    const attempt = await openAttempt('ttesqomar');
    const stranger = await cookieFor(app.connection, 'ttesdarto');
    const item = attempt.items[0];
    const response = await post('submit', stranger, {
      attemptId: attempt.id,
      answers: [{ questionId: item?.questionId, optionId: item?.optionOrder[0], answeredAt: new Date().toISOString() }],
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toContain('milik orang lain');
  });

  it('refuses malformed input with a 400 and no change', async () => {
    const cookie = await cookieFor(app.connection, 'ttesqomar');
    for (const body of [{}, { attemptId: 'bukan-uuid', answers: [] }, { attemptId: randomUUID(), answers: 'x' }]) {
      expect((await post('saveAnswers', cookie, body)).status).toBe(400);
    }
  });
});
