import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { memberships, people } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { checkSecretLimited, personAccount, type Source } from '../auth/attempts.ts';
import { verifySecret } from '../auth/password.ts';
import { WORKSHOP_DONE } from '../assessment/paths.ts';
import { normalizeCode } from './rules.ts';
import { findOpenWorkshop, recordAttendance, type Workshop } from './service.ts';

export type JoinResult = { workshop: Workshop; personId: string } | { waitMs: number };

/** The open workshop a typed code names, or a refusal a person can act on. */
export async function openWorkshopByCode(db: Executor, typed: string): Promise<Workshop> {
  const code = normalizeCode(typed);
  const workshop = code ? await findOpenWorkshop(db, code) : null;
  if (!workshop) throw new DomainError('workshop.errors.badCode', { field: 'code' });
  return workshop;
}

/**
 * A member joins on a shared tablet with their PIN. Wrong PINs slow down the tablet and the pair of member
 * and tablet, counted together with the member's sign-ins at /masuk (one PIN, one counter), never the
 * workshop: a guesser cannot keep the rest of the room out. A right PIN records attendance (presensi).
 */
export async function joinWorkshop(
  db: Executor,
  input: { code: string; personId: string; pin: string },
  source: Source,
  now = Date.now(),
  verify = verifySecret,
): Promise<JoinResult> {
  const workshop = await openWorkshopByCode(db, input.code);
  const [member] = await db
    .select({ pinHash: people.pinHash })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(
      and(
        eq(memberships.personId, input.personId),
        eq(memberships.kubeId, workshop.kubeId),
        isNull(memberships.leftOn),
        eq(people.active, true),
      ),
    )
    .limit(1);
  if (!member) throw new DomainError('workshop.errors.notMember', { field: 'personId' });
  const pinHash = member.pinHash;
  if (!pinHash) throw new DomainError('workshop.errors.noPin', { field: 'pin' });
  const outcome = await checkSecretLimited(
    db,
    { account: personAccount(input.personId), source, verify: () => verify(pinHash, input.pin) },
    now,
  );
  if (!outcome.ok) {
    if (outcome.waitMs > 0) return { waitMs: outcome.waitMs };
    throw new DomainError('workshop.errors.wrongPin', { field: 'pin' });
  }
  await recordAttendance(db, { workshopId: workshop.id, personId: input.personId, method: 'pin' }, new Date(now));
  return { workshop, personId: input.personId };
}

/** The thank-you screen a workshop tablet shows after a test, before the next person joins. */

/** Where a joined member's tablet goes in each phase; once the workshop closes, the thank-you screen. */
export function phaseTarget(workshop: Workshop): string {
  if (workshop.phase === 'selesai') return WORKSHOP_DONE;
  const base = `/belajar/${workshop.moduleSlug}`;
  if (workshop.phase === 'pre_test') return `${base}/tes/pre`;
  if (workshop.phase === 'post_test') return `${base}/tes/post`;
  if (workshop.phase === 'retention_test') return `${base}/tes/retention`;
  return base;
}
