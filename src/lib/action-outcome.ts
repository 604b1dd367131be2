import type { ActionError } from 'astro:actions';
import type { MessageKey } from '../i18n/index.ts';

// Post/redirect/get for pages with forms: a successful form comes back to a clean address (with a flag that
// names what was saved, so a reload never sends it twice); a refused one is answered with its error status and
// the page shows what was typed again.

/** What `Astro.getActionResult()` gives a page. */
export type ActionResult<Data> = { data: Data; error: undefined } | { data: undefined; error: ActionError };

/** Where a success goes: back to the page with `?flag=1#anchor`, or an address made from the action's data. */
export type Success<Data> = { flag: string; anchor?: string } | ((data: Data) => string);

/** One form of a page, built with `form()`. */
export type PageForm = { error: ActionError | undefined; redirect: (path: string) => string | null };

/** Pairs an action's result with where its success goes. */
export function form<Data>(result: ActionResult<Data> | undefined, success: Success<Data>): PageForm {
  return {
    error: result?.error,
    redirect: (path) => {
      if (!result || result.error) return null;
      if (typeof success === 'function') return success(result.data);
      return `${path}?${success.flag}=1${success.anchor ? `#${success.anchor}` : ''}`;
    },
  };
}

export type ActionOutcome<Name extends string> = {
  /** The address to redirect to after a success, or null. */
  redirect: string | null;
  /** The status for the response when a form was refused, or null. */
  status: number | null;
  /** The refused form, or null. */
  failed: Name | null;
  /** The error of the refused form, whichever it was (for a page that shows one message for all its forms). */
  error: ActionError | undefined;
  /** The error of one form, when it was the one refused. */
  errorOf: (name: Name) => ActionError | undefined;
  /** What was typed into one form, to show again when it was refused; otherwise nothing. */
  typedIn: (name: Name) => Readonly<Record<string, string>>;
};

/**
 * The outcome of a page's forms (at most one is sent per request): `path` is the page's own address, for
 * `?flag=1` redirects; `typed` the values the middleware kept from the refused form (`Astro.locals.formValues`).
 */
export function actionOutcome<Name extends string>(
  path: string,
  typed: Readonly<Record<string, string>>,
  forms: Readonly<Record<Name, PageForm>>,
): ActionOutcome<Name> {
  const entries = Object.entries(forms) as [Name, PageForm][];
  const redirect = entries.map(([, entry]) => entry.redirect(path)).find((to) => to !== null) ?? null;
  const failed = entries.find(([, entry]) => entry.error)?.[0] ?? null;
  const errorOf = (name: Name) => (name === failed ? forms[name].error : undefined);
  return {
    redirect,
    status: failed === null ? null : (forms[failed].error?.status ?? null),
    failed,
    error: failed === null ? undefined : forms[failed].error,
    errorOf,
    typedIn: (name) => (name === failed ? typed : {}),
  };
}

/** The notice of the first flag in the address that has one (`?dicatat=1` → its dictionary key). */
export function noticeFor(params: URLSearchParams, notices: Readonly<Record<string, MessageKey>>): MessageKey | null {
  return Object.entries(notices).find(([flag]) => params.has(flag))?.[1] ?? null;
}
