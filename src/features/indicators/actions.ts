import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { INDICATOR_TARGETS, type IndicatorTargetKey } from '../../../db/schema.ts';
import { asAction, forbidden } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { typedNumber } from '../../lib/forms.ts';
import { can } from '../auth/permissions.ts';
import { setTarget } from './data.ts';

export const indicators = {
  /** An indicator's target for a year: a percentage for shares, a g value for the class gain. */
  setTarget: defineAction({
    accept: 'form',
    input: z.object({
      year: z.coerce
        .number({ error: 'errors.invalid' })
        .int('errors.invalid')
        .min(2020, 'errors.invalid')
        .max(2100, 'errors.invalid'),
      key: z.enum(INDICATOR_TARGETS, { error: 'errors.choice' }),
      value: typedNumber('indicators.errors.targetNumber'),
    }),
    handler: async (input, context) => {
      const actor = context.locals.actor;
      if (!actor || !can(actor, 'indicators.setTarget')) throw forbidden(context.locals.t);
      const key: IndicatorTargetKey = input.key;
      const value = key === 'i2_class_gain' ? input.value : input.value / 100;
      await asAction(() => setTarget(db, { year: input.year, key, value }, actor.id), context.locals.t);
      return { ok: true };
    },
  }),
};
