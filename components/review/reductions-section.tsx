import { formatWhen } from "@/components/format";
import type { Acknowledgement } from "@/lib/reviews/schemas";
import type { ExactImpact, ImpactPair, VerificationReport } from "@/lib/verify/schemas";
import { minimalNote, outcomeLabel, pairSentence, pairsToShow } from "./impact-text";
import type { RecordedVerification } from "./safety-verification";

type Comparable = Extract<ExactImpact, { comparable: true }>;

export interface ApprovalAcknowledgements {
  reviewer: string;
  comparedWithVersion: number | null;
  acknowledgements: Acknowledgement[];
}

function PairItem({ pair, publishedVersion, testId }: { pair: ImpactPair; publishedVersion: number | null; testId: string }) {
  const example = pair.counterexample;
  return (
    <li
      className={`rounded-md border p-3 text-sm ${pair.status === "found" ? "border-red-300 bg-white" : "border-amber-400 bg-amber-50"}`}
      data-testid={testId}
      data-status={pair.status}
    >
      <p className="font-medium">{pairSentence(pair, publishedVersion)}</p>
      {pair.status === "found" && example && (
        <p className="mt-1" data-testid={`${testId}-counterexample`}>
          e.g. {example.description}. {minimalNote(example.minimal)}
        </p>
      )}
      {pair.status === "undecided" && (
        <p className="mt-1">
          Could not be ruled out in time{pair.message ? `: ${pair.message}` : ""}. <strong>Counts as not proven</strong>: it must be acknowledged like a reduction that was found.
        </p>
      )}
    </li>
  );
}

function ExactAnswer({ impact, source }: { impact: Comparable; source: string | null }) {
  const n = impact.publishedVersion;
  const against = `published version${n ? ` ${n}` : ""}`;
  const reductions = pairsToShow(impact.reductions.pairs);
  const increases = pairsToShow(impact.increases.pairs);
  const found = reductions.filter((pair) => pair.status === "found").length;
  const undecided = reductions.length - found;
  return (
    <div className="space-y-3">
      {source && <p className="text-sm text-slate-700">{source}</p>}
      {impact.reductions.status === "none" ? (
        <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 font-semibold text-emerald-900" data-testid="reductions-verdict" data-status="none">
          <span aria-hidden="true">✓ </span>Proven: no answer set gets a less urgent disposition than {against}.
        </p>
      ) : (
        <div
          className={`space-y-2 rounded-md p-3 ${found > 0 ? "border-2 border-red-600 bg-red-50 text-red-950" : "border-2 border-amber-400 bg-amber-50 text-amber-950"}`}
          data-testid="reductions-verdict"
          data-status={impact.reductions.status}
        >
          <p className="font-bold">
            <span aria-hidden="true">⚠ </span>
            {found > 0
              ? `Urgency goes DOWN: ${found} reduction${found === 1 ? "" : "s"} against ${against}, over every answer set`
              : `Not proven: it could not be decided in time whether any answer set gets a less urgent disposition than ${against}`}
            {found > 0 && undecided > 0 ? `, and ${undecided} more not ruled out in time` : ""}.
          </p>
          <p className="text-sm">People with these answers would be told to do less than the published version tells them. Each must be clinically intended.</p>
          <ul className="space-y-2" aria-label="Reductions in urgency">
            {reductions.map((pair, index) => (
              <PairItem key={index} pair={pair} publishedVersion={n} testId="reduction" />
            ))}
          </ul>
        </div>
      )}

      <div className="space-y-1" data-testid="increases">
        <h3 className="text-sm font-semibold">More urgent than {against} (for information)</h3>
        {impact.increases.status === "none" ? (
          <p className="text-sm text-slate-700">Proven: no answer set gets a more urgent disposition.</p>
        ) : (
          <ul className="space-y-1 text-sm text-slate-800">
            {increases.map((pair, index) => (
              <li key={index} data-testid="increase" data-status={pair.status}>
                {pairSentence(pair, n)}
                {pair.status === "found" && pair.counterexample ? `, e.g. ${pair.counterexample.description}` : " (not decided in time)"}.
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** Disposition id → label, from every pair the solver reported (acknowledgements store ids). */
function labelsFrom(impacts: readonly (ExactImpact | undefined)[]): (id: string | null) => string {
  const labels = new Map<string, string>();
  for (const impact of impacts) {
    if (!impact?.comparable) continue;
    for (const pair of [...impact.reductions.pairs, ...impact.increases.pairs]) {
      for (const outcome of [pair.published, pair.draft]) if (outcome.disposition !== null) labels.set(outcome.disposition, outcomeLabel(outcome));
    }
  }
  return (id) => (id === null ? "no disposition" : (labels.get(id) ?? id));
}

/**
 * Reductions in urgency against the published version, the exact answer
 * first (the solver, over every answer set), then the increases, then who
 * acknowledged which reduction with what reason. The gate links here (#reductions).
 */
export function ReductionsSection({
  state,
  publishedVersion,
  verification,
  recorded,
  acknowledged,
  toAcknowledge,
  canReview,
}: {
  state: string;
  publishedVersion: number | null;
  verification: VerificationReport | null;
  recorded: RecordedVerification;
  acknowledged: readonly ApprovalAcknowledgements[];
  toAcknowledge: readonly ImpactPair[];
  canReview: boolean;
}) {
  const live = verification?.impact;
  const recordedImpact = recorded?.report.impact;
  let body;
  if (live?.comparable) {
    body = <ExactAnswer impact={live} source={null} />;
  } else if (recordedImpact?.comparable && recorded) {
    // This version is the one published now (or nothing is): show what the gate compared with when it last ran.
    const why = state === "published" && publishedVersion === null ? "This is the current published version. " : "";
    body = (
      <ExactAnswer
        impact={recordedImpact}
        source={`${why}At ${recorded.stage === "publish" ? "publication" : recorded.stage === "approve" ? "approval" : "submission"} (${formatWhen(recorded.at)}) the gate compared it with published version ${recordedImpact.publishedVersion}:`}
      />
    );
  } else if (!verification) {
    body = <p className="text-sm text-amber-900">The exact impact cannot be computed until the lint errors are fixed: nothing is proven.</p>;
  } else {
    body = (
      <p className="text-sm text-slate-700" data-testid="reductions-verdict" data-status="not-comparable">
        {state === "published" && publishedVersion === null
          ? "This is the current published version, and nothing was published before it: there is nothing to compare with."
          : live && !live.comparable
            ? `${live.message} Every result of this version would be new to client apps.`
            : "Nothing to compare with."}
      </p>
    );
  }
  const label = labelsFrom([live, recordedImpact]);
  const anyAcknowledgement = acknowledged.some((approval) => approval.acknowledgements.length > 0);

  return (
    <section id="reductions" className="card space-y-4" aria-labelledby="reductions-heading" data-testid="reductions">
      <h2 id="reductions-heading" className="text-lg font-semibold">
        Reductions in urgency
      </h2>
      {body}
      {canReview && toAcknowledge.length > 0 && (
        <p className="text-sm font-medium text-red-900">
          To approve, give a reason for each reduction in the{" "}
          <a href="#approve" className="text-brand-700 underline">
            Approve form
          </a>
          .
        </p>
      )}
      {(anyAcknowledgement || (acknowledged.length > 0 && state !== "in_review")) && (
        <div className="space-y-2" data-testid="acknowledgements">
          <h3 className="font-semibold">Acknowledged by approving reviewers</h3>
          <ul className="space-y-2 text-sm">
            {acknowledged.map((approval, index) => (
              <li key={index} className="rounded-md border border-slate-200 p-3" data-testid="acknowledgement">
                <p>
                  <strong>{approval.reviewer}</strong> approved, compared with{" "}
                  {approval.comparedWithVersion ? `published version ${approval.comparedWithVersion}` : "nothing published"}
                  {approval.acknowledgements.length === 0 ? ": no reduction in urgency to acknowledge." : ", and accepted:"}
                </p>
                {approval.acknowledgements.length > 0 && (
                  <ul className="mt-1 list-disc space-y-1 pl-5">
                    {approval.acknowledgements.map((ack, ackIndex) => (
                      <li key={ackIndex}>
                        “{label(ack.published)}” in version {approval.comparedWithVersion ?? "—"} → “{label(ack.draft)}” here: <q className="italic">{ack.reason}</q>
                      </li>
                    ))}
                  </ul>
                )}
                {state === "approved" && approval.comparedWithVersion !== publishedVersion && (
                  <p className="mt-1 text-amber-900">
                    The published version changed since ({publishedVersion ? `now version ${publishedVersion}` : "nothing is published now"}): this approval’s
                    acknowledgements no longer count for publication.
                  </p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
