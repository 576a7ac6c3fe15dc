import { lintRuleSet } from "@/lib/engine";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Identity } from "@/lib/auth/identity";
import { can } from "@/lib/auth/permissions";
import { DomainError, notFound } from "@/lib/errors";
import { compareOnTestCases, exploreAnswerSpace } from "@/lib/preview/impact";
import { diffRuleSets } from "@/lib/rulesets/diff";
import { storedDocument } from "@/lib/rulesets/documents";
import { storedTestCases } from "@/lib/rulesets/stored-test-cases";
import { evaluable } from "@/lib/rulesets/evaluable";
import { diffTestCases } from "@/lib/rulesets/test-case-diff";
import { runTestCases } from "@/lib/testcases";
import { listComments } from "./comments";
import { contributorsOf } from "./contributors";
import { gateProblems, reductionsToAcknowledge } from "./gate";
import { storedAcknowledgements } from "./schemas";
import { baselineFor, latestVerification, verifyAgainst } from "./verification";

/** Everything a reviewer needs about one version, in one place (the review page and the admin API share it). */
export async function reviewPacket(db: PrismaClient, identity: Identity, slug: string, number: number | string) {
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) {
    throw new DomainError(400, "invalid_version", `“${String(number)}” is not a version number.`, [{ path: "version", message: "must be a whole version number" }]);
  }
  const ruleSet = await db.ruleSet.findUnique({
    where: { slug },
    include: { currentVersion: { select: { number: true, document: true, testCases: true } } },
  });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  const version = await db.ruleSetVersion.findUnique({
    where: { ruleSetId_number: { ruleSetId: ruleSet.id, number: n } },
    include: {
      reviews: { include: { reviewer: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      createdBy: { select: { name: true } },
    },
  });
  if (!version || version.state === "discarded") throw notFound(`Rule set “${slug}” has no version ${n}.`);
  // Drafts are previewed in the editor's own views; only submitted versions have a review.
  if (version.state === "draft") throw notFound(`Version ${n} of “${slug}” is still a draft and has not been submitted for review.`);

  const document = storedDocument(version.document);
  const testCases = storedTestCases(version.testCases);
  const published = ruleSet.currentVersion && ruleSet.currentVersion.number !== version.number ? ruleSet.currentVersion : null;
  const publishedDocument = published ? storedDocument(published.document) : null;
  const contributors = await contributorsOf(db, version.id);
  const submitter = version.submittedById
    ? await db.user.findUnique({ where: { id: version.submittedById }, select: { name: true } })
    : null;
  const alreadyReviewed = version.reviews.some((review) => review.reviewerId === identity.userId);
  const isContributor = contributors.has(identity.userId);

  // What approving or publishing would check NOW: the solver against the version published today.
  const baseline = await baselineFor(db, ruleSet.id, version.id);
  const verification = await verifyAgainst(version.document, baseline).catch((error: unknown) => {
    if (error instanceof DomainError) return null; // not evaluable: lint says why
    throw error;
  });
  const acknowledged = version.reviews
    .filter((review) => review.decision === "approved")
    .map((review) => ({ reviewer: review.reviewer.name, comparedWithVersion: review.comparedWithVersion, acknowledgements: storedAcknowledgements(review.acknowledgements) }));
  const gate = verification
    ? gateProblems({
        slug,
        number: version.number,
        isDraft: false,
        document,
        testCases,
        verification,
        coverageWaived: ruleSet.coverageWaivedAt !== null,
      })
    : [];

  return {
    slug,
    title: ruleSet.title,
    number: version.number,
    state: version.state,
    submittedBy: submitter?.name ?? null,
    submittedAt: version.submittedAt,
    requiredApprovals: ruleSet.requiredApprovals,
    approvals: version.reviews.filter((review) => review.decision === "approved").length,
    reviews: version.reviews.map((review) => ({ reviewer: review.reviewer.name, decision: review.decision, comment: review.comment, at: review.createdAt })),
    publishedVersion: published?.number ?? null,
    diff: diffRuleSets(publishedDocument, document),
    testCaseDiff: diffTestCases(published ? storedTestCases(published.testCases) : [], testCases),
    lint: lintRuleSet(document),
    tests: evaluable(() => runTestCases(document, testCases)),
    impact: {
      testCases: evaluable(() => compareOnTestCases(publishedDocument, document, testCases)),
      explored: evaluable(() => exploreAnswerSpace(publishedDocument, document, { timeBudgetMs: 3_000 })),
    },
    /** The solver, now, against the published version: invariants and exact impact (null when the version cannot be evaluated). */
    verification,
    /** What a reviewer must acknowledge, with a reason, to approve (found or not ruled out in time). */
    reductionsToAcknowledge: verification ? reductionsToAcknowledge(verification) : [],
    /** Approvals and the reductions each acknowledged, against which published version. */
    acknowledged,
    /** What the gate would refuse now apart from acknowledgements (tests, coverage, invariants). */
    gate,
    /** What the gate recorded last (at submit, approve or publish). */
    recordedVerification: await latestVerification(db, version.id),
    coverageWaiver: ruleSet.coverageWaivedAt ? { reason: ruleSet.coverageWaiverReason ?? "", at: ruleSet.coverageWaivedAt } : null,
    /** Set while the rule set is withdrawn: publishing then has to lift the withdrawal, with a reason. */
    withdrawn: ruleSet.withdrawnAt ? { reason: ruleSet.withdrawnReason ?? "", at: ruleSet.withdrawnAt } : null,
    comments: await listComments(db, slug, { includeResolved: true }),
    rules: document.rules.map((rule) => ({ id: rule.id, title: rule.title })),
    you: {
      isContributor,
      alreadyReviewed,
      canReview: version.state === "in_review" && can(identity, "reviewVersion") && !isContributor && !alreadyReviewed,
      canPublish: version.state === "approved" && can(identity, "publish"),
    },
  };
}
