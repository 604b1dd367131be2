import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { memberships, people, workshopAttendance, workshops, type WorkshopPurpose } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { findPersonKubeId } from '../auth/actor.ts';
import { firstPhase, generateCode } from './rules.ts';

export type Workshop = typeof workshops.$inferSelect;
export type NewWorkshop = {
  kubeId: string;
  moduleSlug: string;
  date: string;
  place: string;
  notes: string | null;
  /** A learning workshop unless said: a retention workshop runs only the retention test. */
  purpose?: WorkshopPurpose;
};

/** Creates a workshop in its first phase (`firstPhase`) with a join code no open workshop uses. */
export async function createWorkshop(db: Executor, input: NewWorkshop, createdBy: string): Promise<Workshop> {
  return db.transaction(async (tx) => {
    for (let tries = 0; tries < 8; tries++) {
      const code = generateCode();
      const [taken] = await tx
        .select({ id: workshops.id })
        .from(workshops)
        .where(and(eq(workshops.code, code), isNull(workshops.closedAt)))
        .limit(1);
      if (taken) continue;
      const [created] = await tx
        .insert(workshops)
        .values({ id: newId(), ...input, code, phase: firstPhase(input.purpose ?? 'learning'), createdBy })
        .returning();
      if (created) return created;
    }
    // 32^6 codes: only reachable if something is badly wrong.
    throw new Error('no free workshop code');
  });
}

export async function getWorkshop(db: Executor, id: string): Promise<Workshop | null> {
  const [row] = await db.select().from(workshops).where(eq(workshops.id, id)).limit(1);
  return row ?? null;
}

/** The open workshop a code names; a closed workshop's code no longer works. */
export async function findOpenWorkshop(db: Executor, code: string): Promise<Workshop | null> {
  const [row] = await db
    .select()
    .from(workshops)
    .where(and(eq(workshops.code, code), isNull(workshops.closedAt)))
    .limit(1);
  return row ?? null;
}

/** Records that a member came; the first record stays (joining twice changes nothing). */
export async function recordAttendance(
  db: Executor,
  input: { workshopId: string; personId: string; method: 'pin' | 'manual' },
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const workshop = await getWorkshop(tx, input.workshopId);
    if (!workshop || workshop.closedAt) throw new DomainError('workshop.errors.closed', { code: 'CONFLICT' });
    if ((await findPersonKubeId(tx, input.personId)) !== workshop.kubeId) {
      throw new DomainError('workshop.errors.notMember', { field: 'personId' });
    }
    await tx
      .insert(workshopAttendance)
      .values({ ...input, joinedAt: now })
      .onConflictDoNothing();
  });
}

/** The KUBE's current members with their attendance at the workshop, by name. */
export async function listParticipants(db: Executor, workshop: Workshop) {
  const rows = await db
    .select({
      personId: people.id,
      name: people.name,
      role: people.role,
      hasPin: people.pinHash,
      joinedAt: workshopAttendance.joinedAt,
      method: workshopAttendance.method,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .leftJoin(
      workshopAttendance,
      and(eq(workshopAttendance.personId, people.id), eq(workshopAttendance.workshopId, workshop.id)),
    )
    .where(and(eq(memberships.kubeId, workshop.kubeId), isNull(memberships.leftOn), eq(people.active, true)))
    .orderBy(asc(people.name));
  return rows.map(({ hasPin, ...row }) => ({ ...row, hasPin: hasPin !== null }));
}
