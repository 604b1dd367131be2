import { z } from 'astro/zod';
import { requiredText, username } from '../../../lib/forms.ts';

// The forms of the field laptop's screens. Messages are dictionary keys (lib/forms.ts).

/** The district's address as typed: http(s) only, without a trailing slash, e.g. `https://kube.dinsos.go.id`. */
export const districtUrl = () =>
  z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .max(200, 'errors.tooLong')
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
      } catch {
        return false;
      }
    }, 'lapangan.error.url')
    .transform((value) => value.replace(/\/+$/, ''));

/**
 * Pairing a fresh laptop with the district: where it is, the facilitator's sign-in there, a name for the laptop.
 * The sign-in fields have names of their own: the first-admin form on the same page has `username` and `password`,
 * and a refused pairing must not fill that form with what was typed here.
 */
export const pairInput = z.object({
  districtUrl: districtUrl(),
  facilitatorUsername: username(),
  facilitatorPassword: z.string({ error: 'errors.required' }).min(1, 'errors.required').max(256, 'errors.tooLong'),
  deviceName: requiredText(60),
});
export type PairInput = z.input<typeof pairInput>;
