import { defineAction } from 'astro:actions';
import { can } from '../auth/permissions.ts';
import { asAction, forbidden } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { findPositionKubeId } from './queries.ts';
import {
  createKubeInput,
  correctPositionInput,
  endPositionInput,
  facilitatorInput,
  recordPositionInput,
  updateKubeInput,
} from './schemas.ts';
import * as service from './service.ts';

export const kube = {
  create: defineAction({
    accept: 'form',
    input: createKubeInput,
    handler: async (input, context) => {
      if (!can(context.locals.actor, 'kube.create')) throw forbidden(context.locals.t);
      return asAction(() => service.createKube(db, input), context.locals.t);
    },
  }),

  update: defineAction({
    accept: 'form',
    input: updateKubeInput,
    handler: async (input, context) => {
      if (!can(context.locals.actor, 'kube.edit', { kubeId: input.kubeId })) throw forbidden(context.locals.t);
      return asAction(() => service.updateKube(db, input), context.locals.t);
    },
  }),

  recordPosition: defineAction({
    accept: 'form',
    input: recordPositionInput,
    handler: async (input, context) => {
      if (!can(context.locals.actor, 'kube.recordPosition', { kubeId: input.kubeId }))
        throw forbidden(context.locals.t);
      return asAction(() => service.recordPosition(db, input), context.locals.t);
    },
  }),

  endPosition: defineAction({
    accept: 'form',
    input: endPositionInput,
    handler: async (input, context) => {
      // The permission depends on the position's KUBE; an unknown position is refused like a foreign one,
      // except to an admin, who learns it is gone.
      const kubeId = await findPositionKubeId(db, input.positionId);
      if (!can(context.locals.actor, 'kube.recordPosition', { kubeId })) throw forbidden(context.locals.t);
      return asAction(() => service.endPosition(db, input), context.locals.t);
    },
  }),

  /** Corrects a position's days or note; the old values are kept in the history. */
  correctPosition: defineAction({
    accept: 'form',
    input: correctPositionInput,
    handler: async (input, context) => {
      const kubeId = await findPositionKubeId(db, input.positionId);
      const actor = context.locals.actor;
      if (!actor || !can(actor, 'kube.recordPosition', { kubeId })) throw forbidden(context.locals.t);
      return asAction(() => service.correctPosition(db, input, actor.id), context.locals.t);
    },
  }),

  assignFacilitator: defineAction({
    accept: 'form',
    input: facilitatorInput,
    handler: async (input, context) => {
      if (!can(context.locals.actor, 'kube.assignFacilitator', { kubeId: input.kubeId }))
        throw forbidden(context.locals.t);
      await asAction(() => service.assignFacilitator(db, input), context.locals.t);
      return { ok: true };
    },
  }),

  unassignFacilitator: defineAction({
    accept: 'form',
    input: facilitatorInput,
    handler: async (input, context) => {
      if (!can(context.locals.actor, 'kube.assignFacilitator', { kubeId: input.kubeId }))
        throw forbidden(context.locals.t);
      await asAction(() => service.unassignFacilitator(db, input), context.locals.t);
      return { ok: true };
    },
  }),
};
