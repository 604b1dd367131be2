import { z } from 'astro/zod';
import { isoDate, optionalIsoDate, optionalText, recordId, requiredText, textProblem } from '../../lib/forms.ts';
import { isFutureDate } from '../../lib/dates.ts';

// The inputs of the KUBE forms. Messages are dictionary keys (see src/lib/forms.ts); empty fields arrive
// as null. The service checks again what depends on the database (membership, holders, roles).

export const MAX_BUSINESS_TYPES = 10;
const MAX_BUSINESS_TYPE_LENGTH = 60;

/** Kinds of business typed in one field, e.g. "warung sate, penjualan kambing": a short list, no repeats. */
const businessTypes = () =>
  z
    .string()
    .normalize('NFC')
    .refine((value) => value.trim() === '' || textProblem(value) === null, 'errors.hiddenCharacters')
    .nullish()
    .transform((value) => {
      const items = (value ?? '')
        .split(',')
        .map((item) => item.trim().replace(/\s+/g, ' '))
        .filter((item) => item.length > 0);
      const seen = new Set<string>();
      return items.filter((item) => {
        const key = item.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    })
    .pipe(
      z
        .array(z.string().max(MAX_BUSINESS_TYPE_LENGTH, 'kube.errors.businessTypeLong'))
        .min(1, 'errors.required')
        .max(MAX_BUSINESS_TYPES, 'kube.errors.tooManyBusinessTypes'),
    );

/** A day that has already come (or is today); positions and decrees are recorded, never planned. */
export const pastOrToday = () => isoDate().refine((value) => !isFutureDate(value), 'kube.errors.dateInFuture');

/** A choice from a select list: "pick one" when nothing (or nothing valid) was chosen. */
const chosenId = () => recordId('errors.choice');

export const kubeFields = {
  name: requiredText(80),
  desa: requiredText(80),
  kecamatan: requiredText(80),
  kabupaten: requiredText(80),
  provinsi: requiredText(80),
  businessTypes: businessTypes(),
  /** Number of the decree (Surat Keputusan) that made the group legal; new groups may not have one yet. */
  skNumber: optionalText(80),
  skDate: optionalIsoDate().refine((value) => value === null || !isFutureDate(value), 'kube.errors.dateInFuture'),
};

export const createKubeInput = z.object(kubeFields);
export const updateKubeInput = z.object({ kubeId: recordId(), ...kubeFields });

export const recordPositionInput = z.object({
  kubeId: recordId(),
  personId: chosenId(),
  jabatanCode: z.string({ error: 'errors.choice' }).regex(/^[a-z0-9_]{1,40}$/, 'errors.choice'),
  startDate: pastOrToday(),
  note: optionalText(200),
});

export const endPositionInput = z.object({ positionId: recordId(), endDate: pastOrToday() });

/** A correction of a position record: its first day, its last day (or still held) and its note. */
export const correctPositionInput = z.object({
  positionId: recordId(),
  startDate: pastOrToday(),
  endDate: optionalIsoDate().refine((value) => value === null || !isFutureDate(value), 'kube.errors.dateInFuture'),
  note: optionalText(200),
});

export const facilitatorInput = z.object({ kubeId: recordId(), personId: chosenId() });

export type KubeInput = z.output<typeof createKubeInput>;
export type UpdateKubeInput = z.output<typeof updateKubeInput>;
export type RecordPositionInput = z.output<typeof recordPositionInput>;
export type EndPositionInput = z.output<typeof endPositionInput>;
export type FacilitatorInput = z.output<typeof facilitatorInput>;
export type CorrectPositionInput = z.output<typeof correctPositionInput>;
