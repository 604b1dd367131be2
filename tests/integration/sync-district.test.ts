import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attempts, devices, syncRefusals } from '../../db/schema.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { handlePair, handlePull, handlePush } from '../../src/features/sync/district/handlers.ts';
import { importPackage } from '../../src/features/sync/district/import.ts';
import {
  packageSignedText,
  PACKAGE_FORMAT,
  signWith,
  type Change,
  type PushRequest,
} from '../../src/features/sync/protocol.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { currentContentVersion, FACILITATOR_PASSWORD, seedDistrict, testDevice } from '../helpers/field-kit.ts';

// The district's side of the field kit, called as the endpoints call it: pairing, pull, push batches applied
// exactly once, refusals listed, a paket lapangan signed or refused whole.

let district: TestDatabase;
let device: ReturnType<typeof testDevice>;
let deviceId: string;
const facilitator: Actor = { id: 'pendamping1', role: 'pendamping', kubeId: null, assignedKubeIds: ['kubemaju1'] };

const attemptRow = (id: string, personId: string, submittedAt: number) => ({
  id,
  person_id: personId,
  module_slug: 'hakikat-kube',
  kind: 'pre',
  form: null,
  items: '[]',
  answer_key: '{}',
  started_at: submittedAt - 60_000,
  submitted_at: submittedAt,
  score: 50,
  correct: 1,
  total: 2,
  by_objective: '{}',
  item_bits: '10',
  counted: 1,
  item_set: JSON.stringify(['hakikat-kube', 'hk-q01,hk-q02']),
});
const change = (table: string, key: unknown[], row: Record<string, string | number | null> | null): Change => ({
  table,
  key: JSON.stringify(key),
  row,
});

async function push(batch: Omit<PushRequest, 'deviceId' | 'at' | 'contentVersion'>, at = Date.now()) {
  const body = JSON.stringify({ deviceId, at, contentVersion: await currentContentVersion(), ...batch });
  return handlePush(district.db, device.headers(deviceId, body), body);
}

beforeEach(async () => {
  district = await createTestDatabase();
  await seedDistrict(district);
  device = testDevice();
  const reply = await handlePair(
    district.db,
    JSON.stringify({
      username: 'tini',
      password: FACILITATOR_PASSWORD,
      deviceName: 'Laptop Prambon',
      publicKey: device.keys.publicKey,
    }),
    '127.0.0.1',
  );
  expect(reply.status).toBe(200);
  deviceId = (reply.body as { deviceId: string }).deviceId;
});
afterEach(() => {
  district.cleanup();
});

describe('pairing', () => {
  it('refuses a wrong password and a person who is not a facilitator, storing no device', async () => {
    const pair = (username: string, password: string) =>
      handlePair(
        district.db,
        JSON.stringify({ username, password, deviceName: 'Laptop', publicKey: device.keys.publicKey }),
        '127.0.0.2',
      );
    expect(await pair('tini', 'salah-sekali')).toMatchObject({
      status: 401,
      body: { error: 'sync.error.wrong_password' },
    });
    expect((await pair('nobody', 'x')).status).toBe(401);
    expect((await pair('tini', '')).status).toBe(400);
    expect(await district.db.select().from(devices)).toHaveLength(1);
  });
});

describe('pull', () => {
  it('gives the assigned KUBE with its people and PIN hashes and the facilitator, nothing of another KUBE', async () => {
    const body = JSON.stringify({
      deviceId,
      at: Date.now(),
      cursor: 0,
      knownKubeIds: [],
      contentVersion: await currentContentVersion(),
    });
    const reply = await handlePull(district.db, device.headers(deviceId, body), body);
    expect(reply.status).toBe(200);
    const { changes, kubeIds, cursor } = reply.body as { changes: Change[]; kubeIds: string[]; cursor: number };
    expect(kubeIds).toEqual(['kubemaju1']);
    expect(cursor).toBeGreaterThan(0);
    const keys = changes.map((c) => `${c.table}:${c.key}`);
    expect(keys).toContain('kubes:["kubemaju1"]');
    expect(keys).not.toContain('kubes:["kubemaju2"]');
    const person = (id: string) => changes.find((c) => c.table === 'people' && c.key === JSON.stringify([id]))?.row;
    expect(person('anggota1')?.['pin_hash']).toMatch(/^\$argon2/);
    expect(person('pendamping1')?.['password_hash']).toMatch(/^\$argon2/);
    expect(person('anggota2')).toBeUndefined();
    expect(changes.some((c) => c.table === 'jabatan')).toBe(true);
  });

  it('refuses a bad signature, a stale clock, another curriculum and a revoked device', async () => {
    const request = async (patch: Record<string, unknown>, sign = true) => {
      const body = JSON.stringify({
        deviceId,
        at: Date.now(),
        cursor: 0,
        knownKubeIds: [],
        contentVersion: await currentContentVersion(),
        ...patch,
      });
      const headers = sign ? device.headers(deviceId, body) : testDevice().headers(deviceId, body);
      return (await handlePull(district.db, headers, body)).body;
    };
    expect(await request({}, false)).toMatchObject({ error: 'sync.error.bad_signature' });
    expect(await request({ at: Date.now() - 3 * 3600_000 })).toMatchObject({ error: 'sync.error.clock' });
    expect(await request({ contentVersion: 'lain' })).toMatchObject({ error: 'sync.error.content_mismatch' });
    await district.db.update(devices).set({ revokedAt: new Date() });
    expect(await request({})).toMatchObject({ error: 'sync.error.device_revoked' });
  });
});

describe('push', () => {
  it('applies a batch once: a resend changes nothing', async () => {
    const batch = {
      fromSeq: 1,
      toSeq: 5,
      changes: [change('attempts', ['att1'], attemptRow('att1', 'anggota1', Date.parse('2026-11-20T03:00:00Z')))],
    };
    const first = await push(batch);
    expect(first).toMatchObject({ status: 200, body: { through: 5, already: false, refused: [] } });
    const again = await push(batch);
    expect(again).toMatchObject({ status: 200, body: { through: 5, already: true } });
    const rows = await district.db.select().from(attempts);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.counted).toBe(true);
    expect(rows[0]?.itemSetId).not.toBeNull();
  });

  it('refuses and lists a row of a KUBE not assigned to the facilitator, and stores the rest', async () => {
    const reply = await push({
      fromSeq: 1,
      toSeq: 3,
      changes: [
        change('attempts', ['att1'], attemptRow('att1', 'anggota1', Date.now())),
        change('attempts', ['att2'], attemptRow('att2', 'anggota2', Date.now())),
      ],
    });
    expect(reply.body).toMatchObject({
      refused: [{ table: 'attempts', key: '["att2"]', reason: 'kube_not_assigned' }],
    });
    expect((await district.db.select().from(attempts)).map((row) => row.id)).toEqual(['att1']);
    const listed = await district.db.select().from(syncRefusals);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.row).toMatchObject({ id: 'att2', person_id: 'anggota2' });
  });

  it('takes only a PIN from a person row, keeps the district name and lists the attempt to change it', async () => {
    const [harjo] = await district.db.all<Record<string, string | number | null>>(
      sql`select * from people where id = 'anggota1'`,
    );
    const base = { ...harjo };
    const row = { ...base, name: 'Harjo Baru', pin_hash: 'new-hash', updated_at: Date.now() };
    const reply = await push({ fromSeq: 1, toSeq: 1, changes: [{ ...change('people', ['anggota1'], row), base }] });
    expect(reply.body).toMatchObject({ refused: [{ reason: 'not_allowed', detail: { column: 'name' } }] });
    const [after] = await district.db.all<{ name: string; pin_hash: string }>(
      sql`select name, pin_hash from people where id = 'anggota1'`,
    );
    expect(after).toEqual({ name: 'Pak Harjo', pin_hash: 'new-hash' });
  });

  it('refuses a batch after a missing one, and an unsigned one', async () => {
    expect((await push({ fromSeq: 10, toSeq: 12, changes: [] })).body).toMatchObject({
      error: 'sync.error.gap',
      through: 0,
    });
    const body = JSON.stringify({
      deviceId,
      at: Date.now(),
      contentVersion: await currentContentVersion(),
      fromSeq: 1,
      toSeq: 1,
      changes: [],
    });
    expect((await handlePush(district.db, new Headers(), body)).status).toBe(401);
  });

  it('counts the earliest submission when an earlier field attempt arrives after a district one', async () => {
    await push({
      fromSeq: 1,
      toSeq: 1,
      changes: [change('attempts', ['late'], attemptRow('late', 'anggota1', 2_000_000))],
    });
    await push({
      fromSeq: 2,
      toSeq: 2,
      changes: [change('attempts', ['early'], attemptRow('early', 'anggota1', 1_000_000))],
    });
    const rows = await district.db
      .select({ id: attempts.id, counted: attempts.counted })
      .from(attempts)
      .orderBy(attempts.id);
    expect(rows).toEqual([
      { id: 'early', counted: true },
      { id: 'late', counted: false },
    ]);
  });
});

describe('paket lapangan', () => {
  function makePackage(batches: PushRequest[]) {
    const signed = { format: PACKAGE_FORMAT, version: 1 as const, deviceId, createdAt: Date.now(), batches };
    return { ...signed, signature: signWith(device.keys.privateKey, packageSignedText(signed)) };
  }
  const batch = async (fromSeq: number, toSeq: number, changes: Change[]): Promise<PushRequest> => ({
    deviceId,
    at: Date.now(),
    contentVersion: await currentContentVersion(),
    fromSeq,
    toSeq,
    changes,
  });

  it('applies through the push path: after a push, and twice, nothing doubles', async () => {
    const first = await batch(1, 4, [change('attempts', ['att1'], attemptRow('att1', 'anggota1', Date.now()))]);
    const second = await batch(5, 9, [change('attempts', ['att3'], attemptRow('att3', 'anggota1', Date.now() + 5))]);
    await push(first);
    const file = JSON.stringify(makePackage([first, second]));
    expect(await importPackage(district.db, file, facilitator)).toMatchObject({ batches: 2, applied: 1, already: 1 });
    expect(await importPackage(district.db, file, facilitator)).toMatchObject({ applied: 0, already: 2 });
    expect(await district.db.select().from(attempts)).toHaveLength(2);
  });

  it('refuses a file changed after export whole, and another facilitator', async () => {
    const file = makePackage([
      await batch(1, 2, [
        change('attempts', ['att1'], attemptRow('att1', 'anggota1', Date.now())),
        change('attempts', ['att4'], attemptRow('att4', 'anggota1', Date.now())),
      ]),
    ]);
    const text = JSON.stringify(file).replace('"score":50', '"score":90');
    await expect(importPackage(district.db, text, facilitator)).rejects.toThrow('sync.error.package_tampered');
    expect(await district.db.select().from(attempts)).toHaveLength(0);
    const other: Actor = { ...facilitator, id: 'someone-else' };
    await expect(importPackage(district.db, JSON.stringify(file), other)).rejects.toThrow('sync.error.not_your_device');
    await expect(importPackage(district.db, 'not json', facilitator)).rejects.toThrow('sync.error.package_invalid');
  });
});

describe('pull after push', () => {
  it('does not send a device its own rows back, but sends district changes', async () => {
    const body = (cursor: number) =>
      currentContentVersion().then((contentVersion) =>
        JSON.stringify({ deviceId, at: Date.now(), cursor, knownKubeIds: ['kubemaju1'], contentVersion }),
      );
    const firstBody = await body(0);
    const first = await handlePull(district.db, device.headers(deviceId, firstBody), firstBody);
    const cursor = (first.body as { cursor: number }).cursor;
    await push({
      fromSeq: 1,
      toSeq: 1,
      changes: [change('attempts', ['att1'], attemptRow('att1', 'anggota1', Date.now()))],
    });
    await district.db.run(sql`update people set name = 'Pak Harjo Sutrisno' where id = 'anggota1'`);
    await district.db.run(sql`update people set name = 'Bu Sri Lestari' where id = 'anggota2'`);
    const nextBody = await body(cursor);
    const next = await handlePull(district.db, device.headers(deviceId, nextBody), nextBody);
    const keys = (next.body as { changes: Change[] }).changes.map((c) => `${c.table}:${c.key}`);
    expect(keys).toEqual(['people:["anggota1"]']);
    expect(await district.db.select({ id: devices.id }).from(devices).where(eq(devices.id, deviceId))).toHaveLength(1);
  });
});
