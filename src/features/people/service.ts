import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { kubes, memberships, people, positions, type Role } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { hashSecret, passwordProblem } from '../auth/password.ts';
import { invalidatePersonSessions } from '../auth/session.ts';
import { todayIso } from '../../lib/dates.ts';
import {
  needsKube,
  usesPin,
  type CreatePersonInput,
  type ResetSecretInput,
  type UpdatePersonInput,
} from './schemas.ts';

// Every change here runs in one transaction (libSQL opens it with BEGIN IMMEDIATE, so the checks and the
// writes cannot interleave with another writer). Hashing happens before: argon2id takes a noticeable
// moment and must not hold the write lock.

/** The two secret columns for a role: members keep only a PIN hash, everyone else only a password hash. */
/** The secret columns of a person of `role` given `hashed`: a PIN for members, a password for the others. */
export function secretColumns(role: Role, hashed: string | null, secretChangedAt = new Date()) {
  return usesPin(role)
    ? { pinHash: hashed, passwordHash: null, secretChangedAt }
    : { passwordHash: hashed, pinHash: null, secretChangedAt };
}

async function assertUsernameFree(db: Executor, username: string, exceptId?: string) {
  const [taken] = await db
    .select({ id: people.id })
    .from(people)
    .where(exceptId ? and(eq(people.username, username), ne(people.id, exceptId)) : eq(people.username, username))
    .limit(1);
  if (taken) throw new DomainError('errors.usernameTaken', { field: 'username' });
}

async function assertKubeExists(db: Executor, kubeId: string) {
  const [kube] = await db.select({ id: kubes.id }).from(kubes).where(eq(kubes.id, kubeId)).limit(1);
  if (!kube) throw new DomainError('errors.choice', { field: 'kubeId' });
}

async function findCurrentMembership(db: Executor, personId: string) {
  const [membership] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.personId, personId), isNull(memberships.leftOn)))
    .limit(1);
  return membership ?? null;
}

/**
 * Moves a person to `kubeId` (or out of any KUBE when null). Leaving a KUBE closes the membership and
 * the positions held in it today: a person who left cannot stay its ketua.
 */
async function moveMembership(db: Executor, personId: string, kubeId: string | null, joinedOn: string | null) {
  const today = todayIso();
  const current = await findCurrentMembership(db, personId);
  if (current && current.kubeId === kubeId) {
    if (joinedOn && joinedOn !== current.joinedOn) {
      await db.update(memberships).set({ joinedOn }).where(eq(memberships.id, current.id));
    }
    return;
  }
  if (current) {
    // A start may be "today" in Papua while Jakarta's today is still the day before: such a record ends on the
    // day it began, never before it (the database refuses an end before a start).
    const leftOn = current.joinedOn > today ? current.joinedOn : today;
    await db.update(memberships).set({ leftOn }).where(eq(memberships.id, current.id));
    await db
      .update(positions)
      .set({ endDate: sql`max(${positions.startDate}, ${today})` })
      .where(and(eq(positions.personId, personId), eq(positions.kubeId, current.kubeId), isNull(positions.endDate)));
  }
  if (kubeId) {
    // The form shows the old KUBE's date; left unchanged it means "from today" in the new KUBE.
    const since = joinedOn && joinedOn !== current?.joinedOn ? joinedOn : today;
    await db.insert(memberships).values({ id: newId(), kubeId, personId, joinedOn: since });
  }
}

async function countOtherActiveAdmins(db: Executor, personId: string): Promise<number> {
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.role, 'admin'), eq(people.active, true), ne(people.id, personId)));
  return rows.length;
}

/** Adds a person with their PIN or password and, for members and officers, their KUBE. Returns the new id. */
export async function createPerson(db: Executor, input: CreatePersonInput): Promise<{ id: string }> {
  const secret = usesPin(input.role) ? input.pin : input.password;
  if (!secret) throw new DomainError('errors.required', { field: usesPin(input.role) ? 'pin' : 'password' });
  const hashed = await hashSecret(secret);
  const id = newId();
  await db.transaction(async (tx) => {
    await assertUsernameFree(tx, input.username);
    if (input.kubeId) await assertKubeExists(tx, input.kubeId);
    await tx.insert(people).values({
      id,
      name: input.name,
      username: input.username,
      role: input.role,
      sex: input.sex,
      phone: input.phone,
      business: input.business,
      ...secretColumns(input.role, hashed),
    });
    if (input.kubeId && needsKube(input.role)) {
      await tx
        .insert(memberships)
        .values({ id: newId(), kubeId: input.kubeId, personId: id, joinedOn: input.joinedOn ?? todayIso() });
    }
  });
  return { id };
}

/**
 * Saves an admin's edit of a person. `actorId` is the admin doing it: nobody may lock themselves out,
 * and the platform always keeps one active admin. Returns whether the person now needs a new secret,
 * which happens when the role moves between PIN and password.
 */
export async function updatePerson(
  db: Executor,
  input: UpdatePersonInput,
  actorId: string,
): Promise<{ needsSecret: boolean }> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(people).where(eq(people.id, input.id)).limit(1);
    if (!before) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
    const losesAdmin = before.role === 'admin' && before.active && (input.role !== 'admin' || !input.active);
    if (losesAdmin && before.id === actorId) throw new DomainError('people.errors.notYourself');
    if (losesAdmin && (await countOtherActiveAdmins(tx, before.id)) === 0) {
      throw new DomainError('people.errors.lastAdmin');
    }
    await assertUsernameFree(tx, input.username, before.id);
    const kubeId = needsKube(input.role) ? input.kubeId : null;
    if (kubeId) await assertKubeExists(tx, kubeId);

    // Switching between PIN and password drops the old secret: the admin sets the new kind next.
    const secretKindChanged = usesPin(before.role) !== usesPin(input.role);
    await tx
      .update(people)
      .set({
        name: input.name,
        username: input.username,
        role: input.role,
        sex: input.sex,
        phone: input.phone,
        business: input.business,
        active: input.active,
        updatedAt: new Date(),
        ...(secretKindChanged ? secretColumns(input.role, null) : {}),
      })
      .where(eq(people.id, before.id));
    await moveMembership(tx, before.id, kubeId, input.joinedOn);
    if (!input.active || secretKindChanged) await invalidatePersonSessions(tx, before.id);
    return { needsSecret: secretKindChanged };
  });
}

/** Replaces a forgotten PIN or password and signs the person out on every device. */
export async function resetPersonSecret(db: Executor, input: ResetSecretInput): Promise<void> {
  const [person] = await db
    .select({ role: people.role, username: people.username })
    .from(people)
    .where(eq(people.id, input.id))
    .limit(1);
  if (!person) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
  const secret = input.kind === 'pin' ? input.pin : input.password;
  // The form was made for the role the person had then; a role changed since needs a fresh form.
  if (usesPin(person.role) !== (input.kind === 'pin') || !secret) throw new DomainError('people.errors.secretKind');
  if (input.kind === 'password') {
    const problem = passwordProblem(secret, person.username);
    if (problem) throw new DomainError(problem, { field: 'password' });
  }
  const hashed = await hashSecret(secret);
  await db.transaction(async (tx) => {
    const [still] = await tx.select({ role: people.role }).from(people).where(eq(people.id, input.id)).limit(1);
    if (!still || usesPin(still.role) !== usesPin(person.role)) throw new DomainError('people.errors.secretKind');
    await tx
      .update(people)
      .set({ ...secretColumns(still.role, hashed), updatedAt: new Date() })
      .where(eq(people.id, input.id));
    await invalidatePersonSessions(tx, input.id);
  });
}
