import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { certificates } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { can, type Actor } from '../auth/permissions.ts';
import { logCorrection } from '../history/changes.ts';

/**
 * An admin withdraws a certificate, with a reason: it then verifies as withdrawn, and who did it goes to the
 * history. Only a post-test taken after the withdrawal earns the module a new certificate (and a new code).
 */
export async function withdrawCertificate(
  db: Executor,
  actor: Actor | null,
  input: { code: string; reason: string },
  now = new Date(),
): Promise<{ code: string }> {
  if (!actor || !can(actor, 'certificate.withdraw')) throw new DomainError('errors.forbidden', { code: 'FORBIDDEN' });
  return db.transaction(async (tx) => {
    const [certificate] = await tx.select().from(certificates).where(eq(certificates.id, input.code));
    if (!certificate) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
    if (certificate.withdrawnAt) throw new DomainError('certificate.errors.alreadyWithdrawn', { code: 'CONFLICT' });
    const after = { withdrawnAt: now, withdrawnReason: input.reason };
    await logCorrection(
      tx,
      {
        table: certificates,
        recordId: certificate.id,
        before: { withdrawnAt: null, withdrawnReason: null },
        after,
        by: actor.id,
      },
      now,
    );
    await tx.update(certificates).set(after).where(eq(certificates.id, certificate.id));
    return { code: certificate.id };
  });
}
