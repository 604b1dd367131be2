import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { certificates, memberships, people, type Certificate } from '../../../db/schema.ts';

/** A certificate by its code, with its holder's name and KUBE now (for the print page's permission check). */
export async function findCertificate(
  db: Executor,
  code: string,
): Promise<{ certificate: Certificate; personName: string; kubeId: string | null } | null> {
  const [row] = await db
    .select({ certificate: certificates, personName: people.name, kubeId: memberships.kubeId })
    .from(certificates)
    .innerJoin(people, eq(people.id, certificates.personId))
    .leftJoin(memberships, and(eq(memberships.personId, certificates.personId), isNull(memberships.leftOn)))
    .where(eq(certificates.id, code))
    .limit(1);
  return row ?? null;
}
