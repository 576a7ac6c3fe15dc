import { describe, expect, it } from "vitest";
import { appOriginOf, crossSiteRefusal } from "@/lib/http/same-origin";

const app = "https://triage.example.org";
const facts = (overrides: Partial<Parameters<typeof crossSiteRefusal>[0]>) =>
  crossSiteRefusal({ method: "POST", origin: null, secFetchSite: null, appOrigin: app, ...overrides });

describe("crossSiteRefusal (OWASP: Origin, then Fetch Metadata)", () => {
  it("never checks GET, HEAD or OPTIONS", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) expect(facts({ method, origin: "https://evil.example" })).toBeNull();
  });

  it("compares the whole origin: scheme, host and port", () => {
    expect(facts({ origin: app })).toBeNull();
    expect(facts({ origin: "https://triage.example.org:443" })).toBeNull();
    for (const origin of ["http://triage.example.org", "https://triage.example.org:8443", "https://evil.triage.example.org", "https://triage.example.org.evil.example", "not a url"]) {
      expect(facts({ origin }), origin).toMatch(/is not this app's origin/);
    }
  });

  it("lets Origin decide when present, even against Sec-Fetch-Site", () => {
    expect(facts({ origin: "https://evil.example", secFetchSite: "same-origin" })).toMatch(/evil\.example/);
    expect(facts({ origin: app, secFetchSite: "cross-site" })).toBeNull();
  });

  it("falls back to Sec-Fetch-Site only when Origin is absent", () => {
    expect(facts({ secFetchSite: "same-origin" })).toBeNull();
    expect(facts({ secFetchSite: "same-site" })).toMatch(/Sec-Fetch-Site is "same-site"/);
    expect(facts({})).toMatch(/neither Origin nor Sec-Fetch-Site/);
  });

  it("keeps an attacker's long header out of the message", () => {
    expect(facts({ origin: `https://${"a".repeat(5000)}.example` })!.length).toBeLessThan(300);
  });
});

describe("appOriginOf", () => {
  it("is NEXTAUTH_URL's origin when set, whatever Host the request came in with", () => {
    expect(appOriginOf("https://triage.example.org/some/path", "http://10.0.0.5:3000/api/admin/me")).toBe(app);
  });
  it("is the request's own origin (its Host) when NEXTAUTH_URL is unset", () => {
    expect(appOriginOf(undefined, "http://localhost:3000/api/admin/me")).toBe("http://localhost:3000");
  });
});
