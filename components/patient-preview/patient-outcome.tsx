/**
 * The result as the person reads it in a client app (the very panel the
 * symptom checker shows, live), then what the author needs to know about it.
 * No hooks, so it renders anywhere.
 */
import { OutcomePanel } from "@/components/check/outcome-panel";
import type { TriageOutcome } from "@/lib/sdk/outcome";
import type { RuleSetDoc } from "./answers";

export function PatientOutcome({ outcome, ruleSet, unsure, shown }: { outcome: TriageOutcome; ruleSet: RuleSetDoc; unsure?: ReadonlySet<string>; shown?: readonly string[] }) {
  const { disposition } = outcome;
  const shownToPerson =
    outcome.status === "provisional"
      ? `Shown to the person: ${outcome.couldEscalateTo.label}, provisional.`
      : disposition
        ? `Shown to the person: ${disposition.label}.`
        : "Shown to the person: no advice from this rule set.";
  return (
    <section className="space-y-3" aria-labelledby="person-view-heading" data-testid="person-view">
      <h2 id="person-view-heading" className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
        What the person sees
      </h2>
      {/* One short, polite announcement per change; the panel itself is not a live region (it would be read in full on every answer). */}
      <p className="sr-only" role="status" aria-live="polite" data-testid="preview-announcement">
        {shownToPerson}
      </p>
      <OutcomePanel document={ruleSet} outcome={outcome} unsure={unsure} visible={shown ? new Set(shown) : undefined} headingLevel={3} testIdPrefix="preview" />
      <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800" data-testid="preview-engine-note">
        <h3 className="font-semibold text-slate-900">For authors</h3>
        {outcome.status === "provisional" ? (
          <p>
            Not final: answers to {outcome.escalationFacts.length} open question{outcome.escalationFacts.length === 1 ? "" : "s"} could still lead to “
            {outcome.couldEscalateTo.label}”, so the person is shown that advice. The result of the answers so far is{" "}
            {disposition ? `“${disposition.label}”${outcome.decidedBy === "default" ? " (the rule set’s default)" : ""}` : "no disposition"}, shown
            only once it is final.
          </p>
        ) : disposition ? (
          <p>
            Final: no answer to the open questions can make this more urgent.
            {outcome.decidedBy === "default" ? " No rule fired: this is the rule set’s default." : ""}
          </p>
        ) : (
          <p>Final, and no rule fired and there is no default: a client app shows its own safe fallback, as above.</p>
        )}
      </div>
    </section>
  );
}
