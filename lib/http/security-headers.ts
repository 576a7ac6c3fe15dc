/**
 * The browser-facing security headers, as plain data (no Next imports) so that
 * proxy.ts, next.config.js's static headers and the tests share one definition.
 *
 * Pages get a nonce-based Content-Security-Policy (Next's App Router guide):
 * proxy.ts makes a fresh nonce per request, Next reads it from the request's
 * CSP header and puts it on its own scripts, and 'strict-dynamic' lets those
 * scripts load Next's chunks. No inline script or style of ours needs it.
 */

export interface PagePolicyOptions {
  /** `next dev` evaluates code (React's debugging and Turbopack's HMR) and injects unnonced styles. */
  development: boolean;
  /** Only over https: on http://localhost an upgrade would break every sub-resource. */
  https: boolean;
}

export function pageContentSecurityPolicy(nonce: string, options: PagePolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${options.development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** JSON APIs render nothing: a document loaded from them may do nothing either. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Browser features the app never uses, switched off for it and anything it
 * embeds. Only features Chromium recognises (an unknown one is a console error).
 */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** Two years, every subdomain: what a hospital's own https deployment should send. Never over http. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** Headers every response carries (next.config.js). The CSP and HSTS depend on the request or the environment: proxy.ts. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": PERMISSIONS_POLICY,
  "Cross-Origin-Opener-Policy": "same-origin",
};
