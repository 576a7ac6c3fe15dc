"use client";

import Link from "next/link";
import { useState } from "react";
import { loadDraftTestsAction } from "@/app/(dashboard)/rulesets/[slug]/draft/preview-actions";
import { saveTestCasesAction } from "@/app/(dashboard)/rulesets/test-actions";
import type { RuleSet } from "@/lib/engine";
import { exampleToTestCase, type ExploredExample } from "@/lib/preview/examples";
import type { TestCase } from "@/lib/testcases";
import { UrgencyBadge } from "./urgency-badge";

type AddState = { status: "saving" } | { status: "added"; text: string } | { status: "error"; text: string };

/**
 * Turns an example answer set into a test case of the draft with one click.
 * The latest stored list is read first so nobody's cases are lost; `adjust`
 * may reword the case (e.g. say the solver found it) before it is saved.
 */
export function useAddAsTestCase(slug: string, ruleSet: RuleSet) {
  const [added, setAdded] = useState<Record<string, AddState | undefined>>({});
  const add = async (key: string, example: ExploredExample, adjust: (testCase: TestCase) => TestCase = (testCase) => testCase) => {
    setAdded((a) => ({ ...a, [key]: { status: "saving" } }));
    let next: AddState;
    try {
      const latest = await loadDraftTestsAction({ slug });
      if (!latest.ok) throw new Error(latest.message);
      const testCase = adjust(exampleToTestCase(example, ruleSet, { existing: latest.testCases }));
      const result = await saveTestCasesAction({ slug, baseRevision: latest.revision, testCases: [...latest.testCases, testCase] });
      const expected = ruleSet.dispositions.find((d) => d.id === testCase.expected.disposition)?.label ?? testCase.expected.disposition;
      next = result.ok
        ? { status: "added", text: `Added “${testCase.name}” (expects ${expected}) to the test cases, revision ${result.revision}.` }
        : {
            status: "error",
            text: result.kind === "conflict" ? `Not added: ${result.savedBy} saved at the same moment. Try again.` : `Not added: ${result.message}`,
          };
    } catch (error) {
      next = { status: "error", text: `Not added: ${(error as Error).message || "the server could not be reached."}` };
    }
    setAdded((a) => ({ ...a, [key]: next }));
  };
  return { added, add };
}

/** The one-click button and what became of the click (announced politely). */
export function AddAsTestCase({ slug, state, onAdd, description }: { slug: string; state: AddState | undefined; onAdd: () => void; description: string }) {
  return (
    <div className="mt-2 flex flex-wrap items-center gap-3">
      <button
        type="button"
        className="btn-secondary px-2 py-1"
        onClick={onAdd}
        disabled={state?.status === "saving" || state?.status === "added"}
        aria-label={`Add as test case: ${description}`}
      >
        {state?.status === "saving" ? "Adding…" : state?.status === "added" ? "Added ✓" : "Add as test case"}
      </button>
      <span aria-live="polite" className={state?.status === "error" ? "text-red-700" : "text-emerald-800"} data-testid="explored-add-message">
        {state && state.status !== "saving" && state.text}{" "}
        {state?.status === "added" && (
          <Link href={`/rulesets/${slug}/draft/tests`} className="font-medium text-brand-700 underline">
            Open the test cases
          </Link>
        )}
      </span>
    </div>
  );
}

/**
 * Example answer sets whose disposition changed in the sampled exploration,
 * each one click from becoming a test case.
 */
export function ExploredExamples({ slug, ruleSet, examples }: { slug: string; ruleSet: RuleSet; examples: readonly ExploredExample[] }) {
  const { added, add } = useAddAsTestCase(slug, ruleSet);

  if (examples.length === 0) return <p className="text-sm text-slate-700">No explored answer set gets a different disposition.</p>;

  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">Examples (less urgent first, fewest answers first)</h3>
      <ul className="space-y-2" data-testid="explored-examples">
        {examples.map((example, index) => {
          return (
            <li
              key={index}
              className={`rounded-md border p-3 text-sm ${example.urgency === "reduced" ? "border-l-4 border-red-600 bg-red-50" : "border-slate-200"}`}
              data-testid="explored-example"
              data-urgency={example.urgency}
            >
              <div className="flex flex-wrap items-center gap-2">
                <UrgencyBadge urgency={example.urgency} />
                <span className="font-medium text-slate-900">{example.description}</span>
              </div>
              <p className="mt-1 text-slate-800">
                Published: <strong>{example.published.label ?? "no disposition"}</strong> → draft:{" "}
                <strong className={example.urgency === "reduced" ? "text-red-800" : ""}>{example.draft.label ?? "no disposition"}</strong>
              </p>
              <AddAsTestCase slug={slug} state={added[String(index)]} onAdd={() => void add(String(index), example)} description={example.description} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
