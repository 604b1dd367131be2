import { defineAction } from 'astro:actions';
import { getEntry } from 'astro:content';
import { z } from 'astro/zod';
import { WORKSHOP_PHASES, WORKSHOP_PURPOSES } from '../../../db/schema.ts';
import { asAction, fieldRefusal, forbidden, notFound, refusal } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { DomainError } from '../../lib/errors.ts';
import { latestWorkshopDate } from '../../lib/dates.ts';
import { isoDate, optionalText, pin, recordId, requiredText } from '../../lib/forms.ts';
import { can } from '../auth/permissions.ts';
import { getKube } from '../kube/queries.ts';
import { startSession, slowDown } from '../auth/actions.ts';
import { requestSource } from '../auth/source.ts';
import { grantTestPermission } from '../assessment/service.ts';
import { listLessons } from '../learning/curriculum.ts';
import { recordDeviceReports } from './devices.ts';
import { joinWorkshop, phaseTarget } from './join.ts';
import { advanceWorkshop } from './phases.ts';
import { clearPinBlocks } from './pin-blocks.ts';
import { createWorkshop, getWorkshop, recordAttendance } from './service.ts';

const workshopId = recordId();

/** The workshop and the caller, if the caller may run workshops of its KUBE. */
async function requireRunnable(id: string, { actor, t }: App.Locals) {
  const workshop = await getWorkshop(db, id);
  if (!workshop) throw notFound(t);
  if (!actor || !can(actor, 'workshop.run', { kubeId: workshop.kubeId })) throw forbidden(t);
  return { workshop, actor };
}

export const workshop = {
  /** A member joins on a shared tablet: code, name, PIN. Public: the person is not signed in yet. */
  join: defineAction({
    accept: 'form',
    input: z.object({
      code: z.string({ error: 'errors.required' }).max(20),
      personId: recordId('errors.choice'),
      // Any PIN a member has may join, a weak one too: the rule for new PINs (`newPin`) applies when one is set.
      pin: pin(),
    }),
    handler: async (input, context) => {
      const joined = await asAction(() => joinWorkshop(db, input, requestSource(context)), context.locals.t);
      if ('waitMs' in joined) slowDown(context.locals.t, joined.waitMs);
      // The tablet now belongs to this member; whoever used it before is signed out of it.
      await startSession(context, joined.personId, joined.workshop.id);
      if (joined.workshop.phase === 'post_test') {
        // In a workshop the facilitator opens the post-test for everyone present; one who already handed it in
        // needs no opening, and the refusal that says so is not for the member's tablet.
        await grantTestPermission(db, {
          personId: joined.personId,
          moduleSlug: joined.workshop.moduleSlug,
          kind: 'open_post',
          grantedBy: joined.workshop.createdBy ?? joined.personId,
        }).catch((error: unknown) => {
          if (!(error instanceof DomainError)) throw error;
        });
      }
      return { next: phaseTarget(joined.workshop) };
    },
  }),

  /**
   * A workshop tablet, every few seconds: the attempts it holds and how many of their answers it could not
   * send yet. Answers with the phase, so a tablet showing lessons can move on to the post-test.
   */
  report: defineAction({
    accept: 'json',
    input: z.strictObject({
      held: z
        .array(
          z.strictObject({
            attemptId: z.uuid({ error: 'errors.invalid' }),
            unsent: z.int({ error: 'errors.invalid' }).min(0).max(500),
            submitPending: z.boolean({ error: 'errors.invalid' }),
          }),
          { error: 'errors.invalid' },
        )
        .max(50, 'errors.invalid'),
    }),
    handler: async (input, context) => {
      // The tablet's open workshop, loaded by the middleware with the session (a closed one ends it).
      const { actor, workshop: current } = context.locals;
      if (!actor || !current) throw forbidden(context.locals.t);
      const held = input.held.map(({ attemptId, unsent, submitPending }) => ({ attemptId, unsent, submitPending }));
      await asAction(() => recordDeviceReports(db, current, held), context.locals.t);
      return { phase: current.phase, target: phaseTarget(current) };
    },
  }),

  create: defineAction({
    accept: 'form',
    input: z.object({
      kubeId: recordId(),
      moduleSlug: z.string({ error: 'errors.choice' }).regex(/^[a-z0-9-]{1,60}$/, 'errors.choice'),
      date: isoDate().refine((value) => value <= latestWorkshopDate(), 'workshop.errors.dateTooFar'),
      place: requiredText(120),
      notes: optionalText(500),
      purpose: z.enum(WORKSHOP_PURPOSES, { error: 'errors.choice' }).default('learning'),
    }),
    handler: async (input, context) => {
      const actor = context.locals.actor;
      if (!actor || !can(actor, 'workshop.run', { kubeId: input.kubeId })) throw forbidden(context.locals.t);
      if (!(await getKube(db, input.kubeId))) throw notFound(context.locals.t);
      const module = await getEntry('modules', input.moduleSlug);
      if (!module || !(await getEntry('questions', input.moduleSlug))) {
        throw fieldRefusal('moduleSlug', 'errors.choice');
      }
      const created = await createWorkshop(db, input, actor.id);
      return { id: created.id };
    },
  }),

  /**
   * Moves the workshop to its next phase; `from` makes a double tap harmless. While tablets still hold
   * unsent answers it refuses (412, "confirm first") until the facilitator confirms with `confirm=1`.
   */
  advance: defineAction({
    accept: 'form',
    input: z.object({
      workshopId,
      from: z.enum(WORKSHOP_PHASES, { error: 'errors.invalid' }),
      confirm: z.literal('1', { error: 'errors.invalid' }).nullish(),
    }),
    handler: async (input, context) => {
      const { actor, workshop } = await requireRunnable(input.workshopId, context.locals);
      const lessonIds = (await listLessons(workshop.moduleSlug)).map((lesson) => lesson.id);
      const result = await asAction(
        () =>
          advanceWorkshop(db, {
            workshopId: input.workshopId,
            from: input.from,
            by: actor.id,
            confirmed: input.confirm === '1',
            lessonIds,
          }),
        context.locals.t,
      );
      if (!result.moved) throw refusal(context.locals.t, 'PRECONDITION_FAILED', 'workshop.errors.unsent');
      return { phase: result.workshop.phase };
    },
  }),

  /** "Hapus blokir PIN": the facilitator lets members in again after wrong PINs (theirs or a guesser's). */
  clearPinBlocks: defineAction({
    accept: 'form',
    input: z.object({ workshopId }),
    handler: async (input, context) => {
      const { workshop } = await requireRunnable(input.workshopId, context.locals);
      return { cleared: await clearPinBlocks(db, workshop) };
    },
  }),

  /** Presensi by hand: a member without a PIN, or who came late. */
  markAttendance: defineAction({
    accept: 'form',
    input: z.object({ workshopId, personId: recordId() }),
    handler: async (input, context) => {
      await requireRunnable(input.workshopId, context.locals);
      await asAction(() => recordAttendance(db, { ...input, method: 'manual' }), context.locals.t);
      return { ok: true };
    },
  }),
};
