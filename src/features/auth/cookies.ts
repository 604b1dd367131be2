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

/** A tablet's own random id: its wrong PINs slow that tablet down, not the whole room behind one router. */
export const DEVICE_COOKIE = 'kube_device';
const DEVICE_ID = /^[a-f0-9]{32}$/;
const DEVICE_DAYS = 400;

/** The device id the browser sent, if it is one we could have made; anything else counts as none. */
export function readDeviceId(cookies: AstroCookies): string | null {
  const value = cookies.get(DEVICE_COOKIE)?.value;
  return value && DEVICE_ID.test(value) ? value : null;
}

/** Gives the browser a device id once; a browser that drops it is counted by its address alone. */
export function ensureDeviceId(cookies: AstroCookies, secure: boolean): string {
  const existing = readDeviceId(cookies);
  if (existing) return existing;
  const id = crypto.randomUUID().replaceAll('-', '');
  cookies.set(DEVICE_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: DEVICE_DAYS * 24 * 60 * 60,
  });
  return id;
}
