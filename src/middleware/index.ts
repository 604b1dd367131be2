import { defineMiddleware, sequence } from 'astro:middleware';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, useTranslations } from '../i18n/index.ts';
import { actionRequest } from './action-request.ts';
import { guard } from './guard.ts';
import { originCheck, securityHeaders } from './headers.ts';
import { session } from './session.ts';

// Every request, in order: the reader's language, the headers every response carries, the refusal of
// cross-site form posts, the session, the sign-in guard, and the refusal of malformed action calls.

const locale = defineMiddleware((context, next) => {
  const chosen = context.cookies.get(LOCALE_COOKIE)?.value;
  context.locals.locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  context.locals.t = useTranslations(context.locals.locale);
  context.locals.person = null;
  context.locals.sessionId = null;
  context.locals.workshopId = null;
  context.locals.workshop = null;
  context.locals.actor = null;
  context.locals.formValues = {};
  return next();
});

export const onRequest = sequence(locale, securityHeaders, originCheck, session, guard, actionRequest);
