// One rule for every "go back to" value a request carries (sign-in's `lanjut`, the language switch's
// `kembali`): a path on this site, or `/`. Browsers read `//host` and `/\host` as another host, and drop
// tabs and newlines before they parse, so only a plain slash followed by ordinary URL characters passes.
const SAME_SITE_PATH = /^\/(?![/\\])[\w\-./?=&%+,:;@!~*'()$]*$/;

/** `value` when it is a path on this site, otherwise `/`. */
export function sameSitePath(value: unknown): string {
  return typeof value === 'string' && SAME_SITE_PATH.test(value) ? value : '/';
}
