import type { APIContext } from 'astro';
import { TRUST_PROXY, TRUST_PROXY_HOPS } from 'astro:env/server';
import { forwardedClient } from './forwarded.ts';

/** True when the browser reached us over HTTPS, directly or (with TRUST_PROXY) through a proxy. */
export function isSecureRequest(context: Pick<APIContext, 'url' | 'request'>): boolean {
  if (context.url.protocol === 'https:') return true;
  return TRUST_PROXY && context.request.headers.get('x-forwarded-proto') === 'https';
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
