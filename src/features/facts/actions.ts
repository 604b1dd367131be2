import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { asAction } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { recordId } from '../../lib/forms.ts';
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
      const by = await requireKubeRecorder(input.kubeId, context.locals);
      return asAction(() => addChannel(db, input, by), context.locals.t);
    },
  }),

  correctChannel: defineAction({
    accept: 'form',
    input: z.object({ ...channelShape, id: recordId() }),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals);
      return { changed: await asAction(() => correctChannel(db, input, by), context.locals.t) };
    },
  }),

  addProduct: defineAction({
    accept: 'form',
    input: z.object(productShape),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals);
      return asAction(() => addProduct(db, input, by), context.locals.t);
    },
  }),

  correctProduct: defineAction({
    accept: 'form',
    input: z.object({ ...productShape, id: recordId() }),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals);
      return { changed: await asAction(() => correctProduct(db, input, by), context.locals.t) };
    },
  }),

  addPartnership: defineAction({
    accept: 'form',
    input: z.object(partnershipShape),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals);
      return asAction(() => addPartnership(db, input, by), context.locals.t);
    },
  }),

  /** Updates a partnership (it became active, it ended) or corrects it; the old values are kept. */
  correctPartnership: defineAction({
    accept: 'form',
    input: z.object({ ...partnershipShape, id: recordId() }),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals);
      return { changed: await asAction(() => correctPartnership(db, input, by), context.locals.t) };
    },
  }),

  /** A month's turnover (omzet) in rupiah; a new amount for a recorded month is a logged correction. */
  setTurnover: defineAction({
    accept: 'form',
    input: z.object(turnoverShape),
    handler: async (input, context) => {
      const by = await requireKubeRecorder(input.kubeId, context.locals);
      await asAction(() => setTurnover(db, input, by), context.locals.t);
      return { ok: true };
    },
  }),
};
