import { ActionError, isActionError, isInputError } from 'astro:actions';
import type { MessageKey, Translate } from '../i18n/index.ts';
import { DomainError, isBusy, REFUSAL_CODES, translateMessage, type Message, type MessageParams } from './errors.ts';
import { issueMessage, type Issue } from './issues.ts';

// The one way an action says no. A refusal of the whole request is an ActionError whose message is already
// the sentence in the reader's language (`context.locals.t`); a refusal tied to a form field is an
// ActionInputError, whose issues carry the dictionary key and its values as data, exactly like the
// issues of the action's own zod schema, so a page reads both the same way (`formErrors`).

/** Codes whose message our actions write for people (see REFUSAL_CODES), plus the two an action adds. */
const READABLE = new Set<string>([...REFUSAL_CODES, 'TOO_MANY_REQUESTS', 'PRECONDITION_FAILED']);

/** The code of an action's refusal: a domain refusal, a wait, or "confirm first". */
export type RefusalCodeOrWait = (typeof REFUSAL_CODES)[number] | 'TOO_MANY_REQUESTS' | 'PRECONDITION_FAILED';

/** An action's refusal of the whole request, in the reader's language. */
export function refusal(t: Translate, code: RefusalCodeOrWait, message: Message | MessageKey): ActionError {
  return new ActionError({ code, message: translateMessage(message, t) });
}

/** "You may not do this": the refusal of every action whose `can()` says no. */
export const forbidden = (t: Translate): ActionError => refusal(t, 'FORBIDDEN', 'errors.forbidden');

/** "Not found": the refusal of an action naming a record that does not exist (or is not the caller's to see). */
export const notFound = (t: Translate): ActionError => refusal(t, 'NOT_FOUND', 'errors.notFound');

/** A refusal tied to one form field, in the shape of the action's own input errors. */
export function fieldRefusal(field: string, key: MessageKey, params?: MessageParams): ActionError {
  const issue: Issue = { code: 'custom', path: [field], message: key, input: undefined, params: { ...params } };
  // `astro:actions` does not export ActionInputError; its own deserializer builds one from this shape.
  return ActionError.fromJson({ type: 'AstroActionInputError', issues: [issue] });
}

/** Throws a refusal tied to one field, e.g. a password that does not match its confirmation. */
export function fieldError(field: string, key: MessageKey, params?: MessageParams): never {
  throw fieldRefusal(field, key, params);
}

/**
 * Runs a feature function for an action, turning a DomainError into what the action answers: a field's
 * input error, or an ActionError with the sentence for the reader. Anything else is a bug: it is rethrown,
 * logged by Astro, and the person sees a generic message.
 */
export async function asAction<T>(work: () => Promise<T>, t: Translate): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // The write queue gave up waiting: a transient the player retries (it treats a 5xx as offline).
    if (isBusy(error)) throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: t('errors.busy') });
    if (!(error instanceof DomainError)) throw error;
    if (error.field) throw fieldRefusal(error.field, error.key, error.params);
    throw refusal(t, error.code, error);
  }
}

export type FormErrors = { form: string | null; fields: Record<string, string> };

/** The message for an error that has none for people (Astro's own, or a bug), chosen by its code. */
const byCode: Partial<Record<string, MessageKey>> = {
  FORBIDDEN: 'errors.forbidden',
  UNAUTHORIZED: 'errors.unauthenticated',
  NOT_FOUND: 'errors.notFound',
};

/** What a page shows after a failed action: one message per field, and one for the form. */
export function formErrors(error: unknown, t: Translate): FormErrors {
  const fields: Record<string, string> = {};
  if (!error) return { form: null, fields };
  if (isInputError(error)) {
    for (const issue of error.issues) {
      fields[String(issue.path[0] ?? '')] ??= translateMessage(issueMessage(issue), t);
    }
    return { form: t('common.formHasErrors'), fields };
  }
  if (isActionError(error)) {
    const readable = READABLE.has(error.code) && error.message.trim() !== '';
    return { form: readable ? error.message : t(byCode[error.code] ?? 'errors.generic'), fields };
  }
  return { form: t('errors.generic'), fields };
}
