import { formatWhen } from "@/components/format";
import type { GateProblem } from "@/lib/reviews/gate";
import type { latestVerification } from "@/lib/reviews/verification";
import type { InvariantVerdict, VerificationReport } from "@/lib/verify/schemas";
import { GateReasonList } from "./gate-reasons";
import { minimalNote } from "./impact-text";

export type RecordedVerification = Awaited<ReturnType<typeof latestVerification>>;

const STAGE_LABELS: Record<string, string> = { submit: "submission", approve: "approval", publish: "publication" };

const STATUS: Record<InvariantVerdict["status"], { icon: string; text: string; className: string }> = {
  proven: { icon: "✓", text: "Proven", className: "border-emerald-300 bg-emerald-50 text-emerald-950" },
  violated: { icon: "✗", text: "Violated", className: "border-red-600 border-l-4 bg-red-50 text-red-950" },
  undecided: { icon: "?", text: "Not decided in time", className: "border-amber-400 border-l-4 bg-amber-50 text-amber-950" },
};

function InvariantItem({ verdict }: { verdict: InvariantVerdict }) {
  const status = STATUS[verdict.status];
  const example = verdict.counterexample;
  return (
    <li className={`rounded-md border p-3 text-sm ${status.className}`} data-testid="invariant" data-status={verdict.status}>
      <p>
        <span className="mr-2 inline-block rounded bg-white/70 px-1.5 py-0.5 text-xs font-bold whitespace-nowrap">
          <span aria-hidden="true">{status.icon} </span>
          {status.text}
        </span>
        <span className="font-medium">{verdict.statement}</span>
      </p>
      {verdict.rationale && <p className="mt-1 text-xs opacity-80">{verdict.rationale}</p>}
      {verdict.status === "violated" && (
        <p className="mt-1" data-testid="invariant-counterexample">
          Counterexample: {example ? example.description : "none was reported"}
          {example?.outcome ? (
            <>
              {" "}
              gets <strong>“{example.outcome.label ?? "no disposition"}”</strong>
            </>
          ) : null}
          .{example ? ` ${minimalNote(example.minimal)}` : ""}
        </p>
      )}
      {verdict.status === "undecided" && (
        <p className="mt-1">
          {verdict.message ? `${verdict.message} ` : ""}
          <strong>Counts as not proven.</strong>
        </p>
      )}
    </li>
  );
}

function summaryText(report: VerificationReport): string {
  const { proven, violated, undecided } = report.summary;
  const total = report.invariants.length;
  if (total === 0) return "This version has no safety invariants to prove.";
  if (report.summary.allProven) return `All ${total} safety invariant${total === 1 ? "" : "s"} proven over every answer set.`;
  const parts = [`${proven} of ${total} proven`];
  if (violated > 0) parts.push(`${violated} violated`);
  if (undecided > 0) parts.push(`${undecided} not decided in time (counts as not proven)`);
  return `${parts.join(", ")}.`;
}

/**
 * What the solver proves about this version now (every invariant over every
 * answer set), what else the publication gate would refuse, the coverage
 * waiver if any, and what the gate recorded at submit / approve / publish.
 */
export function SafetyVerification({
  verification,
  gate,
  coverageWaiver,
  recorded,
}: {
  verification: VerificationReport | null;
  gate: readonly GateProblem[];
  coverageWaiver: { reason: string; at: Date } | null;
  recorded: RecordedVerification;
}) {
  const tone = !verification ? "text-amber-900" : verification.summary.allProven ? "text-emerald-900" : "text-red-800";
  return (
    <section id="verification" className="card space-y-4" aria-labelledby="verification-heading" data-testid="safety-verification">
      <div>
        <h2 id="verification-heading" className="text-lg font-semibold">
          Safety verification
        </h2>
        <p className={`text-sm font-medium ${tone}`} data-testid="verification-summary">
          {verification
            ? summaryText(verification)
            : "Not verified: the version has lint errors (see Checks below), so nothing about it is proven."}
        </p>
        {verification && (
          <p className="text-xs text-slate-600">
            Checked now by the solver against {verification.impact.comparable && verification.impact.publishedVersion ? `published version ${verification.impact.publishedVersion}` : "no published version"} in{" "}
            {Math.round(verification.solver.elapsedMs)} ms.
          </p>
        )}
      </div>

      {verification && verification.invariants.length > 0 && (
        <ul className="space-y-2" aria-label="Safety invariants" data-testid="invariants">
          {verification.invariants.map((verdict) => (
            <InvariantItem key={verdict.id} verdict={verdict} />
          ))}
        </ul>
      )}

      <div className="space-y-1">
        <h3 className="font-semibold">What the publication gate would refuse now</h3>
        {gate.length > 0 ? (
          <>
            <p className="text-sm text-slate-700">Apart from acknowledging reductions (below), these stop approval and publication until fixed:</p>
            <GateReasonList reasons={gate} testId="review-gate" idPrefix="review-gate" />
          </>
        ) : verification ? (
          <p className="text-sm text-emerald-900" data-testid="review-gate-clear">
            Nothing apart from acknowledging reductions: the tests pass, {coverageWaiver ? "coverage is waived" : "every rule is exercised and every red flag pinned"}, and every invariant is proven.
          </p>
        ) : (
          <p className="text-sm text-amber-900">The gate cannot run until the lint errors are fixed.</p>
        )}
      </div>

      {coverageWaiver && (
        <p className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950" data-testid="review-coverage-waiver">
          <strong>Test coverage is waived for this rule set</strong> (since {formatWhen(coverageWaiver.at)}): “{coverageWaiver.reason}”. The test cases that exist must still pass;
          invariants and reductions in urgency are never waived.
        </p>
      )}

      <div className="space-y-1" data-testid="recorded-verification">
        <h3 className="font-semibold">Recorded by the gate</h3>
        {recorded ? (
          <p className="text-sm text-slate-700">
            At {STAGE_LABELS[recorded.stage] ?? recorded.stage} by {recorded.by}, {formatWhen(recorded.at)}, compared with{" "}
            {recorded.comparedWithVersion ? `published version ${recorded.comparedWithVersion}` : "nothing published"}:{" "}
            {recorded.report.summary.proven} of {recorded.report.invariants.length} invariant{recorded.report.invariants.length === 1 ? "" : "s"} proven
            {recorded.report.summary.allProven ? "" : " (not all proven)"}.
          </p>
        ) : (
          <p className="text-sm text-slate-700">Nothing recorded yet.</p>
        )}
      </div>
    </section>
  );
}
