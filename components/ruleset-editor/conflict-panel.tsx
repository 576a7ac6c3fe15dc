"use client";

import { formatWhen } from "@/components/format";
import { RulesetDiffView } from "@/components/ruleset-diff/ruleset-diff-view";
import type { SaveDraftResult } from "@/lib/rulesets/save-result";

export type ConflictResult = Extract<SaveDraftResult, { kind: "conflict" }>;

interface ConflictPanelProps {
  conflict: ConflictResult;
  /** The revision the person started editing from. */
  baseRevision: number;
  onCopyMine: () => void;
  onLoadTheirs: () => void;
  onOverwrite: () => void;
  onDismiss: () => void;
  /** Feedback from the last copy / download, e.g. "Copied and downloaded." */
  notice?: string;
  busy: boolean;
}

/**
 * Someone else saved while this person was editing. Nothing was written and
 * nothing typed is lost: the editor keeps the person's version until they
 * choose what to do.
 */
export function ConflictPanel({ conflict, baseRevision, onCopyMine, onLoadTheirs, onOverwrite, onDismiss, notice, busy }: ConflictPanelProps) {
  return (
    <section data-testid="save-conflict" role="alert" aria-labelledby="conflict-heading" className="space-y-4 rounded-lg border-2 border-amber-400 bg-amber-50 p-4">
      <div className="space-y-1">
        <h2 id="conflict-heading" className="text-lg font-semibold text-amber-950">
          Not saved: someone else changed this draft
        </h2>
        <p className="text-sm text-amber-950">
          <strong>{conflict.savedBy}</strong> saved revision {conflict.currentRevision} at {formatWhen(conflict.savedAt)} while you were editing.{" "}
          <strong>Nothing you typed is lost</strong>: your version is still in the editor.
        </p>
        {conflict.summary && <p className="text-sm text-amber-950">Their changes: {conflict.summary}</p>}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" onClick={onCopyMine}>
          Copy my version as JSON
        </button>
        <button type="button" className="btn-secondary" onClick={onLoadTheirs} disabled={busy}>
          Load their version
        </button>
        <button type="button" className="btn-danger" onClick={onOverwrite} disabled={busy}>
          Overwrite with my version
        </button>
        <button type="button" className="btn-secondary" onClick={onDismiss}>
          Keep editing
        </button>
      </div>
      {notice && (
        <p className="text-sm text-amber-950" aria-live="polite">
          {notice}
        </p>
      )}
      <details className="rounded-md border border-amber-200 bg-white p-3" open>
        <summary className="cursor-pointer text-sm font-medium text-slate-900">What they changed (revision {baseRevision} → {conflict.currentRevision})</summary>
        <div className="mt-3">
          <RulesetDiffView diff={conflict.changes} fromLabel={`revision ${baseRevision} (where you started)`} toLabel={`revision ${conflict.currentRevision} (theirs)`} />
        </div>
      </details>
    </section>
  );
}
