import { adminRoute } from "@/lib/http/admin-route";
import { effectiveRoles } from "@/lib/auth/roles";
import { CAPABILITY_NAMES, can } from "@/lib/auth/permissions";

/** Who the caller is and what they may do: handy for checking that a token works. */
export const GET = adminRoute("ownAccount", async (_request, identity) =>
  Response.json({
    id: identity.userId,
    email: identity.email,
    name: identity.name,
    roles: identity.roles,
    effectiveRoles: [...effectiveRoles(identity.roles)],
    capabilities: CAPABILITY_NAMES.filter((capability) => can(identity, capability)),
    via: identity.via,
  }),
);
