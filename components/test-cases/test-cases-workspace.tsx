"use client";

import { useEffect, useRef, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { useUnsavedChangesGuard } from "@/components/ruleset-editor/unsaved-changes-guard";
import type { RuleSet } from "@/lib/engine";
import { randomTestCaseId, type TestCase } from "@/lib/testcases";
import { ImportExport } from "./import-export";
import { RunPanel } from "./run-panel";
import { SavePanel } from "./save-panel";
import { TestCaseEditor } from "./test-case-editor";
import { TestCaseTable } from "./test-case-table";
import { useTestCaseList } from "./use-test-case-list";

interface TestCasesWorkspaceProps {
  slug: string;
  ruleSet: RuleSet;
  initialTestCases: TestCase[];
  initialRevision: number;
}

type Editing = { testCase: TestCase; isNew: boolean };

function copyName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const candidate = `${name} (copy${n === 1 ? "" : ` ${n}`})`.slice(0, 200);
    if (!taken.has(candidate)) return candidate;
  }
}

export function TestCasesWorkspace({ slug, ruleSet, initialTestCases, initialRevision }: TestCasesWorkspaceProps) {
  const list = useTestCaseList(slug, initialTestCases, initialRevision);
  const { cases, setCases } = list;
  const [editing, setEditing] = useState<Editing | null>(null);
  const editorRef = useRef<HTMLDivElement>(null);
  const hydrated = useHydrated();
  useUnsavedChangesGuard(list.dirty || editing !== null);

  const editingId = editing?.testCase.id ?? null;
  // Move focus to the editor's heading when it opens, so keyboard users land in it.
  useEffect(() => {
    if (editingId === null) return;
    const heading = editorRef.current?.querySelector<HTMLElement>("h2");
    heading?.scrollIntoView({ block: "start" });
    heading?.focus({ preventScroll: true });
  }, [editingId]);

  const labels = new Map(ruleSet.dispositions.map((d) => [d.id, d.label]));
  const names = new Set(cases.map((c) => c.name.trim()));

  const add = () =>
    setEditing({
      isNew: true,
      testCase: { id: randomTestCaseId(), name: "", answers: {}, expected: { disposition: "" }, tags: [], note: "" },
    });
  const duplicate = (id: string) => {
    const index = cases.findIndex((c) => c.id === id);
    if (index < 0) return;
    const copy: TestCase = { ...structuredClone(cases[index]), id: randomTestCaseId(), name: copyName(cases[index].name, names) };
    setCases([...cases.slice(0, index + 1), copy, ...cases.slice(index + 1)]);
  };
  const remove = (id: string) => {
    const testCase = cases.find((c) => c.id === id);
    if (!testCase || !window.confirm(`Delete the test case “${testCase.name}”? It is removed from the draft when you save.`)) return;
    setCases(cases.filter((c) => c.id !== id));
    if (editingId === id) setEditing(null);
  };
  const apply = (testCase: TestCase) => {
    setCases(editing?.isNew ? [...cases, testCase] : cases.map((c) => (c.id === testCase.id ? testCase : c)));
    setEditing(null);
  };

  return (
    <div className="space-y-4">
      <SavePanel slug={slug} list={list} />

      <section className="card space-y-3" aria-labelledby="cases-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="cases-heading" className="font-semibold">
            Test cases ({cases.length})
          </h2>
          <button type="button" className="btn-secondary" onClick={add} disabled={editing !== null || !hydrated}>
            Add test case
          </button>
        </div>
        <TestCaseTable
          cases={cases}
          dispositionLabel={(id) => labels.get(id) ?? `${id} (not in the draft)`}
          editingId={editingId}
          disabled={!hydrated}
          onEdit={(id) => {
            const testCase = cases.find((c) => c.id === id);
            if (testCase) setEditing({ testCase, isNew: false });
          }}
          onDuplicate={duplicate}
          onDelete={remove}
        />
      </section>

      {editing && (
        <div ref={editorRef}>
          <TestCaseEditor
            key={editing.testCase.id}
            ruleSet={ruleSet}
            initial={editing.testCase}
            isNew={editing.isNew}
            otherNames={new Set(cases.filter((c) => c.id !== editing.testCase.id).map((c) => c.name.trim()))}
            onApply={apply}
            onCancel={() => setEditing(null)}
          />
        </div>
      )}

      <RunPanel slug={slug} ruleSet={ruleSet} currentRevision={list.revision} dirty={list.dirty} ensureSaved={() => list.save()} />
      <ImportExport slug={slug} list={list} />
    </div>
  );
}
