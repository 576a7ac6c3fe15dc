"use client";

import type { ReactNode } from "react";

export type SaveStatus = "saved" | "dirty" | "saving";

interface SaveBarProps {
  title: string;
  status: SaveStatus;
  revision: number;
  publishedLabel?: string;
  readOnly: boolean;
  onSave: () => void;
  /** Outcome of the last save attempt ("Saved: 1 rule changed", an error…). */
  message?: { tone: "success" | "error" | "warning"; text: string };
  extra?: ReactNode;
}

const STATUS_TEXT: Record<SaveStatus, (revision: number) => string> = {
  saved: (revision) => `All changes saved · revision ${revision}`,
  dirty: () => "Unsaved changes",
  saving: () => "Saving…",
};

const TONES = {
  success: "text-emerald-800",
  error: "text-red-700",
  warning: "text-amber-900",
} as const;

/** Sticky so the save state is visible however far down a long rule the person has scrolled. */
export function SaveBar({ title, status, revision, publishedLabel, readOnly, onSave, message, extra }: SaveBarProps) {
  return (
    <div className="sticky top-0 z-20 -mx-4 border-b border-slate-200 bg-white/95 px-4 py-3 shadow-sm backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-lg font-semibold text-slate-900">{title || "Untitled rule set"}</h1>
          <p className="flex flex-wrap items-center gap-x-2 text-sm">
            <span
              data-testid="save-status"
              role="status"
              className={status === "dirty" ? "font-medium text-amber-900" : status === "saving" ? "text-slate-700" : "text-emerald-800"}
            >
              <span
                aria-hidden="true"
                className={`mr-1.5 inline-block size-2 rounded-full ${status === "dirty" ? "bg-amber-500" : status === "saving" ? "animate-pulse bg-slate-400" : "bg-emerald-600"}`}
              />
              {readOnly ? `Read only · revision ${revision}` : STATUS_TEXT[status](revision)}
            </span>
            {publishedLabel && <span className="text-slate-600">· Published: {publishedLabel}</span>}
          </p>
          {message && (
            <p className={`text-sm ${TONES[message.tone]}`} data-testid="save-message" aria-live="polite">
              {message.text}
            </p>
          )}
        </div>
        {extra}
        {!readOnly && (
          <button
            type="button"
            className="btn-primary"
            onClick={onSave}
            disabled={status === "saving"}
            aria-keyshortcuts="Control+S Meta+S"
            title="Save (Ctrl+S / ⌘S)"
          >
            Save
          </button>
        )}
      </div>
    </div>
  );
}
