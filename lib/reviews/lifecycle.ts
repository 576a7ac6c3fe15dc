import { lintRuleSet } from "@/lib/engine";
import type { Prisma, PrismaClient, RuleSet, RuleSetVersion } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { actorOf, type Identity } from "@/lib/auth/identity";
import { requireCapability } from "@/lib/auth/permissions";
import { DomainError, notFound, parseInput } from "@/lib/errors";
import { storedDocument } from "@/lib/rulesets/documents";
import { draftFromVersion } from "@/lib/rulesets/drafts";
import { lockRuleSet } from "@/lib/rulesets/lock";
import { storedTestCases } from "@/lib/rulesets/stored-test-cases";
import type { VerificationReport } from "@/lib/verify/schemas";
import { contributorsOf } from "./contributors";
import { gateProblems, reductionsToAcknowledge, type GateProblem } from "./gate";
import { approveInput, requestChangesInput, type Acknowledgement } from "./schemas";
import { baselineFor, changedWhileChecking, recordVerification, verifyAgainst, type Baseline } from "./verification";

type Tx = Prisma.TransactionClient;

/** The version number from a URL or form, and its rule set (404 when there is none). */
async function ruleSetAndNumber(db: Tx | PrismaClient, slug: string, number: number | string) {
  const n = versionNumber(number);
  const ruleSet = await db.ruleSet.findUnique({ where: { slug } });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  return { ruleSet, n };
}

/** The version number from a URL or form: 400 unless it is a whole number from 1. */
function versionNumber(number: number | string): number {
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) {
    throw new DomainError(400, "invalid_version", `“${String(number)}” is not a version number.`, [
      { path: "version", message: "must be a whole version number" },
    ]);
  }
  return n;
}

/**
 * Locks the rule set's row, then the version's (always in that order: see
 * lib/rulesets/lock.ts), and returns both as they are under the locks. Two
 * people acting on the same rule set are serialised, so states never race.
 */
export async function lockVersion(tx: Tx, slug: string, number: number | string) {
  const n = versionNumber(number);
  const ruleSet = await lockRuleSet(tx, slug);
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

/** A version and its rule set, read without locking (the gate runs the solver before any transaction). */
export async function readVersion(db: PrismaClient, slug: string, number: number | string) {
  const { ruleSet, n } = await ruleSetAndNumber(db, slug, number);
  const version = await db.ruleSetVersion.findUnique({ where: { ruleSetId_number: { ruleSetId: ruleSet.id, number: n } } });
  if (!version || version.state === "discarded") throw notFound(`Rule set “${slug}” has no version ${n}.`);
  return { ruleSet, version };
}

/** Refuses with every reason the gate gives, each with where to fix it. */
export function refuseIfBlocked(problems: readonly GateProblem[], doing: string, number: number) {
  if (problems.length === 0) return;
  throw new DomainError(409, "not_ready", `Version ${number} cannot be ${doing} yet: ${problems.length} problem(s). ${problems.map((p) => p.message).join(" ")}`, [], {
    reasons: problems,
  });
}

export { verified as gateVerification };

export interface GateRun {
  problems: GateProblem[];
  /** null only when lint errors stopped the gate (then `problems` lists them). */
  verification: VerificationReport | null;
  baseline: Baseline;
}

/** After refuseIfBlocked: the gate passed, so the solver ran. */
function verified(gate: GateRun): VerificationReport {
  if (!gate.verification) throw new Error("The gate passed without a verification; this is a bug.");
  return gate.verification;
}

/** Runs the whole gate on a version against what is published now. */
export async function runGate(
  db: PrismaClient,
  ruleSet: RuleSet,
  version: RuleSetVersion,
  acknowledgements?: readonly Acknowledgement[],
): Promise<GateRun> {
  const baseline = await baselineFor(db, ruleSet.id, version.id);
  const document = storedDocument(version.document);
  // Lint errors come first: a document that does not lint cleanly may not even compile for the solver.
  const verification = lintRuleSet(document).some((issue) => issue.severity === "error") ? null : await verifyAgainst(version.document, baseline);
  const problems = gateProblems({
    slug: ruleSet.slug,
    number: version.number,
    isDraft: version.state === "draft",
    document,
    testCases: storedTestCases(version.testCases),
    verification,
    coverageWaived: ruleSet.coverageWaivedAt !== null,
    ...(acknowledgements ? { acknowledgements } : {}),
  });
  return { problems, verification, baseline };
}

/** Inside the lock: what the gate checked is still what would change. */
async function requireUnchanged(tx: Tx, checked: { version: RuleSetVersion; baseline: Baseline; ruleSet: RuleSet }, locked: { version: RuleSetVersion; ruleSet: RuleSet }) {
  if (locked.version.revision !== checked.version.revision) throw changedWhileChecking(`Version ${locked.version.number}`);
  if ((locked.ruleSet.coverageWaivedAt === null) !== (checked.ruleSet.coverageWaivedAt === null)) throw changedWhileChecking("The coverage waiver");
  const now = await baselineFor(tx, locked.ruleSet.id, locked.version.id);
  if (now.id !== checked.baseline.id) throw changedWhileChecking("The published version");
}

export async function submitVersion(db: PrismaClient, identity: Identity, slug: string, number: number | string) {
  requireCapability(identity, "submitForReview");
  const checked = await readVersion(db, slug, number);
  requireState(checked.version, ["draft"], "submit it");
  const gate = await runGate(db, checked.ruleSet, checked.version);
  refuseIfBlocked(gate.problems, "submitted", checked.version.number);
  return db.$transaction(async (tx) => {
    const locked = await lockVersion(tx, slug, number);
    requireState(locked.version, ["draft"], "submit it");
    await requireUnchanged(tx, { ...checked, baseline: gate.baseline }, locked);
    const version = locked.version;
    const now = new Date();
    await tx.ruleSetVersion.update({
      where: { id: version.id },
      data: { state: "in_review", frozenAt: now, submittedAt: now, submittedById: identity.userId },
    });
    await recordVerification(tx, version, "submit", verified(gate), gate.baseline.number, identity.userId);
    await recordAudit(tx, actorOf(identity), {
      action: "version.submitted",
      targetType: "ruleset",
      targetId: slug,
      details: { version: version.number, revision: version.revision, invariantsProven: verified(gate).summary.proven, comparedWithVersion: gate.baseline.number },
    });
    return { number: version.number, state: "in_review" as const };
  });
}

async function requireIndependentReviewer(tx: Tx | PrismaClient, identity: Identity, version: RuleSetVersion, doing: string) {
  requireCapability(identity, "reviewVersion");
  const contributors = await contributorsOf(tx, version.id);
  if (contributors.has(identity.userId)) {
    throw new DomainError(403, "four_eyes", `You wrote or edited version ${version.number}, so you cannot ${doing}: another reviewer must.`);
  }
}

/**
 * Approval runs the whole gate again against what is published now, and
 * requires the reviewer to acknowledge, with a reason, every reduction in
 * urgency the exact impact finds (or cannot rule out in time).
 */
export async function approveVersion(db: PrismaClient, identity: Identity, slug: string, number: number | string, input: unknown = {}) {
  const data = parseInput(approveInput, input ?? {});
  const checked = await readVersion(db, slug, number);
  await requireIndependentReviewer(db, identity, checked.version, "approve it");
  requireState(checked.version, ["in_review"], "approve it");
  const gate = await runGate(db, checked.ruleSet, checked.version, data.acknowledgements);
  const toAcknowledge = gate.verification ? reductionsToAcknowledge(gate.verification) : [];
  data.acknowledgements.forEach((a, index) => {
    if (!toAcknowledge.some((pair) => pair.published.disposition === a.published && pair.draft.disposition === a.draft)) {
      throw new DomainError(400, "invalid_input", `Acknowledgement ${index + 1} names a change (${a.published ?? "none"} → ${a.draft ?? "none"}) that the exact impact does not find.`, [
        { path: `acknowledgements.${index}`, message: "is not a reduction in urgency of this version" },
      ]);
    }
  });
  refuseIfBlocked(gate.problems, "approved", checked.version.number);
  return db.$transaction(async (tx) => {
    const locked = await lockVersion(tx, slug, number);
    const { ruleSet, version } = locked;
    requireState(version, ["in_review"], "approve it");
    await requireUnchanged(tx, { ...checked, baseline: gate.baseline }, locked);
    const already = await tx.review.findUnique({ where: { versionId_reviewerId: { versionId: version.id, reviewerId: identity.userId } } });
    if (already) throw new DomainError(409, "already_reviewed", `You already ${already.decision === "approved" ? "approved" : "reviewed"} version ${version.number}.`);
    await tx.review.create({
      data: {
        versionId: version.id,
        reviewerId: identity.userId,
        decision: "approved",
        comment: (data.comment ?? "").slice(0, 5000),
        comparedWithVersion: gate.baseline.number,
        acknowledgements: data.acknowledgements as unknown as Prisma.InputJsonValue,
      },
    });
    const approvals = await tx.review.count({ where: { versionId: version.id, decision: "approved" } });
    const approved = approvals >= ruleSet.requiredApprovals;
    if (approved) await tx.ruleSetVersion.update({ where: { id: version.id }, data: { state: "approved" } });
    await recordVerification(tx, version, "approve", verified(gate), gate.baseline.number, identity.userId);
    await recordAudit(tx, actorOf(identity), {
      action: "version.approved",
      targetType: "ruleset",
      targetId: slug,
      details: {
        version: version.number,
        approvals,
        required: ruleSet.requiredApprovals,
        nowApproved: approved,
        comparedWithVersion: gate.baseline.number,
        acknowledgedReductions: data.acknowledgements,
      },
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
    // A rule set has at most one draft. If the authors already started one while this
    // version was in review, it is kept (the comments carry over to it); otherwise a new
    // draft starts from this version, owned by whoever submitted: the reviewer did not author it.
    const existing = await tx.ruleSetVersion.findFirst({ where: { ruleSetId: ruleSet.id, state: "draft" }, select: { number: true, basedOnNumber: true } });
    const draftNumber = existing ? existing.number : await draftFromVersion(tx, version, version.submittedById ?? version.createdById);
    await recordAudit(tx, actorOf(identity), {
      action: "version.changes_requested",
      targetType: "ruleset",
      targetId: slug,
      details: { version: version.number, comment: data.comment, ruleComments: data.ruleComments.length, ...(existing ? { keptDraft: draftNumber } : { newDraft: draftNumber }) },
    });
    return {
      number: version.number,
      state: "changes_requested" as const,
      draftNumber,
      /** The draft existed already (started from another version while this one was in review): it was kept, not replaced. */
      draftKept: existing !== null,
      ...(existing ? { draftBasedOn: existing.basedOnNumber } : {}),
    };
  });
}
