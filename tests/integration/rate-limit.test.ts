import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { kubes, memberships, people, rateLimits } from '../../db/schema.ts';
import { checkSecretLimited, pairKey, personAccount, type Source } from '../../src/features/auth/attempts.ts';
import { hashSecret } from '../../src/features/auth/password.ts';
import { readLimit } from '../../src/features/auth/rate-limit.ts';
import { joinWorkshop } from '../../src/features/workshop/join.ts';
import { clearPinBlocks, countPinBlocks } from '../../src/features/workshop/pin-blocks.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const ATTACKER: Source = { address: '192.168.1.66', device: null };
const TABLET: Source = { address: '192.168.1.21', device: '0123456789abcdef0123456789abcdef' };

let t: TestDatabase;
let pinHash: string;
beforeAll(async () => {
  pinHash = await hashSecret('3917');
});
beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(kubes).values({ id: 'k1', name: 'Maju', desa: 'X', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' });
  await t.db.insert(people).values([
    { id: 'f1', name: 'Rina', username: 'rina', role: 'pendamping' },
    { id: 'm1', name: 'Sumarni', username: 'sumarni', role: 'anggota', pinHash },
    { id: 'm2', name: 'Bakri', username: 'bakri', role: 'anggota', pinHash },
  ]);
  await t.db.insert(memberships).values([
    { id: 'ms1', kubeId: 'k1', personId: 'm1', joinedOn: '2024-01-01' },
    { id: 'ms2', kubeId: 'k1', personId: 'm2', joinedOn: '2024-01-01' },
  ]);
});
afterEach(() => {
  t.cleanup();
});

const newWorkshop = () =>
  createWorkshop(
    t.db,
    { kubeId: 'k1', moduleSlug: 'usaha-produk', date: '2026-12-01', place: 'Balai', notes: null },
    'f1',
  );

/** A verify that counts its calls and takes a while, as argon2 does, so concurrent attempts overlap. */
function slowVerify(answer: boolean) {
  const calls = { n: 0 };
  const verify = async () => {
    calls.n++;
    await new Promise((resolve) => setTimeout(resolve, 30));
    return answer;
  };
  return { calls, verify };
}

const wrongPin = (code: string, personId: string, source: Source) =>
  joinWorkshop(t.db, { code, personId, pin: '0000' }, source).catch((error: unknown) => error);

describe('checkSecretLimited()', () => {
  it('counts ten concurrent wrong guesses at ten accounts from one address exactly ten times', async () => {
    const { calls, verify } = slowVerify(false);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        checkSecretLimited(t.db, { account: `user:u${i}`, source: ATTACKER, verify }),
      ),
    );
    expect(calls.n).toBe(10);
    expect((await readLimit(t.db, `src:addr:${ATTACKER.address}`))?.failures).toBe(10);
  });

  it('verifies only the allowance of ten concurrent guesses at one account', async () => {
    const { calls, verify } = slowVerify(false);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => checkSecretLimited(t.db, { account: 'user:admin', source: ATTACKER, verify })),
    );
    // Five free failures, then the one that starts the wait; the other four never reach argon2.
    expect(calls.n).toBe(6);
    expect((await readLimit(t.db, pairKey('user:admin', ATTACKER)))?.failures).toBe(6);
    expect(outcomes.filter((o) => !o.ok && o.waitMs > 0)).toHaveLength(5);
  });

  it('never refuses the owner from another source while a guesser is slowed down', async () => {
    const wrong = slowVerify(false);
    for (let i = 0; i < 30; i++) await checkSecretLimited(t.db, { account: 'user:admin', source: ATTACKER, ...wrong });
    const guesser = await checkSecretLimited(t.db, { account: 'user:admin', source: ATTACKER, ...slowVerify(true) });
    expect(guesser.ok).toBe(false);
    const owner = await checkSecretLimited(t.db, { account: 'user:admin', source: TABLET, ...slowVerify(true) });
    expect(owner).toEqual({ ok: true });
  });
});

describe('joinWorkshop() under attack', () => {
  it('lets a right PIN in at most once in a burst sent past the allowance', async () => {
    const { code } = await newWorkshop();
    for (let i = 0; i < 5; i++) await wrongPin(code, 'm1', ATTACKER);
    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        joinWorkshop(t.db, { code, personId: 'm1', pin: '3917' }, ATTACKER).catch((error: unknown) => error),
      ),
    );
    expect(burst.filter((r) => typeof r === 'object' && r !== null && 'workshop' in r)).toHaveLength(1);
  });

  it('counts a member’s wrong PINs across workshops together', async () => {
    const first = await newWorkshop();
    const second = await newWorkshop();
    for (let i = 0; i < 5; i++) await wrongPin(first.code, 'm1', ATTACKER);
    const sixth = await wrongPin(second.code, 'm1', ATTACKER);
    expect(sixth).toMatchObject({ waitMs: expect.any(Number) as number });
  });

  it('lets a member who was never attacked join after 50 wrong PINs at the others', async () => {
    const { code } = await newWorkshop();
    for (let i = 0; i < 50; i++) await wrongPin(code, 'm1', ATTACKER);
    const joined = await joinWorkshop(t.db, { code, personId: 'm2', pin: '3917' }, TABLET);
    expect('workshop' in joined).toBe(true);
  });
});

describe('clearPinBlocks()', () => {
  it('lets a blocked member and tablet in again, and leaves other counters alone', async () => {
    const workshop = await newWorkshop();
    for (let i = 0; i < 6; i++) await wrongPin(workshop.code, 'm1', TABLET);
    await t.db
      .insert(rateLimits)
      .values({ key: 'src:addr:10.9.9.9', failures: 3, windowStartedAt: 1, blockedUntil: 0 });
    expect(await countPinBlocks(t.db, workshop)).toBe(1);
    expect(await joinWorkshop(t.db, { code: workshop.code, personId: 'm1', pin: '3917' }, TABLET)).toHaveProperty(
      'waitMs',
    );

    expect(await clearPinBlocks(t.db, workshop)).toBe(2);
    expect(await countPinBlocks(t.db, workshop)).toBe(0);
    const joined = await joinWorkshop(t.db, { code: workshop.code, personId: 'm1', pin: '3917' }, TABLET);
    expect('workshop' in joined).toBe(true);
    const left = await t.db.select().from(rateLimits).where(eq(rateLimits.key, 'src:addr:10.9.9.9'));
    expect(left).toHaveLength(1);
    expect(await readLimit(t.db, pairKey(personAccount('m1'), TABLET))).toBeUndefined();
  });
});
