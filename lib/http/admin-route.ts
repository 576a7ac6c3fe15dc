import "server-only";
import type { NextRequest } from "next/server";
import { requestIdentity } from "@/lib/auth/next";
import { requireRole, type Identity } from "@/lib/auth/identity";
import type { Role } from "@/lib/auth/roles";
import { guardAdminRequest } from "./admin-request-guards";
import { errorToResponse } from "./problem";

type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps an /api/admin/* handler: resolves the caller (token or session), checks
 * the role, runs the input guards (origin, URL parameters, body size: ./admin-request-guards.ts),
 * and turns domain errors into problem+json. 401 without identity, 403 with the wrong role.
 */
export function adminRoute<P = Record<string, string>>(
  role: Role | readonly Role[] | undefined,
  handler: (request: NextRequest, identity: Identity, params: P) => Promise<Response>,
) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const identity = requireRole(await requestIdentity(request), role);
      const params = await context.params;
      guardAdminRequest(request, identity, params as Record<string, unknown> | undefined);
      const response = await handler(request, identity, params);
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return errorToResponse(error);
    }
  };
}
