import { ActionError, defineAction } from 'astro:actions';
import { can } from '../auth/permissions.ts';
import { db } from '../../lib/db.ts';
import { asAction } from '../../lib/forms.ts';
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

const forbidden = () => new ActionError({ code: 'FORBIDDEN', message: 'errors.forbidden' });

export const kube = {
  create: defineAction({
    accept: 'form',
    input: createKubeInput,
    handler: async (input, context) => {
      if (!can(context.locals.actor, 'kube.create')) throw forbidden();
      return asAction(() => service.createKube(db, input));
    },
  }),

  update: defineAction({
    accept: 'form',
    input: updateKubeInput,
    handler: async (input, context) => {
      if (!can(context.locals.actor, 'kube.edit', { kubeId: input.kubeId })) throw forbidden();
      return asAction(() => service.updateKube(db, input));
    },
  }),

  recordPosition: defineAction({
    accept: 'form',
    input: recordPositionInput,
    handler: async (input, context) => {
      if (!can(context.locals.actor, 'kube.recordPosition', { kubeId: input.kubeId })) throw forbidden();
      return asAction(() => service.recordPosition(db, input));
    },
  }),

  endPosition: defineAction({
    accept: 'form',
    input: endPositionInput,
    handler: async (input, context) => {
      // The permission depends on the position's KUBE; an unknown position is refused like a foreign one,
      // except to an admin, who learns it is gone.
      const kubeId = await findPositionKubeId(db, input.positionId);
      if (!can(context.locals.actor, 'kube.recordPosition', { kubeId })) throw forbidden();
      return asAction(() => service.endPosition(db, input));
    },
  }),

  /** Corrects a position's days or note; the old values are kept in the history. */
  correctPosition: defineAction({
    accept: 'form',
    input: correctPositionInput,
    handler: async (input, context) => {
      const kubeId = await findPositionKubeId(db, input.positionId);
      const actor = context.locals.actor;
      if (!actor || !can(actor, 'kube.recordPosition', { kubeId })) throw forbidden();
      return asAction(() => service.correctPosition(db, input, actor.id));
    },
  }),

  assignFacilitator: defineAction({
    accept: 'form',
    input: facilitatorInput,
    handler: async (input, context) => {
      if (!can(context.locals.actor, 'kube.assignFacilitator', { kubeId: input.kubeId })) throw forbidden();
      await asAction(() => service.assignFacilitator(db, input));
      return { ok: true };
    },
  }),

  unassignFacilitator: defineAction({
    accept: 'form',
    input: facilitatorInput,
    handler: async (input, context) => {
      if (!can(context.locals.actor, 'kube.assignFacilitator', { kubeId: input.kubeId })) throw forbidden();
      await asAction(() => service.unassignFacilitator(db, input));
      return { ok: true };
    },
  }),
};
