import { facilitatorAssignments, memberships, people } from '../../db/schema.ts';
import { hashSecret } from '../../src/features/auth/password.ts';
import { contentVersion } from '../../src/features/sync/content-version.ts';
import { DEVICE_HEADER, newKeyPair, SIGNATURE_HEADER, signWith } from '../../src/features/sync/protocol.ts';
import type { TestDatabase } from './db.ts';
import { addTwoKubesAndAdmin } from './two-kubes.ts';

/** The facilitator's password in field-kit tests. */
export const FACILITATOR_PASSWORD = 'Pendamping-Prambon-24';

/**
 * A district: two KUBEs, the facilitator `pendamping1` assigned to `kubemaju1` only, a member in each KUBE with a
 * PIN (`anggota1` in kubemaju1, `anggota2` in kubemaju2).
 */
export async function seedDistrict(t: TestDatabase): Promise<void> {
  await addTwoKubesAndAdmin(t);
  await t.db.insert(people).values([
    {
      id: 'pendamping1',
      name: 'Bu Tini',
      username: 'tini',
      role: 'pendamping',
      passwordHash: await hashSecret(FACILITATOR_PASSWORD),
    },
    { id: 'anggota1', name: 'Pak Harjo', username: 'harjo', role: 'anggota', pinHash: await hashSecret('2468') },
    { id: 'anggota2', name: 'Bu Sri', username: 'sri', role: 'anggota', pinHash: await hashSecret('1357') },
  ]);
  await t.db.insert(memberships).values([
    { id: 'member1', kubeId: 'kubemaju1', personId: 'anggota1', joinedOn: '2026-01-05' },
    { id: 'member2', kubeId: 'kubemaju2', personId: 'anggota2', joinedOn: '2026-01-05' },
  ]);
  await t.db.insert(facilitatorAssignments).values({ kubeId: 'kubemaju1', personId: 'pendamping1' });
}

/** A device's keys and a way to sign its requests as the field client does. */
export function testDevice() {
  const keys = newKeyPair();
  return {
    keys,
    headers(deviceId: string, body: string): Headers {
      return new Headers({ [DEVICE_HEADER]: deviceId, [SIGNATURE_HEADER]: signWith(keys.privateKey, body) });
    },
  };
}

export const currentContentVersion = contentVersion;
