import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { devices, syncRefusals } from '../../db/schema.ts';
import { newKeyPair } from '../../src/features/sync/protocol.ts';
import { browserMissing } from './helpers/browser.ts';
import { widestOverflow } from './helpers/overflow.ts';
import { addKube, addPerson, cookieFor, type TestPerson } from './helpers/people.ts';
import { shot, useAppAndBrowser } from './helpers/suite.ts';

// The district's screens of the field kit, in Chromium on the built server: the paired laptops, revoking one
// with its confirmation step, the refusals in plain words; at a phone's and a tablet's width.

const SIZES = [
  { width: 360, height: 740 },
  { width: 800, height: 1280 },
] as const;
const key = newKeyPair();
let admin: TestPerson;
let rina: TestPerson;
let joko: TestPerson;

const suite = useAppAndBrowser(async (app) => {
  const kubeId = await addKube(app.connection, 'kubedevice1', 'Maju Bersama');
  admin = await addPerson(app.connection, 'admin', 'd.admin', 'Admin-Perangkat-2024');
  rina = await addPerson(app.connection, 'pendamping', 'd.rina', 'Rina-Perangkat-2024', kubeId);
  joko = await addPerson(app.connection, 'pendamping', 'd.joko', 'Joko-Perangkat-2024');
  await app.connection.db.insert(devices).values([
    { id: 'laptoprina', personId: rina.id, name: 'Laptop Prambon', publicKey: key.publicKey, pushedThrough: 4 },
    { id: 'laptoprina2', personId: rina.id, name: 'Laptop Cadangan', publicKey: key.publicKey },
    { id: 'laptopjoko', personId: joko.id, name: 'Laptop Joko', publicKey: key.publicKey, lastSeenAt: new Date() },
  ]);
  await app.connection.db.insert(syncRefusals).values([
    {
      id: 'refusalrina1',
      deviceId: 'laptoprina',
      tableName: 'workshop_attendance',
      rowKey: '["w1","p1"]',
      reason: 'kube_not_assigned',
      row: { kube_id: kubeId, person_id: rina.id },
    },
    {
      id: 'refusaljoko1',
      deviceId: 'laptopjoko',
      tableName: 'people',
      rowKey: JSON.stringify([joko.id]),
      reason: 'conflict_kept_district',
      detail: { column: 'name', rule: 'district_record' },
      row: { id: joko.id, name: 'Joko' },
    },
  ]);
});

async function pageAs(person: TestPerson, size: (typeof SIZES)[number]): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: size });
  const [name, value] = (await cookieFor(suite.app.connection, person.id)).split('=');
  await context.addCookies([{ name: name ?? '', value: value ?? '', url: suite.app.url }]);
  return context.newPage();
}

describe.skipIf(browserMissing)('the district screens of field laptops', () => {
  it('lists every paired laptop and the refusals in plain words for an admin, fitting the screen', async () => {
    for (const size of SIZES) {
      const page = await pageAs(admin, size);
      await page.goto(`${suite.app.url}/admin`);
      await page.getByRole('link', { name: 'Laptop lapangan' }).click();
      await page.waitForURL(`${suite.app.url}/admin/perangkat`);
      const list = page.getByRole('region', { name: 'Laptop yang terhubung' });
      for (const name of ['Laptop Prambon', 'Laptop Cadangan', 'Laptop Joko']) {
        await expect(list.getByText(name, { exact: true }).count()).resolves.toBe(1);
      }
      await expect(list.getByText('Sudah mengirim data').count()).resolves.toBe(1);
      const refusals = page.getByRole('region', { name: 'Data yang ditolak server kabupaten' });
      await expect(refusals.getByText('Presensi workshop').count()).resolves.toBe(1);
      await expect(
        refusals.getByText('KUBE ini tidak lagi didampingi oleh pendamping laptop ini').count(),
      ).resolves.toBe(1);
      await expect(refusals.getByText('Data kabupaten yang dipakai').count()).resolves.toBe(1);
      await expect(refusals.getByText('Maju Bersama · Uji d.rina').count()).resolves.toBe(1);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await shot(page, `devices-admin-${size.width}`);
      await page.context().close();
    }
  });

  it('revokes a laptop only after the confirmation, names who did it, and a second revoke changes nothing', async () => {
    const page = await pageAs(admin, SIZES[0]);
    await page.goto(`${suite.app.url}/admin/perangkat`);
    await page.getByRole('link', { name: /^Cabut izin\s*,\s*Laptop Cadangan$/ }).click();
    const box = page.getByRole('region', { name: 'Cabut izin Laptop Cadangan?' });
    await expect(box.isVisible()).resolves.toBe(true);
    const [before] = await suite.app.connection.db.select().from(devices).where(eq(devices.id, 'laptoprina2'));
    expect(before?.revokedAt).toBeNull();
    await shot(page, 'devices-revoke-confirm-360');

    await box.getByRole('button', { name: 'Ya, cabut izin' }).click();
    await page.waitForURL(/\?dicabut=1$/);
    await expect(page.getByText('Izin laptop sudah dicabut.').isVisible()).resolves.toBe(true);
    const row = page.locator('#perangkat-laptoprina2');
    await expect(row.getByText(/^Dicabut .+ oleh Uji d\.admin$/).count()).resolves.toBe(1);
    await expect(row.getByRole('link', { name: /Cabut izin/ }).count()).resolves.toBe(0);
    await shot(page, 'devices-revoked-360');
    const [after] = await suite.app.connection.db.select().from(devices).where(eq(devices.id, 'laptoprina2'));
    expect(after?.revokedBy).toBe(admin.id);

    // The same confirmed form sent again (a second tab, a resent post): the first revocation stays.
    const again = await fetch(`${suite.app.url}/_actions/perangkat.revoke`, {
      method: 'POST',
      headers: {
        origin: suite.app.origin,
        cookie: await cookieFor(suite.app.connection, admin.id),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ deviceId: 'laptoprina2', confirm: '1' }),
    });
    expect(again.status).toBe(200);
    const [still] = await suite.app.connection.db.select().from(devices).where(eq(devices.id, 'laptoprina2'));
    expect(still).toEqual(after);
    await page.context().close();
  });

  it('refuses a revoke without the confirmation, and one from a facilitator', async () => {
    const send = async (person: TestPerson, body: Record<string, string>) =>
      fetch(`${suite.app.url}/_actions/perangkat.revoke`, {
        method: 'POST',
        headers: {
          origin: suite.app.origin,
          cookie: await cookieFor(suite.app.connection, person.id),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(body),
      });
    expect((await send(admin, { deviceId: 'laptopjoko' })).status).toBe(400);
    expect((await send(rina, { deviceId: 'laptoprina', confirm: '1' })).status).toBe(403);
    const rows = await suite.app.connection.db.select().from(devices).where(eq(devices.id, 'laptoprina'));
    expect(rows[0]?.revokedAt).toBeNull();
    const joko = await suite.app.connection.db.select().from(devices).where(eq(devices.id, 'laptopjoko'));
    expect(joko[0]?.revokedAt).toBeNull();
  });

  it('shows a facilitator only their own laptops and their refusals, with no revoke', async () => {
    for (const size of SIZES) {
      const page = await pageAs(rina, size);
      await page.goto(`${suite.app.url}/`);
      await page.getByRole('link', { name: 'Laptop lapangan saya' }).click();
      await page.waitForURL(`${suite.app.url}/perangkat`);
      const list = page.getByRole('region', { name: 'Laptop yang terhubung' });
      await expect(list.getByText('Laptop Prambon', { exact: true }).count()).resolves.toBe(1);
      await expect(list.getByText('Laptop Joko').count()).resolves.toBe(0);
      await expect(page.getByRole('link', { name: /Cabut izin/ }).count()).resolves.toBe(0);
      const refusals = page.getByRole('region', { name: 'Data yang ditolak server kabupaten' });
      await expect(refusals.getByText('Presensi workshop').count()).resolves.toBe(1);
      await expect(refusals.getByText('Data kabupaten yang dipakai').count()).resolves.toBe(0);
      await expect(widestOverflow(page)).resolves.toBeNull();
      await shot(page, `devices-own-${size.width}`);
      await page.context().close();
    }
  });

  it('explains how to pair a laptop when none is paired', async () => {
    const page = await pageAs(joko, SIZES[0]);
    await suite.app.connection.db.delete(devices).where(eq(devices.personId, joko.id));
    await page.goto(`${suite.app.url}/perangkat`);
    await expect(page.getByText('Belum ada laptop yang terhubung').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/buka halaman pertamanya/).isVisible()).resolves.toBe(true);
    await shot(page, 'devices-empty-360');
    await page.context().close();
  });
});
