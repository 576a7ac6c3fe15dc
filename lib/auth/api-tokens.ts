import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { notFound, parseInput } from "@/lib/errors";
import type { Identity } from "./identity";
import type { Role } from "./roles";

const TOKEN_PREFIX = "tsk_";
// Writing lastUsedAt on every request would turn each read into a write; once a minute is enough to be useful.
const LAST_USED_RESOLUTION_MS = 60_000;

export const createApiTokenInput = z.object({
  name: z.string({ error: "is required" }).trim().min(1, "is required").max(80, "must be at most 80 characters"),
  expiresInDays: z.coerce
    .number()
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(365, "must be at most 365 days")
    .optional(),
});

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: "active" | "expired" | "revoked";
}

export function hashApiToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export async function createApiToken(
  db: PrismaClient,
  actor: AuditActor & { id: string },
  input: z.input<typeof createApiTokenInput>,
): Promise<{ secret: string; token: ApiTokenSummary }> {
  const data = parseInput(createApiTokenInput, input);
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: { userId: actor.id, name: data.name, tokenHash: hashApiToken(secret), prefix: secret.slice(0, 10), expiresAt },
    });
    await recordAudit(tx, actor, {
      action: "token.created",
      targetType: "api_token",
      targetId: token.id,
      details: { name: token.name, prefix: token.prefix, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { secret, token: summarise(token) };
  });
}

export async function listApiTokens(db: PrismaClient, userId: string): Promise<ApiTokenSummary[]> {
  const tokens = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return tokens.map(summarise);
}

/** Revokes one of the actor's own tokens; another user's token id is treated as unknown. */
export async function revokeApiToken(db: PrismaClient, actor: AuditActor & { id: string }, tokenId: string) {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.id } });
    if (!token) throw notFound("No such token.");
    if (token.revokedAt) return summarise(token);
    const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "token.revoked",
      targetType: "api_token",
      targetId: token.id,
      details: { name: token.name, prefix: token.prefix },
    });
    return summarise(revoked);
  });
}

/**
 * Revokes every live token of a user, for good: used when an admin resets their
 * password or deactivates them. Setting revokedAt (rather than relying on the
 * user's active flag) is what keeps a later reactivation from bringing a token
 * back that may have leaked with the old password. Audited with the tokens it ended.
 */
export async function revokeAllApiTokensOf(
  tx: Pick<PrismaClient, "apiToken" | "auditEvent">,
  actor: AuditActor,
  user: { id: string; email: string },
  because: "password_reset" | "deactivated",
): Promise<number> {
  const live = await tx.apiToken.findMany({ where: { userId: user.id, revokedAt: null }, select: { id: true, name: true, prefix: true } });
  if (live.length === 0) return 0;
  await tx.apiToken.updateMany({ where: { id: { in: live.map((token) => token.id) } }, data: { revokedAt: new Date() } });
  await recordAudit(tx, actor, {
    action: "user.tokens_revoked",
    targetType: "user",
    targetId: user.id,
    details: { email: user.email, because, tokens: live.map(({ name, prefix }) => ({ name, prefix })) },
  });
  return live.length;
}

export async function identityFromApiToken(db: PrismaClient, secret: string): Promise<Identity | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(secret) }, include: { user: true } });
  if (!token || token.revokedAt || !token.user.active) return null;
  const now = Date.now();
  if (token.expiresAt && token.expiresAt.getTime() <= now) return null;
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    userId: token.user.id,
    email: token.user.email,
    name: token.user.name,
    roles: token.user.roles as Role[],
    via: "token",
    tokenId: token.id,
  };
}

function summarise(token: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}): ApiTokenSummary {
  const { id, name, prefix, createdAt, lastUsedAt, expiresAt, revokedAt } = token;
  const status = revokedAt ? "revoked" : expiresAt && expiresAt.getTime() <= Date.now() ? "expired" : "active";
  return { id, name, prefix, createdAt, lastUsedAt, expiresAt, revokedAt, status };
}
