import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Identity } from "./identity";
import type { Role } from "./roles";

/** The claims Triage Studio keeps in its session JWT. */
export interface SessionClaims {
  sub?: string;
  epoch?: number;
}

/**
 * Re-reads the user behind a session on every request, so deactivation and role
 * changes take effect at once instead of when the JWT expires.
 */
export async function identityFromSession(db: PrismaClient, claims: SessionClaims | null): Promise<Identity | null> {
  if (!claims?.sub) return null;
  const user = await db.user.findUnique({ where: { id: claims.sub } });
  if (!user || !user.active || user.sessionEpoch !== (claims.epoch ?? 0)) return null;
  return { userId: user.id, email: user.email, name: user.name, roles: user.roles as Role[], via: "session" };
}
