import type { Identity } from "@/lib/auth/identity";
import { serverEnv } from "@/lib/config/env";
import { adminBodyLimitBytes, refuseDeclaredOversizeBody } from "./capped-body";
import { refuseControlCharactersInParameters } from "./parameter-guard";
import { requireSameOrigin } from "./same-origin";

/**
 * The input checks every /api/admin/* request passes before its handler runs
 * (called from lib/http/admin-route.ts):
 * - a cookie-authenticated change must come from the app's own origin (403);
 *   a bearer token never rides along on another site's form, so it is exempt;
 * - no control characters in route or query parameters (400 naming the parameter);
 * - a declared Content-Length over the body cap is refused before anything is
 *   read (413), on every route, including those that take no body; the
 *   handlers' body readers (lib/http/capped-body.ts) count the bytes of the rest.
 */
export function guardAdminRequest(
  request: Request & { nextUrl: URL },
  identity: Pick<Identity, "via">,
  /** Undefined for a route without dynamic segments: that is what Next passes. */
  routeParams: Record<string, unknown> | undefined,
): void {
  if (identity.via === "session") requireSameOrigin(request, serverEnv().NEXTAUTH_URL);
  refuseControlCharactersInParameters(request.nextUrl, routeParams ?? {});
  refuseDeclaredOversizeBody(request, adminBodyLimitBytes());
}
