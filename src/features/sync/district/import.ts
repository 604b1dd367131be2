import { eq } from 'drizzle-orm';
import type { Database } from '../../../../db/client.ts';
import { devices } from '../../../../db/schema.ts';
import { DomainError } from '../../../lib/errors.ts';
import type { Actor } from '../../auth/permissions.ts';
import { contentVersion } from '../content-version.ts';
import { fieldPackage, packageSignedText, verifyWith, type Refusal } from '../protocol.ts';
import { applyBatch } from './apply.ts';

// A paket lapangan: the push batches of a field server in one signed file, imported at the district by an admin or
// by the laptop's own facilitator. It goes through the same `applyBatch` as a push, so a package imported after a
// push (or twice) changes nothing the second time. A file changed after export fails its signature and is refused
// whole, before anything of it is applied.

export type ImportOutcome = { batches: number; applied: number; already: number; refused: Refusal[] };

export async function importPackage(db: Database, text: string, actor: Actor): Promise<ImportOutcome> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DomainError('sync.error.package_invalid', { code: 'BAD_REQUEST' });
  }
  const file = fieldPackage.safeParse(parsed);
  if (!file.success) throw new DomainError('sync.error.package_invalid', { code: 'BAD_REQUEST' });
  const { signature, ...signed } = file.data;
  const [device] = await db.select().from(devices).where(eq(devices.id, signed.deviceId)).limit(1);
  if (!device) throw new DomainError('sync.error.device_unknown', { code: 'NOT_FOUND' });
  if (actor.role !== 'admin' && device.personId !== actor.id) {
    throw new DomainError('sync.error.not_your_device', { code: 'FORBIDDEN' });
  }
  if (!verifyWith(device.publicKey, packageSignedText(signed), signature)) {
    throw new DomainError('sync.error.package_tampered', { code: 'BAD_REQUEST' });
  }
  if (device.revokedAt) throw new DomainError('sync.error.device_revoked', { code: 'FORBIDDEN' });
  const version = await contentVersion();
  if (signed.batches.some((batch) => batch.deviceId !== device.id || batch.contentVersion !== version)) {
    throw new DomainError(
      signed.batches.some((batch) => batch.deviceId !== device.id)
        ? 'sync.error.package_tampered'
        : 'sync.error.content_mismatch',
      { code: 'BAD_REQUEST' },
    );
  }
  const outcome: ImportOutcome = { batches: signed.batches.length, applied: 0, already: 0, refused: [] };
  for (const batch of [...signed.batches].sort((a, b) => a.fromSeq - b.fromSeq)) {
    const result = await applyBatch(db, device.id, batch);
    if (!result.ok) throw new DomainError('sync.error.gap', { code: 'CONFLICT' });
    // A batch imported (or pushed) before was listed then: only what this import applied is listed now.
    if (result.already) outcome.already += 1;
    else {
      outcome.applied += 1;
      outcome.refused.push(...result.refused);
    }
  }
  return outcome;
}
