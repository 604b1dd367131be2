import { defineAction, type ActionAPIContext } from 'astro:actions';
import { asAction, refusal } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { z } from 'astro/zod';
import { recordId } from '../../lib/forms.ts';
import { newPin } from '../auth/pin.ts';
import { findPersonKubeId } from '../auth/actor.ts';
import { can, type Actor, type Permission } from '../auth/permissions.ts';
import { createPersonInput, resetSecretInput, updatePersonInput } from './schemas.ts';
import { createPerson, resetPersonSecret, updatePerson } from './service.ts';

/** The admin behind the request, or a refusal: checked before any input reaches the database. */
function requireActor(context: ActionAPIContext, permission: Permission): Actor {
  const actor = context.locals.actor;
  if (!actor || !can(actor, permission)) throw refusal(context.locals.t, 'FORBIDDEN', 'errors.forbidden');
  return actor;
}

export const people = {
  create: defineAction({
    accept: 'form',
    input: createPersonInput,
    handler: async (input, context) => {
      requireActor(context, 'person.create');
      return asAction(() => createPerson(db, input), context.locals.t);
    },
  }),

  update: defineAction({
    accept: 'form',
    input: updatePersonInput,
    handler: async (input, context) => {
      const actor = requireActor(context, 'person.edit');
      return asAction(() => updatePerson(db, input, actor.id), context.locals.t);
    },
  }),

  /** A facilitator gives a member of their KUBE a new PIN, e.g. when it is forgotten at a workshop. */
  resetPin: defineAction({
    accept: 'form',
    input: z.object({ id: recordId(), pin: newPin() }),
    handler: async (input, context) => {
      const kubeId = await findPersonKubeId(db, input.id);
      if (!can(context.locals.actor, 'person.resetPin', { kubeId })) {
        throw refusal(context.locals.t, 'FORBIDDEN', 'errors.forbidden');
      }
      await asAction(() => resetPersonSecret(db, { kind: 'pin', id: input.id, pin: input.pin }), context.locals.t);
      return { ok: true };
    },
  }),

  resetSecret: defineAction({
    accept: 'form',
    input: resetSecretInput,
    handler: async (input, context) => {
      requireActor(context, 'person.edit');
      await asAction(() => resetPersonSecret(db, input), context.locals.t);
      return { ok: true };
    },
  }),
};
