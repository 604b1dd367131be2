import { defineMiddleware } from 'astro:middleware';
import { SESSION_COOKIE } from '../features/auth/cookies.ts';
import { isCrossSitePost } from '../lib/origin.ts';
import { isSecureRequest, publicOrigin } from '../lib/request.ts';
import { isStaticAssetRequest } from '../lib/static-paths.ts';
import { actionOf } from './action-request.ts';

// What every response says about itself (security headers, caching for shared devices), and the refusal of
// form posts from other sites.

export const SECURITY_HEADERS: Record<string, string> = {
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
export const HSTS = 'max-age=31536000';

/**
 * Refuses form posts from other sites (CSRF). Astro's own check (`security.checkOrigin`, off in
 * astro.config.mjs) compares with the URL the server sees, which is `http://` behind an HTTPS proxy.
 */
export const originCheck = defineMiddleware((context, next) => {
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

export const securityHeaders = defineMiddleware(async (context, next) => {
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
