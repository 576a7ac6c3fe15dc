import type { FieldIssue } from "@/lib/errors";
import type { RuleSetDiff } from "./diff";

/** What saving a draft answers the editor (server action) — the API answers the same facts as HTTP statuses. */
export type SaveDraftResult =
  | { ok: true; revision: number; savedAt: string; summary: string }
  /** Someone saved since `baseRevision`: nothing was written; `changes` is what they changed (base → current). */
  | {
      ok: false;
      kind: "conflict";
      message: string;
      currentRevision: number;
      savedBy: string;
      savedAt: string;
      changes: RuleSetDiff;
      summary: string;
    }
  | { ok: false; kind: "invalid"; message: string; fields: FieldIssue[] }
  | { ok: false; kind: "error"; message: string };
