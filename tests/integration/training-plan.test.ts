import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { facilitatorAssignments, people, trainingSessions, workshops } from '../../db/schema.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import {
  addSession,
  fillPlan,
  listHomeSessions,
  loadSessions,
  removeSession,
  startSession,
  updateSession,
  type SessionInput,
} from '../../src/features/training/service.ts';
import { DomainError } from '../../src/lib/errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addTwoKubesAndAdmin } from '../helpers/two-kubes.ts';

// Training plans in a real libSQL file: filled once, sessions added and removed by the KUBE's facilitator only,
// a session made a workshop in one tap (twice makes one), and a held workshop marking its session done.

let t: TestDatabase;
const admin: Actor = { id: 'admin0001', role: 'admin', kubeId: null, assignedKubeIds: [] };
const rina: Actor = { id: 'rina0001', role: 'pendamping', kubeId: null, assignedKubeIds: ['kubemaju1'] };
const other: Actor = { id: 'dewi0001', role: 'pendamping', kubeId: null, assignedKubeIds: ['kubemaju2'] };
const TODAY = '2026-12-03';
const SEQUENCE = [
  { moduleSlug: 'hakikat-kube', month: 11, audience: 'all' as const, jabatanCode: null },
  { moduleSlug: 'keuangan-kube', month: 12, audience: 'position' as const, jabatanCode: 'bendahara' },
];
const session = (changes: Partial<SessionInput> = {}): SessionInput => ({
  kubeId: 'kubemaju1',
  year: 2026,
  month: 12,
  moduleSlug: 'usaha-produk',
  audience: 'all',
  jabatanCode: null,
  facilitatorId: null,
  ...changes,
});
const rows = () => t.db.select().from(trainingSessions);

beforeEach(async () => {
  t = await createTestDatabase();
  await addTwoKubesAndAdmin(t);
  await t.db.insert(people).values([
    { id: 'rina0001', name: 'Rina', username: 'rina', role: 'pendamping' },
    { id: 'dewi0001', name: 'Dewi', username: 'dewi', role: 'pendamping' },
  ]);
  await t.db.insert(facilitatorAssignments).values([
    { kubeId: 'kubemaju1', personId: 'rina0001' },
    { kubeId: 'kubemaju2', personId: 'dewi0001' },
  ]);
});
afterEach(() => {
  t.cleanup();
});

describe('a training plan', () => {
  it('is filled once with the sequence, run by the facilitator who fills it, or the KUBE’s when an admin does', async () => {
    await expect(fillPlan(t.db, rina, { kubeId: 'kubemaju1', year: 2026 }, SEQUENCE)).resolves.toEqual({ added: 2 });
    expect((await rows()).map((row) => [row.moduleSlug, row.month, row.facilitatorId, row.createdBy])).toEqual([
      ['hakikat-kube', 11, 'rina0001', 'rina0001'],
      ['keuangan-kube', 12, 'rina0001', 'rina0001'],
    ]);
    await expect(fillPlan(t.db, rina, { kubeId: 'kubemaju1', year: 2026 }, SEQUENCE)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await fillPlan(t.db, admin, { kubeId: 'kubemaju1', year: 2027 }, SEQUENCE);
    const next = await t.db.select().from(trainingSessions).where(eq(trainingSessions.year, 2027));
    expect(next.map((row) => row.facilitatorId)).toEqual(['rina0001', 'rina0001']);
    expect(await rows()).toHaveLength(4);
  });

  it('refuses another KUBE’s facilitator, a position that does not exist and a facilitator not assigned, changing nothing', async () => {
    await expect(fillPlan(t.db, other, { kubeId: 'kubemaju1', year: 2026 }, SEQUENCE)).rejects.toThrow(DomainError);
    await expect(addSession(t.db, other, session())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(addSession(t.db, rina, session({ audience: 'position', jabatanCode: 'kasir' }))).rejects.toMatchObject(
      {
        field: 'jabatanCode',
      },
    );
    await expect(addSession(t.db, rina, session({ facilitatorId: 'dewi0001' }))).rejects.toMatchObject({
      field: 'facilitatorId',
    });
    expect(await rows()).toEqual([]);
    await addSession(t.db, rina, session({ facilitatorId: 'rina0001' }));
    expect(await rows()).toHaveLength(1);
  });

  it('turns a session into today’s workshop once, refuses a month not come, and stops its removal', async () => {
    const { id } = await addSession(t.db, rina, session({ month: 12 }));
    const [a, b] = await Promise.all([
      startSession(t.db, rina, { sessionId: id, place: 'Balai desa' }, TODAY),
      startSession(t.db, rina, { sessionId: id, place: 'Balai desa' }, TODAY),
    ]);
    expect(a.workshopId).toBe(b.workshopId);
    const made = await t.db.select().from(workshops);
    expect(made.map((w) => [w.kubeId, w.moduleSlug, w.date, w.place, w.createdBy])).toEqual([
      ['kubemaju1', 'usaha-produk', TODAY, 'Balai desa', 'rina0001'],
    ]);
    await expect(removeSession(t.db, rina, id)).rejects.toMatchObject({ code: 'CONFLICT' });
    const later = await addSession(t.db, rina, session({ year: 2027, month: 2 }));
    await expect(startSession(t.db, rina, { sessionId: later.id, place: 'Balai' }, TODAY)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(startSession(t.db, other, { sessionId: later.id, place: 'Balai' }, TODAY)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await removeSession(t.db, rina, later.id);
    expect(await rows()).toHaveLength(1);
  });

  it('moves a session to another month or facilitator, refusing one not assigned, and never once started', async () => {
    const { id } = await addSession(t.db, rina, session({ month: 3 }));
    await expect(updateSession(t.db, rina, { sessionId: id, month: 7, facilitatorId: 'rina0001' })).resolves.toEqual({
      changed: true,
    });
    await expect(updateSession(t.db, rina, { sessionId: id, month: 7, facilitatorId: 'rina0001' })).resolves.toEqual({
      changed: false,
    });
    const before = await rows();
    await expect(
      updateSession(t.db, rina, { sessionId: id, month: 8, facilitatorId: 'dewi0001' }),
    ).rejects.toMatchObject({ field: 'facilitatorId' });
    await expect(updateSession(t.db, other, { sessionId: id, month: 8, facilitatorId: null })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await rows()).toEqual(before);
    expect(before.map((row) => [row.month, row.facilitatorId])).toEqual([[7, 'rina0001']]);
    const started = await addSession(t.db, rina, session({ month: 12 }));
    await startSession(t.db, rina, { sessionId: started.id, place: 'Balai' }, TODAY);
    await expect(
      updateSession(t.db, rina, { sessionId: started.id, month: 1, facilitatorId: null }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('is done when its workshop closes, or when a workshop of its module was held apart from the plan', async () => {
    const started = await addSession(t.db, rina, session({ month: 11, moduleSlug: 'usaha-produk' }));
    await addSession(t.db, rina, session({ month: 10, moduleSlug: 'hakikat-kube' }));
    await addSession(t.db, rina, session({ month: 12, moduleSlug: 'hakikat-kube' }));
    const { workshopId } = await startSession(t.db, rina, { sessionId: started.id, place: 'Balai' }, TODAY);
    let plan = await loadSessions(t.db, ['kubemaju1'], { from: 2026, to: 2026 }, TODAY);
    expect(plan.map((row) => [row.moduleSlug, row.month, row.status, row.running?.id ?? null])).toEqual([
      ['hakikat-kube', 10, 'overdue', null],
      ['usaha-produk', 11, 'overdue', workshopId],
      ['hakikat-kube', 12, 'this_month', null],
    ]);
    await t.db.update(workshops).set({ phase: 'selesai', closedAt: new Date() }).where(eq(workshops.id, workshopId));
    // A hakikat workshop held in September, not started from the plan: it counts for the earliest hakikat session.
    await t.db.insert(workshops).values({
      id: 'heldapart01',
      kubeId: 'kubemaju1',
      moduleSlug: 'hakikat-kube',
      date: '2026-09-20',
      place: 'Balai',
      code: 'ABCDEF',
      phase: 'selesai',
      closedAt: new Date('2026-09-20T05:00:00Z'),
    });
    plan = await loadSessions(t.db, ['kubemaju1'], { from: 2026, to: 2026 }, TODAY);
    expect(plan.map((row) => [row.moduleSlug, row.month, row.status, row.heldBy?.date ?? null])).toEqual([
      ['hakikat-kube', 10, 'done', '2026-09-20'],
      ['usaha-produk', 11, 'done', TODAY],
      ['hakikat-kube', 12, 'this_month', null],
    ]);
  });

  it('shows a facilitator what is overdue and due soon in their KUBEs, and nothing of others', async () => {
    await addSession(t.db, rina, session({ month: 3 }));
    await addSession(t.db, rina, session({ year: 2027, month: 1 }));
    await addSession(t.db, rina, session({ year: 2027, month: 6 }));
    await addSession(t.db, other, session({ kubeId: 'kubemaju2', month: 3 }));
    const home = await listHomeSessions(t.db, rina, TODAY);
    expect(home.map((row) => [row.kubeName, row.year, row.month, row.status])).toEqual([
      ['Maju Bersama 1', 2026, 3, 'overdue'],
      ['Maju Bersama 1', 2027, 1, 'planned'],
    ]);
    expect(await listHomeSessions(t.db, admin, TODAY)).toEqual([]);
  });
});
