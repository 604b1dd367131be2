import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attempts,
  certificates,
  facilitatorAssignments,
  kubes,
  memberships,
  people,
  trainingSessions,
  workshops,
} from '../../db/schema.ts';
import { hashSecret } from '../../src/features/auth/password.ts';
import { certificateCode } from '../../src/features/certificates/code.ts';
import { ensureCertificates } from '../../src/features/certificates/service.ts';
import { withdrawCertificate } from '../../src/features/certificates/withdraw.ts';
import {
  handlePair,
  handlePull,
  handlePush,
  MAX_BODY_BYTES,
  readBody,
} from '../../src/features/sync/district/handlers.ts';
import { importPackage } from '../../src/features/sync/district/import.ts';
import { readFieldLink } from '../../src/features/sync/field/link.ts';
import { exportPackage } from '../../src/features/sync/field/package.ts';
import { pairWithDistrict } from '../../src/features/sync/field/pair.ts';
import { pushToDistrict } from '../../src/features/sync/field/push.ts';
import { syncNow } from '../../src/features/sync/field/sync-now.ts';
import type { Transport } from '../../src/features/sync/field/transport.ts';
import { addSession, startSession } from '../../src/features/training/service.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { readRows, tableOf } from '../../src/features/sync/rows.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { PLACE } from '../helpers/two-kubes.ts';

// A field laptop and the district, two real databases in one process: the field's code against the district's own
// handlers, with the network replaced by a function call that can lose an answer.

let field: TestDatabase;
let district: TestDatabase;
/** Every push body the district received, as sent. */
let pushBodies: { body: string; headers: Readonly<Record<string, string>> }[] = [];
let loseNextPushAnswer = false;

const transport: Transport = async (path, body, headers) => {
  if (path === '/api/lapangan/pasang') return handlePair(district.db, body, '192.168.1.10');
  if (path === '/api/lapangan/tarik') return handlePull(district.db, new Headers(headers), body);
  pushBodies.push({ body, headers });
  const answer = await handlePush(district.db, new Headers(headers), body);
  if (loseNextPushAnswer) {
    loseNextPushAnswer = false;
    throw new Error('the hotspot dropped the answer');
  }
  return answer;
};

const MEMBER = JSON.stringify(['anggotadist1']);
const pinAt = async (db: TestDatabase) =>
  (await readRows(db.db, tableOf('people'), [MEMBER])).get(MEMBER)?.['pin_hash'];
/** The district's own change-log entries for the member: each one is a write that really happened. */
const memberWrites = async () =>
  (
    await district.db.all<{ n: number }>(
      sql`select count(*) as n from change_log where table_name = 'people' and row_key = ${MEMBER}`,
    )
  )[0]?.n;

beforeEach(async () => {
  field = await createTestDatabase();
  district = await createTestDatabase();
  pushBodies = [];
  await district.db.insert(kubes).values({ id: 'kubemaju1', name: 'Maju Bersama 1', ...PLACE });
  await district.db.insert(people).values([
    {
      id: 'pendampingd1',
      name: 'Bu Sri',
      username: 'sri',
      role: 'pendamping',
      passwordHash: await hashSecret('Sandi-Sri-2024'),
    },
    {
      id: 'anggotadist1',
      name: 'Pak Darto',
      username: 'darto',
      role: 'anggota',
      pinHash: 'pin-kabupaten',
      updatedAt: new Date(1000),
    },
    { id: 'admindist001', name: 'Admin', username: 'admin', role: 'admin', passwordHash: 'x' },
  ]);
  await district.db
    .insert(memberships)
    .values({ id: 'memberdist01', kubeId: 'kubemaju1', personId: 'anggotadist1', joinedOn: '2024-01-01' });
  await district.db.insert(facilitatorAssignments).values({ kubeId: 'kubemaju1', personId: 'pendampingd1' });
  await pairWithDistrict(
    field.db,
    {
      districtUrl: 'http://kabupaten.test',
      facilitatorUsername: 'sri',
      facilitatorPassword: 'Sandi-Sri-2024',
      deviceName: 'Laptop Prambon',
    },
    transport,
  );
});
afterEach(() => {
  field.cleanup();
  district.cleanup();
});

/** A PIN reset on the laptop, as the facilitator does it at a workshop. */
const resetPinInTheField = (pin: string) =>
  field.db
    .update(people)
    .set({ pinHash: pin, updatedAt: new Date() })
    .where(sql`id = 'anggotadist1'`);

describe('a field laptop against the district handlers', () => {
  it('pairs and pulls the KUBE’s people with their PIN hashes and the facilitator’s own sign-in', async () => {
    expect(await pinAt(field)).toBe('pin-kabupaten');
    const facilitator = JSON.stringify(['pendampingd1']);
    expect((await readRows(field.db, tableOf('people'), [facilitator])).get(facilitator)?.['password_hash']).toMatch(
      /^\$argon2id/,
    );
    expect((await readFieldLink(field.db))?.kubeIds).toEqual(['kubemaju1']);
  });

  it('sends a PIN reset once: resending the same batch is answered as already applied and changes nothing', async () => {
    await resetPinInTheField('pin-lapangan');
    const outcome = await syncNow(field.db, transport);
    expect(outcome.sent).toEqual({ people: 1 });
    expect(await pinAt(district)).toBe('pin-lapangan');
    const writes = await memberWrites();
    const [first] = pushBodies;
    if (!first) throw new Error('nothing was pushed');
    const again = await handlePush(district.db, new Headers(first.headers), first.body);
    expect(again.body).toMatchObject({ already: true });
    expect(await memberWrites()).toBe(writes);
  });

  it('resumes a push whose answer was lost after the district applied it, without doubling', async () => {
    await resetPinInTheField('pin-lapangan');
    loseNextPushAnswer = true;
    await expect(pushToDistrict(field.db, transport)).rejects.toThrow('dropped');
    expect((await readFieldLink(field.db))?.pushedSeq).toBe(0);
    const writes = await memberWrites();
    await pushToDistrict(field.db, transport);
    expect(await memberWrites()).toBe(writes);
    expect((await readFieldLink(field.db))?.pushedSeq).toBeGreaterThan(0);
    expect((await pushToDistrict(field.db, transport)).batches).toBe(0);
  });

  it('exports a paket lapangan the district verifies and imports; the next push then sends nothing twice', async () => {
    await resetPinInTheField('pin-paket');
    const file = await exportPackage(field.db, new Date());
    const actor = { id: 'admindist001', role: 'admin' as const, kubeId: null, assignedKubeIds: [] };
    expect(await importPackage(district.db, file.text, actor)).toMatchObject({ batches: 1, applied: 1, already: 0 });
    expect(await pinAt(district)).toBe('pin-paket');
    const writes = await memberWrites();
    const pushed = await pushToDistrict(field.db, transport);
    expect(pushBodies.map((push) => (JSON.parse(push.body) as { toSeq: number }).toSeq)).toHaveLength(1);
    expect(pushed.sent).toEqual({ people: 1 });
    expect(await memberWrites()).toBe(writes);
    // An altered file is refused whole.
    await expect(importPackage(district.db, file.text.replace('pin-paket', 'pin-palsu'), actor)).rejects.toMatchObject({
      key: 'sync.error.package_tampered',
    });
  });

  it('refuses and lists the records of a KUBE reassigned while the laptop was away; the laptop keeps them', async () => {
    // Away in the village: the laptop records a turnover; meanwhile the district gives the KUBE to someone else.
    await field.db.run(sql`insert into kube_turnover (kube_id, month, amount, recorded_at)
      values ('kubemaju1', '2026-11', 2500000, ${Date.now()})`);
    await district.db
      .insert(people)
      .values({ id: 'pendampingd2', name: 'Pak Budi', username: 'budi', role: 'pendamping' });
    await district.db.delete(facilitatorAssignments).where(sql`person_id = 'pendampingd1'`);
    await district.db.insert(facilitatorAssignments).values({ kubeId: 'kubemaju1', personId: 'pendampingd2' });

    const outcome = await syncNow(field.db, transport);
    expect(outcome.refused).toMatchObject([{ table: 'kube_turnover', reason: 'kube_not_assigned' }]);
    expect(await district.db.all(sql`select * from kube_turnover`)).toEqual([]);
    const [listed] = await district.db.all<{ reason: string; row: string }>(sql`select reason, row from sync_refusals`);
    expect(listed?.reason).toBe('kube_not_assigned');
    expect(JSON.parse(listed?.row ?? '{}')).toMatchObject({ amount: 2500000 });
    // Nothing is lost: the laptop still has it, and knows the KUBE is no longer its facilitator's.
    expect(await field.db.all(sql`select amount from kube_turnover`)).toEqual([{ amount: 2500000 }]);
    expect((await readFieldLink(field.db))?.kubeIds).toEqual([]);
  });

  it('answers a batch resent after its answer was lost with its refusals and the district’s winning rows', async () => {
    // The district reset the PIN later than the laptop did: the district's PIN stays, and the laptop must hear it.
    await district.db
      .update(people)
      .set({ pinHash: 'pin-kabupaten-baru', secretChangedAt: new Date(), updatedAt: new Date() })
      .where(sql`id = 'anggotadist1'`);
    await field.db
      .update(people)
      .set({ pinHash: 'pin-lapangan', secretChangedAt: new Date(Date.now() - 60_000), updatedAt: new Date() })
      .where(sql`id = 'anggotadist1'`);
    loseNextPushAnswer = true;
    await expect(pushToDistrict(field.db, transport)).rejects.toThrow('dropped');
    expect(await field.db.all(sql`select * from sync_refusals`)).toEqual([]);

    const outcome = await syncNow(field.db, transport);
    // One refusal per column the district kept (the PIN and when it was set), stored once at the district.
    const atDistrict = await district.db.all<{ table_name: string; reason: string; detail: string }>(
      sql`select table_name, reason, detail from sync_refusals order by created_at`,
    );
    const columns = atDistrict.map((row) => (JSON.parse(row.detail) as { column: string }).column);
    expect(columns).toContain('pin_hash');
    expect(outcome.refused.map((refusal) => refusal.detail?.['column'])).toEqual(columns);
    expect(await field.db.all(sql`select table_name, reason, detail from sync_refusals order by created_at`)).toEqual(
      atDistrict,
    );
    expect(await pinAt(field)).toBe('pin-kabupaten-baru');
  });

  it('keeps the later of two PIN resets, made on the laptop and at the district', async () => {
    await district.db
      .update(people)
      .set({ pinHash: 'pin-kabupaten-baru', secretChangedAt: new Date(Date.now() - 60_000), updatedAt: new Date() })
      .where(sql`id = 'anggotadist1'`);
    await field.db
      .update(people)
      .set({ pinHash: 'pin-lapangan', secretChangedAt: new Date(), updatedAt: new Date(Date.now() - 30_000) })
      .where(sql`id = 'anggotadist1'`);
    await syncNow(field.db, transport);
    expect(await pinAt(district)).toBe('pin-lapangan');
    expect(await pinAt(field)).toBe('pin-lapangan');
  });

  it('holds a stand-in for a person a pulled row names who is not of its KUBEs: no hashes, inactive', async () => {
    // An admin at the district scores the KUBE and corrects a position: both rows name the admin.
    await district.db.run(sql`insert into capacity_assessments (id, kube_id, rubric_slug, rubric_version, assessed_on,
      assessed_by) values ('assess000001', 'kubemaju1', 'kapasitas-kube', 1, '2026-11-02', 'admindist001')`);
    await district.db.run(sql`insert into record_changes (table_name, record_id, field, old_value, new_value,
      changed_by, changed_at) values ('capacity_assessments', 'assess000001', 'notes', 'null', '"baik"',
      'admindist001', ${Date.now()})`);
    await syncNow(field.db, transport);
    const [admin] = await field.db.all<Record<string, unknown>>(sql`select * from people where id = 'admindist001'`);
    expect(admin).toMatchObject({ name: 'Admin', role: 'admin', password_hash: null, pin_hash: null, active: 0 });
    expect(await field.db.all(sql`select id from capacity_assessments`)).toEqual([{ id: 'assess000001' }]);
    expect(await field.db.all(sql`select count(*) as n from record_changes`)).toEqual([{ n: 1 }]);
  });

  it('carries a member’s sex to the laptop whole, a stand-in without it, and keeps it the district’s', async () => {
    await district.db
      .update(people)
      .set({ sex: 'P', updatedAt: new Date() })
      .where(sql`id = 'anggotadist1'`);
    await district.db
      .update(people)
      .set({ sex: 'L', updatedAt: new Date() })
      .where(sql`id = 'admindist001'`);
    await district.db.run(sql`insert into capacity_assessments (id, kube_id, rubric_slug, rubric_version, assessed_on,
      assessed_by) values ('assess000003', 'kubemaju1', 'kapasitas-kube', 1, '2026-11-02', 'admindist001')`);
    await syncNow(field.db, transport);
    const sexAt = async (db: TestDatabase, id: string) =>
      (await db.db.all<{ sex: string | null }>(sql`select sex from people where id = ${id}`))[0]?.sex;
    expect(await sexAt(field, 'anggotadist1')).toBe('P');
    expect(await sexAt(field, 'admindist001')).toBeNull();
    // A laptop's push may change a PIN only: a sex changed there does not reach the district.
    await field.db
      .update(people)
      .set({ sex: 'L', updatedAt: new Date() })
      .where(sql`id = 'anggotadist1'`);
    await syncNow(field.db, transport);
    expect(await sexAt(district, 'anggotadist1')).toBe('P');
  });

  it('carries corrections’ history both ways, each row once', async () => {
    // A capacity assessment scored at the district, then corrected on each side.
    await district.db.run(sql`insert into capacity_assessments (id, kube_id, rubric_slug, rubric_version, assessed_on,
      assessed_by) values ('assess000002', 'kubemaju1', 'kapasitas-kube', 1, '2026-11-02', 'pendampingd1')`);
    await syncNow(field.db, transport);
    const correction = (db: TestDatabase, value: string, at: number) =>
      db.db.run(sql`insert into record_changes (table_name, record_id, field, old_value, new_value, changed_by,
        changed_at) values ('capacity_assessments', 'assess000002', 'notes', 'null', ${value}, 'pendampingd1', ${at})`);
    await correction(district, '"di kabupaten"', Date.now() - 1000);
    await correction(field, '"di desa"', Date.now());
    await syncNow(field.db, transport);
    await syncNow(field.db, transport);
    const history = (db: TestDatabase) =>
      db.db.all<{ new_value: string }>(sql`select new_value from record_changes order by changed_at`);
    expect(await history(district)).toEqual([{ new_value: '"di kabupaten"' }, { new_value: '"di desa"' }]);
    expect(await history(field)).toEqual(await history(district));
  });

  it('carries a certificate the laptop issued to the district under the same code; a withdrawal stays the district’s', async () => {
    // The member passes a post-test at the village hall, and the laptop shows (so issues) the certificate.
    await field.db.run(sql`insert into attempts (id, person_id, module_slug, kind, items, answer_key, started_at,
      submitted_at, score, correct, total, counted) values ('c5a1b2c3-0000-4000-8000-000000000001', 'anggotadist1',
      'hakikat-kube', 'post', '[]', '{}', ${Date.now() - 60_000}, ${Date.now()}, 80, 8, 10, 1)`);
    const onLaptop = (await ensureCertificates(field.db, 'anggotadist1', { tasks: [] })).certificates.get(
      'hakikat-kube',
    );
    expect(onLaptop?.id).toBe(certificateCode('anggotadist1', 'hakikat-kube', 1));
    await syncNow(field.db, transport);
    const atDistrict = await district.db.select().from(certificates);
    expect(atDistrict.map((row) => [row.id, row.kubeName, row.facilitatorName])).toEqual([
      [onLaptop?.id, 'Maju Bersama 1', 'Bu Sri'],
    ]);
    // Shown at the district too: the same certificate, not a second.
    await ensureCertificates(district.db, 'anggotadist1', { tasks: [] });
    expect(await district.db.select().from(certificates)).toHaveLength(1);

    const admin = { id: 'admindist001', role: 'admin' as const, kubeId: null, assignedKubeIds: [] };
    await withdrawCertificate(district.db, admin, { code: onLaptop?.id ?? '', reason: 'Tes dikerjakan orang lain' });
    await syncNow(field.db, transport);
    const pulled = await field.db.select().from(certificates);
    expect(pulled[0]?.withdrawnReason).toBe('Tes dikerjakan orang lain');
    // A laptop that undoes the withdrawal is not heard: the district's admin decides.
    await field.db.update(certificates).set({ withdrawnAt: null, withdrawnReason: null });
    await syncNow(field.db, transport);
    expect((await district.db.select().from(certificates))[0]?.withdrawnReason).toBe('Tes dikerjakan orang lain');
  });

  it('carries a session planned on the laptop and the workshop it became', async () => {
    const sri = { id: 'pendampingd1', role: 'pendamping' as const, kubeId: null, assignedKubeIds: ['kubemaju1'] };
    const input = { kubeId: 'kubemaju1', year: 2026, month: 1, moduleSlug: 'hakikat-kube', audience: 'all' as const };
    const { id } = await addSession(field.db, sri, { ...input, jabatanCode: null, facilitatorId: 'pendampingd1' });
    const { workshopId } = await startSession(field.db, sri, { sessionId: id, place: 'Balai desa' }, '2026-12-03');
    await syncNow(field.db, transport);
    const [session] = await district.db.select().from(trainingSessions);
    expect(session).toMatchObject({ id, workshopId, facilitatorId: 'pendampingd1', moduleSlug: 'hakikat-kube' });
    expect((await district.db.select().from(workshops)).map((row) => row.id)).toEqual([workshopId]);
  });

  it('carries a retention workshop held on the laptop and the retention test taken in it', async () => {
    const day = 86_400_000;
    const post = Date.now() - 70 * day;
    await field.db.run(sql`insert into attempts (id, person_id, module_slug, kind, items, answer_key, started_at,
      submitted_at, score, correct, total, counted) values ('c5a1b2c3-0000-4000-8000-000000000011', 'anggotadist1',
      'hakikat-kube', 'post', '[]', '{}', ${post - 60_000}, ${post}, 80, 8, 10, 1)`);
    const workshop = await createWorkshop(
      field.db,
      {
        kubeId: 'kubemaju1',
        moduleSlug: 'hakikat-kube',
        date: '2026-12-03',
        place: 'Balai desa',
        notes: null,
        purpose: 'retention',
      },
      'pendampingd1',
    );
    await field.db.run(sql`insert into attempts (id, person_id, module_slug, kind, items, answer_key, started_at,
      submitted_at, score, correct, total, counted) values ('c5a1b2c3-0000-4000-8000-000000000012', 'anggotadist1',
      'hakikat-kube', 'retention', '[]', '{}', ${Date.now() - 60_000}, ${Date.now()}, 70, 7, 10, 1)`);
    await syncNow(field.db, transport);
    const [arrived] = await district.db.select().from(workshops);
    expect([arrived?.id, arrived?.purpose, arrived?.phase]).toEqual([workshop.id, 'retention', 'retention_test']);
    const kept = await district.db
      .select()
      .from(attempts)
      .where(sql`${attempts.kind} = 'retention'`);
    expect(kept.map((row) => [row.personId, row.score, row.counted])).toEqual([['anggotadist1', 70, true]]);
  });
});

describe('readBody()', () => {
  const request = (body: BodyInit, encoding?: string) =>
    new Request('http://kabupaten.test/api/lapangan/kirim', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(encoding ? { 'content-encoding': encoding } : {}) },
      body,
    });

  it('reads a gzipped push batch as the JSON it packs, and a plain one as it is', async () => {
    const json = JSON.stringify({ rows: Array.from({ length: 500 }, (_, i) => ({ id: `row${i}`, value: 'sama' })) });
    const packed = gzipSync(json);
    expect(packed.byteLength).toBeLessThan(json.length / 5);
    expect(await readBody(request(packed, 'gzip'))).toBe(json);
    expect(await readBody(request(json))).toBe(json);
  });

  it('refuses a small body that inflates past the limit, a broken one and an unknown encoding', async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1024, 32));
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    expect(await readBody(request(bomb, 'gzip'))).toBeNull();
    expect(await readBody(request('not gzip at all', 'gzip'))).toBeNull();
    expect(await readBody(request(gzipSync('{}'), 'br'))).toBeNull();
  });
});
