import { DomainError } from "@/lib/errors";
import { publicProblem } from "./http";

type Context<P> = { params: Promise<P> };

/** Public handlers answer errors as problem+json with CORS, and never leak internals. */
export function publicRoute<P = Record<string, string>>(handler: (request: Request, params: P) => Promise<Response>) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      if (error instanceof DomainError) {
        return publicProblem(error.status, error.code, error.message, {
          ...error.details,
          ...(error.fields.length ? { errors: error.fields } : {}),
        });
      }
      console.error(error);
      return publicProblem(500, "internal_error", "Something went wrong on the server; it has been logged.");
    }
  };
}
