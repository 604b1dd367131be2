import { z } from 'astro/zod';
import type { MessageKey } from '../i18n/index.ts';
import { EARLIEST_YEAR, isWithinYears, LATEST_YEAR } from './dates.ts';

// Schemas carry dictionary keys, not sentences, so the same rule reads right in every language; a key's
// values travel beside it (a custom issue's `params`, or the limit a length check keeps on its issue, see
// `issueMessage`). Empty form fields arrive as null.

// Text people type is stored as NFC, so the same name typed on two tablets is the same string. Control and
// format characters (Unicode Cc, Cf, and line or paragraph separators) are refused, not silently dropped:
// NUL, escape codes, a right-to-left override or zero-width characters make a name that shows as something
// else, or as nothing, on a shared tablet. Only a multi-line note may hold line breaks.
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const LINE_BREAKS = /\r\n?|\n/g;

export type TextOptions = { /** A note typed in a textarea: line breaks are kept. */ multiline?: boolean };

/** The dictionary key for what is wrong with a typed text, or null when it may be stored. */
export function textProblem(value: string, { multiline = false }: TextOptions = {}): MessageKey | null {
  if (value.replace(HIDDEN_CHARACTERS, '').trim() === '') return 'errors.required';
  const checked = multiline ? value.replace(LINE_BREAKS, '') : value;
  return HIDDEN_CHARACTER.test(checked) ? 'errors.hiddenCharacters' : null;
}

/** Typed text as stored: NFC, trimmed, and refused when it hides characters (see textProblem). */
const typedText = (max: number, options: TextOptions, required: boolean) =>
  z
    .string(required ? { error: 'errors.required' } : undefined)
    .normalize('NFC')
    .trim()
    .max(max, 'errors.tooLong')
    .superRefine((value, ctx) => {
      const problem = value === '' ? null : textProblem(value, options);
      // An optional field holding only invisible characters is not empty: say what is in it.
      const message = problem === 'errors.required' && !required ? 'errors.hiddenCharacters' : problem;
      if (message) ctx.addIssue({ code: 'custom', message });
    });

export const requiredText = (max = 120, options: TextOptions = {}) =>
  typedText(max, options, true).min(1, 'errors.required');

export const optionalText = (max = 120, options: TextOptions = {}) =>
  typedText(max, options, false)
    .nullish()
    .transform((value) => (value ? value : null));

const isRealDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};
const isIsoDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value);
/** Shown when a real date lies outside the years the platform accepts (see src/lib/dates.ts). */
export const YEARS_MESSAGE = { error: 'errors.dateYears', params: { from: EARLIEST_YEAR, to: LATEST_YEAR } } as const;

/** A calendar date as `YYYY-MM-DD`, the format of `<input type="date">`, within sensible years. */
export const isoDate = () =>
  z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .refine(isIsoDay, 'errors.date')
    .refine((value) => !isIsoDay(value) || isWithinYears(value), YEARS_MESSAGE);

export const optionalIsoDate = () =>
  z
    .string()
    .trim()
    .nullish()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || isIsoDay(value), 'errors.date')
    .refine((value) => value === null || !isIsoDay(value) || isWithinYears(value), YEARS_MESSAGE);

export const username = () =>
  z
    .string({ error: 'errors.required' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,32}$/, 'errors.username');

/** A member's PIN: 4 to 6 digits, easy to remember and to type on a tablet. */
/** A number typed the Indonesian way: "1.500.000" or "1500000" rupiah; "0,3" or "80". */
export const typedNumber = (error: MessageKey) =>
  z
    .string({ error })
    .trim()
    .regex(/^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+([.,]\d+)?$/, error)
    .transform((value) =>
      Number((/^\d{1,3}(\.\d{3})+/.test(value) ? value.replaceAll('.', '') : value).replace(',', '.')),
    );

export const pin = () => z.string({ error: 'errors.required' }).regex(/^\d{4,6}$/, 'errors.pin');

/**
 * The one rule for the id of a row, wherever a form or a request names one: what `newId` makes (32 hex
 * characters), or the readable ids of the demo, the scripts and the tests (8–40 lower-case letters and
 * digits). Anything else is refused before it reaches a query. `message` says what to do, e.g. "pick one".
 */
const RECORD_ID = /^[a-z0-9]{8,40}$/;
export const recordId = (message = 'errors.invalid') => z.string({ error: message }).regex(RECORD_ID, message);

/** A row picked in an optional select: empty means none. */
export const optionalRecordId = (message = 'errors.invalid') =>
  z
    .string({ error: message })
    .trim()
    .nullish()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || RECORD_ID.test(value), message);

// Pages read action outcomes through these; they live with the rest of the action protocol.
export { formErrors, type FormErrors } from './action-errors.ts';
export { translateMessage } from './errors.ts';
