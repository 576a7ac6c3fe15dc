import { lintRuleSet } from "@/lib/engine";
import type { Prisma, PrismaClient, RuleSetVersion } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { actorOf, type Identity } from "@/lib/auth/identity";
import { hasRole } from "@/lib/auth/roles";
import { DomainError, forbidden, notFound, parseInput } from "@/lib/errors";
import { storedDocument } from "@/lib/rulesets/documents";
import { draftFromVersion } from "@/lib/rulesets/drafts";
import { storedTestCases } from "@/lib/rulesets/stored-test-cases";
import { runTestCases } from "@/lib/testcases/run";
import { contributorsOf } from "./contributors";
import { requestChangesInput } from "./schemas";

type Tx = Prisma.TransactionClient;

export async function lockVersion(tx: Tx, slug: string, number: number | string) {
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) {
    throw new DomainError(400, "invalid_version", `“${String(number)}” is not a version number.`, [
      { path: "version", message: "must be a whole version number" },
    ]);
  }
  const ruleSet = await tx.ruleSet.findUnique({ where: { slug } });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  // Row lock: two reviewers acting on the same version are serialised, so states never race.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "RuleSetVersion" WHERE "ruleSetId" = ${ruleSet.id} AND number = ${n} FOR UPDATE`;
  if (rows.length === 0) throw notFound(`Rule set “${slug}” has no version ${n}.`);
  const version = await tx.ruleSetVersion.findUniqueOrThrow({ where: { id: rows[0].id } });
  return { ruleSet, version };
}

export function requireState(version: RuleSetVersion, allowed: RuleSetVersion["state"][], doing: string) {
  if (!allowed.includes(version.state)) {
    const label = version.state.replace("_", " ");
    throw new DomainError(409, "wrong_state", `Version ${version.number} is ${label}; it must be ${allowed.map((s) => s.replace("_", " ")).join(" or ")} to ${doing}.`, [], {
      state: version.state,
    });
  }
}

/** Why a draft cannot be submitted yet: lint errors and failing test cases, in plain language. */
export function submissionBlockers(version: Pick<RuleSetVersion, "document" | "testCases">): string[] {
  const document = storedDocument(version.document);
  const blockers = lintRuleSet(document)
    .filter((issue) => issue.severity === "error")
    .map((issue) => `Lint error: ${issue.message}`);
  const testCases = storedTestCases(version.testCases);
  if (testCases.length > 0 && blockers.length === 0) {
    const report = runTestCases(document, testCases);
    for (const result of report.results) {
      if (result.status === "fail") blockers.push(`Test case “${result.name}” fails: ${result.failures.map((f) => f.message).join("; ")}`);
      if (result.status === "invalid") blockers.push(`Test case “${result.name}” is invalid: ${(result.issues ?? []).map((i) => i.message).join("; ")}`);
    }
  }
  return blockers;
}

export async function submitVersion(db: PrismaClient, identity: Identity, slug: string, number: number | string) {
  if (!hasRole(identity.roles, "author")) throw forbidden("Only authors can submit a version for review.");
  return db.$transaction(async (tx) => {
    const { version } = await lockVersion(tx, slug, number);
    requireState(version, ["draft"], "submit it");
    const blockers = submissionBlockers(version);
    if (blockers.length > 0) {
      throw new DomainError(409, "not_ready", `Version ${version.number} cannot be submitted yet: ${blockers.length} problem(s).`, [], {
        reasons: blockers,
      });
    }
    const now = new Date();
    await tx.ruleSetVersion.update({
      where: { id: version.id },
      data: { state: "in_review", frozenAt: now, submittedAt: now, submittedById: identity.userId },
    });
    await recordAudit(tx, actorOf(identity), {
      action: "version.submitted",
      targetType: "ruleset",
      targetId: slug,
      details: { version: version.number, revision: version.revision },
    });
    return { number: version.number, state: "in_review" as const };
  });
}

async function requireIndependentReviewer(tx: Tx, identity: Identity, version: RuleSetVersion, doing: string) {
  if (!hasRole(identity.roles, "reviewer")) throw forbidden(`Only reviewers can ${doing}.`);
  const contributors = await contributorsOf(tx, version.id);
  if (contributors.has(identity.userId)) {
    throw new DomainError(403, "four_eyes", `You wrote or edited version ${version.number}, so you cannot ${doing}: another reviewer must.`);
  }
}

export async function approveVersion(db: PrismaClient, identity: Identity, slug: string, number: number | string, input: { comment?: string } = {}) {
  return db.$transaction(async (tx) => {
    const { ruleSet, version } = await lockVersion(tx, slug, number);
    await requireIndependentReviewer(tx, identity, version, "approve it");
    requireState(version, ["in_review"], "approve it");
    const already = await tx.review.findUnique({ where: { versionId_reviewerId: { versionId: version.id, reviewerId: identity.userId } } });
    if (already) throw new DomainError(409, "already_reviewed", `You already ${already.decision === "approved" ? "approved" : "reviewed"} version ${version.number}.`);
    await tx.review.create({
      data: { versionId: version.id, reviewerId: identity.userId, decision: "approved", comment: (input.comment ?? "").trim().slice(0, 5000) },
    });
    const approvals = await tx.review.count({ where: { versionId: version.id, decision: "approved" } });
    const approved = approvals >= ruleSet.requiredApprovals;
    if (approved) await tx.ruleSetVersion.update({ where: { id: version.id }, data: { state: "approved" } });
    await recordAudit(tx, actorOf(identity), {
      action: "version.approved",
      targetType: "ruleset",
      targetId: slug,
      details: { version: version.number, approvals, required: ruleSet.requiredApprovals, nowApproved: approved },
    });
    return { number: version.number, state: approved ? ("approved" as const) : ("in_review" as const), approvals, requiredApprovals: ruleSet.requiredApprovals };
  });
}

/**
 * Sends a version back: it is frozen as "changes requested", its reviewer's
 * comments are kept, and a new draft starts from it for the authors to fix.
 */
export async function requestChanges(db: PrismaClient, identity: Identity, slug: string, number: number | string, input: unknown) {
  const data = parseInput(requestChangesInput, input);
  return db.$transaction(async (tx) => {
    const { ruleSet, version } = await lockVersion(tx, slug, number);
    await requireIndependentReviewer(tx, identity, version, "review it");
    requireState(version, ["in_review"], "request changes");
    const ruleIds = new Set(storedDocument(version.document).rules.map((rule) => rule.id));
    data.ruleComments.forEach((comment, index) => {
      if (!ruleIds.has(comment.ruleId)) {
        throw new DomainError(400, "invalid_input", `Version ${version.number} has no rule “${comment.ruleId}”.`, [
          { path: `ruleComments.${index}.ruleId`, message: "is not a rule of this version" },
        ]);
      }
    });
    await tx.review.create({
      data: { versionId: version.id, reviewerId: identity.userId, decision: "changes_requested", comment: data.comment },
    });
    await tx.reviewComment.create({
      data: { ruleSetId: ruleSet.id, versionId: version.id, authorId: identity.userId, body: data.comment },
    });
    for (const comment of data.ruleComments) {
      await tx.reviewComment.create({
        data: { ruleSetId: ruleSet.id, versionId: version.id, ruleId: comment.ruleId, authorId: identity.userId, body: comment.body },
      });
    }
    await tx.ruleSetVersion.update({ where: { id: version.id }, data: { state: "changes_requested" } });
    // The new draft belongs to whoever submitted; the reviewer did not author it.
    const draftNumber = await draftFromVersion(tx, version, version.submittedById ?? version.createdById);
    await recordAudit(tx, actorOf(identity), {
      action: "version.changes_requested",
      targetType: "ruleset",
      targetId: slug,
      details: { version: version.number, comment: data.comment, ruleComments: data.ruleComments.length, newDraft: draftNumber },
    });
    return { number: version.number, state: "changes_requested" as const, draftNumber };
  });
}
