import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { sessions, testPermissions, workshopAttendance, workshops, type WorkshopPhase } from '../../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { completeLessonsTogether } from '../learning/progress.ts';
import { holdsAnswers, loadBoard, type BoardRow } from './board.ts';
import { nextPhase } from './rules.ts';
import { getWorkshop, type Workshop } from './service.ts';

export type AdvanceInput = {
  workshopId: string;
  /** The phase the facilitator saw: a second tap of the same button changes nothing. */
  from: WorkshopPhase;
  /** Who moves it (recorded on the post-test permissions it opens). */
  by: string;
  /** The facilitator was told who still holds unsent answers and moves on anyway. */
  confirmed?: boolean;
  /** The module's lessons: leaving the materi phase counts them done for everyone present. */
  lessonIds?: readonly string[];
};

export type AdvanceResult = { moved: true; workshop: Workshop } | { moved: false; holders: BoardRow[] };

/**
 * Moves the workshop to its next phase. While a tablet still holds (or may hold) answers of the test in
 * progress, it does not move unless `confirmed`, and says who. Opening the post-test opens it for everyone
 * present, and counts the lessons of the materi phase done for them, in the same transaction.
 */
export async function advanceWorkshop(db: Executor, input: AdvanceInput, now = new Date()): Promise<AdvanceResult> {
  return db.transaction(async (tx) => {
    const workshop = await getWorkshop(tx, input.workshopId);
    if (!workshop) throw new DomainError('errors.notFound', { code: 'NOT_FOUND' });
    if (workshop.phase !== input.from) return { moved: true, workshop };
    const to = nextPhase(input.from);
    if (!to) throw new DomainError('workshop.errors.closed', { code: 'CONFLICT' });
    if (!input.confirmed) {
      const holders = (await loadBoard(tx, workshop, now)).filter(holdsAnswers);
      if (holders.length > 0) return { moved: false, holders };
    }
    const [moved] = await tx
      .update(workshops)
      .set({ phase: to, closedAt: to === 'selesai' ? now : null })
      .where(eq(workshops.id, workshop.id))
      .returning();
    if (!moved) throw new Error('workshop vanished');
    // A closed workshop signs its tablets out at once (the middleware would refuse them anyway).
    if (to === 'selesai') await tx.delete(sessions).where(eq(sessions.workshopId, workshop.id));
    if (to === 'post_test') {
      const present = await tx
        .select({ personId: workshopAttendance.personId })
        .from(workshopAttendance)
        .where(eq(workshopAttendance.workshopId, workshop.id));
      for (const { personId } of present) {
        await tx
          .insert(testPermissions)
          .values({ personId, moduleSlug: workshop.moduleSlug, kind: 'open_post', grantedBy: input.by, grantedAt: now })
          .onConflictDoUpdate({
            target: [testPermissions.personId, testPermissions.moduleSlug, testPermissions.kind],
            set: { grantedBy: input.by, grantedAt: now },
          });
        const lessons = { moduleSlug: workshop.moduleSlug, lessonIds: input.lessonIds ?? [] };
        await completeLessonsTogether(tx, personId, lessons, now);
      }
    }
    return { moved: true, workshop: moved };
  });
}
