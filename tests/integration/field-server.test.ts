import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { facilitatorAssignments, fieldLink, kubes, memberships, people } from '../../db/schema.ts';
import { readFieldLink, serverIsSetUp } from '../../src/features/sync/field/link.ts';
import { pendingBatches, PUSH_BATCH_BYTES } from '../../src/features/sync/field/batches.ts';
import { exportPackage } from '../../src/features/sync/field/package.ts';
import { pairWithDistrict } from '../../src/features/sync/field/pair.ts';
import { pullFromDistrict } from '../../src/features/sync/field/pull.ts';
import { pushToDistrict } from '../../src/features/sync/field/push.ts';
import { fieldStatus } from '../../src/features/sync/field/status.ts';
import type { Transport } from '../../src/features/sync/field/transport.ts';
import {
  fieldPackage,
  packageSignedText,
  pullRequest,
  pushRequest,
  verifyWith,
  type Change,
  type PushRequest,
} from '../../src/features/sync/protocol.ts';
import { readRows, tableOf, toWire, withOrigin, writeRow } from '../../src/features/sync/rows.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { PLACE } from '../helpers/two-kubes.ts';

// The field server's side on a real database, against a small in-process district on a second real database: it
// answers pairing with a device, a pull with a snapshot of its tables, a push by storing the rows (once per seq
// range, as the district's handlers do). tests/integration/field-district.test.ts runs the real handlers.

let field: TestDatabase;
let district: TestDatabase;
let publicKey = '';
let pushedThrough = 0;
const pushes: PushRequest[] = [];
/** Set by a test: the district applies the next push, then its answer is lost on the way back. */
let loseNextAnswer = false;

const SNAPSHOT = ['kubes', 'people', 'memberships', 'facilitator_assignments'];

const districtTransport: Transport = async (path, body) => {
  if (path === '/api/lapangan/pasang') {
    const request = JSON.parse(body) as { username: string; password: string; publicKey: string };
    if (request.password !== 'benar') return { status: 401, body: { error: 'sync.error.wrong_password' } };
    publicKey = request.publicKey;
    return { status: 200, body: { deviceId: 'device0001', personId: 'pendamping1', personName: 'Bu Sri' } };
  }
  if (path === '/api/lapangan/tarik') {
    pullRequest.parse(JSON.parse(body));
    const changes: Change[] = [];
    for (const name of SNAPSHOT) {
      const table = tableOf(name);
      const rows = await district.db.all<Record<string, unknown>>(sql`select * from ${sql.identifier(name)}`);
      for (const row of await toWire(district.db, table, rows)) {
        changes.push({ table: name, key: JSON.stringify(table.key.map((c) => row[c] ?? null)), row });
      }
    }
    return {
      status: 200,
      body: { cursor: 7, more: false, kubeIds: ['kubemaju1'], kind: 'snapshot', snapshot: null, changes },
    };
  }
  const batch = pushRequest.parse(JSON.parse(body));
  pushes.push(batch);
  const already = batch.toSeq <= pushedThrough;
  if (!already) {
    await district.db.transaction(async (tx) => {
      await withOrigin(tx, batch.deviceId, async () => {
        for (const change of batch.changes) if (change.row) await writeRow(tx, tableOf(change.table), change.row);
      });
    });
    pushedThrough = batch.toSeq;
  }
  if (loseNextAnswer) {
    loseNextAnswer = false;
    throw new Error('connection dropped');
  }
  return { status: 200, body: { through: pushedThrough, already, refused: [], rows: [] } };
};

beforeEach(async () => {
  field = await createTestDatabase();
  district = await createTestDatabase();
  pushedThrough = 0;
  pushes.length = 0;
  await district.db.insert(kubes).values({ id: 'kubemaju1', name: 'Maju Bersama 1', ...PLACE });
  await district.db.insert(people).values([
    { id: 'pendamping1', name: 'Bu Sri', username: 'sri', role: 'pendamping', passwordHash: 'hash-sri' },
    {
      id: 'anggota0001',
      name: 'Pak Darto',
      username: 'darto',
      role: 'anggota',
      pinHash: 'pin-lama',
      updatedAt: new Date(1000),
    },
  ]);
  await district.db
    .insert(memberships)
    .values({ id: 'member0001', kubeId: 'kubemaju1', personId: 'anggota0001', joinedOn: '2024-01-01' });
  await district.db.insert(facilitatorAssignments).values({ kubeId: 'kubemaju1', personId: 'pendamping1' });
});
afterEach(() => {
  field.cleanup();
  district.cleanup();
});

const pair = (password = 'benar') =>
  pairWithDistrict(
    field.db,
    {
      districtUrl: 'https://kube.dinsos.example/',
      facilitatorUsername: 'sri',
      facilitatorPassword: password,
      deviceName: 'Laptop Prambon',
    },
    districtTransport,
  );

const personOn = async (db: TestDatabase, id: string) =>
  (await readRows(db.db, tableOf('people'), [JSON.stringify([id])])).get(JSON.stringify([id]));

describe('pairWithDistrict()', () => {
  it('pairs, pulls the KUBE with its people and PIN hashes and the facilitator sign-in, and counts as set up', async () => {
    expect(await serverIsSetUp(field.db)).toBe(false);
    const paired = await pair();
    expect(paired.personName).toBe('Bu Sri');
    const link = await readFieldLink(field.db);
    expect(link).toMatchObject({ districtUrl: 'https://kube.dinsos.example', deviceId: 'device0001', pullCursor: 7 });
    expect(link?.kubeIds).toEqual(['kubemaju1']);
    expect((await personOn(field, 'anggota0001'))?.['pin_hash']).toBe('pin-lama');
    expect((await personOn(field, 'pendamping1'))?.['password_hash']).toBe('hash-sri');
    expect(await serverIsSetUp(field.db)).toBe(true);
    // What the pull brought is the district's: nothing waits to be sent.
    expect((await fieldStatus(field.db))?.waitingTotal).toBe(0);
  });

  it('refuses a wrong password beside the password field, and a second pairing', async () => {
    await expect(pair('salah')).rejects.toMatchObject({
      key: 'sync.error.wrong_password',
      field: 'facilitatorPassword',
    });
    expect(await readFieldLink(field.db)).toBeNull();
    await pair();
    await expect(pair()).rejects.toMatchObject({ key: 'lapangan.error.alreadyPaired' });
  });

  it('pairs again over a pairing cut off before its first pull finished (the laptop was switched off)', async () => {
    await field.db.insert(fieldLink).values({
      id: 1,
      districtUrl: 'https://kube.dinsos.example',
      deviceId: 'device-half',
      deviceName: 'Laptop',
      privateKey: 'x',
      personId: 'pendamping1',
      pairedAt: new Date(),
    });
    await pair();
    expect(await readFieldLink(field.db)).toMatchObject({ deviceId: 'device0001' });
    expect(await serverIsSetUp(field.db)).toBe(true);
  });

  it('refuses an address that is not http(s), changing nothing', async () => {
    await expect(
      pairWithDistrict(
        field.db,
        { districtUrl: 'ftp://x', facilitatorUsername: 'sri', facilitatorPassword: 'benar', deviceName: 'L' },
        districtTransport,
      ),
    ).rejects.toMatchObject({ key: 'lapangan.error.url', field: 'districtUrl' });
    expect(await readFieldLink(field.db)).toBeNull();
  });
});

describe('pullFromDistrict()', () => {
  it('keeps a PIN reset on the laptop that is newer than the district’s, and sends it afterwards', async () => {
    await pair();
    await field.db
      .update(people)
      .set({ pinHash: 'pin-lapangan', updatedAt: new Date(5000) })
      .where(sql`id = 'anggota0001'`);
    await district.db
      .update(people)
      .set({ pinHash: 'pin-kabupaten', updatedAt: new Date(3000) })
      .where(sql`id = 'anggota0001'`);
    await pullFromDistrict(field.db, districtTransport);
    expect((await personOn(field, 'anggota0001'))?.['pin_hash']).toBe('pin-lapangan');
    await pushToDistrict(field.db, districtTransport);
    expect((await personOn(district, 'anggota0001'))?.['pin_hash']).toBe('pin-lapangan');
  });
});

describe('pushToDistrict()', () => {
  it('resends a batch whose answer was lost, answered as already applied, and then sends nothing twice', async () => {
    await pair();
    await field.db
      .update(people)
      .set({ pinHash: 'pin-baru', updatedAt: new Date(9000) })
      .where(sql`id = 'anggota0001'`);
    loseNextAnswer = true;
    await expect(pushToDistrict(field.db, districtTransport)).rejects.toThrow('connection dropped');
    expect((await readFieldLink(field.db))?.pushedSeq).toBe(0);
    const resent = await pushToDistrict(field.db, districtTransport);
    expect(pushes.map((push) => [push.fromSeq, push.toSeq])).toEqual([
      pushes[0] && [pushes[0].fromSeq, pushes[0].toSeq],
      pushes[0] && [pushes[0].fromSeq, pushes[0].toSeq],
    ]);
    expect(resent.sent).toEqual({ people: 1 });
    expect((await readFieldLink(field.db))?.pushedSeq).toBe(pushes[0]?.toSeq);
    // Everything confirmed: a third press sends no batch at all.
    expect((await pushToDistrict(field.db, districtTransport)).batches).toBe(0);
    expect(pushes).toHaveLength(2);
  });
});

describe('exportPackage()', () => {
  it('writes every waiting batch in a file signed with the device key, and leaves them waiting', async () => {
    await pair();
    await field.db
      .update(people)
      .set({ pinHash: 'pin-paket', updatedAt: new Date(9000) })
      .where(sql`id = 'anggota0001'`);
    const file = await exportPackage(field.db, new Date('2025-06-01T03:00:00Z'));
    expect(file.filename).toBe('paket-lapangan-laptop-prambon-2025-06-01.json');
    const parsed = fieldPackage.parse(JSON.parse(file.text));
    expect(verifyWith(publicKey, packageSignedText(parsed), parsed.signature)).toBe(true);
    expect(parsed.batches.flatMap((batch) => batch.changes.map((change) => change.row?.['pin_hash']))).toEqual([
      'pin-paket',
    ]);
    // A changed byte breaks the signature.
    const tampered = { ...parsed, batches: [{ ...parsed.batches[0], at: 1 }] };
    expect(verifyWith(publicKey, packageSignedText(tampered as typeof parsed), parsed.signature)).toBe(false);
    expect((await readFieldLink(field.db))?.pushedSeq).toBe(0);
    expect((await fieldStatus(field.db))?.waiting).toEqual([{ table: 'people', label: 'sync.table.people', count: 1 }]);
    await field.db.delete(fieldLink);
  });
});

describe('pendingBatches()', () => {
  it('cuts wide rows into batches of about PUSH_BATCH_BYTES that follow each other without a gap', async () => {
    await pair();
    // Attempts carry their items and answer key: 40 of ~5 KB each are far more than one small batch.
    const items = JSON.stringify(
      Array.from({ length: 40 }, (_, i) => ({ questionId: `q-${String(i)}`, version: 1, optionOrder: 'abcd' })),
    );
    for (let i = 0; i < 40; i += 1) {
      await field.db.run(sql`insert into attempts (id, person_id, module_slug, kind, items, answer_key, started_at,
        total) values (${`attempt${String(i).padStart(4, '0')}`}, 'anggota0001', 'hakikat-kube', 'pre', ${items},
        ${JSON.stringify({ note: 'x'.repeat(2000) })}, ${Date.now()}, 40)`);
    }
    const link = await readFieldLink(field.db);
    if (!link) throw new Error('not paired');
    const batches = await pendingBatches(field.db, link, 'v', Date.now());
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flatMap((batch) => batch.changes)).toHaveLength(40);
    for (const [index, batch] of batches.entries()) {
      expect(JSON.stringify(batch.changes).length).toBeLessThanOrEqual(PUSH_BATCH_BYTES + 10_000);
      expect(batch.fromSeq).toBe(index === 0 ? link.pushedSeq + 1 : (batches[index - 1]?.toSeq ?? 0) + 1);
    }
  });
});
