// Behind a reverse proxy the socket's address is the proxy's; the client's is in X-Forwarded-For. Each proxy
// appends the address it received from, so only the entries added by our own proxies can be believed: the
// client writes whatever it likes to the left of them. With `hops` trusted proxies in front of the server,
// the client is the `hops`-th entry from the right.

/** The client's address: the socket's, or with trusted proxies the one the nearest trusted proxy saw. */
export function forwardedClient(socketAddress: string, forwardedFor: string | null | undefined, hops: number): string {
  if (hops < 1 || !forwardedFor) return socketAddress;
  const entries = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them; the leftmost is the best known.
  return entries[Math.max(0, entries.length - hops)] ?? socketAddress;
}
