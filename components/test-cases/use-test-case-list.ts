"use client";

import { useMemo, useState } from "react";
import { loadDraftTestsAction } from "@/app/(dashboard)/rulesets/[slug]/draft/preview-actions";
import { saveTestCasesAction, type SaveTestsResult } from "@/app/(dashboard)/rulesets/test-actions";
import type { TestCase } from "@/lib/testcases";

export type SaveProblem = Extract<SaveTestsResult, { ok: false }>;

/**
 * The page's copy of the draft's test cases: local edits until "Save test
 * cases". A failed save never touches the local list, so nothing typed is lost.
 */
export function useTestCaseList(slug: string, initialCases: TestCase[], initialRevision: number) {
  const [cases, setCases] = useState(initialCases);
  const [saved, setSaved] = useState(initialCases);
  const [revision, setRevision] = useState(initialRevision);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const dirty = useMemo(() => cases !== saved && JSON.stringify(cases) !== JSON.stringify(saved), [cases, saved]);

  /** `baseRevision` other than the current one overwrites someone else's save (after a conflict). */
  const save = async (baseRevision = revision, list = cases): Promise<boolean> => {
    setSaving(true);
    setNotice(null);
    let result: SaveTestsResult;
    try {
      result = await saveTestCasesAction({ slug, baseRevision, testCases: list });
    } catch {
      result = { ok: false, kind: "error", message: "The server could not be reached. Your test cases are still here; try again." };
    } finally {
      setSaving(false);
    }
    if (!result.ok) {
      setProblem(result);
      return false;
    }
    setRevision(result.revision);
    setSaved(list);
    setProblem(null);
    setNotice(result.summary && result.summary !== "No changes" ? `Saved: ${result.summary}` : "Saved.");
    return true;
  };

  /** Replaces the local list with the stored one (after an import, or to give up local edits). */
  const reload = async (message?: string): Promise<boolean> => {
    const latest = await loadDraftTestsAction({ slug }).catch(() => ({ ok: false as const, message: "The server could not be reached." }));
    if (!latest.ok) {
      setProblem({ ok: false, kind: "error", message: latest.message });
      return false;
    }
    setCases(latest.testCases);
    setSaved(latest.testCases);
    setRevision(latest.revision);
    setProblem(null);
    setNotice(message ?? `Loaded the saved test cases (revision ${latest.revision}).`);
    return true;
  };

  return { cases, setCases, revision, dirty, saving, problem, setProblem, notice, setNotice, save, reload };
}

export type TestCaseList = ReturnType<typeof useTestCaseList>;
