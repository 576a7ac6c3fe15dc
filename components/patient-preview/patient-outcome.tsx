/**
 * The result as the person reads it in a client app: what to do, the guidance,
 * and what is still to be answered. No hooks, so it renders anywhere.
 */
import { GuidanceMarkdown } from "@/components/guidance-markdown";
import type { EvaluationResult } from "@/lib/engine";
import { factsById, type RuleSetDoc } from "./answers";

export function PatientOutcome({ result, ruleSet }: { result: EvaluationResult; ruleSet: RuleSetDoc }) {
  const facts = factsById(ruleSet);
  const { disposition } = result;
  return (
    <section className="space-y-3" aria-labelledby="person-view-heading" data-testid="person-view">
      <h2 id="person-view-heading" className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
        What the person sees
      </h2>
      <div aria-live="polite" data-testid="preview-disposition" className="rounded-md border-2 border-brand-600 bg-brand-50 p-3">
        {disposition ? (
          <>
            <p className="text-xl font-bold text-slate-900">{disposition.label}</p>
            <p className="mt-1 text-slate-900">{disposition.action}</p>
            {result.decidedBy === "default" && <p className="mt-1 text-xs text-slate-600">(No rule fired: this is the rule set’s default.)</p>}
          </>
        ) : result.complete ? (
          <>
            <p className="text-xl font-bold text-slate-900">No advice from this rule set</p>
            <p className="mt-1 text-slate-900">
              The client app must show its safe fallback, e.g. “We can’t give advice for these symptoms — contact a clinician.”
            </p>
          </>
        ) : (
          <p className="text-lg font-semibold text-slate-900">Not decided yet: answer the questions below.</p>
        )}
      </div>
      {result.missingFacts.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="preview-missing">
          <h3 className="text-sm font-semibold text-amber-950">Still to answer ({result.missingFacts.length})</h3>
          <p className="text-xs text-amber-950">These could still change the result, most urgent first.</p>
          <ul className="mt-1 list-disc pl-5 text-sm text-amber-950">
            {result.missingFacts.map((id) => (
              <li key={id}>{facts.get(id)?.question ?? id}</li>
            ))}
          </ul>
        </div>
      )}
      {result.guidance.length > 0 && (
        <div className="space-y-3" data-testid="preview-guidance">
          {result.guidance.map((g) => (
            <article key={g.id} className="rounded-md border border-slate-200 bg-white p-3">
              <h3 className="mb-1 font-semibold text-slate-900">{g.title}</h3>
              <GuidanceMarkdown markdown={g.body} />
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
