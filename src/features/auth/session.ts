import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { preparedFor } from '../../../db/prepared.ts';
import { memberships, people, sessions, workshops, type Person } from '../../../db/schema.ts';

// The session pattern from lucia-auth.com (the successor of the deprecated `lucia` package):
// a token is `<id>.<secret>`; only SHA-256(secret) is stored, so a leaked table cannot be replayed.

/** Refresh `lastVerifiedAt` (and the cookie) at most this often, to keep reads cheap. */
const ACTIVITY_CHECK_MS = 60 * 60 * 1000;

export type SessionPerson = Pick<Person, 'id' | 'name' | 'username' | 'role' | 'mustChangePassword'>;
export type ValidSession = {
  id: string;
  createdAt: Date;
  lastVerifiedAt: Date;
  person: SessionPerson;
  refreshed: boolean;
  /** The workshop a shared-tablet session belongs to, if any. */
  workshopId: string | null;
  /** That workshop, read with the session (null when the session has none, or it is gone). */
  workshop: Workshop | null;
  /** The person's KUBE today (their current membership), read with the session. */
  kubeId: string | null;
};

type Workshop = typeof workshops.$inferSelect;

/** 120 bits of randomness, base32 so it is safe in a cookie (lucia-auth.com "generating IDs"). */
export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export async function createSession(
  db: Executor,
  personId: string,
  userAgent: string | null,
  now = new Date(),
  workshopId: string | null = null,
): Promise<{ token: string; id: string }> {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  await db.insert(sessions).values({
    id,
    secretHash: Buffer.from(hashSecret(secret)),
    personId,
    createdAt: now,
    lastVerifiedAt: now,
    userAgent: userAgent?.slice(0, 200) ?? null,
    workshopId,
  });
  return { token: `${id}.${secret}`, id };
}

/**
 * The session with what every request needs beside it, in one read: the person, their KUBE today (one
 * membership is current at a time) and a shared tablet's workshop. Built once (db/prepared.ts).
 */
const sessionQuery = (db: Executor) =>
  preparedFor(db, 'session', (on) =>
    on
      .select({
        id: sessions.id,
        secretHash: sessions.secretHash,
        createdAt: sessions.createdAt,
        lastVerifiedAt: sessions.lastVerifiedAt,
        workshopId: sessions.workshopId,
        person: {
          id: people.id,
          name: people.name,
          username: people.username,
          role: people.role,
          mustChangePassword: people.mustChangePassword,
        },
        active: people.active,
        kubeId: memberships.kubeId,
        workshop: workshops,
      })
      .from(sessions)
      .innerJoin(people, eq(people.id, sessions.personId))
      .leftJoin(memberships, and(eq(memberships.personId, sessions.personId), isNull(memberships.leftOn)))
      .leftJoin(workshops, eq(workshops.id, sessions.workshopId))
      .where(eq(sessions.id, sql.placeholder('id')))
      .limit(1)
      .prepare(),
  );

/** Returns the session behind a token, or null when it is unknown, wrong, expired or its person is inactive. */
export async function validateSessionToken(
  db: Executor,
  token: string,
  /** How long a session lives without use (SESSION_DAYS, see src/lib/settings.ts). */
  inactivityMs: number,
  now = new Date(),
): Promise<ValidSession | null> {
  const read = await readSession(db, token, inactivityMs, now);
  if (read.state === 'none') return null;
  if (read.state === 'ended') {
    await invalidateSession(db, read.id);
    return null;
  }
  if (!read.dueForRefresh) return read.session;
  await db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, read.session.id));
  return { ...read.session, lastVerifiedAt: now, refreshed: true };
}

/** What a token names, read without writing anything. */
export type SessionRead =
  | { state: 'none' }
  /** Expired by inactivity, or its person is no longer active: to be deleted. */
  | { state: 'ended'; id: string }
  /** Valid; `dueForRefresh` when its `lastVerifiedAt` (and the cookie) should be renewed now. */
  | { state: 'valid'; session: ValidSession; dueForRefresh: boolean };

/**
 * The session behind a token, read only. `validateSessionToken` acts on it (deletes an ended session,
 * renews a due one); the answer-save fast path (src/fast-path/) takes only a valid session not due for renewal
 * and leaves every other case to the middleware.
 */
export async function readSession(
  db: Executor,
  token: string,
  inactivityMs: number,
  now = new Date(),
): Promise<SessionRead> {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return NONE;
  const [row] = await sessionQuery(db).execute({ id });
  if (!row) return NONE;
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secretHash))) return NONE;
  const idle = now.getTime() - row.lastVerifiedAt.getTime();
  if (!row.active || idle >= inactivityMs) return { state: 'ended', id };
  const session: ValidSession = {
    id,
    createdAt: row.createdAt,
    lastVerifiedAt: row.lastVerifiedAt,
    person: row.person,
    refreshed: false,
    workshopId: row.workshopId,
    workshop: row.workshop,
    kubeId: row.kubeId,
  };
  return { state: 'valid', session, dueForRefresh: idle >= ACTIVITY_CHECK_MS };
}

const NONE: SessionRead = { state: 'none' };

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** "Sign out everywhere": ends every session of the person, on every device. */
export async function invalidatePersonSessions(db: Executor, personId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.personId, personId));
}

export async function deleteExpiredSessions(db: Executor, inactivityMs: number, now = new Date()) {
  await db.delete(sessions).where(lt(sessions.lastVerifiedAt, new Date(now.getTime() - inactivityMs)));
}
