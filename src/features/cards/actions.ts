import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { asAction, forbidden } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { recordId } from '../../lib/forms.ts';
import { can } from '../auth/permissions.ts';
import { keepCards } from './batches.ts';
import { MAX_REISSUE, reissueCards } from './reissue.ts';

export const kartu = {
  /** New PINs (officers: first passwords) for chosen members of a KUBE, printed once as cards. */
  reissue: defineAction({
    accept: 'form',
    input: z.object({
      kubeId: recordId(),
      personId: z.array(recordId()).min(1, 'import.reprint.choose').max(MAX_REISSUE, 'import.reprint.tooMany'),
    }),
    handler: async (input, context) => {
      const actor = context.locals.actor;
      if (!actor || !can(actor, 'kube.view', { kubeId: input.kubeId })) throw forbidden(context.locals.t);
      const cards = await asAction(() => reissueCards(db, actor, input.kubeId, input.personId), context.locals.t);
      return { kubeId: input.kubeId, batchId: keepCards(actor.id, cards) };
    },
  }),
};
