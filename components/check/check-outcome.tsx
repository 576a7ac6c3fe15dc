import type { RefObject } from "react";
import type { EvaluationResult } from "@/lib/engine";
import type { PublishedRuleSet } from "@/lib/sdk";
import { GuidanceMarkdown } from "@/components/guidance-markdown";

// Colour supports the words, never replaces them; all pairs meet WCAG AA contrast.
const STYLES = [
  "border-red-700 bg-red-50 text-red-950",
  "border-orange-600 bg-orange-50 text-orange-950",
  "border-amber-600 bg-amber-50 text-amber-950",
  "border-green-700 bg-green-50 text-green-950",
];

export function CheckOutcome({
  ruleSet,
  result,
  headingRef,
}: {
  ruleSet: PublishedRuleSet;
  result: EvaluationResult;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const facts = new Map(ruleSet.facts.map((fact) => [fact.id, fact]));
  if (!result.disposition) {
    return (
      <section className="rounded-lg border-2 border-slate-400 bg-white p-4" aria-live="polite" data-testid="check-result">
        <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
          {result.complete ? "We cannot advise you on these answers" : "Please answer more questions"}
        </h2>
        <p className="mt-2">
          {result.complete
            ? "Your answers are outside what this checker covers. Please contact a doctor or nurse for advice; if you feel very unwell, call emergency services."
            : "We need a few more answers before we can advise you."}
        </p>
      </section>
    );
  }
  const rank = ruleSet.dispositions.findIndex((disposition) => disposition.id === result.disposition!.id);
  const style = STYLES[Math.min(Math.max(rank, 0) * (STYLES.length - 1) / Math.max(ruleSet.dispositions.length - 1, 1), STYLES.length - 1) | 0];
  return (
    <section className={`space-y-4 rounded-lg border-2 p-4 ${style}`} aria-live="polite" data-testid="check-result">
      <div>
        <p className="text-sm font-medium uppercase tracking-wide">Our advice</p>
        <h2 ref={headingRef} tabIndex={-1} className="text-2xl font-bold" data-testid="check-disposition">
          {result.disposition.label}
        </h2>
        <p className="mt-1 text-lg">{result.disposition.action}</p>
      </div>
      {/* At the most urgent level more answers can only add advice, not change it: don't suggest otherwise. */}
      {rank > 0 && !result.complete && result.missingFacts.length > 0 && (
        <div className="rounded-md bg-white/70 p-3 text-sm text-slate-900">
          <p className="font-medium">Answering these could change the advice:</p>
          <ul className="mt-1 list-disc pl-5">
            {result.missingFacts.map((id) => (
              <li key={id}>{facts.get(id)?.question ?? id}</li>
            ))}
          </ul>
        </div>
      )}
      {result.guidance.map((block) => (
        <article key={block.id} className="rounded-md bg-white p-3 text-slate-900" data-testid="check-guidance">
          <h3 className="text-lg font-semibold">{block.title}</h3>
          <GuidanceMarkdown markdown={block.body} />
        </article>
      ))}
    </section>
  );
}
