import { problemResponse } from "@/lib/http/problem";
import type { PublishedBody } from "./catalog";

/** Any web page may call the public API: it only ever returns published content. */
export const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, POST, OPTIONS",
  "access-control-allow-headers": "content-type, if-none-match",
  "access-control-expose-headers": "etag, retry-after, content-length",
  "access-control-max-age": "86400",
};

export const CACHE_LATEST = "public, max-age=30, stale-while-revalidate=300";
export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";

export function preflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

export function publicProblem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Response {
  return problemResponse(status, code, detail, { ...extra, headers: CORS_HEADERS });
}

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((candidate) => {
    const value = candidate.trim();
    return value === "*" || value === etag || value === `W/${etag}`;
  });
}

/**
 * Serves a pre-serialised body with strong ETag revalidation, HEAD and CORS.
 * Compression is left to the server (`next start` gzips responses for clients
 * that accept it); a handler that sets Content-Encoding itself gets it stripped.
 */
export function sendPublished(request: Request, body: PublishedBody, cacheControl: string): Response {
  const headers = new Headers(CORS_HEADERS);
  headers.set("etag", body.etag);
  headers.set("cache-control", cacheControl);
  headers.set("vary", "accept-encoding");
  if (etagMatches(request.headers.get("if-none-match"), body.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("content-length", String(body.bytes.length));
  return new Response(request.method === "HEAD" ? null : body.bytes, { status: 200, headers });
}

/** The client's address for rate limiting: the first proxy hop if any, else what Next saw. */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || "unknown";
}
