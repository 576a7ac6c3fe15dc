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

export function requireRole(identity: Identity | null, role?: Role): Identity {
  if (!identity) throw unauthorized();
  if (role && !hasRole(identity.roles, role)) {
    throw forbidden(`This needs the ${role} role; you have ${identity.roles.join(", ") || "no roles"}.`);
  }
  return identity;
}

/** The actor for services that record who edited, which always have a signed-in user. */
export function editorOf(identity: Identity): AuditActor & { id: string } {
  return { id: identity.userId, label: identity.email, via: identity.via };
}
