import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http/client-address";

describe("clientAddress", () => {
  it("ignores X-Forwarded-For unless proxies are trusted: a client can write anything there", () => {
    expect(clientAddress("1.2.3.4", "127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddress(undefined, "::1", 0)).toBe("::1");
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("takes the entry the outermost trusted proxy appended, not what the client sent before it", () => {
    // Client forged "6.6.6.6"; the one trusted proxy appended the real peer 203.0.113.9.
    expect(clientAddress("6.6.6.6, 203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9");
    // CDN then load balancer: the CDN saw the client, the balancer saw the CDN.
    expect(clientAddress("6.6.6.6, 198.51.100.7, 10.1.1.1", "10.0.0.2", 2)).toBe("198.51.100.7");
    // Fewer entries than trusted hops: the leftmost is the best there is.
    expect(clientAddress("198.51.100.7", "10.0.0.2", 3)).toBe("198.51.100.7");
    // Trusted hops configured but no header (direct request): the socket's peer.
    expect(clientAddress(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(clientAddress(" , ", "10.0.0.2", 1)).toBe("10.0.0.2");
  });
});
