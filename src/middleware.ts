import { defineMiddleware, sequence } from 'astro:middleware';
import { SESSION_DAYS } from 'astro:env/server';
import { server } from './actions/index.ts';
import { adminExists, loadActor } from './features/auth/actor.ts';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie } from './features/auth/cookies.ts';
import { invalidateSession, validateSessionToken } from './features/auth/session.ts';
import { getWorkshop } from './features/workshop/service.ts';
import { tabletAccess, tabletSessionAlive } from './features/workshop/tablet-session.ts';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, useTranslations } from './i18n/index.ts';
import { db } from './lib/db.ts';
import { isCrossSitePost } from './lib/origin.ts';
import { isSecureRequest, publicOrigin } from './lib/request.ts';
import { isStaticAssetRequest } from './lib/static-paths.ts';

/** Pages a visitor may open without signing in. Everything else needs a session: deny by default. */
const PUBLIC_PATHS = new Set(['/masuk', '/mulai', '/bahasa', '/offline', '/403', '/404', '/500']);
/** Actions a visitor may call. */
const PUBLIC_ACTIONS = new Set(['auth.signIn', 'auth.setupFirstAdmin', 'auth.signOut', 'workshop.join']);
/**
 * Actions a visitor's script may call: a shared tablet's hand-over, with nobody signed in on it yet (the
 * attempt id is the authority, see features/assessment/held-answers.ts).
 */
const PUBLIC_SCRIPT_ACTIONS = new Set(['assessment.sendHeld']);
// Whole field names only: `skor-us-kas-simpan-pinjam` is a score, not a PIN.
const SECRET_FIELDS = /^(current|new)?(password|secret|pin)(confirm)?$/i;

const SECURITY_HEADERS: Record<string, string> = {
  // Pages get Astro's CSP (security.csp in astro.config.mjs, with script and style hashes); this one covers
  // redirects and endpoints, which Astro leaves bare.
  'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), geolocation=(), microphone=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** HTTPS only, for a year, once a browser has reached us over HTTPS (RFC 6797); never sent over plain HTTP. */
const HSTS = 'max-age=31536000';

const locale = defineMiddleware((context, next) => {
  const chosen = context.cookies.get(LOCALE_COOKIE)?.value;
  context.locals.locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  context.locals.t = useTranslations(context.locals.locale);
  context.locals.person = null;
  context.locals.sessionId = null;
  context.locals.workshopId = null;
  context.locals.workshopModule = null;
  context.locals.actor = null;
  context.locals.formValues = {};
  return next();
});

/**
 * Refuses form posts from other sites (CSRF). Astro's own check (`security.checkOrigin`, off in
 * astro.config.mjs) compares with the URL the server sees, which is `http://` behind an HTTPS proxy.
 */
const originCheck = defineMiddleware((context, next) => {
  if (
    context.isPrerendered ||
    !isCrossSitePost(context.request.method, context.request.headers, publicOrigin(context))
  ) {
    return next();
  }
  return new Response(context.locals.t('errors.crossSite'), {
    status: 403,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
});

const securityHeaders = defineMiddleware(async (context, next) => {
  const response = await next();
  if (isSecureRequest(context)) response.headers.set('Strict-Transport-Security', HSTS);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    const existing = response.headers.get(name);
    if (existing === null) response.headers.set(name, value);
    // Astro's own CSP header (with the hashes) lacks frame-ancestors, which a meta tag could not carry.
    else if (name === 'Content-Security-Policy' && !existing.includes('frame-ancestors')) {
      response.headers.set(name, `${existing.replace(/;?\s*$/, ';')} frame-ancestors 'none'`);
    }
  }
  // Nothing rendered for a signed-in person may be kept: Back after sign-out on a shared device would show
  // it to the next one (ASVS 5.0 §14.3.2). This also keeps such pages out of the back/forward cache.
  const signedIn = context.locals.person !== null || context.cookies.has(SESSION_COOKIE);
  if (
    signedIn &&
    !isStaticAssetRequest(context.request.method, context.url.pathname) &&
    !response.headers.has('Cache-Control')
  ) {
    response.headers.set('Cache-Control', 'no-store');
  }
  // After sign-out the browser's HTTP cache goes too (pages cached before this header existed). Not
  // "storage": that would wipe answers still waiting on the device, and the offline reading cache.
  if (context.request.method === 'POST' && actionOf(context.url) === 'auth.signOut') {
    response.headers.set('Clear-Site-Data', '"cache"');
  }
  return response;
});

/** The action a request calls, by its RPC path or its form's `_action`. */
function actionOf(url: URL): string | null {
  return url.pathname.startsWith('/_actions/')
    ? url.pathname.slice('/_actions/'.length).replace(/\/$/, '')
    : url.searchParams.get('_action');
}

const session = defineMiddleware(async (context, next) => {
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return next();
  const secure = isSecureRequest(context);
  const valid = await validateSessionToken(db, token, SESSION_DAYS * 86_400_000);
  if (!valid) {
    deleteSessionCookie(context.cookies, secure);
    return next();
  }
  let workshopModule: string | null = null;
  if (valid.workshopId) {
    // A shared tablet's session dies with its workshop (or after a few hours), and is then deleted.
    const workshop = await getWorkshop(db, valid.workshopId);
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
    workshopModule = workshop.moduleSlug;
  }
  // Sliding expiry: the cookie lives as long as the session, renewed whenever the session is.
  if (valid.refreshed) setSessionCookie(context.cookies, token, SESSION_DAYS * 86_400_000, secure);
  context.locals.person = valid.person;
  context.locals.sessionId = valid.id;
  context.locals.workshopId = valid.workshopId;
  context.locals.workshopModule = workshopModule;
  context.locals.actor = await loadActor(db, valid.person);
  return next();
});

const guard = defineMiddleware(async (context, next) => {
  const path = context.url.pathname.replace(/\/$/, '') || '/';
  if (isStaticAssetRequest(context.request.method, path)) return next();
  const actionName = actionOf(context.url);

  // First run: until an admin exists, the only place to go is the page that creates one.
  if (!(await adminExists(db))) {
    if (path === '/mulai' || actionName === 'auth.setupFirstAdmin') return keepFormValues(context, next);
    return context.redirect('/mulai');
  }
  // Joining a workshop on a shared tablet happens before anyone is signed in.
  if (context.locals.person || PUBLIC_PATHS.has(path) || path.startsWith('/gabung')) {
    if (!actionName || context.locals.person || PUBLIC_ACTIONS.has(actionName)) return keepFormValues(context, next);
  }
  if (path.startsWith('/_actions/') && actionName !== null && PUBLIC_SCRIPT_ACTIONS.has(actionName)) return next();
  if (path.startsWith('/_actions/') || context.request.method !== 'GET') {
    return new Response(context.locals.t('errors.unauthenticated'), { status: 401 });
  }
  return context.redirect(`/masuk?lanjut=${encodeURIComponent(context.url.pathname + context.url.search)}`);
});

/** Remembers what a person typed in a form post, so a page showing errors can fill the form again. */
async function keepFormValues(
  context: Parameters<Parameters<typeof defineMiddleware>[0]>[0],
  next: () => Promise<Response>,
) {
  const type = context.request.headers.get('content-type') ?? '';
  if (context.request.method === 'POST' && /form/.test(type)) {
    try {
      const data = await context.request.clone().formData();
      for (const [name, value] of data) {
        if (typeof value === 'string' && !SECRET_FIELDS.test(name)) context.locals.formValues[name] = value;
      }
    } catch {
      // An unreadable body is the action's to refuse; there is nothing to echo.
    }
  }
  return next();
}

/** Astro's own limit on an action's body (`security.actionBodySizeLimit`, 1 MiB by default). */
const ACTION_BODY_LIMIT = 1024 * 1024;
/** Every action as `namespace.name`. */
const ACTION_NAMES = new Set(
  Object.entries(server).flatMap(([namespace, group]) => Object.keys(group).map((name) => `${namespace}.${name}`)),
);

/**
 * Refuses an action call that names no action or sends JSON that does not parse: the caller's mistakes,
 * which Astro's action runtime would answer with 500 (a bare namespace such as `/_actions/auth`, a broken
 * escape such as `?_action=%25zz`, a SyntaxError). Bodies over the limit are left to Astro (413).
 */
const actionRequest = defineMiddleware(async (context, next) => {
  const { request, url } = context;
  const rpc = url.pathname.startsWith('/_actions/');
  // The browser's action client adds a trailing slash (`/_actions/assessment.saveAnswers/`).
  const name = rpc ? url.pathname.slice('/_actions/'.length).replace(/\/$/, '') : url.searchParams.get('_action');
  if (request.method !== 'POST' || name === null) return next();
  if (!isActionName(name)) return refuseAction(context, rpc, 404, 'NOT_FOUND', 'errors.notFound');
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return next();
  const body = await readUpTo(request.clone(), ACTION_BODY_LIMIT);
  // Empty is no input, which the action's schema judges.
  if (body === null || body.bytes === 0 || parsesAsJson(body.text)) return next();
  return refuseAction(context, rpc, 400, 'BAD_REQUEST', 'errors.invalid');
});

/** Astro decodes each part of the name once more before its lookup; a part that cannot be decoded names nothing. */
function isActionName(name: string): boolean {
  try {
    return ACTION_NAMES.has(name.split('.').map(decodeURIComponent).join('.'));
  } catch {
    return false;
  }
}

function refuseAction(
  context: Parameters<Parameters<typeof defineMiddleware>[0]>[0],
  rpc: boolean,
  status: number,
  code: string,
  key: 'errors.notFound' | 'errors.invalid',
) {
  const message = context.locals.t(key);
  // The shape of Astro's own action errors, so the client's `actions.*()` reads it as one.
  if (rpc) return Response.json({ type: 'AstroActionError', code, status, message }, { status });
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A request body as text, or null when it is longer than `limit` bytes. */
async function readUpTo(request: Request, limit: number): Promise<{ text: string; bytes: number } | null> {
  if (Number(request.headers.get('content-length')) > limit) return null;
  const reader = request.body?.getReader();
  if (!reader) return { text: '', bytes: 0 };
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      // Not awaited: a branch of a cloned body is cancelled only once the other branch is too.
      void reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode(), bytes };
}

export const onRequest = sequence(locale, securityHeaders, originCheck, session, guard, actionRequest);
