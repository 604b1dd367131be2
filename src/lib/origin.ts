// The check against cross-site form posts (CSRF), as Astro's `security.checkOrigin` does it, but against the
// origin the browser used: behind an HTTPS proxy the app sees `http://`, while the browser sends
// `Origin: https://…`, and Astro's own check then refused every form (issue 13, F10).

/** Content types a page on another site can post without asking first (no CORS preflight). */
const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True when a request must be refused: a state-changing method whose `Origin` is not this site, with a body
 * another site could send (a form, plain text) or with no declared body type. JSON needs a preflight, which
 * this server never grants, so a browser cannot send it cross-site (Astro's rule, kept).
 */
export function isCrossSitePost(
  method: string,
  headers: { get: (name: string) => string | null },
  expectedOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const sameSite = headers.get('origin') === expectedOrigin;
  const type = headers.get('content-type');
  if (type === null) return !sameSite;
  const lower = type.toLowerCase();
  return SIMPLE_TYPES.some((simple) => lower.includes(simple)) && !sameSite;
}
