import type { Metadata } from "next";
import Link from "next/link";
import { formatWhen, VERSION_STATE_LABELS } from "@/components/format";
import { outcomeLabel } from "@/components/review/impact-text";
import { ReductionsSection } from "@/components/review/reductions-section";
import { SafetyVerification } from "@/components/review/safety-verification";
import { RulesetDiffView } from "@/components/ruleset-diff/ruleset-diff-view";
import { requirePageIdentity } from "@/lib/auth/next";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFoundPage } from "@/lib/http/not-found-page";
import { reductionText } from "@/lib/reviews/gate";
import { reviewPacket } from "@/lib/reviews/review-packet";
import { CommentsList } from "../../../comments-list";
import { ApproveForm, CommentForm, PublishForm, RequestChangesForm, type ReductionToAcknowledge } from "../../../lifecycle-forms";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage({ params }: { params: Promise<{ slug: string; n: string }> }) {
  const identity = await requirePageIdentity("viewRuleSets");
  const { slug, n } = await params;
  const packet = await notFoundPage(reviewPacket(db(), identity, slug, n));
  const errors = packet.lint.filter((issue) => issue.severity === "error");
  const warnings = packet.lint.filter((issue) => issue.severity === "warning");
  const impactCases = packet.impact.testCases;
  const explored = packet.impact.explored;
  const reducedCases = impactCases.comparable ? impactCases.totals.reduced : 0;
  const reducedExplored = explored.comparable ? explored.reducedUrgency : 0;
  const ruleTitles = new Map(packet.rules.map((rule) => [rule.id, rule.title]));
  const isCurrent = packet.state === "published" && packet.publishedVersion === null;
  const from = packet.publishedVersion ? `v${packet.publishedVersion} (published)` : "nothing published";
  const comparedWith = packet.verification?.impact.comparable ? packet.verification.impact.publishedVersion : packet.publishedVersion;
  const reductions: ReductionToAcknowledge[] = packet.reductionsToAcknowledge.map((pair) => ({
    published: pair.published.disposition,
    draft: pair.draft.disposition,
    text: reductionText(pair, comparedWith),
    short: `“${outcomeLabel(pair.published)}” → “${outcomeLabel(pair.draft)}”`,
  }));
  // A new set of reductions (the published version moved) starts a fresh form rather than shifting reasons between rows.
  const approveKey = reductions.map((r) => `${r.published}>${r.draft}`).join("|");
  const sampledReductions = reducedCases + reducedExplored + packet.diff.urgencyReductions.length;

  return (
    <div className="space-y-6">
      <nav className="text-sm" aria-label="Breadcrumb">
        <Link href={`/rulesets/${slug}`} className="text-brand-700 hover:underline">
          ← {packet.title}
        </Link>
      </nav>
      <header className="card space-y-2">
        <h1 className="text-2xl font-semibold">
          Review of version {packet.number} · <span data-testid="version-state">{VERSION_STATE_LABELS[packet.state]}</span>
        </h1>
        <p className="text-sm text-slate-600">
          Submitted by {packet.submittedBy ?? "—"} {packet.submittedAt ? formatWhen(packet.submittedAt) : ""} · {packet.approvals} of{" "}
          {packet.requiredApprovals} approval{packet.requiredApprovals === 1 ? "" : "s"} · {isCurrent ? "the current published version" : `compared with ${from}`}
        </p>
        {packet.reviews.length > 0 && (
          <ul className="text-sm">
            {packet.reviews.map((review, index) => (
              <li key={index}>
                {review.reviewer} {review.decision === "approved" ? "approved" : "requested changes"} {formatWhen(review.at)}
                {review.comment ? ` — “${review.comment}”` : ""}
              </li>
            ))}
          </ul>
        )}
        {packet.you.isContributor && (
          <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="four-eyes-notice">
            You wrote or edited this version, so another reviewer must review it.
          </p>
        )}
      </header>

      <SafetyVerification verification={packet.verification} gate={packet.gate} coverageWaiver={packet.coverageWaiver} recorded={packet.recordedVerification} />

      <ReductionsSection
        state={packet.state}
        publishedVersion={packet.publishedVersion}
        verification={packet.verification}
        recorded={packet.recordedVerification}
        acknowledged={packet.acknowledged}
        toAcknowledge={packet.reductionsToAcknowledge}
        canReview={packet.you.canReview}
      />

      {(packet.you.canReview || packet.you.canPublish) && (
        <section className="grid gap-4 lg:grid-cols-2" aria-label="Decision">
          {packet.you.canReview && (
            <>
              <div className="card" id="approve">
                <h2 className="mb-2 font-semibold">Approve</h2>
                <ApproveForm key={approveKey} slug={slug} version={packet.number} reductions={reductions} />
              </div>
              <div className="card">
                <h2 className="mb-2 font-semibold">Request changes</h2>
                <RequestChangesForm slug={slug} version={packet.number} rules={packet.rules} />
              </div>
            </>
          )}
          {packet.you.canPublish && (
            <div className="card">
              <h2 className="mb-2 font-semibold">Publish</h2>
              <PublishForm slug={slug} version={packet.number} withdrawn={packet.withdrawn ? { at: packet.withdrawn.at.toISOString(), reason: packet.withdrawn.reason } : null} />
            </div>
          )}
        </section>
      )}

      <section className="card space-y-2" data-testid="review-urgency" aria-labelledby="urgency-heading">
        <h2 id="urgency-heading" className="font-semibold">
          Sampled comparison and tests (for the counts; the exact answer is under Reductions in urgency)
        </h2>
        <p className={`text-sm ${sampledReductions > 0 ? "font-medium text-red-800" : "text-slate-700"}`}>
          Less urgent than {from}: {packet.diff.urgencyReductions.length} change(s) in the rules, {reducedCases} test case(s), {reducedExplored} explored answer
          set(s).
        </p>
        <p className="text-sm text-slate-700">
          Tests: {packet.tests.passed} passed, {packet.tests.failed} failed, {packet.tests.invalid} invalid
          {packet.tests.underTriage > 0 ? `, ${packet.tests.underTriage} under-triaged` : ""} · Lint: {errors.length} errors, {warnings.length} warnings
          {explored.comparable ? ` · Explored ${explored.total} answer sets (${explored.mode}), ${explored.changedDisposition} change disposition` : ""}
        </p>
      </section>

      <section className="space-y-2" aria-labelledby="changes-heading">
        <h2 id="changes-heading" className="text-lg font-semibold">
          Changes from {from}
        </h2>
        <RulesetDiffView diff={packet.diff} fromLabel={from} toLabel={`v${packet.number}`} />
        {packet.testCaseDiff.added.length + packet.testCaseDiff.removed.length + packet.testCaseDiff.changed.length > 0 && (
          <div className="card text-sm" data-testid="test-case-diff">
            <h3 className="font-semibold">Test cases</h3>
            {packet.testCaseDiff.added.length > 0 && <p>Added: {packet.testCaseDiff.added.join(", ")}</p>}
            {packet.testCaseDiff.changed.length > 0 && <p>Changed: {packet.testCaseDiff.changed.join(", ")}</p>}
            {packet.testCaseDiff.removed.length > 0 && <p className="text-red-700">Removed: {packet.testCaseDiff.removed.join(", ")}</p>}
          </div>
        )}
      </section>

      <section className="card overflow-x-auto" aria-labelledby="tests-heading">
        <h2 id="tests-heading" className="mb-2 font-semibold">
          Test cases ({packet.tests.total})
        </h2>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-600">
            <tr>
              <th className="py-1 pr-3 font-medium">Case</th>
              <th className="py-1 pr-3 font-medium">Expected</th>
              <th className="py-1 pr-3 font-medium">Result</th>
              <th className="py-1 font-medium">Status</th>
            </tr>
          </thead>
          <tbody>
            {packet.tests.results.map((result) => (
              <tr key={result.id} className={`border-t border-slate-100 ${result.underTriage ? "bg-red-50" : ""}`}>
                <td className="py-1 pr-3">
                  {result.name}
                  {result.tags.includes("red-flag") && <span className="ml-2 rounded bg-red-100 px-1 text-xs text-red-800">red flag</span>}
                </td>
                <td className="py-1 pr-3">{result.expected.disposition}</td>
                <td className="py-1 pr-3">{result.actual?.disposition ?? "—"}</td>
                <td className="py-1">{result.status === "pass" ? "✓ pass" : result.status === "fail" ? `✗ ${result.failures.map((f) => f.message).join("; ")}` : "invalid"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {impactCases.comparable && impactCases.totals.dispositionChanged > 0 && (
        <section className="card overflow-x-auto" aria-labelledby="impact-heading">
          <h2 id="impact-heading" className="mb-2 font-semibold">
            Test cases whose result changes against {from}
          </h2>
          <ul className="space-y-1 text-sm">
            {impactCases.cases
              .filter((impact) => impact.dispositionChanged)
              .map((impact) => (
                <li key={impact.id} className={impact.urgency === "reduced" ? "font-medium text-red-800" : ""}>
                  {impact.name}: {impact.published.valid ? impact.published.disposition : "invalid"} → {impact.draft.valid ? impact.draft.disposition : "invalid"}
                  {impact.urgency === "reduced" ? " (LESS urgent)" : impact.urgency === "increased" ? " (more urgent)" : ""}
                </li>
              ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="lint-heading">
        <h2 id="lint-heading" className="mb-2 font-semibold">
          Checks
        </h2>
        {packet.lint.length === 0 ? (
          <p className="text-sm text-green-800">No problems found.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {packet.lint.map((issue, index) => (
              <li key={index} className={issue.severity === "error" ? "text-red-700" : "text-slate-700"}>
                {issue.severity === "error" ? "Error" : issue.severity === "warning" ? "Warning" : "Note"}: {issue.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card space-y-3" aria-labelledby="review-comments-heading">
        <h2 id="review-comments-heading" className="font-semibold">
          Comments
        </h2>
        <CommentsList slug={slug} comments={packet.comments} ruleTitles={ruleTitles} canResolve={can(identity, "comment")} />
        {can(identity, "comment") && <CommentForm slug={slug} version={packet.number} rules={packet.rules} />}
      </section>
    </div>
  );
}
