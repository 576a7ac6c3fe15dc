import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

// serverEnv() reads the environment once per module instance: load proxy.ts afresh for each NEXTAUTH_URL.
async function proxyWith(nextauthUrl: string) {
  vi.resetModules();
  vi.stubEnv("NEXTAUTH_URL", nextauthUrl);
  const { proxy } = await import("@/proxy");
  return proxy(new NextRequest(`${nextauthUrl}/rulesets?q=x`));
}

describe("proxy.ts", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("sends HSTS and upgrade-insecure-requests only when the dashboard is served over https", async () => {
    const secure = await proxyWith("https://triage.example.org");
    expect(secure.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(secure.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const plain = await proxyWith("http://localhost:3000");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });

  it("hands Next the same nonce it puts in the response's policy, a new one per request", async () => {
    const first = await proxyWith("http://localhost:3000");
    const second = await proxyWith("http://localhost:3000");
    const policy = first.headers.get("content-security-policy")!;
    // NextResponse.next({ request: { headers } }) passes request headers on as x-middleware-request-*.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
    expect(first.headers.get("x-middleware-request-x-triage-path")).toBe("/rulesets?q=x");
  });
});
