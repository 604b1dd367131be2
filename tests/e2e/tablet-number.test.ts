import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { browserMissing } from './helpers/browser.ts';
import { addKube, addPerson, testPersonId } from './helpers/people.ts';
import { SIZES } from './helpers/sizes.ts';
import { shot, useAppAndBrowser } from './helpers/suite.ts';

// Members compute on the shared workshop tablet too: usaha-pasar asks for the cost of one piece and a selling
// price as typed numbers. A member types "Rp 7.000" and the server keeps 7000; the next member on the same
// tablet finds every box empty.

const KUBE = 'kubetabletangka';
const MEMBERS = [
  ['ta.ani', '1357'],
  ['ta.budi', '2468'],
  ['ta.citra', '3579'],
  ['ta.dewi', '4680'],
] as const;

const suite = useAppAndBrowser(async (app) => {
  await addPerson(app.connection, 'admin', 'ta.admin', 'Admin-Tablet-Angka-1');
  await addKube(app.connection, KUBE, 'Maju Bersama 9');
  await addPerson(app.connection, 'pendamping', 'ta.rina', 'Pendamping-Angka-24', KUBE);
  for (const [name, pin] of MEMBERS) await addPerson(app.connection, 'anggota', name, pin, KUBE);
});

async function join(tablet: Page, code: string, username: string, pin: string) {
  await tablet.goto(`${suite.app.url}/gabung?kode=${code}`);
  await tablet.getByRole('link', { name: `Uji ${username}` }).click();
  await tablet.getByLabel('PIN Anda').fill(pin);
  await tablet.getByRole('button', { name: 'Masuk' }).click();
  await tablet.getByRole('button', { name: 'Mulai Pre-test' }).click();
}

/** Answers every question: the first option, or `typed` in a number box (whose contents are returned first). */
async function takeTest(tablet: Page, typed: string): Promise<string[]> {
  const found: string[] = [];
  for (let done = false; !done;) {
    await tablet.getByRole('radiogroup').or(tablet.getByRole('textbox')).first().waitFor();
    const box = tablet.getByRole('textbox');
    if ((await box.count()) > 0) {
      found.push(await box.inputValue());
      await box.fill(typed);
      await tablet.getByText('Terbaca: Rp 7.000').waitFor();
    } else {
      await tablet.getByRole('radio').first().click();
    }
    const review = tablet.getByRole('button', { name: 'Periksa jawaban', exact: true });
    done = await review.isVisible();
    await (done ? review : tablet.getByRole('button', { name: 'Berikutnya', exact: true })).click();
  }
  await tablet.getByRole('button', { name: 'Kumpulkan' }).click();
  await tablet.waitForURL(/\/gabung\/selesai$/);
  return found;
}

async function numberAnswers(username: string): Promise<string[]> {
  const result = await suite.app.connection.client.execute({
    sql: `SELECT aa.option_id FROM attempt_answers aa JOIN attempts a ON a.id = aa.attempt_id
          WHERE a.person_id = ? AND aa.question_id IN ('us-q19', 'us-q20', 'us-q21', 'us-q22')`,
    args: [testPersonId(username)],
  });
  return result.rows.map((row) => row['option_id'] as string);
}

describe.skipIf(browserMissing).each(SIZES)('typed numbers on a workshop tablet ($name)', ({ name, viewport }) => {
  it('stores the digits of a typed amount and leaves nothing of it for the next member', async () => {
    const index = SIZES.findIndex((size) => size.name === name);
    const [first, second] = [MEMBERS[index * 2], MEMBERS[index * 2 + 1]];
    if (!first || !second) throw new Error('two members per size');
    const workshop = await createWorkshop(
      suite.app.connection.db,
      { kubeId: KUBE, moduleSlug: 'usaha-pasar', date: '2026-12-01', place: 'Balai desa', notes: null },
      testPersonId('ta.rina'),
    );
    const tablet = await (await suite.browser.newContext({ viewport, hasTouch: true })).newPage();

    await join(tablet, workshop.code, first[0], first[1]);
    expect(await takeTest(tablet, 'Rp 7.000')).toEqual(['', '']);
    expect(await numberAnswers(first[0])).toEqual(['7000', '7000']);
    await shot(tablet, `tablet-angka-selesai-${name}`);

    // The next member on the same tablet: every number box starts empty.
    // The thank-you screen signs the member out by itself, then offers the next member the tablet.
    await tablet.getByRole('link', { name: 'Anggota berikutnya' }).click();
    await join(tablet, workshop.code, second[0], second[1]);
    expect(await takeTest(tablet, '7000')).toEqual(['', '']);
    expect(await numberAnswers(second[0])).toEqual(['7000', '7000']);
  });
});
