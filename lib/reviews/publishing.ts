/**
 * What client apps get: publish, roll back, withdraw, and lifting a withdrawal.
 *
 * Every one of these runs in one transaction that takes the rule set's row
 * lock first (lib/rulesets/lock.ts; then the version's row, then the
 * publication serial), and decides on the state re-read under it: two of them
 * on the same rule set, from any number of server instances, run one after
 * the other, each publication event names the version it actually affected,
 * and `seq` orders the events the way they took effect. A publish runs the
 * publication gate (the solver, seconds) BEFORE its transaction, so under the
 * lock it re-checks that what the gate compared with is still what is
 * published, and answers 409 changed_while_checking otherwise.
 *
 * An emergency withdrawal is never undone by accident: while a rule set is
 * withdrawn, publishing or rolling back answers 409 `withdrawn` unless the
 * request says `liftWithdrawal: { reason }`, and then the lift is recorded as
 * its own publication event and audit row, in the same transaction.
 */
import type { Prisma, PrismaClient, RuleSet } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { actorOf, type Identity } from "@/lib/auth/identity";
import { requireCapability } from "@/lib/auth/permissions";
import { DomainError, parseInput } from "@/lib/errors";
import { lockRuleSet } from "@/lib/rulesets/lock";
import { gateVerification, lockVersion, readVersion, refuseIfBlocked, requireState, runGate } from "./lifecycle";
import { publishInput, reasonInput, rollbackInput, storedAcknowledgements, type LiftWithdrawal } from "./schemas";
import { baselineFor, changedWhileChecking, recordVerification } from "./verification";
import { contentHash } from "@/lib/public/content-hash";
import { storedDocument } from "@/lib/rulesets/documents";
import { bumpPublicationSerial } from "@/lib/public/publication-serial";
import { publicationChanged } from "@/lib/public/publication-events";

type Tx = Prisma.TransactionClient;

/** "2026-12-01 22:00:05 UTC": for messages a person reads. */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

async function numberOf(tx: Tx, versionId: string | null): Promise<number | null> {
  if (!versionId) return null;
  return (await tx.ruleSetVersion.findUniqueOrThrow({ where: { id: versionId }, select: { number: true } })).number;
}

function withdrawalFacts(ruleSet: RuleSet) {
  return { withdrawnAt: ruleSet.withdrawnAt?.toISOString() ?? null, withdrawnReason: ruleSet.withdrawnReason ?? "" };
}

/**
 * May this change end the rule set's withdrawal? While withdrawn only with an
 * explicit lift (409 `withdrawn` otherwise); a lift with nothing to lift is
 * refused too (409 `not_withdrawn`: someone lifted it first), and so is one
 * that names an earlier withdrawal than the current one (409
 * `withdrawal_changed`). Returns the lift to record, or null.
 */
function withdrawalDecision(ruleSet: RuleSet, lift: LiftWithdrawal | undefined, doing: string): LiftWithdrawal | null {
  if (ruleSet.withdrawnAt) {
    const since = `since ${utc(ruleSet.withdrawnAt)}: “${ruleSet.withdrawnReason ?? ""}”`;
    if (!lift) {
      throw new DomainError(
        409,
        "withdrawn",
        `“${ruleSet.slug}” is withdrawn from client apps (${since}). To ${doing} would make it available again, so lift the withdrawal first: say why it is safe to (liftWithdrawal: { reason } with this request; on the rule set page, “Lift the withdrawal”). Client apps keep getting 410 until then.`,
        [{ path: "liftWithdrawal", message: "is required while the rule set is withdrawn" }],
        withdrawalFacts(ruleSet),
      );
    }
    if (lift.withdrawnAt !== undefined && new Date(lift.withdrawnAt).getTime() !== ruleSet.withdrawnAt.getTime()) {
      throw new DomainError(
        409,
        "withdrawal_changed",
        `“${ruleSet.slug}” was withdrawn again after the withdrawal you meant to lift (${since}). Nothing was changed: read the new reason first.`,
        [{ path: "liftWithdrawal.withdrawnAt", message: "is not the current withdrawal" }],
        withdrawalFacts(ruleSet),
      );
    }
    return lift;
  }
  if (lift) {
    throw new DomainError(
      409,
      "not_withdrawn",
      `“${ruleSet.slug}” is not withdrawn (any more: see its publication history), so there is no withdrawal to lift. Nothing was changed; send the request again without liftWithdrawal if you still mean it.`,
      [{ path: "liftWithdrawal", message: "there is no withdrawal to lift" }],
    );
  }
  return null;
}

/**
 * The end of a withdrawal: its own publication event, naming the version that
 * had been withdrawn, and its own audit row. The caller clears the withdrawal
 * and records what clients get instead, in the same transaction.
 */
async function recordLift(
  tx: Tx,
  identity: Identity,
  ruleSet: RuleSet,
  lift: LiftWithdrawal,
  at: Date,
  then: { clientsNowGet: number; by: "publish" | "rollback" | "restore"; rollbackReason?: string },
) {
  // Its own capability, checked where the lift happens (today the publishers hold it too), so publish or roll back alone never implies it.
  requireCapability(identity, "liftWithdrawal");
  await tx.publicationEvent.create({
    data: { ruleSetId: ruleSet.id, versionId: ruleSet.currentVersionId, kind: "withdrawal_lifted", reason: lift.reason, actorId: identity.userId, at },
  });
  await recordAudit(tx, actorOf(identity), {
    action: "ruleset.withdrawal_lifted",
    targetType: "ruleset",
    targetId: ruleSet.slug,
    details: { withdrawnVersion: await numberOf(tx, ruleSet.currentVersionId), reason: lift.reason, ...withdrawalFacts(ruleSet), ...then },
  });
}

/**
 * Makes an approved version the one client apps get, at once. The gate runs
 * again first (tests, coverage, invariants, against what is published NOW),
 * and every reduction in urgency must have been acknowledged by an approving
 * reviewer who compared with this same published version. Body (optional):
 * `{ liftWithdrawal: { reason, withdrawnAt? } }`, required while withdrawn.
 */
export async function publishVersion(db: PrismaClient, identity: Identity, slug: string, number: number | string, input: unknown = {}) {
  requireCapability(identity, "publish");
  const data = parseInput(publishInput, input ?? {});
  const checked = await readVersion(db, slug, number);
  requireState(checked.version, ["approved"], "publish it");
  // Refused early, before the solver runs; decided again under the lock.
  withdrawalDecision(checked.ruleSet, data.liftWithdrawal, `publish version ${checked.version.number}`);
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
    // The rule set's lock, then the version's: everything below is what this publication replaces.
    const { ruleSet, version } = await lockVersion(tx, slug, number);
    requireState(version, ["approved"], "publish it");
    // The gate compared with what was published when it ran; a publication or rollback since makes its verdict stale.
    const baselineId = ruleSet.currentVersionId === version.id ? null : ruleSet.currentVersionId;
    if (baselineId !== gate.baseline.id) throw changedWhileChecking("The published version");
    if ((ruleSet.coverageWaivedAt === null) !== (checked.ruleSet.coverageWaivedAt === null)) throw changedWhileChecking("The coverage waiver");
    const lift = withdrawalDecision(ruleSet, data.liftWithdrawal, `publish version ${version.number}`);
    const previousVersion = await numberOf(tx, ruleSet.currentVersionId);
    const now = new Date();
    if (lift) await recordLift(tx, identity, ruleSet, lift, now, { clientsNowGet: version.number, by: "publish" });
    // Recorded once here so the public catalog never canonicalises and hashes a published document again.
    const hash = await contentHash(storedDocument(version.document));
    await tx.ruleSetVersion.update({ where: { id: version.id }, data: { state: "published", publishedAt: now, contentHash: hash } });
    await tx.ruleSet.update({
      where: { id: ruleSet.id },
      data: { currentVersionId: version.id, withdrawnAt: null, withdrawnReason: null },
    });
    await tx.publicationEvent.create({ data: { ruleSetId: ruleSet.id, versionId: version.id, kind: "published", actorId: identity.userId, at: now } });
    await bumpPublicationSerial(tx);
    await recordVerification(tx, version, "publish", gateVerification(gate), gate.baseline.number, identity.userId);
    await recordAudit(tx, actorOf(identity), {
      action: "version.published",
      targetType: "ruleset",
      targetId: slug,
      details: {
        version: version.number,
        previous: ruleSet.currentVersionId ? "replaced" : "first publication",
        previousVersion,
        wasWithdrawn: ruleSet.withdrawnAt !== null,
        withdrawalLifted: lift !== null,
        invariantsProven: gateVerification(gate).summary.proven,
        comparedWithVersion: gate.baseline.number,
        acknowledgedReductions: acknowledgements,
        coverageWaived: ruleSet.coverageWaivedAt !== null,
      },
    });
    return { number: version.number, state: "published" as const, publishedAt: now, previousVersion, withdrawalLifted: lift !== null };
  });
  publicationChanged();
  return result;
}

/**
 * Makes an earlier published version current again; its own event, with a
 * reason. While withdrawn it needs `liftWithdrawal` too, and rolling back to
 * the withdrawn version itself is how it is made available again (one
 * `withdrawal_lifted` event, no rollback event: nothing else changes).
 */
export async function rollback(db: PrismaClient, identity: Identity, slug: string, input: unknown) {
  requireCapability(identity, "rollBack");
  const data = parseInput(rollbackInput, input);
  const result = await db.$transaction(async (tx) => {
    const { ruleSet, version } = await lockVersion(tx, slug, data.toVersion);
    if (version.state !== "published") {
      throw new DomainError(409, "wrong_state", `Version ${version.number} was never published; only published versions can be made current again.`, [
        { path: "toVersion", message: "must be a version that was published before" },
      ]);
    }
    const lift = withdrawalDecision(ruleSet, data.liftWithdrawal, `make version ${version.number} current`);
    const restoring = lift !== null && ruleSet.currentVersionId === version.id;
    if (!lift && ruleSet.currentVersionId === version.id) {
      throw new DomainError(409, "already_current", `Version ${version.number} is already the current version.`, [
        { path: "toVersion", message: "is already current" },
      ]);
    }
    const previousVersion = await numberOf(tx, ruleSet.currentVersionId);
    const now = new Date();
    if (lift) {
      await recordLift(tx, identity, ruleSet, lift, now, { clientsNowGet: version.number, by: restoring ? "restore" : "rollback", rollbackReason: data.reason });
    }
    await tx.ruleSet.update({ where: { id: ruleSet.id }, data: { currentVersionId: version.id, withdrawnAt: null, withdrawnReason: null } });
    if (!restoring) {
      await tx.publicationEvent.create({
        data: { ruleSetId: ruleSet.id, versionId: version.id, kind: "rolled_back", reason: data.reason, actorId: identity.userId, at: now },
      });
      await recordAudit(tx, actorOf(identity), {
        action: "version.rolled_back",
        targetType: "ruleset",
        targetId: slug,
        details: { from: previousVersion, to: version.number, reason: data.reason, withdrawalLifted: lift !== null },
      });
    }
    await bumpPublicationSerial(tx);
    return { currentVersion: version.number, previousVersion, withdrawalLifted: lift !== null };
  });
  publicationChanged();
  return result;
}

/**
 * Emergency stop: the public API answers 410 with the reason until the
 * withdrawal is lifted (explicitly, with a reason). A second withdrawal
 * answers 409 `already_withdrawn` and leaves the first one's reason alone.
 */
export async function withdraw(db: PrismaClient, identity: Identity, slug: string, input: unknown) {
  requireCapability(identity, "withdraw");
  const data = parseInput(reasonInput, input);
  const result = await db.$transaction(async (tx) => {
    const ruleSet = await lockRuleSet(tx, slug);
    if (!ruleSet.currentVersionId) throw new DomainError(409, "not_published", `“${slug}” is not published, so there is nothing to withdraw.`);
    if (ruleSet.withdrawnAt) {
      throw new DomainError(
        409,
        "already_withdrawn",
        `“${slug}” is already withdrawn (since ${utc(ruleSet.withdrawnAt)}: “${ruleSet.withdrawnReason ?? ""}”). Nothing was changed: client apps keep showing that reason.`,
        [],
        withdrawalFacts(ruleSet),
      );
    }
    const version = await numberOf(tx, ruleSet.currentVersionId);
    const now = new Date();
    await tx.ruleSet.update({ where: { id: ruleSet.id }, data: { withdrawnAt: now, withdrawnReason: data.reason } });
    await tx.publicationEvent.create({
      data: { ruleSetId: ruleSet.id, versionId: ruleSet.currentVersionId, kind: "withdrawn", reason: data.reason, actorId: identity.userId, at: now },
    });
    await bumpPublicationSerial(tx);
    await recordAudit(tx, actorOf(identity), {
      action: "ruleset.withdrawn",
      targetType: "ruleset",
      targetId: slug,
      details: { reason: data.reason, version },
    });
    return { withdrawnAt: now, reason: data.reason, version };
  });
  publicationChanged();
  return result;
}
