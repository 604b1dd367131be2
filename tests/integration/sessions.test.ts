import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { facilitatorAssignments, kubes, memberships, people, sessions, workshops } from '../../db/schema.ts';
import { loadActor } from '../../src/features/auth/actor.ts';
import {
  createSession,
  invalidatePersonSessions,
  invalidateSession,
  validateSessionToken,
} from '../../src/features/auth/session.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { readServerConfig, sessionLifetimeMs } from '../../src/lib/config.ts';

/** The default sign-in lifetime (SESSION_DAYS unset). */
const SESSION_MS = sessionLifetimeMs(readServerConfig({}));
import { countRoundTrips } from '../helpers/round-trips.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await t.db.insert(people).values([
    { id: 'p1', name: 'Siti Aminah', username: 'siti', role: 'pengurus' },
    { id: 'p2', name: 'Budi', username: 'budi', role: 'anggota' },
  ]);
});
afterEach(() => {
  t.cleanup();
});

describe('session tokens', () => {
  it('signs a person in with a token whose secret is never stored', async () => {
    const { token, id } = await createSession(t.db, 'p1', 'test');
    const [row] = await t.db.select().from(sessions);
    expect(row?.id).toBe(id);
    expect(Buffer.from(row?.secretHash ?? []).toString('utf8')).not.toContain(token.split('.')[1]);
    const valid = await validateSessionToken(t.db, token, SESSION_MS);
    expect(valid?.person.username).toBe('siti');
  });

  it('refuses a token with the right id but a wrong secret', async () => {
    const { id } = await createSession(t.db, 'p1', null);
    expect(await validateSessionToken(t.db, `${id}.wrongsecretwrongsecret`, SESSION_MS)).toBeNull();
    expect(await validateSessionToken(t.db, 'garbage', SESSION_MS)).toBeNull();
  });

  it('ends a session after the inactivity period, and slides it while in use', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const { token } = await createSession(t.db, 'p1', null, start);
    const day = 86_400_000;
    const used = await validateSessionToken(t.db, token, 14 * day, new Date(start.getTime() + 10 * day));
    expect(used?.refreshed).toBe(true);
    // 20 days after creation but only 10 after the last use: still valid because the expiry slid.
    expect(await validateSessionToken(t.db, token, 14 * day, new Date(start.getTime() + 20 * day))).not.toBeNull();
    expect(await validateSessionToken(t.db, token, 14 * day, new Date(start.getTime() + 40 * day))).toBeNull();
    expect(await t.db.select().from(sessions)).toHaveLength(0);
  });

  it('signs out one device, or every device at once', async () => {
    const a = await createSession(t.db, 'p1', null);
    const b = await createSession(t.db, 'p1', null);
    const other = await createSession(t.db, 'p2', null);
    await invalidateSession(t.db, a.id);
    expect(await validateSessionToken(t.db, a.token, SESSION_MS)).toBeNull();
    expect(await validateSessionToken(t.db, b.token, SESSION_MS)).not.toBeNull();
    await invalidatePersonSessions(t.db, 'p1');
    expect(await validateSessionToken(t.db, b.token, SESSION_MS)).toBeNull();
    expect(await validateSessionToken(t.db, other.token, SESSION_MS)).not.toBeNull();
  });

  it('refuses the session of a person who was deactivated', async () => {
    const { token } = await createSession(t.db, 'p2', null);
    const { eq } = await import('drizzle-orm');
    await t.db.update(people).set({ active: false }).where(eq(people.id, 'p2'));
    expect(await validateSessionToken(t.db, token, SESSION_MS)).toBeNull();
  });
});

describe('database', () => {
  it('enforces foreign keys, in and out of transactions', async () => {
    await expect(createSession(t.db, 'nobody', null)).rejects.toThrow();
    await expect(t.db.transaction((tx) => createSession(tx, 'nobody', null))).rejects.toThrow();
  });

  it('runs in WAL mode with a busy timeout', async () => {
    const mode = await t.client.execute('PRAGMA journal_mode');
    expect(mode.rows[0]?.['journal_mode']).toBe('wal');
    const timeout = await t.client.execute('PRAGMA busy_timeout');
    expect(Number(Object.values(timeout.rows[0] ?? {})[0])).toBeGreaterThanOrEqual(1000);
  });

  it('commits durably: synchronous = FULL, on the client and inside the transactions that store answers', async () => {
    // 2 = FULL: in WAL mode every commit is synced to disk before it returns, so an acknowledged answer
    // survives a power cut, not only a crash of the process (NORMAL, 1, would survive the crash only).
    const outside = await t.client.execute('PRAGMA synchronous');
    expect(Number(Object.values(outside.rows[0] ?? {})[0])).toBe(2);
    const inside = await t.db.transaction(async (tx) => tx.all<{ synchronous: number }>(sql`PRAGMA synchronous`));
    expect(Number(inside[0]?.synchronous)).toBe(2);
  });

  it('has the core and beyond-core positions as data', async () => {
    const rows = await t.client.execute('SELECT code, is_core FROM jabatan ORDER BY sort_order');
    expect(rows.rows.map((r) => r['code'])).toEqual([
      'ketua',
      'sekretaris',
      'bendahara',
      'koordinator_marketing',
      'anggota_marketing',
      'koordinator_pemberdayaan',
      'anggota_pemberdayaan',
    ]);
    expect(rows.rows.filter((r) => r['is_core'] === 1)).toHaveLength(3);
  });
});

describe('housekeeping', () => {
  it('drops sessions that are past their inactivity limit and keeps live ones', async () => {
    const { deleteExpiredSessions } = await import('../../src/features/auth/session.ts');
    const day = 86_400_000;
    const now = new Date('2026-06-01T00:00:00Z');
    await createSession(t.db, 'p1', null, new Date(now.getTime() - 30 * day));
    const live = await createSession(t.db, 'p1', null, new Date(now.getTime() - day));
    await deleteExpiredSessions(t.db, 14 * day, now);
    const rows = await t.db.select({ id: sessions.id }).from(sessions);
    expect(rows.map((r) => r.id)).toEqual([live.id]);
  });

  it('forgets old sign-in counters but keeps recent and blocking ones', async () => {
    const { PAIR_POLICY, deleteStaleLimits, readLimit, countAttempt } =
      await import('../../src/features/auth/rate-limit.ts');
    const hour = 3_600_000;
    const now = 10 * hour;
    await countAttempt(t.db, 'account:old', PAIR_POLICY, now - 2 * hour);
    await countAttempt(t.db, 'account:recent', PAIR_POLICY, now - 60_000);
    await deleteStaleLimits(t.db, PAIR_POLICY, now);
    expect(await readLimit(t.db, 'account:old')).toBeUndefined();
    expect((await readLimit(t.db, 'account:recent'))?.failures).toBe(1);
  });
});

describe('validateSessionToken()', () => {
  it('reads the session, the person, their KUBE today and a tablet’s workshop in one round trip', async () => {
    await t.db
      .insert(kubes)
      .values({ id: 'k1', name: 'KUBE 1', desa: 'X', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' });
    await t.db.insert(memberships).values([
      { id: 'm-old', kubeId: 'k1', personId: 'p2', joinedOn: '2024-01-01', leftOn: '2024-06-01' },
      { id: 'm-now', kubeId: 'k1', personId: 'p2', joinedOn: '2025-01-01' },
    ]);
    await t.db.insert(workshops).values({
      id: 'w1',
      code: 'ABC234',
      kubeId: 'k1',
      moduleSlug: 'hakikat-kube',
      date: '2026-12-01',
      place: 'Balai desa',
      phase: 'pre_test',
    });
    const own = await createSession(t.db, 'p1', 'test');
    const tablet = await createSession(t.db, 'p2', 'tablet', new Date(), 'w1');
    const trips = countRoundTrips(t.client);
    const officer = await validateSessionToken(trips.db, own.token, SESSION_MS);
    expect(officer).toMatchObject({ kubeId: null, workshopId: null, workshop: null });
    const member = await validateSessionToken(trips.db, tablet.token, SESSION_MS);
    expect(member).toMatchObject({ kubeId: 'k1', workshopId: 'w1', workshop: { id: 'w1', phase: 'pre_test' } });
    expect(trips.count()).toBe(2);
  });
});

describe('loadActor()', () => {
  it('reads a facilitator’s KUBE and assigned KUBEs together, not one after the other', async () => {
    await t.db.insert(people).values({ id: 'f1', name: 'Rina', username: 'rina', role: 'pendamping' });
    await t.db
      .insert(kubes)
      .values({ id: 'k1', name: 'KUBE 1', desa: 'X', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' });
    await t.db.insert(facilitatorAssignments).values({ personId: 'f1', kubeId: 'k1' });
    // A libSQL server 20 ms away: the reads overlap when they are sent together.
    const trips = countRoundTrips(t.client, 20);
    const actor = await loadActor(trips.db, { id: 'f1', role: 'pendamping' });
    expect(actor).toEqual({ id: 'f1', role: 'pendamping', kubeId: null, assignedKubeIds: ['k1'] });
    expect(trips.count()).toBe(2);
    expect(trips.maxInFlight()).toBe(2);
  });
});
