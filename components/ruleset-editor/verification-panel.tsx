"use client";

import { useId, useState } from "react";
import type { RuleSetInput } from "@/lib/engine/schema";
import { safeDisposition } from "@/lib/testcases/from-counterexample";
import type { ExactImpact, ImpactPair, InvariantVerdict } from "@/lib/verify/schemas";
import type { LiveVerification } from "./use-live-verification";
import { formatMs, impactHeadline, VERDICT_LABELS, verdictKind, type VerdictKind } from "./verification-utils";

export interface CaseMessage {
  tone: "pending" | "success" | "error";
  text: string;
}

/** One counterexample of one invariant: what "Add as test case" messages are kept by. */
export function counterexampleKey(verdict: Pick<InvariantVerdict, "id" | "counterexample">): string {
  return `${verdict.id}|${JSON.stringify(verdict.counterexample?.answers ?? null)}`;
}

const CHIP_STYLES: Readonly<Record<VerdictKind, { icon: string; className: string }>> = {
  proven: { icon: "✓", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  violated: { icon: "✗", className: "bg-red-50 text-red-800 ring-red-300" },
  timeout: { icon: "⏱", className: "bg-amber-50 text-amber-900 ring-amber-300" },
  unchecked: { icon: "!", className: "bg-amber-50 text-amber-900 ring-amber-300" },
};

export function VerdictChip({ kind, stale }: { kind: VerdictKind; stale?: boolean }) {
  const style = CHIP_STYLES[kind];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${style.className} ${stale ? "opacity-60" : ""}`}
      data-testid="verdict-chip"
      data-kind={kind}
    >
      <span aria-hidden="true">{style.icon}</span>
      {VERDICT_LABELS[kind]}
      {kind !== "proven" && kind !== "violated" && <span className="sr-only"> (counts as not proven)</span>}
      {stale && <span> (out of date)</span>}
    </span>
  );
}

interface VerificationPanelProps {
  live: LiveVerification;
  /** Opens the invariant (or, for a red flag, its rule) in the editor. */
  onOpen: (verdict: InvariantVerdict) => void;
  /** Adds the counterexample to the draft's test cases; absent when the draft is read only. */
  onAddCase?: (verdict: InvariantVerdict, forDocument: RuleSetInput) => void;
  caseMessages: ReadonlyMap<string, CaseMessage>;
  /** Saving in progress: no test case is added meanwhile. */
  busy: boolean;
  /** Linked from the save bar's summary. */
  id: string;
}

const STATUS_TEXT = {
  starting: "Checking the draft…",
  waiting: "You changed the draft: it is checked again once you pause typing.",
  checking: "Checking your latest changes…",
  blocked: "Not checked",
  current: "Up to date with the editor (including unsaved changes).",
} as const;

/**
 * The solver's live verdict on the editor's document: every invariant proven,
 * violated (with the smallest counterexample and what it gets), not decided in
 * time, or impossible to check; the exact impact against the published
 * version; and how long the solver took.
 */
export function VerificationPanel({ live, onOpen, onAddCase, caseMessages, busy, id }: VerificationPanelProps) {
  const [collapsed, setCollapsed] = useState(false);
  const { shown, stale, status, blockedReason } = live;
  const result = shown?.result;
  const report = result?.ok ? result : null;
  const checking = status === "checking" || status === "starting";

  return (
    <section id={id} data-testid="verification-panel" aria-labelledby={`${id}-heading`} className="card scroll-mt-28 space-y-3 p-3 sm:p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-heading`} className="font-semibold">
          Safety (solver)
        </h2>
        <p className="text-sm" aria-live="polite" data-testid="verification-status" data-status={status}>
          {report && <SummaryCounts summary={report.summary} stale={stale} />}
          <span className={`ml-2 ${status === "blocked" ? "font-medium text-amber-900" : "text-slate-600"}`}>
            {checking && <span aria-hidden="true" className="mr-1 inline-block size-2 animate-pulse rounded-full bg-slate-400" />}
            {STATUS_TEXT[status]}
          </span>
          <button type="button" className="ml-3 text-brand-700 underline" aria-expanded={!collapsed} onClick={() => setCollapsed((v) => !v)}>
            {collapsed ? "Show" : "Hide"}
          </button>
        </p>
      </div>
      {!collapsed && (
        <>
          {blockedReason && (
            <p className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950" data-testid="verification-blocked">
              The solver needs a rule set the engine can evaluate: {blockedReason}
              {shown && " The results below are for an earlier version of your changes."}
            </p>
          )}
          {result && !result.ok && (
            <p className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900" data-testid="verification-error">
              {result.message}{" "}
              <button type="button" className="font-medium underline" onClick={live.recheck}>
                Check again
              </button>
            </p>
          )}
          {report && (
            <div className={`space-y-3 ${stale ? "opacity-70" : ""}`} data-testid="verification-results" data-stale={stale ? "true" : "false"}>
              {stale && (
                <p className="text-sm font-medium text-amber-900" data-testid="verification-stale">
                  Out of date: these results are for an earlier version of your changes.
                </p>
              )}
              {report.invariants.length === 0 ? (
                <p className="text-sm text-slate-700">No invariants to prove: write some on the Invariants tab, or tag red-flag rules.</p>
              ) : (
                <ul className="max-h-[28rem] space-y-2 overflow-y-auto" aria-label="Invariants">
                  {byUrgency(report.invariants).map((verdict, i) => (
                    <VerdictRow
                      key={`${verdict.id}-${i}`}
                      verdict={verdict}
                      doc={shown!.doc}
                      onOpen={onOpen}
                      onAddCase={onAddCase ? () => onAddCase(verdict, shown!.doc) : undefined}
                      addDisabledReason={busy ? "Saving…" : stale ? "Wait for the check of your latest changes." : undefined}
                      message={caseMessages.get(counterexampleKey(verdict))}
                    />
                  ))}
                </ul>
              )}
              <ImpactSection impact={report.impact} />
              <p className="text-xs text-slate-600" data-testid="solver-time">
                Solver: {formatMs(report.solver.elapsedMs)} of a {formatMs(report.solver.timeBudgetMs)} budget · {report.solver.checks}{" "}
                {report.solver.checks === 1 ? "check" : "checks"}
                {report.solver.startupMs > 0 && ` · start-up ${formatMs(report.solver.startupMs)}`}
              </p>
            </div>
          )}
        </>
      )}
    </section>
  );
}

const ORDER: Readonly<Record<VerdictKind, number>> = { violated: 0, timeout: 1, unchecked: 1, proven: 2 };

/** What needs fixing first; document order otherwise. */
function byUrgency(verdicts: readonly InvariantVerdict[]): InvariantVerdict[] {
  return verdicts
    .map((verdict, order) => ({ verdict, order }))
    .sort((a, b) => ORDER[verdictKind(a.verdict)] - ORDER[verdictKind(b.verdict)] || a.order - b.order)
    .map((entry) => entry.verdict);
}

function SummaryCounts({ summary, stale }: { summary: { proven: number; violated: number; undecided: number }; stale: boolean }) {
  return (
    <span className={stale ? "opacity-60" : ""} data-testid="verification-counts">
      <span className="text-emerald-800">{summary.proven} proven</span>
      {" · "}
      <span className={summary.violated ? "font-semibold text-red-700" : "text-slate-700"}>{summary.violated} violated</span>
      {summary.undecided > 0 && (
        <>
          {" · "}
          <span className="font-semibold text-amber-900">{summary.undecided} not proven</span>
        </>
      )}
    </span>
  );
}

interface VerdictRowProps {
  verdict: InvariantVerdict;
  doc: RuleSetInput;
  onOpen: (verdict: InvariantVerdict) => void;
  onAddCase?: () => void;
  /** Why the button is disabled just now (saving, or the result is out of date). */
  addDisabledReason?: string;
  message?: CaseMessage;
}

function VerdictRow({ verdict, doc, onOpen, onAddCase, addDisabledReason, message }: VerdictRowProps) {
  const whyId = useId();
  const kind = verdictKind(verdict);
  const example = verdict.counterexample;
  const redFlag = verdict.source === "red-flag";
  const ruleTitle = redFlag ? doc.rules.find((r) => r.id === verdict.ruleId)?.title : undefined;
  const required = safeDisposition(verdict, doc.dispositions);
  return (
    <li className="rounded-md border border-slate-200 p-2" data-testid="verdict" data-invariant-id={verdict.id} data-kind={kind}>
      <div className="flex flex-wrap items-start gap-2">
        <VerdictChip kind={kind} />
        <p className="min-w-0 flex-1 text-sm text-slate-900">
          <span data-testid="verdict-statement">{verdict.statement}</span>{" "}
          <button type="button" className="text-xs text-brand-700 underline" onClick={() => onOpen(verdict)}>
            {redFlag ? `Red flag: open the rule${ruleTitle ? ` “${ruleTitle}”` : ""}` : `Open the invariant “${verdict.id}”`}
          </button>
        </p>
      </div>
      {kind === "violated" && example && (
        <div className="mt-2 space-y-1 rounded-md bg-red-50 p-2 text-sm text-red-950" data-testid="counterexample">
          <p>
            <span className="font-semibold">Counterexample:</span> <span data-testid="counterexample-answers">{example.description}</span>
            {Object.keys(example.answers).length > 0 && <span className="text-red-900"> (every other question unanswered)</span>} → the draft gives{" "}
            <strong data-testid="counterexample-outcome">“{example.outcome ? (example.outcome.label ?? "no disposition") : "another result"}”</strong>
            {required && (
              <>
                , where the invariant requires “{required.label}”{required.id !== doc.dispositions[0]?.id ? " or more urgent" : ""}
              </>
            )}
            .
          </p>
          <p className="text-xs text-red-900">
            {example.minimal ? "No answer set with fewer answered questions shows this problem." : "There may be a smaller example."}
          </p>
          {onAddCase && (
            <div className="flex flex-wrap items-center gap-2">
              <button
                type="button"
                className="btn-secondary py-1"
                onClick={onAddCase}
                disabled={addDisabledReason !== undefined || message?.tone === "pending" || message?.tone === "success"}
                title={addDisabledReason}
                aria-describedby={addDisabledReason ? whyId : undefined}
              >
                Add as test case
              </button>
              {addDisabledReason && !message && (
                <span id={whyId} className="text-xs text-slate-700">
                  {addDisabledReason}
                </span>
              )}
              {message && (
                <span
                  role="status"
                  data-testid="add-case-message"
                  className={message.tone === "error" ? "text-red-800" : message.tone === "success" ? "text-emerald-800" : "text-slate-700"}
                >
                  {message.text}
                </span>
              )}
            </div>
          )}
        </div>
      )}
      {(kind === "timeout" || kind === "unchecked") && (
        <p className="mt-1 text-sm text-amber-950" data-testid="verdict-message">
          {verdict.message ?? "Not decided."} Counts as not proven: the draft cannot be submitted until it is proven.
        </p>
      )}
    </li>
  );
}

function pairText(pair: ImpactPair): string {
  return `“${pair.published.label ?? "no disposition"}” → “${pair.draft.label ?? "no disposition"}”`;
}

function ImpactSection({ impact }: { impact: ExactImpact }) {
  const headline = impactHeadline(impact);
  const tone = { ok: "text-emerald-800", danger: "font-semibold text-red-800", warning: "font-medium text-amber-900", info: "text-slate-700" }[headline.tone];
  const reductions = impact.comparable ? impact.reductions.pairs.filter((p) => p.status !== "none") : [];
  const increases = impact.comparable ? impact.increases.pairs.filter((p) => p.status === "found").length : 0;
  return (
    <div className="space-y-1 border-t border-slate-100 pt-2" data-testid="exact-impact" data-status={impact.comparable ? impact.reductions.status : "not-comparable"}>
      <h3 className="text-sm font-semibold">Impact against the published version</h3>
      <p className={`text-sm ${tone}`}>{headline.text}</p>
      {reductions.length > 0 && (
        <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-800">
          {reductions.map((pair, i) => (
            <li key={i}>
              {pairText(pair)}
              {pair.status === "found" && pair.counterexample ? `, e.g. ${pair.counterexample.description}` : " (not ruled out in time)"}
            </li>
          ))}
        </ul>
      )}
      {impact.comparable && increases > 0 && (
        <p className="text-xs text-slate-600">
          {increases} {increases === 1 ? "change makes" : "changes make"} the result more urgent for some answers (for information).
        </p>
      )}
    </div>
  );
}

/** The save bar's summary of the live verification: a link to the panel. */
export function VerificationBadge({ live, href }: { live: LiveVerification; href: string }) {
  const result = live.shown?.result;
  const report = result?.ok ? result : null;
  let text: string;
  let tone = "text-slate-700";
  if (live.status === "blocked") {
    text = "Safety: not checked";
    tone = "text-amber-900";
  } else if (!report) {
    text = result && !result.ok ? "Safety: check failed" : "Safety: checking…";
  } else {
    const { proven, violated, undecided } = report.summary;
    text = violated ? `Safety: ${violated} violated` : undecided ? `Safety: ${undecided} not proven` : `Safety: ${proven} proven`;
    tone = violated ? "font-semibold text-red-700" : undecided ? "font-semibold text-amber-900" : "text-emerald-800";
    if (live.stale) text += " (checking…)";
  }
  return (
    <a href={href} className={`text-sm underline-offset-2 hover:underline ${tone}`} data-testid="verification-badge">
      {text}
    </a>
  );
}
