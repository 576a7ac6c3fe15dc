"use client";

import { memo, useState } from "react";
import type { LintIssue } from "@/lib/engine/lint-types";
import type { RuleSetInput } from "@/lib/engine/schema";
import { describePath, plainMessage, sortIssues } from "./lint-utils";

const SEVERITY_STYLES = {
  error: { label: "Error", chip: "bg-red-50 text-red-800 ring-red-200" },
  warning: { label: "Warning", chip: "bg-amber-50 text-amber-900 ring-amber-200" },
  info: { label: "Note", chip: "bg-slate-100 text-slate-700 ring-slate-200" },
} as const;

/** Rendering thousands of findings would cost more than reading them; the rest are counted. */
const MAX_SHOWN = 150;

interface LintPanelProps {
  issues: readonly LintIssue[];
  doc: RuleSetInput;
  pending: boolean;
  onJump: (issue: LintIssue) => void;
}

function issueText(issue: LintIssue): string {
  return issue.code === "schema" ? plainMessage(issue.message) : issue.message;
}

/**
 * Every finding of the live lint, errors first. Each is a button that opens the
 * item it concerns. Memoised: it only re-renders when a new lint result arrives.
 */
export const LintPanel = memo(function LintPanel({ issues, doc, pending, onJump }: LintPanelProps) {
  const [showNotes, setShowNotes] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const sorted = sortIssues(issues);
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.filter((i) => i.severity === "warning").length;
  const notes = issues.length - errors - warnings;
  const listed = showNotes ? sorted : sorted.filter((i) => i.severity !== "info");
  const shown = listed.slice(0, MAX_SHOWN);

  return (
    <section data-testid="lint-panel" aria-labelledby="lint-heading" className="card space-y-3 p-3 sm:p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="lint-heading" className="font-semibold">
          Checks
        </h2>
        <p className="text-sm" aria-live="polite" data-testid="lint-counts">
          <span className={errors ? "font-semibold text-red-700" : "text-slate-700"}>
            {errors} {errors === 1 ? "error" : "errors"}
          </span>
          {" · "}
          <span className={warnings ? "font-semibold text-amber-800" : "text-slate-700"}>
            {warnings} {warnings === 1 ? "warning" : "warnings"}
          </span>
          {pending && <span className="ml-2 text-slate-500">checking…</span>}
          <button type="button" className="ml-3 text-brand-700 underline" aria-expanded={!collapsed} onClick={() => setCollapsed((v) => !v)}>
            {collapsed ? "Show checks" : "Hide checks"}
          </button>
        </p>
      </div>
      {!collapsed && (
        <>
      {errors > 0 && <p className="text-xs text-slate-600">Errors must be fixed before publishing; drafts can be saved with them.</p>}
      {listed.length === 0 ? (
        <p className="text-sm text-emerald-800">No problems found.</p>
      ) : (
        <ul className="grid max-h-40 gap-x-4 gap-y-1 overflow-y-auto sm:max-h-60 lg:grid-cols-2">
          {shown.map((issue, i) => {
            const style = SEVERITY_STYLES[issue.severity];
            return (
              <li key={`${issue.code}-${issue.path}-${i}`}>
                <button
                  type="button"
                  data-testid="lint-issue"
                  data-severity={issue.severity}
                  data-code={issue.code}
                  onClick={() => onJump(issue)}
                  className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100"
                >
                  <span className={`mr-2 inline-block rounded px-1.5 text-xs font-medium ring-1 ${style.chip}`}>{style.label}</span>
                  <span className="text-slate-900">{issueText(issue)}</span>
                  <span className="mt-0.5 block text-xs text-brand-700 underline">{describePath(issue.path, doc)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {listed.length > MAX_SHOWN && <p className="text-xs text-slate-600">…and {listed.length - MAX_SHOWN} more. Fix these first.</p>}
      {notes > 0 && (
        <button type="button" className="text-sm text-brand-700 underline" onClick={() => setShowNotes((v) => !v)}>
          {showNotes ? "Hide notes" : `Show ${notes} ${notes === 1 ? "note" : "notes"} (e.g. disabled rules)`}
        </button>
      )}
        </>
      )}
    </section>
  );
});

/** The findings for one item, at the top of its editor. */
export function ItemIssues({ issues, onJump }: { issues: readonly LintIssue[] | undefined; onJump: (issue: LintIssue) => void }) {
  if (!issues || issues.length === 0) return null;
  return (
    <ul className="space-y-1 rounded-md border border-amber-200 bg-amber-50 p-2" aria-label="Problems with this item">
      {sortIssues(issues).map((issue, i) => (
        <li key={i}>
          <button type="button" onClick={() => onJump(issue)} className="w-full text-left text-sm hover:underline">
            <span className={issue.severity === "error" ? "font-semibold text-red-800" : issue.severity === "warning" ? "font-semibold text-amber-900" : "text-slate-700"}>
              {SEVERITY_STYLES[issue.severity].label}:
            </span>{" "}
            <span className="text-slate-900">{issueText(issue)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
