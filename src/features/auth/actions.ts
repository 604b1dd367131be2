import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { eq } from 'drizzle-orm';
import { people } from '../../../db/schema.ts';
import { fieldError, refusal } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { requiredText, username } from '../../lib/forms.ts';
import { newId } from '../../lib/ids.ts';
import { sameSitePath } from '../../lib/same-site-path.ts';
import { isSecureRequest } from '../../lib/request.ts';
import { SESSION_MS } from '../../lib/settings.ts';
import { serverIsSetUp } from './actor.ts';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie } from './cookies.ts';
import { hashSecret, newPasswordIssues, verifyAgainstDummy, verifySecret } from './password.ts';
import { checkSecretLimited, personAccount, unknownAccount, type Outcome } from './attempts.ts';
import { requestSource } from './source.ts';
import { createSession, deleteExpiredSessions, invalidatePersonSessions, invalidateSession } from './session.ts';
import type { ActionAPIContext } from 'astro:actions';
import type { Translate } from '../../i18n/index.ts';

/** A new password twice, checked against the rules of ASVS 5.0 §6.2 (length, common passwords). */
const newPasswordFields = {
  password: z.string({ error: 'errors.required' }).min(1, 'errors.required').max(1000, 'errors.passwordLong'),
  passwordConfirm: z.string({ error: 'errors.required' }),
};

function checkNewPassword(input: { password: string; passwordConfirm: string }, forUsername?: string) {
  const [issue] = newPasswordIssues(input.password, input.passwordConfirm, forUsername);
  if (issue) fieldError(issue.field, issue.key);
}

/** A path on this site to go back to after sign-in; anything else (other hosts, `//evil`) becomes `/`. */
const nextPath = z.string().nullish().transform(sameSitePath);

/** Starts a fresh session (a new id every sign-in, so a planted cookie is worthless) and sets its cookie. */
export async function startSession(context: ActionAPIContext, personId: string, workshopId: string | null = null) {
  const previous = context.cookies.get(SESSION_COOKIE)?.value.split('.')[0];
  const { token } = await db.transaction(async (tx) => {
    if (previous) await invalidateSession(tx, previous);
    // Housekeeping at a natural moment: sessions past their inactivity limit can never be used again.
    await deleteExpiredSessions(tx, SESSION_MS);
    return createSession(tx, personId, context.request.headers.get('user-agent'), new Date(), workshopId);
  });
  setSessionCookie(context.cookies, token, SESSION_MS, isSecureRequest(context));
}

export function slowDown(t: Translate, waitMs: number): never {
  throw refusal(t, 'TOO_MANY_REQUESTS', { key: 'signIn.slowDown', params: { minutes: Math.ceil(waitMs / 60_000) } });
}

/** A refused or wrong attempt as the person sees it: wait (429), or the field's own message. */
export function refuse(t: Translate, outcome: Extract<Outcome, { ok: false }>, wrong: () => never): never {
  // The failure that starts a wait says so at once, rather than on the next try.
  if (outcome.waitMs > 0) slowDown(t, outcome.waitMs);
  return wrong();
}

function requirePerson(context: ActionAPIContext) {
  const person = context.locals.person;
  if (!person) throw refusal(context.locals.t, 'UNAUTHORIZED', 'errors.unauthenticated');
  return person;
}

export const auth = {
  /** First run only: creates the first admin, then signs them in. */
  setupFirstAdmin: defineAction({
    accept: 'form',
    input: z.object({ name: requiredText(80), username: username(), ...newPasswordFields }),
    handler: async (input, context) => {
      if (await serverIsSetUp(db)) throw refusal(context.locals.t, 'CONFLICT', 'setup.alreadyDone');
      checkNewPassword(input, input.username);
      const id = newId();
      const passwordHash = await hashSecret(input.password);
      await db.transaction(async (tx) => {
        // Checked again inside the transaction: two first-run forms sent at once make one admin, not two.
        const [existing] = await tx.select({ id: people.id }).from(people).where(eq(people.role, 'admin')).limit(1);
        if (existing) throw refusal(context.locals.t, 'CONFLICT', 'setup.alreadyDone');
        await tx.insert(people).values({ id, name: input.name, username: input.username, role: 'admin', passwordHash });
      });
      await startSession(context, id);
      return { ok: true };
    },
  }),

  signIn: defineAction({
    accept: 'form',
    input: z.object({
      username: z.string({ error: 'errors.required' }).trim().toLowerCase().min(1, 'errors.required').max(64),
      secret: z.string({ error: 'errors.required' }).min(1, 'errors.required').max(1000),
      next: nextPath,
    }),
    handler: async (input, context) => {
      const [person] = await db.select().from(people).where(eq(people.username, input.username)).limit(1);
      const hashed = person?.active ? (person.passwordHash ?? person.pinHash) : null;
      const outcome = await checkSecretLimited(db, {
        account: person ? personAccount(person.id) : unknownAccount(input.username),
        source: requestSource(context),
        verify: () => (hashed ? verifySecret(hashed, input.secret) : verifyAgainstDummy(input.secret)),
      });
      const failed: () => never = () => {
        throw refusal(context.locals.t, 'UNAUTHORIZED', 'signIn.failed');
      };
      if (!outcome.ok) refuse(context.locals.t, outcome, failed);
      // Only a real hash verifies, so this is for the type checker.
      if (!person) failed();
      await startSession(context, person.id);
      return { next: input.next };
    },
  }),

  signOut: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const sessionId = context.locals.sessionId;
      if (sessionId) await invalidateSession(db, sessionId);
      deleteSessionCookie(context.cookies, isSecureRequest(context));
      return { ok: true };
    },
  }),

  signOutEverywhere: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const person = requirePerson(context);
      await invalidatePersonSessions(db, person.id);
      deleteSessionCookie(context.cookies, isSecureRequest(context));
      return { ok: true };
    },
  }),

  changePassword: defineAction({
    accept: 'form',
    input: z.object({ currentPassword: z.string({ error: 'errors.required' }).max(1000), ...newPasswordFields }),
    handler: async (input, context) => {
      const person = requirePerson(context);
      const [row] = await db.select().from(people).where(eq(people.id, person.id)).limit(1);
      const currentHash = row?.passwordHash;
      if (!currentHash) throw refusal(context.locals.t, 'BAD_REQUEST', 'account.pinNote');
      // Limited like sign-in: someone at an unlocked, signed-in browser must not guess the password fast.
      const outcome = await checkSecretLimited(db, {
        account: personAccount(person.id),
        source: requestSource(context),
        verify: () => verifySecret(currentHash, input.currentPassword),
      });
      if (!outcome.ok) refuse(context.locals.t, outcome, () => fieldError('currentPassword', 'errors.passwordWrong'));
      checkNewPassword(input, row.username);
      const passwordHash = await hashSecret(input.password);
      // Every other session ends with the old password; this device gets a fresh one.
      await db.transaction(async (tx) => {
        await tx
          .update(people)
          .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
          .where(eq(people.id, person.id));
        await invalidatePersonSessions(tx, person.id);
      });
      await startSession(context, person.id);
      return { ok: true };
    },
  }),
};
