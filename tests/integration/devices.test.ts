import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { devices, kubes, people, syncRefusals, type Role } from '../../db/schema.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { listDevices, listRefusals } from '../../src/features/sync/devices/queries.ts';
import { revokeDevice } from '../../src/features/sync/devices/service.ts';
import { newKeyPair } from '../../src/features/sync/protocol.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let t: TestDatabase;
const admin: Actor = { id: 'adminsatu', role: 'admin', kubeId: null, assignedKubeIds: [] };
const rina: Actor = { id: 'rinapend', role: 'pendamping', kubeId: null, assignedKubeIds: ['kubemaju1'] };

async function addPerson(id: string, name: string, role: Role) {
  await t.db.insert(people).values({ id, name, username: id, role, active: true });
}

beforeEach(async () => {
  t = await createTestDatabase();
  await addPerson(admin.id, 'Admin Dinas', 'admin');
  await addPerson(rina.id, 'Rina Pendamping', 'pendamping');
  await addPerson('joko0001', 'Joko Pendamping', 'pendamping');
  await t.db.insert(kubes).values({
    id: 'kubemaju1',
    name: 'Maju Bersama',
    desa: 'Singkalanyar',
    kecamatan: 'Prambon',
    kabupaten: 'Nganjuk',
    provinsi: 'Jawa Timur',
  });
  const key = newKeyPair().publicKey;
  await t.db.insert(devices).values([
    { id: 'laptoprina', personId: rina.id, name: 'Laptop Prambon', publicKey: key, pushedThrough: 12 },
    { id: 'laptopjoko', personId: 'joko0001', name: 'Laptop Joko', publicKey: key },
  ]);
});
afterEach(() => {
  t.cleanup();
});

describe('listDevices()', () => {
  it('lists every paired device for an admin, and only their own for a facilitator', async () => {
    const all = await listDevices(t.db);
    expect(all.map((d) => d.name).sort()).toEqual(['Laptop Joko', 'Laptop Prambon']);
    const own = await listDevices(t.db, { personId: rina.id });
    expect(own).toEqual([
      expect.objectContaining({ id: 'laptoprina', facilitator: 'Rina Pendamping', hasSent: true, revokedAt: null }),
    ]);
    expect((await listDevices(t.db, { personId: 'joko0001' }))[0]?.hasSent).toBe(false);
  });
});

describe('revokeDevice()', () => {
  it('revokes a device once, naming who did it; a second revoke changes nothing', async () => {
    await expect(revokeDevice(t.db, { deviceId: 'laptoprina', confirm: '1' }, admin)).resolves.toEqual({
      revoked: true,
    });
    const [first] = await t.db.select().from(devices).where(eq(devices.id, 'laptoprina'));
    expect(first?.revokedBy).toBe(admin.id);
    expect(first?.revokedAt).toBeInstanceOf(Date);

    await expect(revokeDevice(t.db, { deviceId: 'laptoprina', confirm: '1' }, admin)).resolves.toEqual({
      revoked: false,
    });
    const [second] = await t.db.select().from(devices).where(eq(devices.id, 'laptoprina'));
    expect(second).toEqual(first);
    const [listed] = await listDevices(t.db, { personId: rina.id });
    expect(listed?.revokedBy).toBe('Admin Dinas');
  });

  it('refuses a facilitator, even for their own device, and changes nothing', async () => {
    const refused = revokeDevice(t.db, { deviceId: 'laptoprina', confirm: '1' }, rina);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [device] = await t.db.select().from(devices).where(eq(devices.id, 'laptoprina'));
    expect(device?.revokedAt).toBeNull();
  });

  it('answers "not found" for a device that does not exist', async () => {
    await expect(revokeDevice(t.db, { deviceId: 'nosuchdevice', confirm: '1' }, admin)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('listRefusals()', () => {
  it("names the device, the KUBE and the person a refusal was about, and shows a facilitator only their devices'", async () => {
    await t.db.insert(syncRefusals).values([
      {
        id: 'refusal1',
        deviceId: 'laptoprina',
        tableName: 'workshop_attendance',
        rowKey: '["w1","p1"]',
        reason: 'kube_not_assigned',
        row: { kube_id: 'kubemaju1', person_id: rina.id },
      },
      {
        id: 'refusal2',
        deviceId: 'laptopjoko',
        tableName: 'people',
        rowKey: '["joko0001"]',
        reason: 'conflict_kept_district',
        detail: { column: 'name', rule: 'district_record' },
        row: { id: 'joko0001', name: 'Joko' },
      },
    ]);
    const all = await listRefusals(t.db);
    expect(all).toHaveLength(2);
    expect(all.find((r) => r.id === 'refusal1')).toMatchObject({
      device: 'Laptop Prambon',
      kube: 'Maju Bersama',
      person: 'Rina Pendamping',
      rule: null,
    });
    expect(all.find((r) => r.id === 'refusal2')).toMatchObject({ person: 'Joko Pendamping', rule: 'district_record' });
    expect((await listRefusals(t.db, { personId: rina.id })).map((r) => r.id)).toEqual(['refusal1']);
  });
});
