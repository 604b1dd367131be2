import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import {
  jabatan,
  kubes,
  people,
  trainingSessions,
  workshops,
  type SessionAudience,
  type TrainingSession,
} from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { can, type Actor } from '../auth/permissions.ts';
import { listFacilitators } from '../kube/queries.ts';
import { createWorkshop } from '../workshop/service.ts';
import type { PlannedSession } from './sequence.ts';
import { sessionStatus, type SessionStatus } from './status.ts';

// A KUBE's training plan of a year: its sessions, who runs them, and the workshops they became. A session is done
// when a workshop of its module for the KUBE is held (closed) that year: the one started from it, or else one
// planned apart from the plan, matched to the earliest session of that module still open.

export type PlanSession = TrainingSession & {
  facilitatorName: string | null;
  /** The workshop held for it, if any: its id and day. */
  heldBy: { id: string; date: string } | null;
  /** The workshop started from it and not closed yet. */
  running: { id: string; date: string } | null;
  status: SessionStatus;
};

/** The year's sessions of some KUBEs, each with its standing on `today`. */
export async function loadSessions(
  db: Executor,
  kubeIds: readonly string[],
  years: { from: number; to: number },
  today: string,
): Promise<PlanSession[]> {
  if (kubeIds.length === 0) return [];
  const [rows, held] = await Promise.all([
    db
      .select({ session: trainingSessions, facilitatorName: people.name })
      .from(trainingSessions)
      .leftJoin(people, eq(people.id, trainingSessions.facilitatorId))
      .where(
        and(
          inArray(trainingSessions.kubeId, [...kubeIds]),
          gte(trainingSessions.year, years.from),
          lte(trainingSessions.year, years.to),
        ),
      )
      .orderBy(asc(trainingSessions.year), asc(trainingSessions.month), asc(trainingSessions.createdAt)),
    db
      .select({
        id: workshops.id,
        kubeId: workshops.kubeId,
        moduleSlug: workshops.moduleSlug,
        date: workshops.date,
        closedAt: workshops.closedAt,
      })
      .from(workshops)
      .where(
        and(
          inArray(workshops.kubeId, [...kubeIds]),
          // A retention workshop holds no planned session: it checks one months later.
          eq(workshops.purpose, 'learning'),
          gte(workshops.date, `${String(years.from)}-01-01`),
          lte(workshops.date, `${String(years.to)}-12-31`),
        ),
      )
      .orderBy(asc(workshops.date)),
  ]);
  const byId = new Map(held.map((workshop) => [workshop.id, workshop]));
  const used = new Set(rows.flatMap(({ session }) => (session.workshopId ? [session.workshopId] : [])));
  return rows.map(({ session, facilitatorName }) => {
    const linked = session.workshopId ? byId.get(session.workshopId) : undefined;
    let heldBy = linked?.closedAt ? { id: linked.id, date: linked.date } : null;
    if (!linked) {
      const match = held.find(
        (workshop) =>
          workshop.closedAt &&
          !used.has(workshop.id) &&
          workshop.kubeId === session.kubeId &&
          workshop.moduleSlug === session.moduleSlug &&
          workshop.date.startsWith(String(session.year)),
      );
      if (match) {
        used.add(match.id);
        heldBy = { id: match.id, date: match.date };
      }
    }
    const running = linked && !linked.closedAt ? { id: linked.id, date: linked.date } : null;
    return {
      ...session,
      facilitatorName,
      heldBy,
      running,
      status: sessionStatus(session, heldBy !== null, today),
    };
  });
}

function refuse(): never {
  throw new DomainError('errors.forbidden', { code: 'FORBIDDEN' });
}

/**
 * Fills an empty plan with the program's sequence (`sessions`, from sequence.ts); the facilitator who does it
 * runs them, or the KUBE's first facilitator when an admin does. A plan that has sessions is left as it is.
 */
export async function fillPlan(
  db: Executor,
  actor: Actor | null,
  input: { kubeId: string; year: number },
  sessions: readonly PlannedSession[],
): Promise<{ added: number }> {
  if (!actor || !can(actor, 'workshop.run', { kubeId: input.kubeId })) refuse();
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: trainingSessions.id })
      .from(trainingSessions)
      .where(and(eq(trainingSessions.kubeId, input.kubeId), eq(trainingSessions.year, input.year)))
      .limit(1);
    if (existing) throw new DomainError('training.errors.notEmpty', { code: 'CONFLICT' });
    const runner =
      actor.role === 'pendamping' ? actor.id : ((await listFacilitators(tx, input.kubeId))[0]?.personId ?? null);
    if (sessions.length === 0) return { added: 0 };
    await tx.insert(trainingSessions).values(
      sessions.map((session) => ({
        id: newId(),
        kubeId: input.kubeId,
        year: input.year,
        ...session,
        facilitatorId: runner,
        createdBy: actor.id,
      })),
    );
    return { added: sessions.length };
  });
}

export type SessionInput = {
  kubeId: string;
  year: number;
  month: number;
  moduleSlug: string;
  audience: SessionAudience;
  jabatanCode: string | null;
  facilitatorId: string | null;
};

/** A session added to the plan by hand; the module is checked by the caller against the curriculum. */
export async function addSession(db: Executor, actor: Actor | null, input: SessionInput): Promise<{ id: string }> {
  if (!actor || !can(actor, 'workshop.run', { kubeId: input.kubeId })) refuse();
  return db.transaction(async (tx) => {
    await checkSessionInput(tx, input);
    const id = newId();
    await tx.insert(trainingSessions).values({ id, ...input, createdBy: actor.id });
    return { id };
  });
}

async function checkSessionInput(tx: Executor, input: SessionInput) {
  if (input.audience === 'position') {
    const [known] = await tx
      .select({ code: jabatan.code })
      .from(jabatan)
      .where(eq(jabatan.code, input.jabatanCode ?? ''));
    if (!known) throw new DomainError('training.errors.position', { field: 'jabatanCode' });
  }
  await checkFacilitator(tx, input.kubeId, input.facilitatorId);
}

/** A session's facilitator is one assigned to its KUBE (or none yet). */
async function checkFacilitator(tx: Executor, kubeId: string, facilitatorId: string | null) {
  if (!facilitatorId) return;
  const assigned = await listFacilitators(tx, kubeId);
  if (!assigned.some((person) => person.personId === facilitatorId)) {
    throw new DomainError('training.errors.facilitator', { field: 'facilitatorId' });
  }
}

/** A session's KUBE, so an action checks permission before it reads more. */
export async function getSession(db: Executor, id: string): Promise<TrainingSession | null> {
  const [row] = await db.select().from(trainingSessions).where(eq(trainingSessions.id, id)).limit(1);
  return row ?? null;
}

/** Removes a session not started yet; one that became a workshop stays, as the record of it. */
export async function removeSession(db: Executor, actor: Actor | null, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const session = await getSession(tx, sessionId);
    if (!session) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
    if (!actor || !can(actor, 'workshop.run', { kubeId: session.kubeId })) refuse();
    if (session.workshopId) throw new DomainError('training.errors.started', { code: 'CONFLICT' });
    await tx.delete(trainingSessions).where(eq(trainingSessions.id, sessionId));
  });
}

/**
 * The one tap: a workshop of the session's module for its KUBE, today, at `place`, linked to the session. Its
 * month must have come; a session already started answers with its workshop, so a double tap makes one.
 */
export async function startSession(
  db: Executor,
  actor: Actor | null,
  input: { sessionId: string; place: string },
  today: string,
): Promise<{ workshopId: string }> {
  const session = await getSession(db, input.sessionId);
  if (!session) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
  if (!actor || !can(actor, 'workshop.run', { kubeId: session.kubeId })) refuse();
  if (session.workshopId) return { workshopId: session.workshopId };
  if (sessionStatus(session, false, today) === 'planned') {
    throw new DomainError('training.errors.notYet', { code: 'CONFLICT' });
  }
  return db.transaction(async (tx) => {
    // Read again under the write: a second tap that got here too finds the first one's workshop.
    const current = await getSession(tx, session.id);
    if (!current) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
    if (current.workshopId) return { workshopId: current.workshopId };
    const workshop = await createWorkshop(
      tx,
      { kubeId: session.kubeId, moduleSlug: session.moduleSlug, date: today, place: input.place, notes: null },
      actor.id,
    );
    await tx.update(trainingSessions).set({ workshopId: workshop.id }).where(eq(trainingSessions.id, session.id));
    return { workshopId: workshop.id };
  });
}

export type HomeSession = PlanSession & { kubeName: string };

/**
 * A facilitator's home: the sessions of their KUBEs that are overdue (this year or last) or due this month or
 * next, oldest first.
 */
export async function listHomeSessions(db: Executor, actor: Actor, today: string): Promise<HomeSession[]> {
  if (actor.role !== 'pendamping' || actor.assignedKubeIds.length === 0) return [];
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const [sessions, names] = await Promise.all([
    loadSessions(db, actor.assignedKubeIds, { from: year - 1, to: month === 12 ? year + 1 : year }, today),
    db
      .select({ id: kubes.id, name: kubes.name })
      .from(kubes)
      .where(inArray(kubes.id, [...actor.assignedKubeIds])),
  ]);
  const nameOf = new Map(names.map((kube) => [kube.id, kube.name]));
  const soon = year * 12 + month + 1;
  return sessions
    .filter(
      (session) =>
        session.status === 'overdue' ||
        session.status === 'this_month' ||
        (session.status === 'planned' && session.year * 12 + session.month <= soon),
    )
    .map((session) => ({ ...session, kubeName: nameOf.get(session.kubeId) ?? '' }));
}

/**
 * A session moved to another month of its year, or given another facilitator. A session that became a workshop
 * stays as it was held.
 */
export async function updateSession(
  db: Executor,
  actor: Actor | null,
  input: { sessionId: string; month: number; facilitatorId: string | null },
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const session = await getSession(tx, input.sessionId);
    if (!session) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
    if (!actor || !can(actor, 'workshop.run', { kubeId: session.kubeId })) refuse();
    if (session.workshopId) throw new DomainError('training.errors.started', { code: 'CONFLICT' });
    await checkFacilitator(tx, session.kubeId, input.facilitatorId);
    if (session.month === input.month && session.facilitatorId === input.facilitatorId) return { changed: false };
    await tx
      .update(trainingSessions)
      .set({ month: input.month, facilitatorId: input.facilitatorId })
      .where(eq(trainingSessions.id, session.id));
    return { changed: true };
  });
}
