import { errorToProblem, problemBody, problemHeaders, type Problem } from "@/lib/http/problem";
import type { PublishedBody } from "./catalog";
import { negotiateEncoding } from "./encoding";

/**
 * A public answer as plain data, so the same code serves the Pages API read
 * routes (written straight to Node's response) and the App Router routes
 * (turned into a web Response).
 */
export interface PublicReply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

/** What a read depends on in the request. */
export interface ReadRequest {
  method: string;
  ifNoneMatch: string | null;
  acceptEncoding: string | null;
}

/** Any web page may call the public API: it only ever returns published content. */
export const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "etag, retry-after, content-length, triage-catalog-age",
};

/** Only a preflight needs to say which methods and headers are allowed. */
const PREFLIGHT_HEADERS: Record<string, string> = {
  ...CORS_HEADERS,
  "access-control-allow-methods": "GET, HEAD, POST, OPTIONS",
  "access-control-allow-headers": "content-type, if-none-match",
  "access-control-max-age": "86400",
};

export const CACHE_LATEST = "public, max-age=30, stale-while-revalidate=300";
export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";

export function preflightReply(): PublicReply {
  return { status: 204, headers: PREFLIGHT_HEADERS, body: null };
}

function problemReply(problem: Problem): PublicReply {
  const body = new TextEncoder().encode(JSON.stringify(problem));
  return {
    status: problem.status,
    headers: {
      ...CORS_HEADERS,
      "content-type": "application/problem+json",
      "cache-control": "no-store",
      "content-length": String(body.length),
      ...problemHeaders(problem),
    },
    body,
  };
}

export function publicProblemReply(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): PublicReply {
  return problemReply(problemBody(status, code, detail, extra));
}

/** A thrown error as the public API answers it (see errorToProblem). */
export function publicErrorReply(error: unknown): PublicReply {
  return problemReply(errorToProblem(error));
}

export function toWebResponse(reply: PublicReply): Response {
  return new Response(reply.body ? (reply.body as Uint8Array<ArrayBuffer>) : null, { status: reply.status, headers: reply.headers });
}

export function preflight(): Response {
  return toWebResponse(preflightReply());
}

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((candidate) => {
    const value = candidate.trim();
    return value === "*" || value === etag || value === `W/${etag}`;
  });
}

/**
 * A pre-serialised published body with strong ETag revalidation, HEAD and CORS.
 * The gzip form is compressed once per body, not per request, and chosen by the
 * client's Accept-Encoding (q-values respected).
 */
export function publishedReply(read: ReadRequest, body: PublishedBody, cacheControl: string): PublicReply {
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    etag: body.etag,
    "cache-control": cacheControl,
    vary: "accept-encoding",
  };
  if (etagMatches(read.ifNoneMatch, body.etag)) return { status: 304, headers, body: null };
  headers["content-type"] = "application/json; charset=utf-8";
  let bytes: Uint8Array = body.bytes;
  if (negotiateEncoding(read.acceptEncoding) === "gzip") {
    bytes = body.gzip();
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = String(bytes.length);
  return { status: 200, headers, body: read.method === "HEAD" ? null : bytes };
}

/** A JSON answer that depends on the request body and must never be cached (evaluate). */
export function jsonReply(value: unknown): PublicReply {
  const body = new TextEncoder().encode(JSON.stringify(value));
  return {
    status: 200,
    headers: { ...CORS_HEADERS, "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": String(body.length) },
    body,
  };
}
