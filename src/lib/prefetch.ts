// A browser may fetch a page before anyone opens it (a prefetch or a prerender, announced in `Sec-Purpose`, or
// in `Purpose` by older browsers). A page that can be shown only once (cards with their PINs) must not be used
// up by one: it answers such a request with nothing.

/** True for a request the browser made ahead of a navigation that may never come. */
export function isPrefetch(headers: Pick<Headers, 'get'>): boolean {
  return /\b(prefetch|prerender)\b/i.test(`${headers.get('sec-purpose') ?? ''} ${headers.get('purpose') ?? ''}`);
}

/** The answer to such a request: empty, kept by nobody. */
export const prefetchRefused = (): Response =>
  new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
