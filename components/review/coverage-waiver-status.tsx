import { formatWhen } from "@/components/format";

export interface CoverageWaiverView {
  reason: string;
  at: Date;
  by: string | null;
}

/** Whether the gate's coverage part applies to this rule set, and if not, who waived it, when and why. */
export function CoverageWaiverStatus({ waiver }: { waiver: CoverageWaiverView | null }) {
  if (!waiver) {
    return (
      <p className="text-sm text-slate-700" data-testid="coverage-waiver-status" data-waived="false">
        <strong>Required.</strong> Before a version is submitted, approved or published, every rule must be exercised by a test case and every red-flag rule
        pinned by a test case tagged “red-flag”.
      </p>
    );
  }
  return (
    <div className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950" data-testid="coverage-waiver-status" data-waived="true">
      <p>
        <strong>Waived</strong> by {waiver.by ?? "an admin"}, {formatWhen(waiver.at)}: <q className="italic">{waiver.reason}</q>
      </p>
      <p className="mt-1">
        Rules need not all be exercised by test cases for now. The test cases that exist must still pass; the safety invariants and the acknowledgement of
        reductions in urgency are never waived.
      </p>
    </div>
  );
}
