import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import {
  countRows,
  FIELD_KIT_PORTS,
  KUBE,
  MODULE,
  OTHER_KUBE,
  pairOnFirstPage,
  QUESTIONS,
  readFigures,
  seedDistrict,
  workshopRowCounts,
  type DistrictPeople,
  type Figures,
} from './helpers/field-kit.ts';
import { addForeignProduct, addLessonVisits, tamperOneByte } from './helpers/field-records.ts';
import { roundRobin, type RoundRobin } from './helpers/round-robin.ts';
import { shot } from './helpers/suite.ts';
import { boardShows, createWorkshopOnBoard, joinWorkshop, nextPhase, takeTest } from './helpers/workshop.ts';

// Issue 17's proof: two server processes on two database files. The district holds the record of truth; a
// field server on a facilitator's laptop pairs with it, pulls its KUBE, runs a whole workshop on three tablets
// while the district is down, and sends it back. The district then shows that workshop with the figures the
// field showed, exactly once, whatever is sent twice, tampered with, or cut off half-way.

const TABLET = { viewport: { width: 800, height: 1280 } };
const NEW_PIN = '975310';
const FOREIGN_PRODUCT = 'fkprodlain1';
/** Lesson visits recorded on the laptop before the push the district dies in: four batches of PUSH_BATCH_ROWS. */
const VISITS = 700;
const VISIT_ROWS = "id LIKE 'fkvisit%'";

let district: RunningApp;
let field: RunningApp;
/** The district's address as the laptop knows it: a pass-through that can kill the district mid-push. */
let link: RoundRobin;
/** Set to kill the district (SIGKILL) as soon as this many push batches are on their way to it. */
let killAtPush: number | null = null;
let pushesSeen = 0;
let killed: Promise<void> | null = null;
let browser: Browser;
let people: DistrictPeople;
/** The facilitator's laptop: the field server's board and screens. */
let laptop: Page;
/** The facilitator at the district's office, reading the same screens there. */
let office: Page;
/** The district's admin, at /admin/perangkat. */
let admin: Page;
let fieldFigures: Figures;
/** The paket lapangan downloaded in the village, before any push. */
let packageText: string;

beforeAll(async () => {
  // Its own process group, so a SIGKILL mid-push reaches the process that serves.
  district = await startApp({}, { port: FIELD_KIT_PORTS.district, ownProcessGroup: true });
  people = await seedDistrict(district.connection);
  link = await roundRobin([district.url], {
    port: FIELD_KIT_PORTS.link,
    onForwarded: (method, path) => {
      if (method !== 'POST' || path !== '/api/lapangan/kirim') return;
      pushesSeen += 1;
      if (pushesSeen === killAtPush) killed = district.kill('SIGKILL');
    },
  });
  // A fresh field server, an empty database, pointed at nothing yet.
  field = await startApp({}, { port: FIELD_KIT_PORTS.field });
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await link.close();
  await field.stop();
  await district.stop();
});

const districtDown = async () =>
  fetch(`${district.url}/masuk`).then(
    () => false,
    () => true,
  );

/** Presses "Kirim ke server kabupaten" on the laptop and waits for what the page then says. */
async function sendFromLaptop(expected: string) {
  await laptop.goto(`${field.url}/lapangan`);
  await laptop.getByRole('button', { name: 'Kirim ke server kabupaten' }).click();
  await laptop.getByText(expected).first().waitFor({ timeout: 30_000 });
}

/** Uploads a paket lapangan on the district's /admin/perangkat as its admin. */
async function uploadPackage(text: string, name: string) {
  await admin.goto(`${district.url}/admin/perangkat`);
  const buffer = Buffer.from(text, 'utf8');
  await admin.getByLabel('Berkas paket lapangan').setInputFiles({ name, mimeType: 'application/json', buffer });
  await admin.getByRole('button', { name: 'Unggah paket' }).click();
  await admin.waitForLoadState('domcontentloaded');
}

describe.skipIf(browserMissing)('a field server paired with the district, offline in a village hall', () => {
  it('pairs on the field’s first page with the facilitator’s sign-in and pulls only their KUBE', async () => {
    const laptopAt = { fieldUrl: field.url, districtUrl: link.url, deviceName: 'Laptop Prambon' };
    await pairOnFirstPage(browser, laptopAt, people.facilitator, (setup) => shot(setup, 'field-sync-pair'));

    expect(await countRows(field.connection, 'kubes')).toBe(1);
    expect(await countRows(field.connection, 'memberships', `kube_id = '${KUBE}'`)).toBe(3);
    expect(await countRows(field.connection, 'positions')).toBe(2);
    expect(await countRows(field.connection, 'people', `id = '${people.otherMember.id}'`)).toBe(0);
    expect(await countRows(field.connection, 'kubes', `id = '${OTHER_KUBE}'`)).toBe(0);
    // What a pull applied is the district's, not news to send back.
    expect(await countRows(field.connection, 'change_log', 'origin IS NULL')).toBe(0);
    const { username, secret } = people.facilitator;
    laptop = await signedInPage(await browser.newContext({ acceptDownloads: true }), field.url, username, secret);
  });

  it('runs a whole workshop on three tablets, a PIN reset and a capacity assessment with the district down', async () => {
    await district.kill('SIGTERM');
    expect(await districtDown()).toBe(true);

    const code = await createWorkshopOnBoard(laptop, field.url, KUBE, MODULE, 'Balai desa Singkalanyar');
    const tablets = await Promise.all(people.members.map(async () => (await browser.newContext(TABLET)).newPage()));
    const joinAll = () =>
      Promise.all(
        people.members.map((member, i) =>
          joinWorkshop(tablets[i] as Page, field.url, code, member.username, member.secret),
        ),
      );
    await joinAll();
    await laptop.getByText('3 dari 3 anggota hadir').waitFor({ timeout: 15_000 });
    await Promise.all(tablets.map((tablet) => takeTest(tablet, 'Pre-test', QUESTIONS)));
    for (const member of people.members) await boardShows(laptop, member.username, 'Sudah mengumpulkan');
    await nextPhase(laptop, 'Materi');
    await nextPhase(laptop, 'Post-test');
    await joinAll();
    await Promise.all(tablets.map((tablet) => tablet.waitForURL(/\/tes\/post$/)));
    await Promise.all(tablets.map((tablet) => takeTest(tablet, 'Post-test', QUESTIONS)));
    await laptop
      .getByText('0 sedang mengerjakan, 3 sudah mengumpulkan, 0 perlu perhatian')
      .waitFor({ timeout: 15_000 });
    await laptop.getByRole('button', { name: 'Tutup workshop' }).click();
    await laptop.getByText('Workshop ini sudah ditutup').waitFor();
    await shot(laptop, 'field-sync-board-closed');

    // Citra forgot her PIN: the facilitator gives her a new one, in the field.
    const citra = people.members[2];
    await laptop.goto(`${field.url}/kube/${KUBE}/orang/${citra.id}`);
    await laptop.getByLabel('PIN baru').fill(NEW_PIN);
    await laptop.getByRole('button', { name: 'Ganti PIN' }).click();
    await laptop.getByText('PIN sudah diganti').waitFor();

    await laptop.goto(`${field.url}/kube/${KUBE}/kapasitas/baru`);
    for (const radio of await laptop.locator('input[type="radio"][value="3"]').all()) await radio.check();
    await laptop.getByRole('button', { name: 'Simpan penilaian' }).click();
    await laptop.getByText('Penilaian tersimpan.').waitFor();

    expect(await workshopRowCounts(field.connection)).toEqual({
      workshops: 1,
      workshop_attendance: 3,
      attempts: 6,
      attempt_answers: 6 * QUESTIONS,
      capacity_assessments: 1,
    });
    fieldFigures = await readFigures(laptop, field.url);
    // Three members with both tests in the report; the two officers in indicator 2.
    for (const member of people.members) expect(fieldFigures.report.join('\n')).toContain(`Uji ${member.username}`);
    expect(fieldFigures.indicator2.join('\n')).toMatch(/Ketua/);
    await shot(laptop, 'field-sync-field-indicator-2');

    // All of it waits on the laptop; with no connection, the facilitator also takes the paket lapangan along.
    await laptop.goto(`${field.url}/lapangan`);
    await laptop.getByRole('heading', { name: 'Menunggu dikirim' }).waitFor();
    await shot(laptop, 'field-sync-waiting');
    const [download] = await Promise.all([
      laptop.waitForEvent('download'),
      laptop.getByRole('link', { name: 'Unduh paket lapangan' }).click(),
    ]);
    packageText = await readFile(await download.path(), 'utf8');
  }, 150_000);

  it('after a push, the district shows that workshop with the same figures the field showed', async () => {
    await district.restart();
    await sendFromLaptop('Pengiriman selesai');
    await shot(laptop, 'field-sync-sent');
    await expect(laptop.getByText('Semua data sudah terkirim ke server kabupaten.').isVisible()).resolves.toBe(true);
    expect(await workshopRowCounts(district.connection)).toEqual(await workshopRowCounts(field.connection));
    const { username, secret } = people.facilitator;
    office = await signedInPage(await browser.newContext(), district.url, username, secret);
    const districtFigures = await readFigures(office, district.url);
    await shot(office, 'field-sync-district-indicator-2');
    expect(districtFigures).toEqual(fieldFigures);
  });

  it('doubles nothing on a second push or an upload of the paket lapangan of the same records', async () => {
    const before = await workshopRowCounts(district.connection);
    await sendFromLaptop('Tidak ada data baru untuk dikirim');
    admin = await signedInPage(await browser.newContext(), district.url, people.admin.username, people.admin.secret);
    await uploadPackage(packageText, 'paket-lapangan.json');
    await admin.getByText('Paket lapangan sudah diunggah.').waitFor();
    await expect(admin.getByText('0 kiriman baru disimpan').isVisible()).resolves.toBe(true);
    await expect(admin.getByText(/^[1-9]\d* kiriman sudah ada sebelumnya/).isVisible()).resolves.toBe(true);
    await shot(admin, 'field-sync-upload-again');
    expect(await workshopRowCounts(district.connection)).toEqual(before);
    expect(await readFigures(office, district.url)).toEqual(fieldFigures);
  });

  it('refuses a tampered paket lapangan whole, and lists a record of an unassigned KUBE', async () => {
    const before = await workshopRowCounts(district.connection);
    await uploadPackage(tamperOneByte(packageText), 'paket-lapangan-diubah.json');
    await admin.getByText('Paket lapangan ini sudah diubah sesudah dibuat').waitFor();
    expect(await workshopRowCounts(district.connection)).toEqual(before);

    await addForeignProduct(field.connection, FOREIGN_PRODUCT);
    await sendFromLaptop('1 data ditolak server kabupaten');
    expect(await countRows(district.connection, 'kube_products', `id = '${FOREIGN_PRODUCT}'`)).toBe(0);
    await admin.goto(`${district.url}/admin/perangkat`);
    const refusals = admin.getByRole('table', { name: 'Data yang ditolak server kabupaten' });
    await expect(refusals.getByRole('row').filter({ hasText: 'Laptop Prambon' }).textContent()).resolves.toContain(
      'KUBE ini tidak lagi didampingi oleh pendamping laptop ini',
    );
    await shot(admin, 'field-sync-refusals');
  });

  it('lets the member sign in at the district’s workshop join with the PIN reset in the field', async () => {
    const workshop = await createWorkshop(
      district.connection.db,
      {
        kubeId: KUBE,
        moduleSlug: 'hakikat-kube',
        date: new Date().toISOString().slice(0, 10),
        place: 'Kantor Dinas',
        notes: null,
      },
      people.facilitator.id,
    );
    const tablet = await (await browser.newContext(TABLET)).newPage();
    const citra = people.members[2];
    await joinWorkshop(tablet, district.url, workshop.code, citra.username, citra.secret);
    await tablet.getByText('PIN salah').waitFor();
    await tablet.getByLabel('PIN Anda').fill(NEW_PIN);
    await tablet.getByRole('button', { name: 'Masuk' }).click();
    await tablet.waitForURL(/\/belajar\/hakikat-kube\/tes\/pre$/);
  });

  it('ends with every row exactly once when the district is killed mid-push and the push resumed', async () => {
    const before = await workshopRowCounts(district.connection);
    await addLessonVisits(
      field.connection,
      people.members.map((member) => member.id),
      VISITS,
    );
    // The first batch goes through; the district dies (SIGKILL, no shutdown) as the second is on its way.
    killAtPush = pushesSeen + 2;
    await laptop.goto(`${field.url}/lapangan`);
    await laptop.getByRole('button', { name: 'Kirim ke server kabupaten' }).click();
    // Through the link the cut reads as the district gone or busy (a 502); either way nothing is lost.
    await laptop
      .getByText(/Server kabupaten (tidak bisa dihubungi|sedang sibuk)/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(killed).not.toBeNull();
    await killed;
    await shot(laptop, 'field-sync-cut-off');
    const applied = await countRows(district.connection, 'lesson_visits', VISIT_ROWS);
    expect([200, 400]).toContain(applied);

    await district.restart();
    await sendFromLaptop('Pengiriman selesai');
    expect(await countRows(district.connection, 'lesson_visits', VISIT_ROWS)).toBe(VISITS);
    expect(await workshopRowCounts(district.connection)).toEqual(before);
    await expect(laptop.getByText('Semua data sudah terkirim ke server kabupaten.').isVisible()).resolves.toBe(true);
    // Both sides agree on how far the laptop's records went.
    const [device] = (await district.connection.client.execute('SELECT pushed_through FROM devices')).rows;
    const [fieldLink] = (await field.connection.client.execute('SELECT pushed_seq FROM field_link')).rows;
    expect(device?.['pushed_through']).toBe(fieldLink?.['pushed_seq']);
    expect(await readFigures(office, district.url)).toEqual(fieldFigures);
  });
});
