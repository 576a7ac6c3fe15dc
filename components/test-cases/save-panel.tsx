"use client";

import { downloadText } from "@/components/ruleset-editor/download";
import { testCasesToJson, type TestCase } from "@/lib/testcases";
import type { TestCaseList } from "./use-test-case-list";

interface SavePanelProps {
  slug: string;
  list: TestCaseList;
}

/** "testCases.3.name" -> "Case 4 (“Fever”), name". */
function describeField(path: string, cases: readonly TestCase[]): string {
  const match = /^testCases\.(\d+)(?:\.(.+))?$/.exec(path);
  if (!match) return path;
  const index = Number(match[1]);
  const name = cases[index]?.name;
  return `Case ${index + 1}${name ? ` (“${name}”)` : ""}${match[2] ? `, ${match[2]}` : ""}`;
}

/** Sticky: whether the list is saved stays visible however long the list is. */
export function SavePanel({ slug, list }: SavePanelProps) {
  const { dirty, saving, revision, problem, notice, cases } = list;
  const status = saving ? "Saving…" : dirty ? "Unsaved changes" : `All test cases saved · revision ${revision}`;
  return (
    <div className="sticky top-0 z-20 space-y-2 border-b border-slate-200 bg-white/95 px-4 py-3 shadow-sm backdrop-blur sm:rounded-lg sm:border">
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" data-testid="tests-save-status" className={`flex-1 text-sm ${dirty ? "font-medium text-amber-900" : "text-emerald-800"}`}>
          <span aria-hidden="true" className={`mr-1.5 inline-block size-2 rounded-full ${dirty ? "bg-amber-500" : "bg-emerald-600"}`} />
          {status} · {cases.length} {cases.length === 1 ? "case" : "cases"}
        </p>
        <button type="button" className="btn-primary" disabled={saving || (!dirty && !problem)} onClick={() => void list.save()}>
          Save test cases
        </button>
      </div>
      <div aria-live="polite">
        {notice && !problem && <p className="text-sm text-emerald-800" data-testid="tests-save-message">{notice}</p>}
      </div>
      {problem?.kind === "conflict" && (
        <section className="space-y-2 rounded-md border-2 border-amber-400 bg-amber-50 p-3" data-testid="tests-conflict" aria-labelledby="tests-conflict-heading">
          <h2 id="tests-conflict-heading" className="font-semibold text-amber-950">
            Not saved: someone else changed this draft
          </h2>
          <p className="text-sm text-amber-950">
            <strong>{problem.savedBy}</strong> saved revision {problem.currentRevision}
            {problem.summary ? ` (${problem.summary})` : ""}. <strong>Nothing you typed is lost</strong>: your test cases are still here.
          </p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn-secondary" onClick={() => downloadText(testCasesToJson(cases), `${slug}-my-test-cases.json`)}>
              Download my test cases (JSON)
            </button>
            <button
              type="button"
              className="btn-secondary"
              disabled={saving}
              onClick={() => {
                if (window.confirm("Load the saved test cases? Your unsaved edits on this page will be replaced (download them first if you need them).")) void list.reload();
              }}
            >
              Reload the saved test cases
            </button>
            <button
              type="button"
              className="btn-danger"
              disabled={saving}
              onClick={() => {
                if (window.confirm(`Save your test cases over revision ${problem.currentRevision}? Test-case changes ${problem.savedBy} made will be replaced by yours.`))
                  void list.save(problem.currentRevision);
              }}
            >
              Overwrite with mine
            </button>
          </div>
        </section>
      )}
      {problem?.kind === "invalid" && (
        <section className="space-y-1 rounded-md border border-red-300 bg-red-50 p-3 text-sm" data-testid="tests-invalid">
          <h2 className="font-semibold text-red-900">Not saved: {problem.message}</h2>
          <ul className="list-disc pl-5 text-red-900">
            {problem.fields.map((field, i) => (
              <li key={`f${i}`}>
                <span className="font-medium">{describeField(field.path, cases)}:</span> {field.message}
              </li>
            ))}
            {problem.rows.map((row, i) => (
              <li key={`r${i}`}>
                <span className="font-medium">
                  Row {row.row}
                  {row.column ? `, ${row.column}` : ""}:
                </span>{" "}
                {row.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {problem?.kind === "error" && (
        <p className="text-sm text-red-700" data-testid="tests-error">
          Not saved: {problem.message}
        </p>
      )}
    </div>
  );
}
