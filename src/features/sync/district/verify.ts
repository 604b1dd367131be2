import { eq } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { devices, people } from '../../../../db/schema.ts';
import { dictionaries } from '../../../i18n/index.ts';
import { DEVICE_HEADER, MAX_CLOCK_SKEW_MS, SIGNATURE_HEADER, verifyWith } from '../protocol.ts';

// Every request of a paired device is signed with its private key; the district checks the signature with the
// public key it stored at pairing, that the device is not revoked, that its facilitator still is one, and that
// the request is fresh (a replayed pull gets nothing).

export type Device = typeof devices.$inferSelect;
export type Reply = { status: number; body: unknown };

const indonesian = dictionaries.id as Record<string, string>;

/** A refusal: the dictionary key the field shows in its own language, and the Indonesian words for anyone else. */
export const fail = (status: number, code: string): Reply => ({
  status,
  body: { error: `sync.error.${code}`, message: indonesian[`sync.error.${code}`] ?? code },
});

/** The device that signed this body, or the reply that refuses it. */
export async function authenticate(
  db: Executor,
  headers: Headers,
  rawBody: string,
  claimed: { deviceId: string; at: number },
  now = Date.now(),
): Promise<{ device: Device } | { refused: Reply }> {
  const deviceId = headers.get(DEVICE_HEADER) ?? '';
  const signature = headers.get(SIGNATURE_HEADER) ?? '';
  if (!deviceId || deviceId !== claimed.deviceId) return { refused: fail(401, 'device_unknown') };
  const [device] = await db.select().from(devices).where(eq(devices.id, deviceId)).limit(1);
  if (!device) return { refused: fail(401, 'device_unknown') };
  if (!verifyWith(device.publicKey, rawBody, signature)) return { refused: fail(401, 'bad_signature') };
  if (device.revokedAt) return { refused: fail(403, 'device_revoked') };
  const [person] = await db
    .select({ role: people.role, active: people.active })
    .from(people)
    .where(eq(people.id, device.personId));
  if (!person?.active || person.role !== 'pendamping') return { refused: fail(403, 'not_facilitator') };
  if (Math.abs(now - claimed.at) > MAX_CLOCK_SKEW_MS) return { refused: fail(401, 'clock') };
  return { device };
}
