/**
 * The address a per-client limit should count, given how many trusted proxies
 * sit in front of the app. Each proxy appends the peer it saw to X-Forwarded-For,
 * so with `trustedHops` proxies the client is the `trustedHops`-th entry from the
 * right; anything further left was written by the client and cannot be trusted.
 */
export function clientAddress(forwardedFor: string | undefined, socketAddress: string | undefined, trustedHops: number): string {
  if (trustedHops > 0 && forwardedFor) {
    const hops = forwardedFor
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    const client = hops[hops.length - trustedHops] ?? hops[0];
    if (client) return client;
  }
  return socketAddress ?? "unknown";
}
