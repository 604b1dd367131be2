import { z } from 'astro/zod';
import { SEXES } from '../../../db/schema.ts';
import { optionalText, requiredText, username } from '../../lib/forms.ts';
import { phone } from '../people/schemas.ts';

// One spreadsheet row as the import reads it. Cells arrive as text ('' when empty); the schema carries
// dictionary keys, so a bad cell is reported in the reader's language with its row and column.

const IMPORT_ROLES = ['anggota', 'pengurus'] as const;

/** L or P as forms write it, in either case; the words themselves are read too. Empty: not known. */
const sex = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => (value === 'laki-laki' ? 'l' : value === 'perempuan' ? 'p' : value))
    .refine((value) => value === '' || value === 'l' || value === 'p', 'import.errors.sex')
    .transform((value) => SEXES.find((code) => code.toLowerCase() === value) ?? null);

export const importRow = z.object({
  /** Where the KUBE is: kabupaten, kecamatan, desa. */
  kabupaten: requiredText(80),
  kecamatan: requiredText(80),
  desa: requiredText(80),
  /** The KUBE's name; with the three places it says which KUBE is meant. */
  kubeName: requiredText(80),
  /** Full name as the person is known in the village. */
  name: requiredText(80),
  /** Jenis kelamin: L, P or empty. */
  sex: sex(),
  /** anggota (signs in with a PIN) or pengurus (with a password). */
  role: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(IMPORT_ROLES, { error: 'import.errors.role' })),
  /** A position of the list, by code or name; empty: none. Resolved against the list later. */
  jabatan: optionalText(80),
  phone: phone(),
  /** Sign-in name; empty: one is made from the name. */
  username: z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value))
    .pipe(username().nullable()),
  /** Only needed for a KUBE in a kabupaten with no KUBE yet. */
  provinsi: optionalText(80),
});

export type ImportRow = z.output<typeof importRow>;
