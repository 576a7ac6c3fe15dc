"use client";

import { useState } from "react";
import { impactAction } from "@/app/(dashboard)/rulesets/test-actions";
import type { RuleSet } from "@/lib/engine";
import { useHydrated } from "@/components/use-hydrated";
import { minimalNote, outcomeLabel, pairSentence, pairsToShow } from "@/components/review/impact-text";
import { AddAsTestCase, ExploredExamples, useAddAsTestCase } from "./explored-examples";
import { ImpactCasesTable } from "./impact-cases-table";

export type ImpactResult = Extract<Awaited<ReturnType<typeof impactAction>>, { ok: true }>;

interface ImpactViewProps {
  slug: string;
  ruleSet: RuleSet;
}

/** What publishing the draft would change: the solver's exact answer on reductions in urgency first, then the sampled counts. */
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
          Proves, over every possible answer set, whether the draft gives anyone a less urgent disposition than the published version; then runs the
          draft’s test cases on both and samples answer combinations nobody wrote a case for, for the counts.
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

type Exact = ImpactResult["exact"];
type ComparableExact = Extract<Exact, { comparable: true }>;

function ImpactReport({ slug, ruleSet, impact }: { slug: string; ruleSet: RuleSet; impact: ImpactResult }) {
  const { testCases, explored, publishedVersion, exact } = impact;
  if (publishedVersion === null) {
    return (
      <section className="card" data-testid="impact-nothing-published">
        <h2 className="font-semibold">Nothing to compare with</h2>
        <p className="mt-1 text-sm text-slate-800">
          {exact.comparable ? "Nothing is published yet." : exact.message} Every result of this draft would be new to client apps.
        </p>
      </section>
    );
  }
  return (
    <div className="space-y-4">
      {exact.comparable ? (
        <>
          <ExactReductions slug={slug} ruleSet={ruleSet} exact={exact} />
          <ExactIncreases exact={exact} />
        </>
      ) : (
        <section data-testid="urgency-reduction" data-status="not-comparable" className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4 text-amber-950">
          <h2 className="text-lg font-bold">Not proven: the exact impact could not be computed</h2>
          <p className="mt-1 text-sm">{exact.message} Until it is, a reduction in urgency cannot be ruled out.</p>
        </section>
      )}

      <div className="space-y-4" data-testid="sampled-impact">
        <h2 className="text-base font-semibold text-slate-800">Sampled checks (for the counts; the exact answer is above)</h2>
        {testCases.comparable && explored.comparable ? (
          <SampledSummary testCases={testCases} explored={explored} publishedVersion={publishedVersion} />
        ) : (
          <p className="card text-sm text-slate-800">{!testCases.comparable ? testCases.message : !explored.comparable ? explored.message : ""}</p>
        )}
        {testCases.comparable && (
          <section className="card space-y-3" aria-labelledby="impact-cases-heading">
            <h3 id="impact-cases-heading" className="font-semibold">
              Test cases: published v{publishedVersion} vs draft
            </h3>
            <p className="text-sm text-slate-700">
              {testCases.totals.total} case(s): {testCases.totals.dispositionChanged} with a different disposition, {testCases.totals.guidanceChanged} with
              different guidance, {testCases.totals.unknown} that cannot be evaluated on one side, {testCases.totals.unchanged} unchanged.
            </p>
            <ImpactCasesTable cases={testCases.cases} ruleSet={ruleSet} />
          </section>
        )}
        {explored.comparable && (
          <section className="card space-y-3" aria-labelledby="explored-heading" data-testid="exploration">
            <h3 id="explored-heading" className="font-semibold">
              Explored answer sets
            </h3>
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
        )}
      </div>
    </div>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The solver's answer, over EVERY answer set: each reduction with its smallest example, one click from a test case. */
function ExactReductions({ slug, ruleSet, exact }: { slug: string; ruleSet: RuleSet; exact: ComparableExact }) {
  const { added, add } = useAddAsTestCase(slug, ruleSet);
  const n = exact.publishedVersion;
  const against = `published version${n ? ` ${n}` : ""}`;
  const pairs = pairsToShow(exact.reductions.pairs);
  const found = pairs.filter((pair) => pair.status === "found");
  const undecided = pairs.filter((pair) => pair.status === "undecided");

  if (exact.reductions.status === "none") {
    return (
      <section data-testid="urgency-reduction" data-status="none" aria-labelledby="urgency-reduction-heading" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
        <h2 id="urgency-reduction-heading" className="text-lg font-bold text-emerald-900">
          <span aria-hidden="true">✓ </span>Proven: no answer set gets a less urgent disposition than {against}
        </h2>
        <p className="mt-1 text-sm text-emerald-900">The solver checked every possible answer set, not a sample. Reductions are what can hurt someone; there are none.</p>
      </section>
    );
  }

  const red = found.length > 0;
  return (
    <section
      data-testid="urgency-reduction"
      data-status={exact.reductions.status}
      aria-labelledby="urgency-reduction-heading"
      className={`space-y-3 rounded-lg border-2 p-4 ${red ? "border-red-600 bg-red-50 text-red-950" : "border-amber-400 bg-amber-50 text-amber-950"}`}
    >
      <h2 id="urgency-reduction-heading" className={`text-lg font-bold ${red ? "text-red-800" : "text-amber-950"}`}>
        <span aria-hidden="true">⚠ </span>
        {red
          ? `${plural(found.length, "reduction", "reductions")} in urgency against ${against}: the draft gives some people a LESS urgent disposition`
          : `Not proven: it could not be decided in time whether the draft gives anyone a less urgent disposition than ${against}`}
      </h2>
      <p className="text-sm">
        {red
          ? "Proven over every answer set. People with these answers would be told to do less than they are told today: check each is clinically intended, or fix the rules. A reviewer must accept each one, with a reason, to approve."
          : "Counts as not proven: a reviewer must accept each of these, with a reason, to approve."}
        {red && undecided.length > 0 ? ` ${plural(undecided.length, "other change", "other changes")} could not be ruled out in time (counts as not proven).` : ""}
      </p>
      <ul className="space-y-2" aria-label="Reductions in urgency">
        {pairs.map((pair) => {
          const example = pair.counterexample;
          const key = `${pair.published.disposition}>${pair.draft.disposition}`;
          return (
            <li
              key={key}
              className={`rounded-md border bg-white p-3 text-sm ${pair.status === "found" ? "border-l-4 border-red-600" : "border-amber-400"}`}
              data-testid="exact-reduction"
              data-status={pair.status}
            >
              <p className="font-medium text-slate-900">{pairSentence(pair, n, "the draft")}</p>
              {pair.status === "found" && example ? (
                <>
                  <p className="mt-1 text-slate-800" data-testid="exact-reduction-example">
                    e.g. <strong>{example.description}</strong>. {minimalNote(example.minimal)}
                  </p>
                  <AddAsTestCase
                    slug={slug}
                    state={added[key]}
                    description={example.description}
                    onAdd={() =>
                      void add(key, { answers: example.answers, published: pair.published, draft: pair.draft, urgency: "reduced", description: example.description }, (testCase) => ({
                        ...testCase,
                        note: `Found by the solver: published version ${n ?? ""} gives ${outcomeLabel(pair.published)}, the draft gives ${outcomeLabel(pair.draft)}, which is LESS URGENT. The expected result was set to the published (more urgent) one; change it only if the reduction is clinically intended.`,
                      }))
                    }
                  />
                </>
              ) : (
                <p className="mt-1 text-amber-950">
                  Could not be decided in time{pair.message ? `: ${pair.message}` : ""}. Counts as not proven.
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** More urgent in the draft: over-triage, for information. */
function ExactIncreases({ exact }: { exact: ComparableExact }) {
  const pairs = pairsToShow(exact.increases.pairs);
  return (
    <section className="card space-y-2" aria-labelledby="urgency-increase-heading" data-testid="urgency-increase" data-status={exact.increases.status}>
      <h2 id="urgency-increase-heading" className="font-semibold">
        More urgent in the draft (for information)
      </h2>
      {exact.increases.status === "none" ? (
        <p className="text-sm text-slate-700">Proven: no answer set gets a more urgent disposition than published version {exact.publishedVersion}.</p>
      ) : (
        <ul className="space-y-1 text-sm text-slate-800">
          {pairs.map((pair) => (
            <li key={`${pair.published.disposition}>${pair.draft.disposition}`} data-status={pair.status}>
              {pairSentence(pair, exact.publishedVersion, "the draft")}
              {pair.status === "found" && pair.counterexample ? `, e.g. ${pair.counterexample.description}.` : ": not decided in time."}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type ComparableCases = Extract<ImpactResult["testCases"], { comparable: true }>;
type ComparableExplored = Extract<ImpactResult["explored"], { comparable: true }>;

/** What the test cases and the sampled exploration counted: not the answer, which is above. */
function SampledSummary({ testCases, explored, publishedVersion }: { testCases: ComparableCases; explored: ComparableExplored; publishedVersion: number }) {
  const reduced = testCases.totals.reduced + explored.reducedUrgency;
  return (
    <p className={`card text-sm ${reduced > 0 ? "text-red-900" : "text-slate-800"}`} data-testid="sampled-summary">
      Less urgent than published version {publishedVersion}: {plural(testCases.totals.reduced, "test case", "test cases")} and{" "}
      {plural(explored.reducedUrgency, "explored answer set", "explored answer sets")}. More urgent: {testCases.totals.increased} test case(s),{" "}
      {explored.increasedUrgency} explored answer set(s).
      {explored.mode === "sampled" ? " The exploration was sampled: it can miss answer sets the solver finds." : ""}
    </p>
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
