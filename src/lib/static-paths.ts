// What the sign-in guard lets through unchecked is decided by the route, never by how a path ends:
// action names (`/_actions/assessment.grant`) and any page path with `?_action=` look like files.

/** Files from `public/` and file-like endpoints in `src/pages/` (`sw.js.ts`); a test keeps it true to both. */
export const STATIC_FILES: ReadonlySet<string> = new Set(['/favicon.svg', '/sw.js']);

/**
 * A read of Astro's hashed build assets or of one of the known public files. Only reads: a POST to an
 * asset path could still carry `?_action=`, and that is the guard's to judge.
 */
export function isStaticAssetRequest(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return path.startsWith('/_astro/') || STATIC_FILES.has(path);
}
