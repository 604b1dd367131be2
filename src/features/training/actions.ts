import { defineAction } from 'astro:actions';
import { getEntry } from 'astro:content';
import { z } from 'astro/zod';
import { SESSION_AUDIENCES } from '../../../db/schema.ts';
import { asAction, fieldRefusal, notFound } from '../../lib/action-errors.ts';
import { todayIso } from '../../lib/dates.ts';
import { db } from '../../lib/db.ts';
import { optionalRecordId, recordId, requiredText } from '../../lib/forms.ts';
import { getKube } from '../kube/queries.ts';
import { listPaths } from '../paths/paths.ts';
import { MEMBER_PATH } from '../paths/path-schema.ts';
import { defaultSequence, firstPlannedMonth } from './sequence.ts';
import { addSession, fillPlan, removeSession, startSession, updateSession } from './service.ts';

// A KUBE's training plan. Every handler checks `workshop.run` for the session's KUBE in the service.

const month = z.coerce
  .number({ error: 'errors.choice' })
  .int('errors.choice')
  .min(1, 'errors.choice')
  .max(12, 'errors.choice');

const year = z.coerce
  .number({ error: 'errors.invalid' })
  .int('errors.invalid')
  .min(2020, 'training.errors.year')
  .max(2099, 'training.errors.year');

export const rencana = {
  /** Fills an empty plan of a year with the program's default sequence. */
  fill: defineAction({
    accept: 'form',
    input: z.object({ kubeId: recordId(), year }),
    handler: async (input, context) => {
      const { t } = context.locals;
      if (!(await getKube(db, input.kubeId))) throw notFound(t);
      const from = firstPlannedMonth(input.year, todayIso());
      if (from === null) throw fieldRefusal('year', 'training.errors.pastYear');
      const paths = await listPaths();
      const sessions = defaultSequence(
        {
          members: paths.get(MEMBER_PATH)?.data.steps ?? [],
          byPosition: new Map([...paths].map(([code, path]) => [code, path.data.steps])),
        },
        from,
      );
      return asAction(() => fillPlan(db, context.locals.actor, input, sessions), t);
    },
  }),

  /** One session added by hand. */
  add: defineAction({
    accept: 'form',
    input: z
      .object({
        kubeId: recordId(),
        year,
        month,
        moduleSlug: z.string({ error: 'errors.choice' }).regex(/^[a-z0-9-]{1,60}$/, 'errors.choice'),
        audience: z.enum(SESSION_AUDIENCES, { error: 'errors.choice' }),
        jabatanCode: z
          .string()
          .regex(/^[a-z0-9_]{1,40}$/, 'errors.choice')
          .nullish()
          .transform((value) => value ?? null),
        facilitatorId: optionalRecordId('errors.choice'),
      })
      .refine((input) => input.audience !== 'position' || input.jabatanCode !== null, {
        error: 'training.errors.position',
        path: ['jabatanCode'],
      }),
    handler: async (input, context) => {
      const { t } = context.locals;
      if (!(await getEntry('modules', input.moduleSlug))) throw fieldRefusal('moduleSlug', 'errors.choice');
      const session = {
        ...input,
        jabatanCode: input.audience === 'position' ? input.jabatanCode : null,
        facilitatorId: input.facilitatorId ?? null,
      };
      return asAction(() => addSession(db, context.locals.actor, session), t);
    },
  }),

  /** A session moved to another month, or given another facilitator. */
  update: defineAction({
    accept: 'form',
    input: z.object({ sessionId: recordId(), month, facilitatorId: optionalRecordId('errors.choice') }),
    handler: async (input, context) =>
      asAction(
        () =>
          updateSession(db, context.locals.actor, {
            sessionId: input.sessionId,
            month: input.month,
            facilitatorId: input.facilitatorId ?? null,
          }),
        context.locals.t,
      ),
  }),

  /** Removes a session that has not become a workshop. */
  remove: defineAction({
    accept: 'form',
    input: z.object({ sessionId: recordId() }),
    handler: async (input, context) =>
      asAction(async () => {
        await removeSession(db, context.locals.actor, input.sessionId);
        return { removed: true };
      }, context.locals.t),
  }),

  /** The one tap: the session becomes today's workshop, at the place typed (the KUBE's hall by default). */
  start: defineAction({
    accept: 'form',
    input: z.object({ sessionId: recordId(), place: requiredText(120) }),
    handler: async (input, context) =>
      asAction(() => startSession(db, context.locals.actor, input, todayIso()), context.locals.t),
  }),
};
