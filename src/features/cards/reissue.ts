import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../../../db/client.ts';
import { kubes, memberships, people, type Role } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { can, type Actor } from '../auth/permissions.ts';
import { invalidatePersonSessions } from '../auth/session.ts';
import { hashSecrets, newSecretFor } from '../district-import/secrets.ts';
import { secretColumns } from '../people/service.ts';
import type { MemberCard } from './card.ts';

// New cards for chosen members of one KUBE: a new PIN for each member, a new first password for each officer
// (changed at the next sign-in), everyone signed out, in one transaction. All or nothing: one person the
// actor may not reset refuses the whole request, naming them.

export const MAX_REISSUE = 200;

type Chosen = { id: string; name: string; username: string; role: Role };

/** May `actor` give this member of `kubeId` a new secret? Members: their facilitators and admins; officers: admins. */
export function mayReissue(actor: Actor, person: Pick<Chosen, 'role'>, kubeId: string): boolean {
  if (person.role === 'anggota') return can(actor, 'person.resetPin', { kubeId });
  if (person.role === 'pengurus') return can(actor, 'person.edit');
  return false;
}

async function loadChosen(db: Executor, kubeId: string, ids: readonly string[]) {
  return db
    .select({ id: people.id, name: people.name, username: people.username, role: people.role })
    .from(people)
    .innerJoin(memberships, and(eq(memberships.personId, people.id), isNull(memberships.leftOn)))
    .where(and(inArray(people.id, [...ids]), eq(memberships.kubeId, kubeId)));
}

/** Gives the chosen current members of `kubeId` new secrets and returns their cards (the only copy in clear). */
export async function reissueCards(
  db: Database,
  actor: Actor,
  kubeId: string,
  personIds: readonly string[],
): Promise<MemberCard[]> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) throw new DomainError('import.reprint.choose', { field: 'personId' });
  if (ids.length > MAX_REISSUE) {
    throw new DomainError('import.reprint.tooMany', { field: 'personId', params: { max: MAX_REISSUE } });
  }
  const [kube] = await db.select({ name: kubes.name }).from(kubes).where(eq(kubes.id, kubeId)).limit(1);
  if (!kube) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
  const chosen = await loadChosen(db, kubeId, ids);
  if (chosen.length !== ids.length) throw new DomainError('import.reprint.notMember');
  const refused = chosen.find((person) => !mayReissue(actor, person, kubeId));
  if (refused)
    throw new DomainError('import.reprint.notAllowed', { code: 'FORBIDDEN', params: { name: refused.name } });
  const secrets = chosen.map((person) =>
    newSecretFor(person.role === 'anggota' ? 'anggota' : 'pengurus', person.username),
  );
  // Hashed before the transaction: hashing must not hold the write lock.
  const hashes = await hashSecrets(secrets);
  await db.transaction(async (tx) => {
    const now = new Date();
    const still = await loadChosen(tx, kubeId, ids);
    const roles = new Map(still.map((person) => [person.id, person.role]));
    for (const [i, person] of chosen.entries()) {
      if (roles.get(person.id) !== person.role) throw new DomainError('import.reprint.notMember', { code: 'CONFLICT' });
      const hash = hashes[i] ?? '';
      const pin = secrets[i]?.kind === 'pin';
      await tx
        .update(people)
        .set({ ...secretColumns(person.role, hash, now), mustChangePassword: !pin, updatedAt: now })
        .where(eq(people.id, person.id));
      await invalidatePersonSessions(tx, person.id);
    }
  });
  return chosen.map((person, i) => ({
    name: person.name,
    kubeName: kube.name,
    username: person.username,
    kind: secrets[i]?.kind ?? 'pin',
    secret: secrets[i]?.secret ?? '',
  }));
}
