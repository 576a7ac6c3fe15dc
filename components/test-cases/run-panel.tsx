"use client";

import { useState } from "react";
import { runTestsAction } from "@/app/(dashboard)/rulesets/test-actions";
import type { RuleSet } from "@/lib/engine";
import type { CoverageItem } from "@/lib/testcases";
import { useHydrated } from "@/components/use-hydrated";
import { CoveragePanel } from "./coverage-panel";
import { RunResultsTable } from "./run-results-table";

export type RunResult = Extract<Awaited<ReturnType<typeof runTestsAction>>, { ok: true }>;

interface RunPanelProps {
  slug: string;
  ruleSet: RuleSet;
  /** The revision the page's list was last saved or loaded at. */
  currentRevision: number;
  dirty: boolean;
  /** Saves local edits first; false when that failed (the save panel says why). */
  ensureSaved: () => Promise<boolean>;
  /** Red-flag rules no case on this page pins (live, unsaved edits included). */
  unpinned: readonly CoverageItem[];
  /** Opens a new case prefilled for a rule; absent while another case is being edited. */
  onAddCaseForRule?: (ruleId: string) => void;
}

const RUN_FAILED =
  "The test cases could not be run. If the draft has errors that stop it from being evaluated (see the editor’s lint panel), fix them first; otherwise try again.";

/** Runs the saved test cases against the saved draft on the server. */
export function RunPanel({ slug, ruleSet, currentRevision, dirty, ensureSaved, unpinned, onAddCaseForRule }: RunPanelProps) {
  const [run, setRun] = useState<RunResult | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  const runAll = async () => {
    setError(null);
    if (dirty && !(await ensureSaved())) {
      setError("Not run: your edits could not be saved (see above).");
      return;
    }
    setRunning(true);
    try {
      const result = await runTestsAction({ slug });
      if (result.ok) setRun(result);
      else setError(result.message);
    } catch {
      setError(RUN_FAILED);
    } finally {
      setRunning(false);
    }
  };

  const report = run?.report;
  const stale = run !== null && (run.revision !== currentRevision || dirty);
  return (
    <>
      <section className="card space-y-3" aria-labelledby="run-heading" data-testid="run-panel">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="run-heading" className="font-semibold">
            Run the test cases
          </h2>
          <button type="button" className="btn-primary" onClick={() => void runAll()} disabled={running || !hydrated}>
            {running ? "Running…" : dirty ? "Save and run all" : "Run all"}
          </button>
        </div>
        <div aria-live="polite" className="space-y-3">
          {error && <p className="text-sm text-red-700">{error}</p>}
          {report && (
            <>
              <UnderTriageSummary count={report.underTriage} />
              <p className="text-sm text-slate-800" data-testid="run-summary">
                <strong>{report.total}</strong> {report.total === 1 ? "case" : "cases"}: <strong>{report.passed}</strong> passed,{" "}
                <strong className={report.failed ? "text-red-700" : ""}>{report.failed}</strong> failed,{" "}
                <strong className={report.invalid ? "text-red-700" : ""}>{report.invalid}</strong> invalid
                {report.incomplete > 0 && `, ${report.incomplete} with unanswered questions that could change the result`} · ran in{" "}
                <span data-testid="run-duration">{run.durationMs} ms</span> (revision {run.revision})
              </p>
              {stale && (
                <p className="text-sm text-amber-900">The test cases or the draft changed since this run. Run again to see current results.</p>
              )}
            </>
          )}
        </div>
        {report && <RunResultsTable slug={slug} ruleSet={ruleSet} results={report.results} />}
      </section>
      <CoveragePanel coverage={run?.coverage ?? null} unpinned={unpinned} onAddCaseForRule={onAddCaseForRule} />
    </>
  );
}

function UnderTriageSummary({ count }: { count: number }) {
  if (count === 0) {
    return (
      <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm font-medium text-emerald-900" data-testid="under-triage-summary">
        No case gets a less urgent result than expected.
      </p>
    );
  }
  return (
    <div className="rounded-md border-2 border-red-600 bg-red-50 p-3" data-testid="under-triage-summary">
      <p className="text-lg font-bold text-red-800">
        <span aria-hidden="true">⚠ </span>
        {count} {count === 1 ? "case gets" : "cases get"} a LESS urgent result than expected
      </p>
      <p className="text-sm text-red-900">Under-triage: people with these answers would be told to do less than the case expects. Fix these first.</p>
    </div>
  );
}
