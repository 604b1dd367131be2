import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attempts, devices, people, syncRefusals } from '../../db/schema.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { listRefusals } from '../../src/features/sync/devices/queries.ts';
import { importDevicePackage } from '../../src/features/sync/devices/service.ts';
import {
  packageSignedText,
  PACKAGE_FORMAT,
  signWith,
  type FieldPackage,
  type PushRequest,
} from '../../src/features/sync/protocol.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { currentContentVersion, seedDistrict, testDevice } from '../helpers/field-kit.ts';

// A paket lapangan uploaded on the device screens, through the screens' own service: the laptop's facilitator
// and an admin may, another facilitator and a member may not; a second upload adds nothing.

let t: TestDatabase;
const device = testDevice();
const tini: Actor = { id: 'pendamping1', role: 'pendamping', kubeId: null, assignedKubeIds: ['kubemaju1'] };
const budi: Actor = { id: 'pendamping2', role: 'pendamping', kubeId: null, assignedKubeIds: [] };
const admin: Actor = { id: 'admindinas', role: 'admin', kubeId: null, assignedKubeIds: [] };
const member: Actor = { id: 'anggota1', role: 'anggota', kubeId: 'kubemaju1', assignedKubeIds: [] };

const attemptRow = (id: string, personId: string) => ({
  id,
  person_id: personId,
  module_slug: 'hakikat-kube',
  kind: 'pre',
  form: null,
  items: '[]',
  answer_key: '{}',
  started_at: Date.now() - 60_000,
  submitted_at: Date.now(),
  score: 50,
  correct: 1,
  total: 2,
  by_objective: '{}',
  item_bits: '10',
  counted: 1,
  item_set: JSON.stringify(['hakikat-kube', 'hk-q01,hk-q02']),
});

/** Tini's laptop's package: one batch with an attempt of her KUBE's member and one of another KUBE's. */
async function tinisPackage(): Promise<string> {
  const batch: PushRequest = {
    deviceId: 'laptoptini',
    at: Date.now(),
    contentVersion: await currentContentVersion(),
    fromSeq: 1,
    toSeq: 3,
    changes: [
      { table: 'attempts', key: '["att1"]', row: attemptRow('att1', 'anggota1') },
      { table: 'attempts', key: '["att2"]', row: attemptRow('att2', 'anggota2') },
    ],
  };
  const signed: Omit<FieldPackage, 'signature'> = {
    format: PACKAGE_FORMAT,
    version: 1,
    deviceId: 'laptoptini',
    createdAt: Date.now(),
    batches: [batch],
  };
  return JSON.stringify({ ...signed, signature: signWith(device.keys.privateKey, packageSignedText(signed)) });
}

beforeEach(async () => {
  t = await createTestDatabase();
  await seedDistrict(t);
  await t.db.insert(people).values({ id: 'pendamping2', name: 'Pak Budi', username: 'budi', role: 'pendamping' });
  await t.db.insert(devices).values({
    id: 'laptoptini',
    personId: tini.id,
    name: 'Laptop Prambon',
    publicKey: device.keys.publicKey,
  });
});
afterEach(() => {
  t.cleanup();
});

describe('importDevicePackage()', () => {
  it("imports the facilitator's own laptop's package once, listing the row of a KUBE not theirs", async () => {
    const file = await tinisPackage();
    await expect(importDevicePackage(t.db, file, tini)).resolves.toEqual({
      batches: 1,
      applied: 1,
      already: 0,
      refused: 1,
    });
    await expect(importDevicePackage(t.db, file, tini)).resolves.toEqual({
      batches: 1,
      applied: 0,
      already: 1,
      refused: 0,
    });
    expect((await t.db.select().from(attempts)).map((a) => a.id)).toEqual(['att1']);
    const refusals = await listRefusals(t.db, { personId: tini.id });
    expect(refusals).toEqual([
      expect.objectContaining({ device: 'Laptop Prambon', tableName: 'attempts', reason: 'kube_not_assigned' }),
    ]);
    expect(refusals[0]?.person).toBe('Bu Sri');
  });

  it("lets an admin import any laptop's package", async () => {
    await expect(importDevicePackage(t.db, await tinisPackage(), admin)).resolves.toMatchObject({ applied: 1 });
  });

  it("refuses another facilitator's upload of the package, and a member's, changing nothing", async () => {
    const file = await tinisPackage();
    await expect(importDevicePackage(t.db, file, budi)).rejects.toMatchObject({ key: 'sync.error.not_your_device' });
    await expect(importDevicePackage(t.db, file, member)).rejects.toMatchObject({ key: 'errors.forbidden' });
    expect(await t.db.select().from(attempts)).toEqual([]);
    expect(await t.db.select().from(syncRefusals)).toEqual([]);
  });

  it('refuses a file that is not a paket lapangan', async () => {
    await expect(importDevicePackage(t.db, 'PK\u0003\u0004 not json', tini)).rejects.toMatchObject({
      key: 'sync.error.package_invalid',
    });
  });
});
