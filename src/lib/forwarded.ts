/**
 * The client address a chain of trusted proxies reports in `X-Forwarded-For`. Each proxy appends the
 * address it was reached from, so the client can write anything to the left but not what our own proxies
 * added: with `hops` trusted proxies, the client is the `hops`-th entry from the right. A shorter header
 * holds only entries our proxies added, so its leftmost is the best we know. Null when there is none.
 */
export function forwardedClient(header: string | null | undefined, hops: number): string | null {
  const entries = (header ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return null;
  return entries[Math.max(0, entries.length - hops)] ?? null;
}
