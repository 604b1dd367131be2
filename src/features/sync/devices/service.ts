import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../../../../db/client.ts';
import { devices } from '../../../../db/schema.ts';
import { DomainError } from '../../../lib/errors.ts';
import { can, type Actor } from '../../auth/permissions.ts';
import { importPackage } from '../district/import.ts';
import type { ImportCounts } from './outcome.ts';
import { findDevice } from './queries.ts';
import type { RevokeInput } from './schemas.ts';

// Writes of the device screens. Each checks the actor again (the action did too), so a script or a test calling
// the service directly cannot do what the screens would refuse.

const forbidden = () => new DomainError('errors.forbidden', { code: 'FORBIDDEN' });

/**
 * Revokes a device: from now on the district refuses its pulls, pushes and packages. A device already revoked
 * keeps its first revocation (who and when), so a second click changes nothing.
 */
export async function revokeDevice(db: Executor, input: RevokeInput, actor: Actor): Promise<{ revoked: boolean }> {
  if (!can(actor, 'device.manage')) throw forbidden();
  return db.transaction(async (tx) => {
    const device = await findDevice(tx, input.deviceId);
    if (!device) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
    if (device.revokedAt) return { revoked: false };
    await tx
      .update(devices)
      .set({ revokedAt: new Date(), revokedBy: actor.id })
      .where(and(eq(devices.id, device.id), isNull(devices.revokedAt)));
    return { revoked: true };
  });
}

/**
 * Imports an uploaded paket lapangan: an admin any device's, a facilitator only their own laptop's (the import
 * refuses another's with `sync.error.not_your_device`). Each batch is applied once, so an upload repeated, or of
 * batches already pushed, adds nothing; the refused rows are stored with the device's other refusals.
 */
export async function importDevicePackage(db: Database, text: string, actor: Actor): Promise<ImportCounts> {
  if (!can(actor, 'device.manage') && !can(actor, 'device.own')) throw forbidden();
  const outcome = await importPackage(db, text, actor);
  return {
    batches: outcome.batches,
    applied: outcome.applied,
    already: outcome.already,
    refused: outcome.refused.length,
  };
}
