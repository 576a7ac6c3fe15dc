import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { actorOf, type Identity } from "@/lib/auth/identity";
import { hasRole } from "@/lib/auth/roles";
import { DomainError, forbidden, notFound, parseInput } from "@/lib/errors";
import { gateVerification, lockVersion, readVersion, refuseIfBlocked, requireState, runGate } from "./lifecycle";
import { reasonInput, rollbackInput, storedAcknowledgements } from "./schemas";
import { baselineFor, changedWhileChecking, recordVerification } from "./verification";
import { bumpPublicationSerial } from "@/lib/public/publication-serial";
import { publicationChanged } from "@/lib/public/publication-events";

function requirePublisher(identity: Identity, doing: string) {
  if (!hasRole(identity.roles, "reviewer") && !hasRole(identity.roles, "admin")) {
    throw forbidden(`Only reviewers and admins can ${doing}.`);
  }
}

/**
 * Makes an approved version the one client apps get, at once. The gate runs
 * again first (tests, coverage, invariants, against what is published NOW),
 * and every reduction in urgency must have been acknowledged by an approving
 * reviewer who compared with this same published version.
 */
export async function publishVersion(db: PrismaClient, identity: Identity, slug: string, number: number | string) {
  requirePublisher(identity, "publish");
  const checked = await readVersion(db, slug, number);
  requireState(checked.version, ["approved"], "publish it");
  const baselineNow = await baselineFor(db, checked.ruleSet.id, checked.version.id);
  const approvals = await db.review.findMany({ where: { versionId: checked.version.id, decision: "approved" } });
  const current = approvals.filter((review) => review.comparedWithVersion === baselineNow.number);
  const acknowledgements = current.flatMap((review) => storedAcknowledgements(review.acknowledgements));
  const gate = await runGate(db, checked.ruleSet, checked.version, acknowledgements);
  if (current.length < approvals.length && gate.problems.some((p) => p.code === "reduction_not_acknowledged")) {
    const before = [...new Set(approvals.map((r) => r.comparedWithVersion))].map((n) => (n === null ? "nothing published" : `version ${n}`)).join(", ");
    gate.problems.unshift({
      code: "reduction_not_acknowledged",
      message: `The published version changed since this version was approved (it was compared with ${before}; now ${baselineNow.number === null ? "nothing" : `version ${baselineNow.number}`} is published), so its reductions in urgency have not been reviewed against what client apps get now. Start a new draft from this version and send it for review again.`,
      href: `/rulesets/${encodeURIComponent(slug)}`,
      fix: "Start a new draft from this version",
      waivable: false,
    });
  }
  refuseIfBlocked(gate.problems, "published", checked.version.number);
  const result = await db.$transaction(async (tx) => {
    const { ruleSet, version } = await lockVersion(tx, slug, number);
    requireState(version, ["approved"], "publish it");
    if ((await baselineFor(tx, ruleSet.id, version.id)).id !== gate.baseline.id) throw changedWhileChecking("The published version");
    if ((ruleSet.coverageWaivedAt === null) !== (checked.ruleSet.coverageWaivedAt === null)) throw changedWhileChecking("The coverage waiver");
    const now = new Date();
    await tx.ruleSetVersion.update({ where: { id: version.id }, data: { state: "published", publishedAt: now } });
    await tx.ruleSet.update({
      where: { id: ruleSet.id },
      data: { currentVersionId: version.id, withdrawnAt: null, withdrawnReason: null },
    });
    await tx.publicationEvent.create({ data: { ruleSetId: ruleSet.id, versionId: version.id, kind: "published", actorId: identity.userId } });
    await bumpPublicationSerial(tx);
    await recordVerification(tx, version, "publish", gateVerification(gate), gate.baseline.number, identity.userId);
    await recordAudit(tx, actorOf(identity), {
      action: "version.published",
      targetType: "ruleset",
      targetId: slug,
      details: {
        version: version.number,
        previous: ruleSet.currentVersionId ? "replaced" : "first publication",
        wasWithdrawn: ruleSet.withdrawnAt !== null,
        invariantsProven: gateVerification(gate).summary.proven,
        comparedWithVersion: gate.baseline.number,
        acknowledgedReductions: acknowledgements,
        coverageWaived: ruleSet.coverageWaivedAt !== null,
      },
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
