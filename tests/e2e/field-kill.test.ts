import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { countRows, pairOnFirstPage, seedDistrict, type DistrictPeople } from './helpers/field-kit.ts';
import { addLessonVisits } from './helpers/field-records.ts';
import { roundRobin, type RoundRobin } from './helpers/round-robin.ts';
import { shot } from './helpers/suite.ts';

// The other half of "kill either side mid-sync: nothing lost, nothing doubled" (field-sync.test.ts kills the
// district): the FIELD laptop's server dies (SIGKILL, no shutdown) while it sends, and while it takes the
// district's changes. Started again on the same database file, one more press of the button finishes the job.

/** This test's ports (its brief's range: 4530–4539). */
const PORTS = { district: 4530, field: 4531, link: 4532 } as const;
const PUSH = 'POST /api/lapangan/kirim';
const PULL = 'POST /api/lapangan/tarik';
/** Lesson visits recorded on the laptop: four push batches of PUSH_BATCH_ROWS (200). */
const FIELD_VISITS = 700;
/** Lesson visits recorded at the district: three pull pages of PULL_PAGE_ENTRIES (2,000). */
const DISTRICT_VISITS = 4500;

let district: RunningApp;
let field: RunningApp;
let link: RoundRobin;
let browser: Browser;
let people: DistrictPeople;
let laptopContext: BrowserContext;
let laptop: Page;
/** What the link does to the next answers: called with the request and how many answers to it passed before. */
let onAnswer: ((request: string, seen: number) => Promise<void>) | null = null;
const answersSeen = new Map<string, number>();

beforeAll(async () => {
  district = await startApp({}, { port: PORTS.district });
  people = await seedDistrict(district.connection);
  link = await roundRobin([district.url], {
    port: PORTS.link,
    onAnswer: async (method, path) => {
      const request = `${method} ${path}`;
      const seen = answersSeen.get(request) ?? 0;
      answersSeen.set(request, seen + 1);
      await onAnswer?.(request, seen);
    },
  });
  // Its own process group, so a SIGKILL reaches the process that serves.
  field = await startApp({}, { port: PORTS.field, ownProcessGroup: true });
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await link.close();
  await field.stop();
  await district.stop();
});

/** Kills the field server when the district's `nth` answer (from 1) to `request` reaches the link. */
function killFieldAt(request: string, nth: number): Promise<void> {
  answersSeen.set(request, 0);
  return new Promise((resolve) => {
    onAnswer = async (seenRequest, seen) => {
      if (seenRequest !== request || seen + 1 !== nth) return;
      onAnswer = null;
      await field.kill('SIGKILL');
      resolve();
    };
  });
}

/** Holds the district's `nth` answer to `request` at the link until `look` (at the screen meanwhile) is done. */
function holdAt(request: string, nth: number, look: () => Promise<void>): Promise<void> {
  answersSeen.set(request, 0);
  return new Promise((resolve, reject) => {
    onAnswer = async (seenRequest, seen) => {
      if (seenRequest !== request || seen + 1 !== nth) return;
      onAnswer = null;
      await look().then(resolve, reject);
    };
  });
}

/**
 * Waits until the laptop's page has asked /lapangan/kemajuan `times` more times, and returns what the server
 * answers there now. Read from outside the page: while the form post waits for its answer, Playwright (and the
 * browser's protocol) cannot look inside the page, though the page's own script keeps running.
 */
async function pagePolls(times: number): Promise<unknown> {
  let asked = 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the page asked for progress ${String(asked)} times, not ${String(times)}`));
    }, 10_000);
    laptop.on('request', (request) => {
      if (!request.url().endsWith('/lapangan/kemajuan') || ++asked < times) return;
      clearTimeout(timer);
      resolve();
    });
  });
  return (await laptopContext.request.get(`${field.url}/lapangan/kemajuan`)).json();
}

/** Screenshots of a screen at a phone's and a tablet's size, named `name-360` and `name-800`. */
async function shotsAtBothSizes(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 740 });
  await shot(page, `${name}-360`);
  await page.setViewportSize({ width: 800, height: 1280 });
  await shot(page, `${name}-800`);
}

/** Starts the killed field server again on its database file, and signs the facilitator in anew. */
async function restartField() {
  await laptopContext.close();
  await field.restart();
  await signIn();
}

async function signIn() {
  laptopContext = await browser.newContext();
  const { username, secret } = people.facilitator;
  laptop = await signedInPage(laptopContext, field.url, username, secret);
}

async function pressSend() {
  await laptop.goto(`${field.url}/lapangan`);
  // A dispatched click does not wait for the answer: a test holds it at the link, or kills the laptop's server before it comes.
  await laptop.getByRole('button', { name: 'Kirim ke server kabupaten' }).dispatchEvent('click');
}

const scalar = async (side: RunningApp, query: string) =>
  (await side.connection.client.execute(query)).rows[0]?.[0] ?? null;
const memberIds = () => people.members.map((member) => member.id);

describe.skipIf(browserMissing)('a field laptop whose server is killed mid-sync', () => {
  it('pairs with the district through the link', async () => {
    await pairOnFirstPage(
      browser,
      { fieldUrl: field.url, districtUrl: link.url, deviceName: 'Laptop Kertosono' },
      people.facilitator,
    );
    await signIn();
  });

  it('polls how far a long send got while it runs, and says what it sent once done', async () => {
    await addLessonVisits(field.connection, memberIds(), FIELD_VISITS, 'fkshow');
    // A second tab opened meanwhile shows the same progress, from the server, and follows it.
    const second: { tab?: Page } = {};
    const pushing = holdAt(PUSH, 2, async () => {
      await expect(pagePolls(2)).resolves.toEqual({ running: true, phase: 'push', batch: 1, batches: 4, rows: 200 });
      const tab = await laptopContext.newPage();
      second.tab = tab;
      await tab.goto(`${field.url}/lapangan`);
      await expect(tab.getByText('Mengirim bagian 2 dari 4…').isVisible()).resolves.toBe(true);
      await expect(tab.getByRole('button', { name: 'Kirim ke server kabupaten' }).isDisabled()).resolves.toBe(true);
      await shotsAtBothSizes(tab, 'field-kill-progress-push');
    });
    await pressSend();
    await pushing;
    const tab = second.tab;
    if (!tab) throw new Error('the second tab was not opened');
    await holdAt(PULL, 1, async () => {
      await expect(pagePolls(2)).resolves.toMatchObject({ running: true, phase: 'pull' });
      await tab.getByText('Mengambil perubahan dari kabupaten…').waitFor({ timeout: 5000 });
      await shotsAtBothSizes(tab, 'field-kill-progress-pull');
    });
    // Once the send is done the second tab reloads itself and shows that nothing waits.
    await tab.getByText('Semua data sudah terkirim ke server kabupaten.').waitFor({ timeout: 30_000 });
    await tab.close();
    await laptop.getByText('Pengiriman selesai').waitFor({ timeout: 30_000 });
    await expect(laptop.getByText('700 Kunjungan pelajaran').isVisible()).resolves.toBe(true);
    await shotsAtBothSizes(laptop, 'field-kill-progress-done');
  });

  it('loses and doubles nothing when killed after the district applied a batch, before the laptop heard', async () => {
    await addLessonVisits(field.connection, memberIds(), FIELD_VISITS);
    const killed = killFieldAt(PUSH, 2);
    await pressSend();
    await killed;
    // The district stored two batches; the laptop only knows of the first.
    expect(await countRows(district.connection, 'lesson_visits', "id LIKE 'fkvisit%'")).toBe(400);
    const through = Number(await scalar(district, 'SELECT pushed_through FROM devices'));
    expect(Number(await scalar(field, 'SELECT pushed_seq FROM field_link'))).toBeLessThan(through);

    await restartField();
    await pressSend();
    await laptop.getByText('Pengiriman selesai').waitFor({ timeout: 30_000 });
    expect(await countRows(district.connection, 'lesson_visits', "id LIKE 'fkvisit%'")).toBe(FIELD_VISITS);
    expect(await scalar(field, 'SELECT pushed_seq FROM field_link')).toBe(
      await scalar(district, 'SELECT pushed_through FROM devices'),
    );
    await expect(laptop.getByText('Semua data sudah terkirim ke server kabupaten.').isVisible()).resolves.toBe(true);
    await shot(laptop, 'field-kill-push-resumed');
  });

  it('loses and doubles nothing when killed while taking the district’s changes, page by page', async () => {
    await addLessonVisits(district.connection, memberIds(), DISTRICT_VISITS, 'fkpull');
    // The first page passed and was stored; the laptop dies as the second page's answer comes.
    const killed = killFieldAt(PULL, 2);
    await pressSend();
    await killed;
    const firstPage = await countRows(field.connection, 'lesson_visits', "id LIKE 'fkpull%'");
    expect(firstPage).toBeGreaterThan(0);
    expect(firstPage).toBeLessThan(DISTRICT_VISITS);

    await restartField();
    await pressSend();
    await laptop.getByText('Pengiriman selesai').waitFor({ timeout: 30_000 });
    expect(await countRows(field.connection, 'lesson_visits', "id LIKE 'fkpull%'")).toBe(DISTRICT_VISITS);
    expect(await scalar(field, 'SELECT pull_cursor FROM field_link')).toBe(
      await scalar(district, 'SELECT max(seq) FROM change_log'),
    );
    // What the district sent is the district's: nothing of it waits to go back.
    await expect(laptop.getByText('Semua data sudah terkirim ke server kabupaten.').isVisible()).resolves.toBe(true);
    expect(await countRows(field.connection, 'change_log', "origin IS NULL AND row_key LIKE '%fkpull%'")).toBe(0);
  });
});
