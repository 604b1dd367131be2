import { defineAction } from 'astro:actions';
import { asAction, forbidden } from '../../../lib/action-errors.ts';
import { db } from '../../../lib/db.ts';
import { can } from '../../auth/permissions.ts';
import { importInput, revokeInput } from './schemas.ts';
import * as service from './service.ts';

export const perangkat = {
  /** Revokes a paired field laptop (admins only); the district then refuses everything it sends. */
  revoke: defineAction({
    accept: 'form',
    input: revokeInput,
    handler: async (input, context) => {
      const actor = context.locals.actor;
      if (!actor || !can(actor, 'device.manage')) throw forbidden(context.locals.t);
      return asAction(() => service.revokeDevice(db, input, actor), context.locals.t);
    },
  }),

  /** Imports a paket lapangan uploaded at the district: by an admin, or by the laptop's own facilitator. */
  upload: defineAction({
    accept: 'form',
    input: importInput,
    handler: async (input, context) => {
      const actor = context.locals.actor;
      if (!actor || !(can(actor, 'device.manage') || can(actor, 'device.own'))) throw forbidden(context.locals.t);
      const text = await input.package.text();
      return asAction(() => service.importDevicePackage(db, text, actor), context.locals.t);
    },
  }),
};
