import { z } from 'astro/zod';
import { MARKETING_CHANNELS, PARTNER_TYPES, PARTNERSHIP_STATUSES } from '../../../db/schema.ts';
import { isWithinYears } from '../../lib/dates.ts';
import {
  isoDate,
  optionalIsoDate,
  optionalText,
  recordId,
  requiredText,
  typedNumber,
  YEARS_MESSAGE,
} from '../../lib/forms.ts';

// The shapes of the business-fact forms. The service's input types are derived from them, so a field added
// to a form is a field the service must handle.

export const channelShape = {
  kubeId: recordId(),
  channel: z.enum(MARKETING_CHANNELS, { error: 'errors.choice' }),
  detail: optionalText(200),
  startedOn: isoDate(),
  endedOn: optionalIsoDate(),
};
export const productShape = {
  kubeId: recordId(),
  name: requiredText(120),
  note: optionalText(300),
  startedOn: isoDate(),
  endedOn: optionalIsoDate(),
};
export const partnershipShape = {
  kubeId: recordId(),
  partner: requiredText(160),
  type: z.enum(PARTNER_TYPES, { error: 'errors.choice' }),
  since: isoDate(),
  status: z.enum(PARTNERSHIP_STATUSES, { error: 'errors.choice' }),
  endedOn: optionalIsoDate(),
  note: optionalText(300),
};
export const turnoverShape = {
  kubeId: recordId(),
  month: z
    .string({ error: 'errors.required' })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'facts.errors.month')
    .refine(isWithinYears, YEARS_MESSAGE),
  amount: typedNumber('facts.errors.amount').refine(
    (value) => Number.isInteger(value) && value >= 0 && value < 1e13,
    'facts.errors.amount',
  ),
};

export type ChannelInput = z.output<z.ZodObject<typeof channelShape>>;
export type ProductInput = z.output<z.ZodObject<typeof productShape>>;
export type PartnershipInput = z.output<z.ZodObject<typeof partnershipShape>>;
export type TurnoverInput = z.output<z.ZodObject<typeof turnoverShape>>;
