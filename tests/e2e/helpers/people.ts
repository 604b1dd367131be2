import { hashSecret } from '../../../src/features/auth/password.ts';
import { createSession } from '../../../src/features/auth/session.ts';
import { facilitatorAssignments, kubes, memberships, people, testPermissions, type Role } from '../../../db/schema.ts';
import type { Connection } from '../../../db/client.ts';

export type TestPerson = { id: string; username: string; secret: string; role: Role };

/**
 * The id `addPerson` gives a username: `t` and its letters and digits, padded to the 8 characters the id
 * rule (`recordId()` in src/lib/forms.ts) asks for, so the person can be named in any form.
 */
export const testPersonId = (username: string) => `t${username.replace(/[^a-z0-9]/g, '')}`.padEnd(8, '0');

/** Adds a person straight into the server's database (faster than the admin screens, which have their own tests). */
export async function addPerson(
  { db }: Connection,
  role: Role,
  username: string,
  secret: string,
  kubeId: string | null = null,
): Promise<TestPerson> {
  const id = testPersonId(username);
  const hashed = await hashSecret(secret);
  await db.transaction(async (tx) => {
    await tx.insert(people).values({
      id,
      name: `Uji ${username}`,
      username,
      role,
      passwordHash: role === 'anggota' ? null : hashed,
      pinHash: role === 'anggota' ? hashed : null,
    });
    if (kubeId && (role === 'anggota' || role === 'pengurus')) {
      await tx.insert(memberships).values({ id: `${id}m`, kubeId, personId: id, joinedOn: '2024-01-01' });
    }
    if (kubeId && role === 'pendamping') await tx.insert(facilitatorAssignments).values({ kubeId, personId: id });
  });
  return { id, username, secret, role };
}

export async function addKube({ db }: Connection, id: string, name: string): Promise<string> {
  await db.insert(kubes).values({
    id,
    name,
    desa: 'Singkalanyar',
    kecamatan: 'Prambon',
    kabupaten: 'Nganjuk',
    provinsi: 'Jawa Timur',
  });
  return id;
}

/** A session cookie header for a person, made directly, for HTTP-level tests. */
export async function cookieFor({ db }: Connection, personId: string): Promise<string> {
  const { token } = await createSession(db, personId, 'test');
  return `kube_session=${token}`;
}

/** What a facilitator does for a person who joins a module late: skip its pre-test. */
export async function waivePreTest({ db }: Connection, personId: string, moduleSlug: string): Promise<void> {
  await db.insert(testPermissions).values({ personId, moduleSlug, kind: 'waive_pre', grantedAt: new Date() });
}
