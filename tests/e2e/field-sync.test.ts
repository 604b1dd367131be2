import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import {
  countRows,
  FIELD_KIT_PORTS,
  KUBE,
  MODULE,
  OTHER_KUBE,
  QUESTIONS,
  readFigures,
  seedDistrict,
  stopgapPull,
  workshopRowCounts,
  type DistrictPeople,
  type Figures,
} from './helpers/field-kit.ts';
import { shot } from './helpers/suite.ts';
import { boardShows, createWorkshopOnBoard, joinWorkshop, nextPhase, takeTest } from './helpers/workshop.ts';

// Issue 17's proof: two server processes on two database files. The district holds the record of truth; a
// field server on a facilitator's laptop pairs with it, pulls its KUBE, runs a whole workshop on three tablets
// while the district is down, and sends it back. The district then shows that workshop with the figures the
// field showed, exactly once, whatever is sent twice, tampered with, or cut off half-way.

const TABLET = { viewport: { width: 800, height: 1280 } };
const NEW_PIN = '975310';

let district: RunningApp;
let field: RunningApp;
let browser: Browser;
let people: DistrictPeople;
/** The facilitator's laptop: the field server's board and screens. */
let laptop: Page;
let fieldFigures: Figures;

beforeAll(async () => {
  // Its own process group, so a SIGKILL mid-push reaches the process that serves.
  district = await startApp({}, { port: FIELD_KIT_PORTS.district, ownProcessGroup: true });
  people = await seedDistrict(district.connection);
  // A fresh field server, an empty database, pointed at nothing yet.
  field = await startApp({}, { port: FIELD_KIT_PORTS.field });
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await field.stop();
  await district.stop();
});

const districtDown = async () =>
  fetch(`${district.url}/masuk`).then(
    () => false,
    () => true,
  );

describe.skipIf(browserMissing)('a field server paired with the district, offline in a village hall', () => {
  it('pairs with the district and pulls only its facilitator’s KUBE', async () => {
    // TODO(field client): pair on the field's /mulai "Laptop lapangan" and pull there once helper "field" lands.
    await stopgapPull(district.connection, field.connection, people);
    expect(await countRows(field.connection, 'kubes')).toBe(1);
    expect(await countRows(field.connection, 'memberships', `kube_id = '${KUBE}'`)).toBe(3);
    expect(await countRows(field.connection, 'people', `id = '${people.otherMember.id}'`)).toBe(0);
    expect(await countRows(field.connection, 'kubes', `id = '${OTHER_KUBE}'`)).toBe(0);
    // What a pull applied is the district's, not news to send back.
    expect(await countRows(field.connection, 'change_log', 'origin IS NULL')).toBe(0);
    laptop = await signedInPage(
      await browser.newContext(),
      field.url,
      people.facilitator.username,
      people.facilitator.secret,
    );
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
    // All of it waits on the laptop to be sent: the field's own writes.
    for (const table of ['workshops', 'attempts', 'attempt_answers', 'people', 'capacity_assessments']) {
      expect(
        await countRows(field.connection, 'change_log', `origin IS NULL AND table_name = '${table}'`),
      ).toBeGreaterThan(0);
    }
    fieldFigures = await readFigures(laptop, field.url);
    // Three members with both tests in the report; the two officers in indicator 2.
    for (const member of people.members) expect(fieldFigures.report.join('\n')).toContain(`Uji ${member.username}`);
    expect(fieldFigures.indicator2.join('\n')).toMatch(/Ketua/);
    await shot(laptop, 'field-sync-field-indicator-2');
  }, 150_000);

  // TODO(district handlers, field client): these wait for the push ("Kirim ke server kabupaten" on /lapangan),
  // the district's /api/lapangan/* handlers and import, and /admin/perangkat.
  it.todo('after a push, the district shows that workshop with the same figures the field showed');
  it.todo('a second push and an import of the exported paket lapangan double nothing');
  it.todo('refuses a tampered paket lapangan whole, and lists a record for an unassigned KUBE');
  it.todo('lets the member sign in at the district’s workshop join with the PIN reset in the field');
  it.todo('a district killed mid-push and restarted ends with every row exactly once after the resume');
});
