import { defineMiddleware } from 'astro:middleware';
import { actorWithKube } from '../features/auth/actor.ts';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie } from '../features/auth/cookies.ts';
import { invalidateSession, validateSessionToken } from '../features/auth/session.ts';
import { tabletAccess, tabletSessionAlive } from '../features/workshop/tablet-session.ts';
import { db } from '../lib/db.ts';
import { isSecureRequest } from '../lib/request.ts';
import { SESSION_MS } from '../lib/settings.ts';
import { actionOf } from './action-request.ts';

// Who is asking: the session behind the cookie (sliding expiry), and for a shared tablet, only while its
// workshop is open and only for what the workshop needs.

export const session = defineMiddleware(async (context, next) => {
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return next();
  const secure = isSecureRequest(context);
  const valid = await validateSessionToken(db, token, SESSION_MS);
  if (!valid) {
    deleteSessionCookie(context.cookies, secure);
    return next();
  }
  // The session's read brought the person's KUBE and a tablet's workshop; only a facilitator's KUBEs remain.
  const { workshop } = valid;
  const actor = await actorWithKube(db, valid.person, valid.kubeId);
  if (valid.workshopId) {
    // A shared tablet's session dies with its workshop (or after a few hours), and is then deleted.
    if (!tabletSessionAlive(workshop, valid.createdAt)) {
      await invalidateSession(db, valid.id);
      deleteSessionCookie(context.cookies, secure);
      return next();
    }
    const path = context.url.pathname.replace(/\/$/, '') || '/';
    const access = tabletAccess(workshop, path, actionOf(context.url));
    if (!access.allowed) {
      if (context.request.method === 'GET') return context.redirect(access.target);
      return new Response(context.locals.t('errors.forbidden'), { status: 403 });
    }
    context.locals.workshop = workshop;
  }
  // Sliding expiry: the cookie lives as long as the session, renewed whenever the session is.
  if (valid.refreshed) setSessionCookie(context.cookies, token, SESSION_MS, secure);
  context.locals.person = valid.person;
  context.locals.sessionId = valid.id;
  context.locals.workshopId = valid.workshopId;
  context.locals.actor = actor;
  return next();
});
