import type { AuditActor } from "@/lib/audit/record";
import { forbidden, unauthorized } from "@/lib/errors";
import { hasRole, type Role } from "./roles";

/** Who is asking, resolved on the server from a session cookie or an API token, always re-read from the database. */
export interface Identity {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  via: "session" | "token";
  tokenId?: string;
}

export function actorOf(identity: Identity): AuditActor {
  return { id: identity.userId, label: identity.email, via: identity.via };
}

/** `role` may list several roles: any one of them will do. */
export function requireRole(identity: Identity | null, role?: Role | readonly Role[]): Identity {
  if (!identity) throw unauthorized();
  const anyOf: readonly Role[] = role === undefined ? [] : typeof role === "string" ? [role] : role;
  if (anyOf.length > 0 && !anyOf.some((candidate) => hasRole(identity.roles, candidate))) {
    throw forbidden(`This needs the ${anyOf.join(" or ")} role; you have ${identity.roles.join(", ") || "no roles"}.`);
  }
  return identity;
}

/** The actor for services that record who edited, which always have a signed-in user. */
export function editorOf(identity: Identity): AuditActor & { id: string } {
  return { id: identity.userId, label: identity.email, via: identity.via };
}
