import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { asAction } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { requiredText } from '../../lib/forms.ts';
import { parseCode } from './code.ts';
import { withdrawCertificate } from './withdraw.ts';

export const sertifikat = {
  /** An admin withdraws a certificate; the reason is required and kept. */
  withdraw: defineAction({
    accept: 'form',
    input: z.object({
      code: z.string({ error: 'errors.invalid' }).refine((value) => parseCode(value) === value, 'errors.invalid'),
      reason: requiredText(500, { multiline: true }).refine(
        (value) => value.length >= 5,
        'certificate.errors.reasonShort',
      ),
    }),
    handler: async (input, context) =>
      asAction(() => withdrawCertificate(db, context.locals.actor, input), context.locals.t),
  }),
};
