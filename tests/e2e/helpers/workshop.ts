import type { Page } from 'playwright-core';

// A member's steps on a shared tablet and the facilitator's live board, as a workshop runs them: for every
// test that runs a workshop in Chromium, on whichever server (`base`) serves it.

/** The facilitator's board row of a member, by user name. */
export const boardRow = (board: Page, username: string) =>
  board.getByRole('row', { name: new RegExp(username.replace('.', '\\.')) });

/** Waits until the live board (refreshed every 3 s, never reloaded here) shows `text` in a member's row. */
export const boardShows = (board: Page, username: string, text: string) =>
  boardRow(board, username).getByText(text).first().waitFor({ timeout: 15_000 });

/** Opens the join screen of workshop `code`, picks the member by name and types their PIN. */
export async function joinWorkshop(tablet: Page, base: string, code: string, username: string, pin: string) {
  const join = `${base}/gabung?kode=${code}`;
  // The "selesai" screen hands the tablet on by itself after 8 s (a meta refresh to this same join screen):
  // a goto that meets that refresh is interrupted by it, and the page it lands on is the one wanted.
  await tablet.goto(join).catch(async (error: unknown) => {
    if (!String(error).includes('interrupted by another navigation')) throw error;
    await tablet.waitForURL(join);
  });
  await tablet.getByRole('link', { name: `Uji ${username}` }).click();
  await tablet.getByLabel('PIN Anda').fill(pin);
  await tablet.getByRole('button', { name: 'Masuk' }).click();
}

/** Answers questions `from`..`to` (0-based, exclusive end) with the first option, moving on each time. */
export async function answerQuestions(tablet: Page, from: number, to: number, total: number) {
  for (let i = from; i < to; i++) {
    await tablet.getByRole('radio').first().click();
    await tablet.getByRole('button', { name: i < total - 1 ? 'Berikutnya' : 'Periksa jawaban', exact: true }).click();
  }
}

/** Takes a whole test of `total` questions and hands it in, until the tablet is handed on. */
export async function takeTest(tablet: Page, kind: 'Pre-test' | 'Post-test', total: number) {
  await tablet.getByRole('button', { name: `Mulai ${kind}` }).click();
  await answerQuestions(tablet, 0, total, total);
  await tablet.getByRole('button', { name: 'Kumpulkan' }).click();
  // After the post-test the member reads their result first; "Selesai" then hands the tablet on.
  if (kind === 'Post-test') {
    await tablet.waitForURL(/\/gabung\/hasil\//);
    await tablet.getByRole('button', { name: 'Selesai', exact: true }).first().click();
  }
  await tablet.waitForURL(/\/gabung\/selesai$/);
}

/**
 * The facilitator creates a workshop of `moduleSlug` on the KUBE's workshop page and stays on its board:
 * the board's page and the join code.
 */
export async function createWorkshopOnBoard(
  board: Page,
  base: string,
  kubeId: string,
  moduleSlug: string,
  place: string,
) {
  await board.goto(`${base}/kube/${kubeId}/workshop`);
  await board.getByLabel('Modul').selectOption(moduleSlug);
  await board.getByLabel('Tempat').fill(place);
  await board.getByRole('button', { name: 'Buat workshop' }).click();
  await board.waitForURL(/\/workshop\/[a-z0-9]+\?dibuat=1$/);
  return (await board.locator('.workshop-code__value').textContent())?.trim() ?? '';
}

/** The board moves the workshop on to its next phase (`Materi`, `Post-test`). */
export async function nextPhase(board: Page, phase: 'Materi' | 'Post-test') {
  await board.getByRole('button', { name: `Lanjut ke tahap ${phase}` }).click();
  await board.getByRole('heading', { name: new RegExp(`Tahap sekarang.*${phase}`) }).waitFor();
}
