import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { actorOf, type Identity } from "@/lib/auth/identity";
import { hasRole } from "@/lib/auth/roles";
import { DomainError, forbidden, notFound, parseInput } from "@/lib/errors";
import { lockVersion, requireState } from "./lifecycle";
import { reasonInput, rollbackInput } from "./schemas";
import { bumpPublicationSerial } from "@/lib/public/publication-serial";
import { publicationChanged } from "@/lib/public/publication-events";

function requirePublisher(identity: Identity, doing: string) {
  if (!hasRole(identity.roles, "reviewer") && !hasRole(identity.roles, "admin")) {
    throw forbidden(`Only reviewers and admins can ${doing}.`);
  }
}

/** Makes an approved version the one client apps get, at once. */
export async function publishVersion(db: PrismaClient, identity: Identity, slug: string, number: number | string) {
  requirePublisher(identity, "publish");
  const result = await db.$transaction(async (tx) => {
    const { ruleSet, version } = await lockVersion(tx, slug, number);
    requireState(version, ["approved"], "publish it");
    const now = new Date();
    await tx.ruleSetVersion.update({ where: { id: version.id }, data: { state: "published", publishedAt: now } });
    await tx.ruleSet.update({
      where: { id: ruleSet.id },
      data: { currentVersionId: version.id, withdrawnAt: null, withdrawnReason: null },
    });
    await tx.publicationEvent.create({ data: { ruleSetId: ruleSet.id, versionId: version.id, kind: "published", actorId: identity.userId } });
    await bumpPublicationSerial(tx);
    await recordAudit(tx, actorOf(identity), {
      action: "version.published",
      targetType: "ruleset",
      targetId: slug,
      details: { version: version.number, previous: ruleSet.currentVersionId ? "replaced" : "first publication", wasWithdrawn: ruleSet.withdrawnAt !== null },
    });
    return { number: version.number, state: "published" as const, publishedAt: now };
  });
  publicationChanged();
  return result;
}

/** Makes an earlier published version current again; its own event, with a reason. */
export async function rollback(db: PrismaClient, identity: Identity, slug: string, input: unknown) {
  requirePublisher(identity, "roll back");
  const data = parseInput(rollbackInput, input);
  const result = await db.$transaction(async (tx) => {
    const { ruleSet, version } = await lockVersion(tx, slug, data.toVersion);
    if (version.state !== "published") {
      throw new DomainError(409, "wrong_state", `Version ${version.number} was never published; only published versions can be made current again.`, [
        { path: "toVersion", message: "must be a version that was published before" },
      ]);
    }
    if (ruleSet.currentVersionId === version.id && !ruleSet.withdrawnAt) {
      throw new DomainError(409, "already_current", `Version ${version.number} is already the current version.`, [
        { path: "toVersion", message: "is already current" },
      ]);
    }
    const previous = ruleSet.currentVersionId
      ? await tx.ruleSetVersion.findUnique({ where: { id: ruleSet.currentVersionId }, select: { number: true } })
      : null;
    await tx.ruleSet.update({ where: { id: ruleSet.id }, data: { currentVersionId: version.id, withdrawnAt: null, withdrawnReason: null } });
    await tx.publicationEvent.create({
      data: { ruleSetId: ruleSet.id, versionId: version.id, kind: "rolled_back", reason: data.reason, actorId: identity.userId },
    });
    await bumpPublicationSerial(tx);
    await recordAudit(tx, actorOf(identity), {
      action: "version.rolled_back",
      targetType: "ruleset",
      targetId: slug,
      details: { from: previous?.number ?? null, to: version.number, reason: data.reason },
    });
    return { currentVersion: version.number, previousVersion: previous?.number ?? null };
  });
  publicationChanged();
  return result;
}

/** Emergency stop: the public API answers 410 with the reason until something is published or rolled back. */
export async function withdraw(db: PrismaClient, identity: Identity, slug: string, input: unknown) {
  requirePublisher(identity, "withdraw a rule set");
  const data = parseInput(reasonInput, input);
  const result = await db.$transaction(async (tx) => {
    const ruleSet = await tx.ruleSet.findUnique({ where: { slug } });
    if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
    if (!ruleSet.currentVersionId) throw new DomainError(409, "not_published", `“${slug}” is not published, so there is nothing to withdraw.`);
    if (ruleSet.withdrawnAt) throw new DomainError(409, "already_withdrawn", `“${slug}” is already withdrawn.`);
    const now = new Date();
    await tx.ruleSet.update({ where: { id: ruleSet.id }, data: { withdrawnAt: now, withdrawnReason: data.reason } });
    await tx.publicationEvent.create({
      data: { ruleSetId: ruleSet.id, versionId: ruleSet.currentVersionId, kind: "withdrawn", reason: data.reason, actorId: identity.userId },
    });
    await bumpPublicationSerial(tx);
    await recordAudit(tx, actorOf(identity), {
      action: "ruleset.withdrawn",
      targetType: "ruleset",
      targetId: slug,
      details: { reason: data.reason },
    });
    return { withdrawnAt: now, reason: data.reason };
  });
  publicationChanged();
  return result;
}
