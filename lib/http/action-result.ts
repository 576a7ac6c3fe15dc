import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { DomainError, type FieldIssue } from "@/lib/errors";

/** What a server action answers a form with: never a thrown error for something the user can fix. */
export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; message: string; fields: FieldIssue[]; details?: Record<string, unknown> };

export async function runAction<T>(work: () => Promise<{ message?: string; data?: T } | void>): Promise<ActionResult<T>> {
  try {
    const result = (await work()) ?? {};
    return { ok: true, ...result };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, message: error.message, fields: error.fields, details: error.details };
    return { ok: false, message: unexpectedFailureMessage(error), fields: [] };
  }
}

/**
 * What a form says about a failure that is not the user's: an unreachable database is
 * expected during an outage (say so, and do not log a stack per click); anything else is logged.
 */
export function unexpectedFailureMessage(error: unknown, otherwise = "Something went wrong on the server; nothing was saved."): string {
  if (isDatabaseUnavailable(error)) return DATABASE_UNAVAILABLE_MESSAGE;
  console.error(error);
  return otherwise;
}

export function fieldError(result: ActionResult<unknown> | undefined, path: string): string | undefined {
  if (!result || result.ok) return undefined;
  return result.fields.find((field) => field.path === path)?.message;
}
