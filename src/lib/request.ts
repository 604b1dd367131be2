import type { APIContext } from 'astro';
import { forwardedClient } from './forwarded.ts';
import { settings } from './settings.ts';

const { TRUST_PROXY, TRUST_PROXY_HOPS } = settings;

/** What the scheme and origin are read from: Astro's context, or the answer-save fast path's own (src/fast-path/). */
type RequestFacts = { url: Pick<URL, 'protocol' | 'host'>; request: { headers: Pick<Headers, 'get'> } };

/** The scheme the browser used, as the trusted proxy says (`X-Forwarded-Proto`); null when none says it. */
function forwardedProto(context: Pick<RequestFacts, 'request'>): 'http:' | 'https:' | null {
  if (!TRUST_PROXY) return null;
  // The proxy in front of us sets it; a list means proxies appended, and the first is the browser's side.
  const first = context.request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return first === 'https' ? 'https:' : first === 'http' ? 'http:' : null;
}

/** True when the browser reached us over HTTPS, directly or (with TRUST_PROXY) through a proxy. */
export function isSecureRequest(context: RequestFacts): boolean {
  return (forwardedProto(context) ?? context.url.protocol) === 'https:';
}

/** This site's origin as the browser sees it: `https://host` behind an HTTPS proxy, else the request's own. */
export function publicOrigin(context: RequestFacts): string {
  return `${forwardedProto(context) ?? context.url.protocol}//${context.url.host}`;
}

/**
 * The caller's address, for rate limits. Behind a proxy, the entry the trusted proxy added to
 * X-Forwarded-For (TRUST_PROXY_HOPS from the right), never the leftmost one, which the client writes.
 */
export function clientAddress(context: Pick<APIContext, 'clientAddress' | 'request'>): string {
  if (TRUST_PROXY) {
    const forwarded = forwardedClient(context.request.headers.get('x-forwarded-for'), TRUST_PROXY_HOPS);
    if (forwarded) return forwarded;
  }
  try {
    return context.clientAddress;
  } catch {
    return 'unknown';
  }
}
