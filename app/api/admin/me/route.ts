import { adminRoute } from "@/lib/http/admin-route";
import { effectiveRoles } from "@/lib/auth/roles";

/** Who the caller is: handy for checking that a token works. */
export const GET = adminRoute(undefined, async (_request, identity) =>
  Response.json({
    id: identity.userId,
    email: identity.email,
    name: identity.name,
    roles: identity.roles,
    effectiveRoles: [...effectiveRoles(identity.roles)],
    via: identity.via,
  }),
);
