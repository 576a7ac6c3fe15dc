"use client";

import type { CitationInput } from "./editor-reducer";
import { useReadOnly } from "./editor-context";
import { TextField } from "./fields";

interface CitationsEditorProps {
  citations: readonly CitationInput[];
  onChange: (citations: CitationInput[]) => void;
  /** JSONPath of the citations array, e.g. `$.rules[3].citations`. */
  path: string;
}

/** Source + quoted statement pairs, so a reviewer can check the content against its source. */
export function CitationsEditor({ citations, onChange, path }: CitationsEditorProps) {
  const readOnly = useReadOnly();
  const update = (index: number, patch: Partial<CitationInput>) =>
    onChange(citations.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <fieldset data-path={path} tabIndex={-1} className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-800">Citations</legend>
      {citations.length === 0 && <p className="text-sm text-slate-600">No citations yet.</p>}
      {citations.map((citation, i) => (
        <div key={i} className="grid gap-2 rounded-md bg-slate-50 p-3 @2xl:grid-cols-[14rem_1fr_auto] @2xl:items-start">
          <TextField
            label={`Citation ${i + 1} source`}
            value={citation.source}
            onChange={(source) => update(i, { source })}
            path={`${path}[${i}].source`}
            placeholder="Document or guideline"
          />
          <TextField
            label={`Citation ${i + 1} statement`}
            value={citation.statement}
            onChange={(statement) => update(i, { statement })}
            path={`${path}[${i}].statement`}
            multiline
            rows={2}
            placeholder="The statement this is based on"
          />
          {!readOnly && (
            <button
              type="button"
              className="btn-secondary @2xl:mt-6"
              aria-label={`Remove citation ${i + 1}`}
              onClick={() => onChange(citations.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button type="button" className="btn-secondary" onClick={() => onChange([...citations, { source: "", statement: "" }])}>
          Add citation
        </button>
      )}
    </fieldset>
  );
}
