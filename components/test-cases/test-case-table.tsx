"use client";

import type { TestCase } from "@/lib/testcases";
import { TagList } from "./tag-list";

interface TestCaseTableProps {
  cases: readonly TestCase[];
  dispositionLabel: (id: string) => string;
  /** The case being edited, highlighted in the list. */
  editingId: string | null;
  /** The case a link pointed at (`?case=<id>`). */
  highlightId?: string | null;
  onEdit: (id: string) => void;
  onDuplicate: (id: string) => void;
  onDelete: (id: string) => void;
  /** Until the page is interactive. */
  disabled?: boolean;
}

export function TestCaseTable({ cases, dispositionLabel, editingId, highlightId = null, onEdit, onDuplicate, onDelete, disabled }: TestCaseTableProps) {
  if (cases.length === 0) {
    return <p className="text-sm text-slate-700">No test cases yet. Add one, import a file, or save one from the patient preview.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="test-case-table">
        <caption className="sr-only">Test cases of the draft</caption>
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Name
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Expected
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Tags
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Note
            </th>
            <th scope="col" className="py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cases.map((testCase) => (
            <tr
              key={testCase.id}
              className={`border-t border-slate-100 align-top ${highlightId === testCase.id ? "bg-amber-50 outline-2 outline-amber-400" : editingId === testCase.id ? "bg-brand-50" : ""}`}
              data-testid={`test-case-row-${testCase.id}`}
              data-highlighted={highlightId === testCase.id ? "true" : undefined}
            >
              <th scope="row" className="py-2 pr-3 font-medium text-slate-900">
                {testCase.name}
                {highlightId === testCase.id && <span className="ml-2 rounded bg-amber-200 px-1.5 text-xs font-semibold text-amber-950">Linked</span>}
              </th>
              <td className="py-2 pr-3">{dispositionLabel(testCase.expected.disposition)}</td>
              <td className="py-2 pr-3">
                <TagList tags={testCase.tags} />
              </td>
              <td className="max-w-xs py-2 pr-3 text-slate-700">
                <span className="line-clamp-2">{testCase.note}</span>
              </td>
              <td className="py-2 whitespace-nowrap">
                <div className="flex gap-1">
                  <button type="button" className="btn-secondary px-2 py-1" disabled={disabled} onClick={() => onEdit(testCase.id)} aria-label={`Edit ${testCase.name}`}>
                    Edit
                  </button>
                  <button type="button" className="btn-secondary px-2 py-1" disabled={disabled} onClick={() => onDuplicate(testCase.id)} aria-label={`Duplicate ${testCase.name}`}>
                    Duplicate
                  </button>
                  <button type="button" className="btn-danger px-2 py-1" disabled={disabled} onClick={() => onDelete(testCase.id)} aria-label={`Delete ${testCase.name}`}>
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
