import { DomainError } from "@/lib/errors";

/**
 * Cross-site request forgery defence for cookie-authenticated state changes, as
 * OWASP's CSRF cheat sheet describes ("Verifying Origin with standard headers"
 * and "Fetch Metadata"): browsers add `Origin` to every non-GET request and it
 * cannot be set by a page's script, so a form or fetch from another site shows
 * itself there. SameSite=Lax alone lets a top-level cross-site POST through in
 * some browsers and says nothing about same-site (sibling subdomain) pages.
 *
 * Requests with a bearer token are not checked: a browser never adds one on its
 * own, so another site cannot make a victim's browser send it.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOriginFacts {
  method: string;
  /** The Origin header, or null when absent. */
  origin: string | null;
  /** The Sec-Fetch-Site header, or null when absent. */
  secFetchSite: string | null;
  /** scheme://host[:port] of the app itself. */
  appOrigin: string;
}

/** Why the request does not come from the app's own pages, or null when it does (or is a safe method). */
export function crossSiteRefusal({ method, origin, secFetchSite, appOrigin }: RequestOriginFacts): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (origin !== null) {
    // "null" is what a sandboxed frame, a data: URL or a cross-origin redirect sends: never ours.
    if (origin === "null") return "Origin is null (a sandboxed page or a redirect), not this app";
    return sameOrigin(origin, appOrigin) ? null : `Origin ${limitForMessage(origin)} is not this app's origin ${appOrigin}`;
  }
  // Only when Origin is missing: Fetch Metadata, which every current browser sends.
  if (secFetchSite === "same-origin") return null;
  if (secFetchSite !== null) return `Sec-Fetch-Site is ${limitForMessage(secFetchSite)}, not same-origin`;
  return "neither Origin nor Sec-Fetch-Site says the request comes from this app";
}

function sameOrigin(candidate: string, appOrigin: string): boolean {
  try {
    return new URL(candidate).origin === new URL(appOrigin).origin;
  } catch {
    return false;
  }
}

// The header is the attacker's text: keep the message short.
function limitForMessage(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
}

/**
 * The app's own origin: NEXTAUTH_URL's when it is set (the public URL people
 * sign in at; `npm start` always sets it), otherwise the origin the request was
 * addressed to as the server sees it (its Host header), which is how next-auth
 * itself resolves the app's URL when NEXTAUTH_URL is unset.
 */
export function appOriginOf(configuredUrl: string | undefined, requestUrl: string): string {
  return new URL(configuredUrl ?? requestUrl).origin;
}

/** 403 problem+json naming why, unless the (cookie-authenticated) request comes from the app's own origin. */
export function requireSameOrigin(request: Request, configuredUrl: string | undefined): void {
  const reason = crossSiteRefusal({
    method: request.method,
    origin: request.headers.get("origin"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    // The Host header itself, not request.url: Next's request URL rewrites 127.0.0.1 to localhost.
    appOrigin: appOriginOf(configuredUrl, hostUrlOf(request)),
  });
  if (reason) {
    throw new DomainError(
      403,
      "cross_site_request",
      `Refused: this request changes data with a session cookie but does not come from Triage Studio's own pages (${reason}). Scripts should send an API token instead (Authorization: Bearer <token>).`,
      [{ path: "Origin", message: reason }],
    );
  }
}

/** scheme://Host of the request as the client addressed it (the Host header), or its URL when it has none. */
function hostUrlOf(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("host");
  if (!host) return request.url;
  try {
    return new URL(`${url.protocol}//${host}`).href;
  } catch {
    return request.url; // a Host no URL can hold: judge by the request URL instead of failing
  }
}
