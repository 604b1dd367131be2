import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { memberships, people } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { verifySecret } from '../auth/password.ts';
import {
  ACCOUNT_POLICY,
  clearLimit,
  readLimit,
  registerFailure,
  waitLeft,
  type LimitPolicy,
} from '../auth/rate-limit.ts';
import { normalizeCode } from './rules.ts';
import { findOpenWorkshop, recordAttendance, type Workshop } from './service.ts';

/** A whole room of tablets shares one workshop: many more tries before the workshop itself slows down. */
const WORKSHOP_POLICY: LimitPolicy = { ...ACCOUNT_POLICY, freeFailures: 40 };

export type JoinResult = { workshop: Workshop; personId: string } | { waitMs: number };

/** The open workshop a typed code names, or a refusal a person can act on. */
export async function openWorkshopByCode(db: Executor, typed: string): Promise<Workshop> {
  const code = normalizeCode(typed);
  const workshop = code ? await findOpenWorkshop(db, code) : null;
  if (!workshop) throw new DomainError('workshop.errors.badCode', 'code');
  return workshop;
}

/**
 * A member joins on a shared tablet with their PIN. Wrong PINs are counted per person and per workshop;
 * a right one records attendance (presensi) with the time.
 */
export async function joinWorkshop(
  db: Executor,
  input: { code: string; personId: string; pin: string },
  now = Date.now(),
): Promise<JoinResult> {
  const workshop = await openWorkshopByCode(db, input.code);
  const personKey = `pin:${workshop.id}:${input.personId}`;
  const workshopKey = `workshop:${workshop.id}`;
  const wait = Math.max(waitLeft(await readLimit(db, personKey), now), waitLeft(await readLimit(db, workshopKey), now));
  if (wait > 0) return { waitMs: wait };

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
  if (!member) throw new DomainError('workshop.errors.notMember', 'personId');
  if (!member.pinHash) throw new DomainError('workshop.errors.noPin', 'pin');
  if (!(await verifySecret(member.pinHash, input.pin))) {
    const blockedFor = await db.transaction(async (tx) => {
      const person = await registerFailure(tx, personKey, ACCOUNT_POLICY, now);
      const room = await registerFailure(tx, workshopKey, WORKSHOP_POLICY, now);
      return Math.max(waitLeft(person, now), waitLeft(room, now));
    });
    if (blockedFor > 0) return { waitMs: blockedFor };
    throw new DomainError('workshop.errors.wrongPin', 'pin');
  }
  await clearLimit(db, personKey);
  await recordAttendance(db, { workshopId: workshop.id, personId: input.personId, method: 'pin' }, new Date(now));
  return { workshop, personId: input.personId };
}

/** The thank-you screen a workshop tablet shows after a test, before the next person joins. */
export const WORKSHOP_DONE = '/gabung/selesai';

/** Where a joined member's tablet goes in each phase; once the workshop closes, the thank-you screen. */
export function phaseTarget(workshop: Workshop): string {
  if (workshop.phase === 'selesai') return WORKSHOP_DONE;
  const base = `/belajar/${workshop.moduleSlug}`;
  if (workshop.phase === 'pre_test') return `${base}/tes/pre`;
  if (workshop.phase === 'post_test') return `${base}/tes/post`;
  return base;
}
