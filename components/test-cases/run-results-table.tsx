"use client";

import { Fragment, useState } from "react";
import { runTestsAction } from "@/app/(dashboard)/rulesets/test-actions";
import { TraceView } from "@/components/patient-preview/trace-view";
import type { EvaluationTrace, RuleSet } from "@/lib/engine";
import type { TestCaseResult } from "@/lib/testcases";
import { TagList } from "./tag-list";

type TraceState = { status: "loading" } | { status: "ready"; trace: EvaluationTrace } | { status: "error"; message: string };

// Under-triage first: it is the failure that can hurt someone.
function rank(result: TestCaseResult): number {
  if (result.underTriage) return 0;
  if (result.status === "fail") return 1;
  if (result.status === "invalid") return 2;
  return 3;
}

const STATUS = {
  pass: { label: "PASS", className: "border-emerald-300 bg-emerald-50 text-emerald-900" },
  fail: { label: "FAIL", className: "border-red-300 bg-red-100 text-red-900" },
  invalid: { label: "INVALID", className: "border-amber-400 bg-amber-50 text-amber-950" },
} as const;

export function RunResultsTable({ slug, ruleSet, results }: { slug: string; ruleSet: RuleSet; results: readonly TestCaseResult[] }) {
  const [traces, setTraces] = useState<Record<string, TraceState | undefined>>({});
  const labels = new Map(ruleSet.dispositions.map((d) => [d.id, d.label]));
  const sorted = results.map((r, i) => [rank(r), i, r] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , r]) => r);

  const toggleTrace = async (caseId: string) => {
    if (traces[caseId]) {
      setTraces((t) => ({ ...t, [caseId]: undefined }));
      return;
    }
    setTraces((t) => ({ ...t, [caseId]: { status: "loading" } }));
    let next: TraceState;
    try {
      const run = await runTestsAction({ slug, caseId });
      next = !run.ok
        ? { status: "error", message: run.message }
        : run.trace?.trace
          ? { status: "ready", trace: run.trace.trace }
          : { status: "error", message: "No trace was returned." };
    } catch {
      next = { status: "error", message: "The trace could not be loaded: the case may have been changed or deleted since the run. Run again." };
    }
    setTraces((t) => ({ ...t, [caseId]: next }));
  };

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="run-results">
        <caption className="sr-only">Test results, under-triage first</caption>
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Result
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Test case
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Expected
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Actual
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              What went wrong
            </th>
            <th scope="col" className="py-2">
              <span className="sr-only">Trace</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((result) => {
            const trace = traces[result.id];
            const status = STATUS[result.status];
            return (
              <Fragment key={result.id}>
                <tr
                  className={`border-t align-top ${result.underTriage ? "border-l-4 border-red-600 bg-red-50" : "border-slate-100"}`}
                  data-testid={`result-${result.id}`}
                  data-status={result.status}
                  data-under-triage={result.underTriage ? "true" : undefined}
                >
                  <td className="py-2 pr-3 pl-2">
                    <div className="flex flex-col items-start gap-1">
                      <span className={`rounded border px-1.5 py-0.5 text-xs font-bold ${status.className}`}>{status.label}</span>
                      {result.underTriage && <span className="rounded bg-red-700 px-1.5 py-0.5 text-xs font-bold text-white">UNDER-TRIAGE</span>}
                    </div>
                  </td>
                  <th scope="row" className="py-2 pr-3 font-medium text-slate-900">
                    {result.name}
                    <TagList tags={result.tags} />
                  </th>
                  <td className="py-2 pr-3">{labels.get(result.expected.disposition) ?? result.expected.disposition}</td>
                  <td className={`py-2 pr-3 ${result.underTriage ? "font-semibold text-red-800" : ""}`}>
                    {result.actual ? (result.actual.dispositionLabel ?? "no disposition") : "—"}
                  </td>
                  <td className="py-2 pr-3">
                    <ul className="space-y-1">
                      {result.failures.map((failure, i) => (
                        <li key={i} className={failure.kind === "disposition" && failure.urgency === "lower" ? "font-semibold text-red-800" : "text-slate-900"}>
                          {failure.message}
                        </li>
                      ))}
                      {(result.issues ?? []).map((issue, i) => (
                        <li key={`i${i}`} className="text-amber-950">
                          {issue.message}
                        </li>
                      ))}
                      {result.incomplete && result.actual && (
                        <li className="text-slate-700">
                          Unanswered questions could still change this result: {result.actual.missingFacts.join(", ")}.
                        </li>
                      )}
                    </ul>
                  </td>
                  <td className="py-2 whitespace-nowrap">
                    {result.actual && (
                      <button
                        type="button"
                        className="btn-secondary px-2 py-1"
                        aria-expanded={trace !== undefined}
                        aria-controls={`trace-${result.id}`}
                        onClick={() => void toggleTrace(result.id)}
                        aria-label={`${trace ? "Hide" : "Show"} trace for ${result.name}`}
                      >
                        {trace ? "Hide trace" : "Show trace"}
                      </button>
                    )}
                  </td>
                </tr>
                {trace && (
                  <tr id={`trace-${result.id}`}>
                    <td colSpan={6} className="bg-slate-50 p-3">
                      {trace.status === "loading" && <p className="text-sm text-slate-700">Loading the trace…</p>}
                      {trace.status === "error" && <p className="text-sm text-red-700">{trace.message}</p>}
                      {trace.status === "ready" && <TraceView trace={trace.trace} ruleSet={ruleSet} title={`Trace: ${result.name}`} />}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
