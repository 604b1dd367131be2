import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { facilitatorAssignments, jabatan, kubes, memberships, people, positions } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { isFutureDate } from '../../lib/dates.ts';
import { logCorrection } from '../history/changes.ts';
import type {
  CorrectPositionInput,
  EndPositionInput,
  FacilitatorInput,
  KubeInput,
  RecordPositionInput,
  UpdateKubeInput,
} from './schemas.ts';

// Writes to a KUBE's records. Each runs in one transaction, so a refusal leaves nothing half-written;
// the checks a form can show (membership, holders, roles) are DomainErrors tied to the form field.

const notFound = () => new DomainError('errors.notFound', { code: 'NOT_FOUND' });

async function requireKube(db: Executor, kubeId: string) {
  const [kube] = await db.select({ id: kubes.id }).from(kubes).where(eq(kubes.id, kubeId)).limit(1);
  if (!kube) throw notFound();
}

export async function createKube(db: Executor, input: KubeInput): Promise<{ id: string }> {
  const id = newId();
  await db.transaction(async (tx) => {
    await tx.insert(kubes).values({ id, ...input });
  });
  return { id };
}

export async function updateKube(db: Executor, input: UpdateKubeInput): Promise<{ id: string }> {
  const { kubeId, ...fields } = input;
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(kubes)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(kubes.id, kubeId))
      .returning({ id: kubes.id });
    if (changed.length === 0) throw notFound();
  });
  return { id: kubeId };
}

/**
 * Records that a current member holds a jabatan from `startDate`. Periods are open-ended, so a new one
 * clashes with every period of the same jabatan that is still running or ends after it starts; a
 * hand-over on the same day (old holder's last day = new holder's first day) is allowed.
 */
export async function recordPosition(db: Executor, input: RecordPositionInput): Promise<{ id: string }> {
  if (isFutureDate(input.startDate)) throw new DomainError('kube.errors.dateInFuture', { field: 'startDate' });
  const id = newId();
  await db.transaction(async (tx) => {
    await requireKube(tx, input.kubeId);
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(eq(memberships.kubeId, input.kubeId), eq(memberships.personId, input.personId), isNull(memberships.leftOn)),
      )
      .limit(1);
    if (!member) throw new DomainError('kube.errors.notMember', { field: 'personId' });

    const [kind] = await tx.select().from(jabatan).where(eq(jabatan.code, input.jabatanCode)).limit(1);
    if (!kind) throw new DomainError('errors.choice', { field: 'jabatanCode' });

    const clashes = await tx
      .select({ personId: positions.personId, name: people.name })
      .from(positions)
      .innerJoin(people, eq(people.id, positions.personId))
      .where(
        and(
          eq(positions.kubeId, input.kubeId),
          eq(positions.jabatanCode, input.jabatanCode),
          or(isNull(positions.endDate), gt(positions.endDate, input.startDate)),
          kind.singleHolder ? undefined : eq(positions.personId, input.personId),
        ),
      );
    const own = clashes.find((clash) => clash.personId === input.personId);
    if (own) throw new DomainError('kube.errors.alreadyHolds', { field: 'personId', params: { jabatan: kind.name } });
    const other = clashes[0];
    if (other) {
      throw new DomainError('kube.errors.positionTaken', {
        field: 'jabatanCode',
        params: { jabatan: kind.name, name: other.name },
      });
    }
    await tx.insert(positions).values({
      id,
      kubeId: input.kubeId,
      personId: input.personId,
      jabatanCode: input.jabatanCode,
      startDate: input.startDate,
      note: input.note,
    });
  });
  return { id };
}

/** Ends a position on `endDate`, the holder's last day in it. */
export async function endPosition(db: Executor, input: EndPositionInput): Promise<{ kubeId: string }> {
  if (isFutureDate(input.endDate)) throw new DomainError('kube.errors.dateInFuture', { field: 'endDate' });
  return db.transaction(async (tx) => {
    const [position] = await tx.select().from(positions).where(eq(positions.id, input.positionId)).limit(1);
    if (!position) throw notFound();
    if (position.endDate !== null) throw new DomainError('kube.errors.alreadyEnded', { field: 'endDate' });
    if (input.endDate < position.startDate) throw new DomainError('kube.errors.endBeforeStart', { field: 'endDate' });
    await tx.update(positions).set({ endDate: input.endDate }).where(eq(positions.id, position.id));
    return { kubeId: position.kubeId };
  });
}

/**
 * Corrects a position record (a wrong first or last day, a note): the old values go to the history. The
 * corrected period may not overlap another holder's period of a single-holder jabatan, nor the same
 * person's other period of the same jabatan (a hand-over on one day is allowed).
 */
export async function correctPosition(
  db: Executor,
  input: CorrectPositionInput,
  by: string,
  now = new Date(),
): Promise<{ kubeId: string; changed: number }> {
  if (input.endDate !== null && input.endDate < input.startDate) {
    throw new DomainError('kube.errors.endBeforeStart', { field: 'endDate' });
  }
  return db.transaction(async (tx) => {
    const [position] = await tx.select().from(positions).where(eq(positions.id, input.positionId)).limit(1);
    if (!position) throw notFound();
    const [kind] = await tx.select().from(jabatan).where(eq(jabatan.code, position.jabatanCode)).limit(1);
    const others = await tx
      .select({
        id: positions.id,
        personId: positions.personId,
        name: people.name,
        startDate: positions.startDate,
        endDate: positions.endDate,
      })
      .from(positions)
      .innerJoin(people, eq(people.id, positions.personId))
      .where(and(eq(positions.kubeId, position.kubeId), eq(positions.jabatanCode, position.jabatanCode)));
    const end = input.endDate ?? '9999-12-31';
    const clash = others.find(
      (other) =>
        other.id !== position.id &&
        (kind?.singleHolder || other.personId === position.personId) &&
        other.startDate < end &&
        (other.endDate ?? '9999-12-31') > input.startDate,
    );
    if (clash) {
      throw new DomainError('kube.errors.positionTaken', {
        field: 'startDate',
        params: { jabatan: kind?.name ?? position.jabatanCode, name: clash.name },
      });
    }
    const after = { startDate: input.startDate, endDate: input.endDate, note: input.note };
    const changed = await logCorrection(
      tx,
      { table: positions, recordId: position.id, before: position, after, by },
      now,
    );
    await tx.update(positions).set(after).where(eq(positions.id, position.id));
    return { kubeId: position.kubeId, changed };
  });
}

/** Assigns an active facilitator to a KUBE; assigning one already assigned changes nothing. */
export async function assignFacilitator(db: Executor, input: FacilitatorInput): Promise<void> {
  await db.transaction(async (tx) => {
    await requireKube(tx, input.kubeId);
    const [person] = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, input.personId), eq(people.role, 'pendamping'), eq(people.active, true)))
      .limit(1);
    if (!person) throw new DomainError('kube.errors.notFacilitator', { field: 'personId' });
    await tx
      .insert(facilitatorAssignments)
      .values({ kubeId: input.kubeId, personId: input.personId })
      .onConflictDoNothing();
  });
}

export async function unassignFacilitator(db: Executor, input: FacilitatorInput): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .delete(facilitatorAssignments)
      .where(and(eq(facilitatorAssignments.kubeId, input.kubeId), eq(facilitatorAssignments.personId, input.personId)));
  });
}
