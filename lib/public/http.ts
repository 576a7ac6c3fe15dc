import { errorToProblem, problemBody, problemHeaders, type Problem } from "@/lib/http/problem";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { negotiateEncoding } from "./encoding";
import type { PublishedBody } from "./published-body";

/**
 * A public answer as plain data, written straight to Node's response by the fast
 * path (lib/public/node-handler.ts) and by the Next fallback route alike.
 */
export interface PublicReply {
  status: number;
  headers: Record<string, string>;
  /** Text is sent as UTF-8; Node then writes it in one piece with the headers (no separate encoding, no second buffer). */
  body: Uint8Array | string | null;
}

/** What a read depends on in the request. */
export interface ReadRequest {
  method: string;
  ifNoneMatch: string | null;
  ifMatch: string | null;
  acceptEncoding: string | null;
}

/**
 * On every public answer. CORS: any web page may call the public API, it only ever
 * returns published content. The security headers: what next.config.js adds to Next's
 * answers under /api (lib/http/security-headers.ts), which the fast path does not pass through.
 */
export const COMMON_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "etag, retry-after, content-length, triage-catalog-age",
  ...Object.fromEntries(Object.entries(STATIC_SECURITY_HEADERS).map(([name, value]) => [name.toLowerCase(), value])),
  "content-security-policy": API_CONTENT_SECURITY_POLICY,
};

export const CACHE_LATEST = "public, max-age=30, stale-while-revalidate=300";
export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";

const encoder = new TextEncoder();

function problemReply(problem: Problem, extraHeaders: Record<string, string> = {}): PublicReply {
  const body = encoder.encode(JSON.stringify(problem));
  return {
    status: problem.status,
    headers: {
      ...COMMON_HEADERS,
      "content-type": "application/problem+json",
      "cache-control": "no-store",
      "content-length": String(body.length),
      ...problemHeaders(problem),
      ...extraHeaders,
    },
    body,
  };
}

export function publicProblemReply(status: number, code: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): PublicReply {
  return problemReply(problemBody(status, code, detail, extra), headers);
}

/** A thrown error as the public API answers it (see errorToProblem). */
export function publicErrorReply(error: unknown): PublicReply {
  return problemReply(errorToProblem(error));
}

/** The methods a route answers, as Allow and Access-Control-Allow-Methods list them. */
export function allowedMethods(methods: { GET?: unknown; POST?: unknown }): string {
  return [...(methods.GET ? ["GET", "HEAD"] : []), ...(methods.POST ? ["POST"] : []), "OPTIONS"].join(", ");
}

/**
 * The CORS preflight of one route: its own methods, and of the headers the browser
 * asks to send (Access-Control-Request-Headers) the ones this route reads. A header
 * the route ignores is left out, so the browser refuses to send it rather than the
 * request failing later. Without a request list, the route's accepted headers.
 */
export function preflightReply(allow: string, acceptedHeaders: readonly string[], requested: string | null | undefined): PublicReply {
  const accepted = new Set(acceptedHeaders);
  const asked = (requested ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const reflected = requested ? asked.filter((name) => accepted.has(name)) : [...acceptedHeaders];
  return {
    status: 204,
    headers: {
      ...COMMON_HEADERS,
      allow,
      "access-control-allow-methods": allow,
      ...(reflected.length > 0 ? { "access-control-allow-headers": reflected.join(", ") } : {}),
      "access-control-max-age": "86400",
      // The answer depends on what was asked: a shared cache must not reuse it for another request.
      vary: "access-control-request-headers",
    },
    body: null,
  };
}

export function methodNotAllowedReply(method: string, allow: string): PublicReply {
  return publicProblemReply(405, "method_not_allowed", `${method} is not allowed here; use ${allow}.`, {}, { allow });
}

function entityTags(header: string): string[] {
  return header
    .split(",")
    .map((candidate) => candidate.trim())
    .filter(Boolean);
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/"x" matches "x". */
function noneMatchHolds(header: string | null, etag: string): boolean {
  if (header === null) return true;
  return !entityTags(header).some((tag) => tag === "*" || tag === etag || tag === `W/${etag}`);
}

/** If-Match uses the strong comparison (RFC 9110 §13.1.1): a weak tag never matches. */
function ifMatchHolds(header: string | null, etag: string): boolean {
  if (header === null) return true;
  return entityTags(header).some((tag) => tag === "*" || tag === etag);
}

/** The headers of each (representation, Cache-Control, status) of a body, built once: a cached read allocates no header object. */
const replyHeaders = new WeakMap<PublishedBody, Map<string, Record<string, string>>>();

function headersFor(body: PublishedBody, key: string, build: () => Record<string, string>): Record<string, string> {
  let byKey = replyHeaders.get(body);
  if (!byKey) replyHeaders.set(body, (byKey = new Map()));
  let headers = byKey.get(key);
  if (!headers) byKey.set(key, (headers = Object.freeze(build())));
  return headers;
}

/**
 * A published body with conditional requests, HEAD, content negotiation and CORS.
 * The representation is chosen first (Accept-Encoding, q-values respected); every
 * validator then refers to that representation's own ETag, so GET, HEAD and 304
 * agree. If-Match is evaluated before If-None-Match (RFC 9110 §13.2.2). The headers
 * returned are shared and frozen: copy them to add one.
 */
export function publishedReply(read: ReadRequest, body: PublishedBody, cacheControl: string): PublicReply | Promise<PublicReply> {
  const coding = negotiateEncoding(read.acceptEncoding);
  const etag = body.etagOf(coding);
  if (!ifMatchHolds(read.ifMatch, etag)) {
    return publicProblemReply(412, "precondition_failed", `If-Match does not match the current representation (${etag}).`, {}, { etag });
  }
  const validators = () => ({ ...COMMON_HEADERS, etag, "cache-control": cacheControl, vary: "accept-encoding" });
  if (!noneMatchHolds(read.ifNoneMatch, etag)) return { status: 304, headers: headersFor(body, `304 ${coding} ${cacheControl}`, validators), body: null };
  const finish = (bytes: Uint8Array): PublicReply => {
    const headers = headersFor(body, `200 ${coding} ${cacheControl}`, () => ({
      ...validators(),
      "content-type": "application/json; charset=utf-8",
      ...(coding === "identity" ? {} : { "content-encoding": coding }),
      "content-length": String(bytes.length),
    }));
    return { status: 200, headers, body: read.method === "HEAD" ? null : bytes };
  };
  const representation = body.representation(coding);
  return representation instanceof Promise ? representation.then((ready) => finish(ready.bytes)) : finish(representation.bytes);
}

/** A JSON answer that depends on the request body and must never be cached (evaluate). */
export function jsonReply(value: unknown): PublicReply {
  return jsonTextReply(JSON.stringify(value));
}

/** The same for JSON already written as text. */
export function jsonTextReply(text: string): PublicReply {
  return {
    status: 200,
    headers: { ...COMMON_HEADERS, "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": String(Buffer.byteLength(text, "utf8")) },
    body: text,
  };
}
