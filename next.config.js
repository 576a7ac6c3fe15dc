/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and Wasm packages are loaded from node_modules at run time rather than bundled.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "z3-solver"],
  experimental: {
    // Lets pages answer a real 403 with app/forbidden.tsx via forbidden().
    authInterrupts: true,
  },
  // The same values as STATIC_SECURITY_HEADERS and API_CONTENT_SECURITY_POLICY in
  // lib/http/security-headers.ts (this file cannot import TypeScript;
  // tests/unit/security-headers.test.ts keeps the two equal). Pages get their
  // nonce-based CSP and HSTS from proxy.ts, per request.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          {
            key: "Permissions-Policy",
            value:
              "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()",
          },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      {
        // JSON only (the public API keeps its own CORS and caching headers): nothing may run or embed it.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

module.exports = nextConfig;
