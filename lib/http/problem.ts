import { DomainError, type FieldIssue } from "@/lib/errors";

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

export function problemResponse(
  status: number,
  code: string,
  detail: string,
  extra: { errors?: FieldIssue[]; headers?: HeadersInit; [key: string]: unknown } = {},
): Response {
  const { headers, ...rest } = extra;
  const responseHeaders = new Headers(headers);
  responseHeaders.set("content-type", "application/problem+json");
  responseHeaders.set("cache-control", "no-store");
  return new Response(JSON.stringify(problemBody(status, code, detail, rest)), { status, headers: responseHeaders });
}

export function errorToResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    return problemResponse(error.status, error.code, error.message, { ...error.details, errors: error.fields });
  }
  console.error(error);
  return problemResponse(500, "internal_error", "Something went wrong on the server; it has been logged.");
}

/** Reads a JSON body, answering 400/415 (never 500) when it is not JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new DomainError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  try {
    return await request.json();
  } catch {
    throw new DomainError(400, "invalid_json", "The request body is not valid JSON.", [
      { path: "(body)", message: "is not valid JSON" },
    ]);
  }
}
