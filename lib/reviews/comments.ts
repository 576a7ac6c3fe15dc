import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { actorOf, type Identity } from "@/lib/auth/identity";
import { requireCapability } from "@/lib/auth/permissions";
import { notFound, parseInput } from "@/lib/errors";
import { storedDocument } from "@/lib/rulesets/documents";
import { DomainError } from "@/lib/errors";
import { addCommentInput } from "./schemas";

export interface CommentView {
  id: string;
  versionNumber: number;
  ruleId: string | null;
  author: string;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

/**
 * Comments belong to the rule set, so unresolved ones carry over from the
 * version they were made on into every later draft until someone resolves them.
 */
export async function listComments(db: PrismaClient, slug: string, options: { includeResolved?: boolean } = {}): Promise<CommentView[]> {
  const ruleSet = await db.ruleSet.findUnique({ where: { slug }, select: { id: true } });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  const comments = await db.reviewComment.findMany({
    where: { ruleSetId: ruleSet.id, ...(options.includeResolved ? {} : { resolvedAt: null }) },
    orderBy: { createdAt: "asc" },
    include: { author: { select: { name: true } }, resolvedBy: { select: { name: true } }, version: { select: { number: true } } },
  });
  return comments.map((comment) => ({
    id: comment.id,
    versionNumber: comment.version.number,
    ruleId: comment.ruleId,
    author: comment.author.name,
    body: comment.body,
    createdAt: comment.createdAt,
    resolvedAt: comment.resolvedAt,
    resolvedBy: comment.resolvedBy?.name ?? null,
  }));
}

/** A comment on a version as a whole or on one of its rules, by a reviewer or an author of the rule set. */
export async function addComment(db: PrismaClient, identity: Identity, slug: string, versionNumber: number | string, input: unknown) {
  requireCapability(identity, "comment");
  const data = parseInput(addCommentInput, input);
  const ruleSet = await db.ruleSet.findUnique({ where: { slug }, select: { id: true } });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  const version = await db.ruleSetVersion.findFirst({ where: { ruleSetId: ruleSet.id, number: Number(versionNumber) || -1 } });
  if (!version) throw notFound(`Rule set “${slug}” has no version ${String(versionNumber)}.`);
  if (data.ruleId && !storedDocument(version.document).rules.some((rule) => rule.id === data.ruleId)) {
    throw new DomainError(400, "invalid_input", `Version ${version.number} has no rule “${data.ruleId}”.`, [{ path: "ruleId", message: "is not a rule of this version" }]);
  }
  return db.$transaction(async (tx) => {
    const comment = await tx.reviewComment.create({
      data: { ruleSetId: ruleSet.id, versionId: version.id, ruleId: data.ruleId ?? null, authorId: identity.userId, body: data.body },
    });
    await recordAudit(tx, actorOf(identity), {
      action: "comment.added",
      targetType: "ruleset",
      targetId: slug,
      details: { version: version.number, ruleId: data.ruleId ?? null, commentId: comment.id },
    });
    return { id: comment.id };
  });
}

export async function resolveComment(db: PrismaClient, identity: Identity, slug: string, commentId: string) {
  requireCapability(identity, "comment");
  return db.$transaction(async (tx) => {
    const comment = await tx.reviewComment.findFirst({ where: { id: commentId, ruleSet: { slug } } });
    if (!comment) throw notFound("No such comment.");
    if (comment.resolvedAt) return { id: comment.id, resolvedAt: comment.resolvedAt };
    const resolved = await tx.reviewComment.update({ where: { id: comment.id }, data: { resolvedAt: new Date(), resolvedById: identity.userId } });
    await recordAudit(tx, actorOf(identity), {
      action: "comment.resolved",
      targetType: "ruleset",
      targetId: slug,
      details: { commentId: comment.id, ruleId: comment.ruleId },
    });
    return { id: resolved.id, resolvedAt: resolved.resolvedAt };
  });
}
