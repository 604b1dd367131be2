import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { attemptAnswers, attempts, people, testPermissions, workshopAttendance } from '../../db/schema.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { todayIso } from '../../src/lib/dates.ts';
import { browserMissing, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';
import { SIZES } from './helpers/sizes.ts';
import { shot, submittedAttempt, useAppAndBrowser } from './helpers/suite.ts';

// The live board on a 360 px phone: every member's state in view without sideways scrolling, and trouble
// above the phase controls; at tablet width it stays a table. And the server refuses an allowance the
// per-person page does not offer, with a sentence, changing nothing.

let workshopId = '';
const seconds = (n: number) => new Date(Date.now() - n * 1000);

const suite = useAppAndBrowser(async (app) => {
  const { db } = app.connection;
  await addPerson(app.connection, 'admin', 'bp.admin', 'Admin-Papan-2024');
  await addKube(app.connection, 'kubepapan', 'Maju Bersama 1');
  const rina = await addPerson(app.connection, 'pendamping', 'bp.rina', 'Pendamping-Papan-2024', 'kubepapan');
  const bakri = await addPerson(app.connection, 'anggota', 'bp.bakri', '8642', 'kubepapan');
  const siti = await addPerson(app.connection, 'anggota', 'bp.siti', '2468', 'kubepapan');
  await addPerson(app.connection, 'anggota', 'bp.ani', '1357', 'kubepapan');
  await addPerson(app.connection, 'pengurus', 'bp.dewi', 'Ketua-Papan-2024', 'kubepapan');
  // A long name is what pushes a board row wider than a phone.
  await db.update(people).set({ name: 'Siti Nurhayati Kusumawardhani Rahmawati' }).where(eq(people.id, siti.id));
  const workshop = await createWorkshop(
    db,
    { kubeId: 'kubepapan', moduleSlug: 'usaha-produk', date: todayIso(), place: 'Balai desa', notes: null },
    rina.id,
  );
  workshopId = workshop.id;
  await db.insert(workshopAttendance).values([
    { workshopId, personId: bakri.id, method: 'pin', joinedAt: seconds(300) },
    { workshopId, personId: siti.id, method: 'manual', joinedAt: seconds(300) },
  ]);
  // Bakri's tablet dropped seconds after he opened the pre-test: trouble on the board.
  const open = '6a0c2b8e-6d1a-4a7e-9b3c-1e2d3f4a5b60';
  await db.insert(attempts).values({
    id: open,
    personId: bakri.id,
    moduleSlug: 'usaha-produk',
    kind: 'pre',
    items: [],
    answerKey: {},
    startedAt: seconds(120),
    total: 8,
  });
  await db
    .insert(attemptAnswers)
    .values({ attemptId: open, questionId: 'q1', optionId: 'a', answeredAt: seconds(110), receivedAt: seconds(110) });
  // Siti handed in the pre-test of this workshop's module, and of the first module.
  await db.insert(attempts).values(
    (['usaha-produk', 'hakikat-kube'] as const).map((moduleSlug, n) =>
      submittedAttempt({
        id: `6a0c2b8e-6d1a-4a7e-9b3c-1e2d3f4a5b6${n + 1}`,
        personId: siti.id,
        moduleSlug,
        kind: 'pre',
        startedAt: seconds(250),
        submittedAt: seconds(200),
        score: 62.5,
        correct: 5,
        total: 8,
      }),
    ),
  );
});

/** How much wider than its box an element's content is (0 when it fits). */
const overflowOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => element.scrollWidth - element.clientWidth);

describe.skipIf(browserMissing).each(SIZES)('the live board at $name size', ({ name, viewport }) => {
  it('shows every member’s state without sideways scrolling, trouble above the phase controls', async () => {
    const page = await signedInPage(
      await suite.browser.newContext({ viewport }),
      suite.app.url,
      'bp.rina',
      'Pendamping-Papan-2024',
    );
    await page.goto(`${suite.app.url}/workshop/${workshopId}`);
    await shot(page, `workshop-top-${name}`);
    await page.locator('#papan').scrollIntoViewIfNeeded();
    await shot(page, `workshop-board-${name}`);
    await expect(overflowOf(page, 'html')).resolves.toBeLessThanOrEqual(0);
    await expect(overflowOf(page, '#papan .table-wrap')).resolves.toBeLessThanOrEqual(0);

    // Every member's name and state lie inside the screen.
    const states = await page.locator('#papan tbody tr .badge[class*="board--"]').all();
    expect(states).toHaveLength(4);
    for (const state of states) {
      const box = await state.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= viewport.width, (await state.textContent()) ?? '').toBe(true);
    }

    const trouble = await page.locator('.board-trouble').boundingBox();
    const phase = await page.getByRole('heading', { name: /Tahap sekarang/ }).boundingBox();
    const advance = await page.getByRole('button', { name: /Lanjut ke tahap/ }).boundingBox();
    const code = await page.locator('.workshop-code').boundingBox();
    if (!trouble || !phase || !advance || !code) throw new Error('workshop page parts missing');
    expect(trouble.y + trouble.height).toBeLessThanOrEqual(phase.y);
    expect(phase.y).toBeLessThan(advance.y);
    // The phase button is not pushed down under the projector's code.
    expect(advance.y + advance.height).toBeLessThanOrEqual(code.y);

    // On a phone each row is a card; at tablet width the board stays a table.
    const display = await page
      .locator('#papan tbody tr')
      .first()
      .evaluate((row) => getComputedStyle(row).display);
    expect(display).toBe(name === 'phone' ? 'block' : 'table-row');
  });

  it('keeps both parts of the board live: a tablet that drops now is named at the top without a reload', async () => {
    const page = await signedInPage(
      await suite.browser.newContext({ viewport }),
      suite.app.url,
      'bp.rina',
      'Pendamping-Papan-2024',
    );
    await page.goto(`${suite.app.url}/workshop/${workshopId}`);
    await expect(page.locator('.board-trouble li').count()).resolves.toBe(1);
    const attemptId = `6a0c2b8e-6d1a-4a7e-9b3c-1e2d3f4a5b7${name === 'phone' ? 0 : 1}`;
    await suite.app.connection.db.insert(attempts).values({
      id: attemptId,
      personId: 'tbpani00',
      moduleSlug: 'usaha-produk',
      kind: 'pre',
      items: [],
      answerKey: {},
      startedAt: seconds(120),
      total: 8,
    });
    await suite.app.connection.db
      .insert(workshopAttendance)
      .values({ workshopId, personId: 'tbpani00', method: 'pin', joinedAt: seconds(200) });
    await page.locator('.board-trouble li', { hasText: 'bp.ani' }).waitFor({ timeout: 15_000 });
    await page.locator('#papan tr.board-row--trouble', { hasText: 'bp.ani' }).waitFor({ timeout: 15_000 });
    await expect(page.locator('.board-trouble h2').textContent()).resolves.toBe('Perlu perhatian: 2 orang');
    await suite.app.connection.db.delete(attempts).where(eq(attempts.id, attemptId));
    await suite.app.connection.db.delete(workshopAttendance).where(eq(workshopAttendance.personId, 'tbpani00'));
  });

  it('refuses a crafted “Bebaskan dari pre-test” after the pre-test, with a sentence, changing nothing', async () => {
    const page = await signedInPage(
      await suite.browser.newContext({ viewport }),
      suite.app.url,
      'bp.rina',
      'Pendamping-Papan-2024',
    );
    await page.goto(`${suite.app.url}/kube/kubepapan/orang/tbpsiti0`);
    const hakikat = page.locator('section.grant', { has: page.getByRole('heading', { name: /Hakikat/ }) });
    await expect(hakikat.getByRole('button').allTextContents()).resolves.not.toContain('Bebaskan dari pre-test');
    const before = await suite.app.connection.db.select().from(testPermissions);
    // The form the page no longer shows, made by hand from one it does.
    const answer = page.waitForResponse((response) => response.request().method() === 'POST');
    await hakikat
      .locator('form')
      .first()
      .evaluate((form) => {
        const kind = form.querySelector<HTMLInputElement>('input[name="kind"]');
        if (kind) kind.value = 'waive_pre';
        form.querySelector('input[name="revoke"]')?.remove();
        (form as HTMLFormElement).submit();
      });
    expect((await answer).status()).toBe(409);
    await page.waitForLoadState();
    await expect(page.locator('.alert--error').textContent()).resolves.toContain(
      'Pre-test orang ini sudah dikumpulkan, jadi tidak bisa dibebaskan lagi. Tidak ada yang diubah.',
    );
    expect(await suite.app.connection.db.select().from(testPermissions)).toEqual(before);
    await shot(page, `orang-tolak-${name}`);

    // Every target on the page is big enough to tap, and no two touch.
    const targets = await page.locator('section.grant :is(button, a, input:not([type="hidden"]))').all();
    const boxes = await Promise.all(targets.map((target) => target.boundingBox()));
    for (const box of boxes) {
      expect(box?.height).toBeGreaterThanOrEqual(44);
      expect(box?.width).toBeGreaterThanOrEqual(44);
      expect(box && box.x + box.width <= viewport.width).toBe(true);
    }
    const apart = (a: (typeof boxes)[number], b: (typeof boxes)[number]) =>
      !a || !b
        ? false
        : Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height), b.x - (a.x + a.width), a.x - (b.x + b.width)) >= 8;
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(apart(a, b)).toBe(true);
    }
    await hakikat.scrollIntoViewIfNeeded();
    await shot(page, `orang-modul-${name}`);
  });
});
