import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";

type HeaderRule = { source: string; headers: { key: string; value: string }[] };
const nextConfig = createRequire(import.meta.url)("../../next.config.js") as { headers: () => Promise<HeaderRule[]> };

describe("security headers", () => {
  it("next.config.js sends exactly the static headers and the API policy the module defines", async () => {
    const rules = await nextConfig.headers();
    const all = rules.find((rule) => rule.source === "/:path*")!;
    expect(Object.fromEntries(all.headers.map((header) => [header.key, header.value]))).toEqual(STATIC_SECURITY_HEADERS);
    const api = rules.find((rule) => rule.source === "/api/:path*")!;
    expect(api.headers).toEqual([{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }]);
  });

  it("allows only nonced scripts on pages, never inline or eval in production, and nothing framed, embedded or rebased", () => {
    const policy = pageContentSecurityPolicy("abc123", { development: false, https: true });
    const directives = Object.fromEntries(policy.split("; ").map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1).join(" ")]));
    expect(directives["script-src"]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    expect(directives).toMatchObject({ "object-src": "'none'", "base-uri": "'self'", "frame-ancestors": "'none'", "form-action": "'self'" });
    expect("upgrade-insecure-requests" in directives).toBe(true);
    expect(pageContentSecurityPolicy("n", { development: false, https: false })).not.toContain("upgrade-insecure-requests");
    expect(pageContentSecurityPolicy("n", { development: true, https: false })).toContain("'unsafe-eval'");
  });
});
