import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { db } from '../../lib/db.ts';
import { asAction, recordId } from '../../lib/forms.ts';
import { requireKubeRecorder } from '../kube/recorder.ts';
import { channelShape, partnershipShape, productShape, turnoverShape } from './schemas.ts';
import {
  addChannel,
  addPartnership,
  addProduct,
  correctChannel,
  correctPartnership,
  correctProduct,
  setTurnover,
} from './service.ts';

// Business facts of a KUBE (success indicator 3). A correction returns whether anything changed, so the
// page can say "nothing to save" instead of logging an empty correction.
export const facts = {
  addChannel: defineAction({
    accept: 'form',
    input: z.object(channelShape),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals.actor);
      return asAction(() => addChannel(db, input, by));
    },
  }),

  correctChannel: defineAction({
    accept: 'form',
    input: z.object({ ...channelShape, id: recordId() }),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals.actor);
      return { changed: await asAction(() => correctChannel(db, input, by)) };
    },
  }),

  addProduct: defineAction({
    accept: 'form',
    input: z.object(productShape),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals.actor);
      return asAction(() => addProduct(db, input, by));
    },
  }),

  correctProduct: defineAction({
    accept: 'form',
    input: z.object({ ...productShape, id: recordId() }),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals.actor);
      return { changed: await asAction(() => correctProduct(db, input, by)) };
    },
  }),

  addPartnership: defineAction({
    accept: 'form',
    input: z.object(partnershipShape),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals.actor);
      return asAction(() => addPartnership(db, input, by));
    },
  }),

  /** Updates a partnership (it became active, it ended) or corrects it; the old values are kept. */
  correctPartnership: defineAction({
    accept: 'form',
    input: z.object({ ...partnershipShape, id: recordId() }),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals.actor);
      return { changed: await asAction(() => correctPartnership(db, input, by)) };
    },
  }),

  /** A month's turnover (omzet) in rupiah; a new amount for a recorded month is a logged correction. */
  setTurnover: defineAction({
    accept: 'form',
    input: z.object(turnoverShape),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals.actor);
      await asAction(() => setTurnover(db, input, by));
      return { ok: true };
    },
  }),
};
