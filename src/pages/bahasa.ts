import type { APIRoute } from 'astro';
import { isLocale, LOCALE_COOKIE } from '../i18n/index.ts';
import { isSecureRequest } from '../lib/request.ts';
import { sameSitePath } from '../lib/same-site-path.ts';

/** Switches the interface language (a form post, so it works without JavaScript) and goes back. */
export const POST: APIRoute = async (context) => {
  const form = await context.request.formData().catch(() => null);
  const chosen = form?.get('bahasa');
  const back = form?.get('kembali');
  if (!isLocale(chosen)) return new Response(context.locals.t('errors.invalid'), { status: 400 });
  context.cookies.set(LOCALE_COOKIE, chosen, {
    path: '/',
    sameSite: 'lax',
    httpOnly: true,
    secure: isSecureRequest(context),
    maxAge: 365 * 86_400,
  });
  return context.redirect(sameSitePath(back), 303);
};
