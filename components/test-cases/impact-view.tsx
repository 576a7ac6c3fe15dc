"use client";

import { useState } from "react";
import { impactAction } from "@/app/(dashboard)/rulesets/test-actions";
import type { RuleSet } from "@/lib/engine";
import { useHydrated } from "@/components/use-hydrated";
import { ExploredExamples } from "./explored-examples";
import { ImpactCasesTable } from "./impact-cases-table";

export type ImpactResult = Extract<Awaited<ReturnType<typeof impactAction>>, { ok: true }>;

interface ImpactViewProps {
  slug: string;
  ruleSet: RuleSet;
}

/** What publishing the draft would change, urgency reductions first. */
export function ImpactView({ slug, ruleSet }: ImpactViewProps) {
  const [impact, setImpact] = useState<ImpactResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  const compare = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await impactAction({ slug });
      if (result.ok) setImpact(result);
      else setError(result.message);
    } catch {
      setError("The comparison could not be made. If the draft or the published version has errors that stop evaluation, fix them in the editor; otherwise try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-4">
      <div className="card space-y-2">
        <p className="text-sm text-slate-700">
          Runs the draft’s test cases against the published version and the draft, then explores answer combinations nobody wrote a case for.
        </p>
        <button type="button" className="btn-primary" onClick={() => void compare()} disabled={busy || !hydrated}>
          {busy ? "Comparing…" : impact ? "Compare again" : "Compare with published"}
        </button>
        <div aria-live="polite">{error && <p className="text-sm text-red-700">{error}</p>}</div>
      </div>
      {impact && <ImpactReport slug={slug} ruleSet={ruleSet} impact={impact} />}
    </div>
  );
}

function ImpactReport({ slug, ruleSet, impact }: { slug: string; ruleSet: RuleSet; impact: ImpactResult }) {
  const { testCases, explored, publishedVersion } = impact;
  if (publishedVersion === null || !testCases.comparable || !explored.comparable) {
    return (
      <section className="card" data-testid="impact-nothing-published">
        <h2 className="font-semibold">Nothing to compare with</h2>
        <p className="mt-1 text-sm text-slate-800">
          {!testCases.comparable ? testCases.message : !explored.comparable ? explored.message : "Nothing is published yet."} Every result of this draft
          would be new to client apps.
        </p>
      </section>
    );
  }
  const reducedCases = testCases.totals.reduced;
  const reducedExplored = explored.reducedUrgency;
  const any = reducedCases + reducedExplored > 0;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <div className="space-y-4">
      <section
        data-testid="urgency-reduction"
        aria-labelledby="urgency-reduction-heading"
        className={`rounded-lg p-4 ${any ? "border-2 border-red-600 bg-red-50" : "border border-emerald-300 bg-emerald-50"}`}
      >
        <h2 id="urgency-reduction-heading" className={`text-lg font-bold ${any ? "text-red-800" : "text-emerald-900"}`}>
          {any && <span aria-hidden="true">⚠ </span>}
          {any
            ? `${plural(reducedCases, "test case", "test cases")} and ${plural(reducedExplored, "explored answer set", "explored answer sets")} get a LESS urgent disposition in the draft than in published version ${publishedVersion}`
            : `No test case and no explored answer set gets a less urgent disposition in the draft than in published version ${publishedVersion}`}
        </h2>
        <p className={`mt-1 text-sm ${any ? "text-red-900" : "text-emerald-900"}`}>
          {any
            ? "People with these answers would be told to do less than they are told today. Check every one is clinically intended before submitting."
            : "Reductions are what can hurt someone; none were found."}{" "}
          More urgent: {testCases.totals.increased} test case(s), {explored.increasedUrgency} explored answer set(s).
          {explored.mode === "sampled" && " The exploration was sampled, not exhaustive: reductions it did not hit can still exist."}
        </p>
      </section>

      <section className="card space-y-3" aria-labelledby="impact-cases-heading">
        <h2 id="impact-cases-heading" className="font-semibold">
          Test cases: published v{publishedVersion} vs draft
        </h2>
        <p className="text-sm text-slate-700">
          {testCases.totals.total} case(s): {testCases.totals.dispositionChanged} with a different disposition, {testCases.totals.guidanceChanged} with
          different guidance, {testCases.totals.unknown} that cannot be evaluated on one side, {testCases.totals.unchanged} unchanged.
        </p>
        <ImpactCasesTable cases={testCases.cases} ruleSet={ruleSet} />
      </section>

      <section className="card space-y-3" aria-labelledby="explored-heading" data-testid="exploration">
        <h2 id="explored-heading" className="font-semibold">
          Explored answer sets
        </h2>
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" data-testid="exploration-summary">
          <Stat term="Mode" value={explored.mode === "exhaustive" ? "exhaustive (every combination)" : "sampled"} />
          <Stat term="Answer sets tried" value={String(explored.total)} />
          <Stat term="Disposition changed" value={String(explored.changedDisposition)} />
          <Stat term="Less urgent" value={String(explored.reducedUrgency)} strong={explored.reducedUrgency > 0} />
          <Stat term="More urgent" value={String(explored.increasedUrgency)} />
        </dl>
        {explored.truncated && <p className="text-sm text-amber-900">Stopped early (time limit): the numbers cover only the answer sets tried.</p>}
        <ExploredExamples slug={slug} ruleSet={ruleSet} examples={explored.examples} />
      </section>
    </div>
  );
}

function Stat({ term, value, strong }: { term: string; value: string; strong?: boolean }) {
  return (
    <div className={`rounded-md border p-2 ${strong ? "border-red-400 bg-red-50" : "border-slate-200"}`}>
      <dt className="text-xs text-slate-600">{term}</dt>
      <dd className={`font-semibold ${strong ? "text-red-800" : "text-slate-900"}`}>{value}</dd>
    </div>
  );
}
