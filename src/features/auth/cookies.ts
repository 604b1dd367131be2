import type { AstroCookies } from 'astro';

export const SESSION_COOKIE = 'kube_session';

/** HttpOnly and SameSite=Lax always; Secure whenever the request came over HTTPS. */
export function setSessionCookie(cookies: AstroCookies, token: string, maxAgeMs: number, secure: boolean): void {
  cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function deleteSessionCookie(cookies: AstroCookies, secure: boolean): void {
  cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 });
}
