import { z } from 'astro/zod';
import { ROLES, SEXES, type Role } from '../../../db/schema.ts';
import { isFutureDate } from '../../lib/dates.ts';
import { optionalIsoDate, optionalRecordId, optionalText, recordId, requiredText, username } from '../../lib/forms.ts';
import { newPasswordIssues } from '../auth/password.ts';
import { newPin } from '../auth/pin.ts';

/** Members sign in with a short PIN on a shared tablet; everyone else with a password (README: glossary). */
export const usesPin = (role: Role) => role === 'anggota';

/** Members and officers belong to one KUBE; facilitators are assigned to KUBEs instead. */
export const needsKube = (role: Role) => role === 'anggota' || role === 'pengurus';

/** A secret is never trimmed: spaces may be part of a password. */
const optionalSecret = () => z.string().max(1000, 'errors.passwordLong').nullish();

/** An unticked checkbox sends nothing (null); a ticked one sends "on". */
const checkbox = () =>
  z
    .string()
    .nullish()
    .transform((value) => value === 'on' || value === 'true');

const roleField = () => z.enum(ROLES, { error: 'errors.choice' });

/** L or P; the empty choice ("Tidak diisi") arrives as null and stays unknown. */
export const sexField = () =>
  z
    .enum(SEXES, { error: 'errors.choice' })
    .nullish()
    .transform((value) => value ?? null);

/** Digits, spaces, `+`, `-` and brackets, as people write a phone number; 6–20 characters. */
export const phone = () =>
  optionalText(20).refine((value) => value === null || /^\+?[0-9 ()-]{6,20}$/.test(value), 'people.errors.phone');

/**
 * Run the role-dependent checks even when another field already failed (by default zod skips them), so a
 * person sees every problem in one go instead of one round trip per field. They need a valid role.
 */
const withValidRole = {
  when: (payload: { value: unknown }) => {
    const role: unknown =
      typeof payload.value === 'object' && payload.value ? Reflect.get(payload.value, 'role') : null;
    return typeof role === 'string' && (ROLES as readonly string[]).includes(role);
  },
};

type Issues = { addIssue: (issue: { code: 'custom'; path: string[]; message: string }) => void };

/** A PIN being set: 4–6 digits and not one a guesser tries first. */
function checkPin(value: string | null | undefined, ctx: Issues) {
  const problem = newPin().safeParse(value ?? undefined).error?.issues[0]?.message;
  if (problem) ctx.addIssue({ code: 'custom', path: ['pin'], message: value ? problem : 'errors.required' });
}

function checkPassword(value: { password?: unknown; passwordConfirm?: unknown }, ctx: Issues, forUsername?: string) {
  if (!value.password) {
    ctx.addIssue({ code: 'custom', path: ['password'], message: 'errors.required' });
    return;
  }
  // Run by `withValidRole` even when the field failed its own check, e.g. a file posted instead of text.
  if (typeof value.password !== 'string') return;
  for (const issue of newPasswordIssues(value.password, value.passwordConfirm, forUsername)) {
    ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.key });
  }
}

function checkKube(role: Role, kubeId: string | null, ctx: Issues) {
  if (needsKube(role) && !kubeId) {
    ctx.addIssue({ code: 'custom', path: ['kubeId'], message: 'people.errors.kubeRequired' });
  }
  if (!needsKube(role) && kubeId) {
    ctx.addIssue({ code: 'custom', path: ['kubeId'], message: 'people.errors.kubeNotForStaff' });
  }
}

/** The fields an admin fills in for anyone, new or existing. */
const personFields = {
  /** Full name as the person is known in the village. */
  name: requiredText(80),
  /** Sign-in name, stored lower-case. */
  username: username(),
  /** One of the four roles; decides between PIN and password. */
  role: roleField(),
  /** Jenis kelamin as the person states it: L, P or not given (null). Never guessed from a name. */
  sex: sexField(),
  /** The KUBE the person belongs to; required for members and officers, empty for staff. */
  kubeId: optionalRecordId(),
  /** First day in that KUBE; empty means today. A membership is recorded, never planned. */
  joinedOn: optionalIsoDate().refine((value) => value === null || !isFutureDate(value), 'kube.errors.dateInFuture'),
  /** Phone number, for the facilitator to reach the person. */
  phone: phone(),
  /** A member's own business, e.g. "warung sate". */
  business: optionalText(120),
};

export const createPersonInput = z
  .object({
    ...personFields,
    /** Password for officers, facilitators and admins; ignored for members. */
    password: optionalSecret(),
    passwordConfirm: optionalSecret(),
    /** PIN for members; ignored for everyone else. */
    pin: optionalSecret(),
  })
  .superRefine((value, ctx) => {
    if (usesPin(value.role)) checkPin(value.pin, ctx);
    // The username may itself be invalid here (see withValidRole); only a string is worth comparing.
    else checkPassword(value, ctx, typeof value.username === 'string' ? value.username : undefined);
    checkKube(value.role, value.kubeId, ctx);
  }, withValidRole);

export const updatePersonInput = z
  .object({
    /** The person being edited. */
    id: recordId(),
    ...personFields,
    /** Unticked: the person can no longer sign in and every session of theirs ends. */
    active: checkbox(),
  })
  .superRefine((value, ctx) => {
    checkKube(value.role, value.kubeId, ctx);
  }, withValidRole);

/** A new PIN or password set by an admin when someone forgot theirs; `kind` follows the person's role. */
export const resetSecretInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('pin'),
      /** The person whose secret is replaced. */
      id: recordId(),
      pin: optionalSecret(),
    })
    .superRefine((value, ctx) => {
      checkPin(value.pin, ctx);
    }),
  z
    .object({
      kind: z.literal('password'),
      /** The person whose secret is replaced. */
      id: recordId(),
      password: optionalSecret(),
      passwordConfirm: optionalSecret(),
    })
    .superRefine((value, ctx) => {
      // The username is checked again by the service, which knows it.
      checkPassword(value, ctx);
    }),
]);

export type CreatePersonInput = z.output<typeof createPersonInput>;
export type UpdatePersonInput = z.output<typeof updatePersonInput>;
export type ResetSecretInput = z.output<typeof resetSecretInput>;
