import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { DomainError, type FieldIssue } from "@/lib/errors";
import { readCappedText } from "./capped-body";
import { refuseUnstorableText } from "./unstorable-text";

/** RFC 9457 problem details: the one error shape of every JSON API in the product. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: "Invalid request",
  401: "Not signed in",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  410: "Gone",
  412: "Precondition failed",
  413: "Content too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  428: "Precondition required",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

/** The problem document itself, for callers that write their own response. */
export function problemBody(status: number, code: string, detail: string, extra: { errors?: FieldIssue[]; [key: string]: unknown } = {}): Problem {
  const { errors, ...extensions } = extra;
  return {
    type: `about:blank`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...extensions,
  };
}

function toProblemResponse(problem: Problem, headers?: HeadersInit): Response {
  const responseHeaders = new Headers(headers);
  responseHeaders.set("content-type", "application/problem+json");
  responseHeaders.set("cache-control", "no-store");
  return new Response(JSON.stringify(problem), { status: problem.status, headers: responseHeaders });
}

export function problemResponse(
  status: number,
  code: string,
  detail: string,
  extra: { errors?: FieldIssue[]; headers?: HeadersInit; [key: string]: unknown } = {},
): Response {
  const { headers, ...rest } = extra;
  return toProblemResponse(problemBody(status, code, detail, rest), headers);
}

/**
 * The one mapping from a thrown error to a problem: domain errors as they are, an unreachable
 * database a 503 (the request may be retried as it is; nothing was written), anything else a logged 500.
 */
export function errorToProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    return problemBody(error.status, error.code, error.message, { ...error.details, errors: error.fields });
  }
  if (isDatabaseUnavailable(error)) return problemBody(503, "database_unavailable", DATABASE_UNAVAILABLE_MESSAGE, { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });
  console.error(error);
  return problemBody(500, "internal_error", "Something went wrong on the server; it has been logged.");
}

/** The headers a problem needs beyond its body: Retry-After on a 503. */
export function problemHeaders(problem: Problem): Record<string, string> {
  return problem.status === 503 ? { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) } : {};
}

export function errorToResponse(error: unknown): Response {
  const problem = errorToProblem(error);
  return toProblemResponse(problem, problemHeaders(problem));
}

/** 415 unless the Content-Type is JSON (application/json or any +json). */
export function requireJsonContentType(type: string | null | undefined): void {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type ?? "")) {
    throw new DomainError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
}

/** Parses a request body's text, answering 400 naming the body (never 500) when it is not JSON. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError(400, "invalid_json", "The request body is not valid JSON.", [{ path: "(body)", message: "is not valid JSON" }]);
  }
}

/**
 * Reads a JSON body, answering 400/415 (never 500) when it is not JSON or holds text PostgreSQL
 * cannot store, and 413 past the admin API's body cap.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  requireJsonContentType(request.headers.get("content-type"));
  const body = parseJsonBody(await readCappedText(request));
  refuseUnstorableText(body);
  return body;
}
