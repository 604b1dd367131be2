import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { db } from '../../lib/db.ts';
import { asAction } from '../../lib/forms.ts';
import { can, type Actor, type Permission } from '../auth/permissions.ts';
import { createPersonInput, resetSecretInput, updatePersonInput } from './schemas.ts';
import { createPerson, resetPersonSecret, updatePerson } from './service.ts';

/** The admin behind the request, or a refusal: checked before any input reaches the database. */
function requireActor(context: ActionAPIContext, permission: Permission): Actor {
  const actor = context.locals.actor;
  if (!actor || !can(actor, permission)) throw new ActionError({ code: 'FORBIDDEN', message: 'errors.forbidden' });
  return actor;
}

export const people = {
  create: defineAction({
    accept: 'form',
    input: createPersonInput,
    handler: async (input, context) => {
      requireActor(context, 'person.create');
      return asAction(() => createPerson(db, input));
    },
  }),

  update: defineAction({
    accept: 'form',
    input: updatePersonInput,
    handler: async (input, context) => {
      const actor = requireActor(context, 'person.edit');
      return asAction(() => updatePerson(db, input, actor.id));
    },
  }),

  resetSecret: defineAction({
    accept: 'form',
    input: resetSecretInput,
    handler: async (input, context) => {
      requireActor(context, 'person.edit');
      await asAction(() => resetPersonSecret(db, input));
      return { ok: true };
    },
  }),
};
