import { NextResponse, type NextRequest } from "next/server";
import { serverEnv } from "@/lib/config/env";
import { pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from "@/lib/http/security-headers";

// For every page (not the APIs, not Next's static files):
// - a fresh nonce and the Content-Security-Policy that allows only scripts
//   carrying it; Next reads the nonce from the request's CSP header and adds it
//   to its own scripts (which is why the root layout renders every page
//   dynamically: a prerendered page would carry no nonce); x-nonce is there
//   for a <Script nonce> of our own, should one ever be needed;
// - HSTS when the dashboard is served over https (NEXTAUTH_URL), read at run
//   time because next.config.js's headers are fixed at build time;
// - the requested path, so a sign-in redirect can bring the person back.
// Access decisions are not made here: every page, action and route checks
// identity and capability itself.
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const env = serverEnv();
  const https = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
  const policy = pageContentSecurityPolicy(nonce, { development: env.NODE_ENV === "development", https });

  const headers = new Headers(request.headers);
  headers.set("x-triage-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico).*)"],
};
