"use client";

import { useId, useRef, useState } from "react";
import { importTestCasesAction, type SaveTestsResult } from "@/app/(dashboard)/rulesets/test-actions";
import { downloadText } from "@/components/ruleset-editor/download";
import { testCasesToJson, type ImportError } from "@/lib/testcases";
import { useHydrated } from "@/components/use-hydrated";
import type { TestCaseList } from "./use-test-case-list";

type Outcome = { tone: "success" | "error"; text: string; rows?: ImportError[] };

/** Import is all or nothing: a file with any problem imports nothing and lists every problem by row and column. */
export function ImportExport({ slug, list }: { slug: string; list: TestCaseList }) {
  const id = useId();
  const hydrated = useHydrated();
  const fileRef = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<"append" | "replace">("append");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const importFile = async () => {
    const file = fileRef.current?.files?.[0];
    if (!file) return setOutcome({ tone: "error", text: "Choose a .csv or .json file first." });
    if (mode === "replace" && !window.confirm(`Replace all ${list.cases.length} test cases with the ones in ${file.name}?`)) return;
    setBusy(true);
    setOutcome(null);
    let result: SaveTestsResult;
    try {
      const text = await file.text();
      result = await importTestCasesAction({ slug, baseRevision: list.revision, fileName: file.name, text, mode, existing: list.cases });
    } catch {
      result = { ok: false, kind: "error", message: "The file could not be read or the server could not be reached." };
    }
    if (result.ok) {
      // The server built the final list; show exactly what it stored.
      await list.reload(`Imported ${file.name} (revision ${result.revision}).`);
      setOutcome({ tone: "success", text: `Imported ${file.name}${mode === "append" ? " (added to the list)" : " (replaced the list)"}.` });
      if (fileRef.current) fileRef.current.value = "";
    } else if (result.kind === "invalid") {
      setOutcome({ tone: "error", text: `Nothing was imported. ${result.message}`, rows: result.rows });
    } else if (result.kind === "conflict") {
      setOutcome({ tone: "error", text: `Nothing was imported: ${result.savedBy} saved revision ${result.currentRevision} in the meantime. Reload or save your list first, then import again.` });
    } else {
      setOutcome({ tone: "error", text: `Nothing was imported: ${result.message}` });
    }
    setBusy(false);
  };

  return (
    <section className="card space-y-4" aria-labelledby={`${id}-heading`} data-testid="import-export">
      <h2 id={`${id}-heading`} className="font-semibold">
        Import and export
      </h2>
      <div className="space-y-3">
        <div>
          <label htmlFor={`${id}-file`} className="field-label">
            Test-case file (.csv or .json)
          </label>
          <input id={`${id}-file`} ref={fileRef} type="file" accept=".csv,.json,text/csv,application/json" className="mt-1 block text-sm" />
        </div>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="field-label mb-1">Imported cases</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name={`${id}-mode`} checked={mode === "append"} onChange={() => setMode("append")} className="size-4 accent-brand-600" />
            Add to the list
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={`${id}-mode`} checked={mode === "replace"} onChange={() => setMode("replace")} className="size-4 accent-brand-600" />
            Replace the list
          </label>
        </fieldset>
        {list.dirty && mode === "append" && <p className="text-sm text-amber-900">Your unsaved edits are saved together with the imported cases.</p>}
        <button type="button" className="btn-secondary" onClick={() => void importFile()} disabled={busy || !hydrated}>
          {busy ? "Importing…" : "Import"}
        </button>
      </div>
      <div aria-live="polite">
        {outcome && (
          <div className="space-y-2" data-testid="import-result">
            <p className={`text-sm ${outcome.tone === "success" ? "text-emerald-800" : "font-medium text-red-700"}`}>{outcome.text}</p>
            {outcome.rows && outcome.rows.length > 0 && (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm" data-testid="import-errors">
                  <caption className="sr-only">Problems in the file</caption>
                  <thead className="text-slate-600">
                    <tr>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Row
                      </th>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Column
                      </th>
                      <th scope="col" className="py-1 font-medium">
                        Problem
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {outcome.rows.map((row, i) => (
                      <tr key={i} className="border-t border-slate-100 align-top">
                        <td className="py-1 pr-3">{row.row === 0 ? "file" : row.row}</td>
                        <td className="py-1 pr-3 font-mono text-xs">{row.column ?? "—"}</td>
                        <td className="py-1">{row.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </div>
      <div className="flex flex-wrap gap-3 border-t border-slate-100 pt-3">
        <a href={`/api/admin/rulesets/${slug}/draft/tests?format=csv`} download className="btn-secondary">
          Export saved cases (CSV)
        </a>
        <button type="button" className="btn-secondary" onClick={() => downloadText(testCasesToJson(list.cases), `${slug}-test-cases.json`)}>
          Export this list (JSON)
        </button>
      </div>
    </section>
  );
}
