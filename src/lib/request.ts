import type { APIContext } from 'astro';
import { TRUST_PROXY } from 'astro:env/server';

/** True when the browser reached us over HTTPS, directly or (with TRUST_PROXY) through a proxy. */
export function isSecureRequest(context: Pick<APIContext, 'url' | 'request'>): boolean {
  if (context.url.protocol === 'https:') return true;
  return TRUST_PROXY && context.request.headers.get('x-forwarded-proto') === 'https';
}

/** The caller's address, for rate limits. Behind a proxy, its first X-Forwarded-For entry. */
export function clientAddress(context: Pick<APIContext, 'clientAddress' | 'request'>): string {
  if (TRUST_PROXY) {
    const forwarded = context.request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return context.clientAddress;
  } catch {
    return 'unknown';
  }
}
