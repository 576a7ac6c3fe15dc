import "server-only";
import type { NextRequest } from "next/server";
import { requestIdentity } from "@/lib/auth/next";
import type { Identity } from "@/lib/auth/identity";
import { requireCapability, type Capability } from "@/lib/auth/permissions";
import { guardAdminRequest } from "./admin-request-guards";
import { errorToResponse } from "./problem";

type RouteContext<P> = { params: Promise<P> };

/** A route handler that also says which capability it needs, so the authz matrix test can read it off the route itself. */
export type AdminRouteHandler<P> = ((request: NextRequest, context: RouteContext<P>) => Promise<Response>) & { readonly capability: Capability };

/**
 * Wraps an /api/admin/* handler: resolves the caller (token or session), checks
 * the capability (lib/auth/permissions.ts), runs the input guards (origin, URL parameters,
 * body size: ./admin-request-guards.ts), and turns domain errors into problem+json.
 * 401 without identity, 403 without the capability.
 */
export function adminRoute<P = Record<string, string>>(
  capability: Capability,
  handler: (request: NextRequest, identity: Identity, params: P) => Promise<Response>,
): AdminRouteHandler<P> {
  const route = async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const identity = requireCapability(await requestIdentity(request), capability);
      const params = await context.params;
      guardAdminRequest(request, identity, params as Record<string, unknown> | undefined);
      const response = await handler(request, identity, params);
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return errorToResponse(error);
    }
  };
  return Object.assign(route, { capability });
}
