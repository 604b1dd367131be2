import { defineMiddleware } from 'astro:middleware';
import { readDeviceId } from '../features/auth/cookies.ts';
import { serverIsSetUp } from '../features/auth/actor.ts';
import { db } from '../lib/db.ts';
import { isStaticAssetRequest } from '../lib/static-paths.ts';
import { actionOf } from './action-request.ts';

// Deny by default: every page and action but a few needs a signed-in person, and until an admin exists only
// the first-run page opens.

/** Pages a visitor may open without signing in. Everything else needs a session: deny by default. */
const PUBLIC_PATHS = new Set(['/masuk', '/mulai', '/bahasa', '/offline', '/403', '/404', '/500']);
/** The public check of a certificate (`/sertifikat`, `/sertifikat/<code>`): what a certificate's QR code opens. */
const isCertificateCheck = (path: string) => path === '/sertifikat' || /^\/sertifikat\/[^/]+$/.test(path);
/** The field kit's endpoints: authenticated by a device's signature or, to pair, the facilitator's password. */
const SIGNED_PATHS = new Set(['/api/lapangan/pasang', '/api/lapangan/tarik', '/api/lapangan/kirim']);
/** Actions a visitor may call. */
const PUBLIC_ACTIONS = new Set(['auth.signIn', 'auth.setupFirstAdmin', 'auth.signOut', 'workshop.join']);
/**
 * Actions a visitor's script may call: a shared tablet's hand-over, with nobody signed in on it yet (the
 * attempt id is the authority, see features/assessment/held-answers.ts).
 */
const PUBLIC_SCRIPT_ACTIONS = new Set(['assessment.sendHeld']);
/**
 * Where a person with a first password (given out on a card) may go before choosing their own: the account page
 * and its password form, signing out, and the language switch.
 */
const FIRST_PASSWORD_PATHS = new Set(['/akun', '/bahasa', '/403', '/404', '/500', '/offline']);
const FIRST_PASSWORD_ACTIONS = new Set(['auth.changePassword', 'auth.signOut', 'auth.signOutEverywhere']);

// Whole field names only: `skor-us-kas-simpan-pinjam` is a score, not a PIN.
const SECRET_FIELDS = /^(current|new)?(password|secret|pin)(confirm)?$/i;

export const guard = defineMiddleware(async (context, next) => {
  const path = context.url.pathname.replace(/\/$/, '') || '/';
  if (isStaticAssetRequest(context.request.method, path)) return next();
  const actionName = actionOf(context.url);

  // First run: until an admin exists (or, on a field laptop, its pairing brought the facilitator), the only place
  // to go is the page that sets the server up.
  if (!(await serverIsSetUp(db))) {
    // The language switch too: the first-run page offers English.
    if (path === '/mulai' || path === '/bahasa' || actionName === 'auth.setupFirstAdmin') {
      return keepFormValues(context, next);
    }
    return context.redirect('/mulai');
  }
  if (context.locals.person?.mustChangePassword) {
    const allowed = actionName ? FIRST_PASSWORD_ACTIONS.has(actionName) : FIRST_PASSWORD_PATHS.has(path);
    if (!allowed) {
      if (actionName || context.request.method !== 'GET') {
        return new Response(context.locals.t('account.mustChange'), { status: 403 });
      }
      return context.redirect('/akun?ganti=1#ganti-kata-sandi');
    }
  }
  // A paired field server signs each request with its device key instead (features/sync/district/verify.ts).
  if (SIGNED_PATHS.has(path) && context.request.method === 'POST') return next();
  // Joining a workshop on a shared tablet happens before anyone is signed in.
  if (context.locals.person || PUBLIC_PATHS.has(path) || isCertificateCheck(path) || path.startsWith('/gabung')) {
    if (!actionName || context.locals.person || PUBLIC_ACTIONS.has(actionName)) return keepFormValues(context, next);
  }
  if (path.startsWith('/_actions/') && actionName !== null && PUBLIC_SCRIPT_ACTIONS.has(actionName)) return next();
  if (path.startsWith('/_actions/') || context.request.method !== 'GET') {
    return new Response(context.locals.t('errors.unauthenticated'), { status: 401 });
  }
  // A device that joined a workshop (only the tablet's PIN screen gives one its id) is a shared tablet:
  // signed out, it goes back to the workshop's join screen, never to the staff sign-in it has no use for.
  if (readDeviceId(context.cookies)) return context.redirect('/gabung');
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
