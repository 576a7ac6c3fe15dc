import type { PrismaClient, User } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { revokeAllApiTokensOf } from "@/lib/auth/api-tokens";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { conflict, DomainError, notFound, parseInput } from "@/lib/errors";
import { createUserInput, updateUserInput, type CreateUserInput, type UpdateUserInput } from "./schemas";

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
  hasPassword: boolean;
}

export function toSummary(user: User): UserSummary {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles as Role[],
    active: user.active,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
    hasPassword: user.passwordHash !== null,
  };
}

export async function listUsers(db: PrismaClient): Promise<UserSummary[]> {
  const users = await db.user.findMany({ orderBy: [{ active: "desc" }, { email: "asc" }] });
  return users.map(toSummary);
}

export async function createUser(db: PrismaClient, actor: AuditActor, input: CreateUserInput): Promise<UserSummary> {
  const data = parseInput(createUserInput, input);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: data.email } });
    if (existing) throw conflict(`A user with e-mail ${data.email} already exists.`);
    const user = await tx.user.create({
      data: { email: data.email, name: data.name, roles: data.roles, passwordHash },
    });
    await recordAudit(tx, actor, {
      action: "user.created",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email, roles: data.roles, password: data.password ? "set" : "none (SSO only)" },
    });
    return toSummary(user);
  });
}

/** Changes name, roles, active state or password; refuses to leave the product without an active admin. */
export async function updateUser(db: PrismaClient, actor: AuditActor, input: UpdateUserInput): Promise<UserSummary> {
  const data = parseInput(updateUserInput, input);
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: data.userId } });
    if (!user) throw notFound("No such user.");

    const roles = data.roles ?? (user.roles as Role[]);
    const active = data.active ?? user.active;
    const losesAdmin = user.roles.includes("admin") && user.active && (!roles.includes("admin") || !active);
    if (losesAdmin) {
      const otherAdmins = await tx.user.count({
        where: { id: { not: user.id }, active: true, roles: { has: "admin" } },
      });
      if (otherAdmins === 0) {
        throw new DomainError(409, "last_admin", "This is the last active admin; make someone else an admin first.", [
          { path: data.roles ? "roles" : "active", message: "the last active admin cannot lose the admin role" },
        ]);
      }
    }

    const changes: Record<string, unknown> = {};
    if (data.name !== undefined && data.name !== user.name) changes.name = { from: user.name, to: data.name };
    if (data.roles && !sameRoles(data.roles, user.roles as Role[])) changes.roles = { from: user.roles, to: data.roles };
    if (data.active !== undefined && data.active !== user.active) changes.active = { from: user.active, to: data.active };
    if (passwordHash) changes.password = "changed";
    if (Object.keys(changes).length === 0) return toSummary(user);

    // Deactivation and password changes end existing sessions (their JWTs carry the old epoch) and the user's API tokens.
    const endsSessions = changes.active !== undefined || passwordHash !== undefined;
    const updated = await tx.user.update({
      where: { id: user.id },
      data: {
        name: data.name,
        roles: data.roles,
        active: data.active,
        passwordHash,
        sessionEpoch: endsSessions ? { increment: 1 } : undefined,
      },
    });
    // Tokens are revoked outright, not just refused while inactive: reactivation must not revive them.
    if (passwordHash !== undefined) await revokeAllApiTokensOf(tx, actor, user, "password_reset");
    else if (changes.active !== undefined && !active) await revokeAllApiTokensOf(tx, actor, user, "deactivated");
    const action =
      changes.active !== undefined ? (active ? "user.reactivated" : "user.deactivated") : changes.roles ? "user.roles_changed" : "user.updated";
    await recordAudit(tx, actor, {
      action,
      targetType: "user",
      targetId: user.id,
      details: { email: user.email, changes } as never,
    });
    return toSummary(updated);
  });
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}
