import type { z } from "zod";

/** A problem with one input field, named the way the form or JSON body names it. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Errors a person can fix or must be told about. Route handlers turn them into
 * problem+json responses and server actions into form messages; anything else is a bug (500).
 */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 410 | 412 | 413 | 415 | 422 | 428 | 429,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
    /** Extra facts for the caller, e.g. the current revision and what changed on a conflict. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const unauthorized = (message = "Sign in or send an API token (Authorization: Bearer <token>).") =>
  new DomainError(401, "unauthorized", message);

export const forbidden = (message: string) => new DomainError(403, "forbidden", message);

export const notFound = (message: string) => new DomainError(404, "not_found", message);

export const conflict = (message: string) => new DomainError(409, "conflict", message);

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
}

export function invalidInput(error: z.ZodError, message = "Some fields are not valid."): DomainError {
  const fields = fieldIssues(error);
  const detail = fields.map((field) => `${field.path}: ${field.message}`).join("; ");
  return new DomainError(400, "invalid_input", `${message} ${detail}`.trim(), fields);
}

/** Parses with zod and throws a DomainError naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}
