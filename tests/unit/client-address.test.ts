import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http/client-address";
import { nodeClientAddress } from "@/lib/http/node-client-address";

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

  it("reads the connection's peer from a real socket; with TRUSTED_PROXY_HOPS=0 a forged X-Forwarded-For changes nothing", async () => {
    const server = http.createServer((request, response) => response.end(nodeClientAddress(request)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const ask = (localAddress: string, forwardedFor?: string) =>
      new Promise<string>((resolve, reject) => {
        const request = http.request({ host: "127.0.0.1", port, localAddress, agent: false, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} }, (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString()));
          response.on("end", () => resolve(body));
        });
        request.on("error", reject);
        request.end();
      });
    try {
      expect(await ask("127.0.0.7")).toBe("127.0.0.7");
      expect(await ask("127.0.0.8", "203.0.113.5")).toBe("127.0.0.8");
      expect(await ask("127.0.0.8", "203.0.113.5, 198.51.100.1")).toBe("127.0.0.8");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
