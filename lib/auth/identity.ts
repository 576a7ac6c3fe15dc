import type { AuditActor } from "@/lib/audit/record";
import type { Role } from "./roles";

/** Who is asking, resolved on the server from a session cookie or an API token, always re-read from the database. */
export interface Identity {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  via: "session" | "token";
  tokenId?: string;
}

/** The identity as the audit log and the services that record who edited see it (always a real user, so `id` is set). */
export function actorOf(identity: Identity): AuditActor & { id: string } {
  return { id: identity.userId, label: identity.email, via: identity.via };
}
