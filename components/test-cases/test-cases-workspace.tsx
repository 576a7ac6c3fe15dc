"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import type { TestsLink } from "@/components/ruleset-editor/deep-links";
import { useUnsavedChangesGuard } from "@/components/ruleset-editor/unsaved-changes-guard";
import type { RuleSet } from "@/lib/engine";
import { randomTestCaseId, unpinnedRedFlags, type TestCase } from "@/lib/testcases";
import { testCaseForRule } from "@/lib/testcases/rule-case";
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
  /** `?case=<id>` opens and highlights a case; `?newCaseForRule=<ruleId>` starts a case that makes the rule fire. */
  link?: TestsLink | null;
}

type Editing = {
  testCase: TestCase;
  isNew: boolean;
  /** Why the editor opened with these values (a link or a coverage button), shown above it. */
  notice?: { tone: "info" | "warning"; text: string };
};

type Notice = { tone: "info" | "warning"; text: string };

function copyName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const candidate = `${name} (copy${n === 1 ? "" : ` ${n}`})`.slice(0, 200);
    if (!taken.has(candidate)) return candidate;
  }
}

/** A new case for a rule, prefilled so that it fires (when answers could be found). */
function editingForRule(ruleSet: RuleSet, ruleId: string, cases: readonly TestCase[]): Editing | Notice {
  const draft = testCaseForRule(ruleSet, ruleId, cases);
  if (!draft) return { tone: "warning", text: `The rule “${ruleId}” is not in the saved draft. Save the draft in the editor first.` };
  const rule = ruleSet.rules.find((r) => r.id === ruleId);
  const what = draft.redFlag ? "pins the red flag" : "exercises the rule";
  const text = draft.found
    ? `Prefilled so that “${rule?.title ?? ruleId}” fires: ${draft.found.description}.${draft.found.givesRuleDisposition ? "" : " A more urgent rule fires too with these answers; change them so the expected disposition is the result."} The case ${what}: it expects the rule's disposition and requires the rule to fire. Check it, add it to the list, then save.`
    : `Answer the questions so that “${rule?.title ?? ruleId}” fires (${draft.condition}); no answers were found automatically. The case ${what}: it expects the rule's disposition and requires the rule to fire.`;
  return { testCase: draft.testCase, isNew: true, notice: { tone: draft.found?.givesRuleDisposition === false || !draft.found ? "warning" : "info", text } };
}

function editingFor(link: TestsLink | null | undefined, ruleSet: RuleSet, cases: readonly TestCase[]): Editing | Notice | null {
  if (!link) return null;
  if (link.kind === "newCaseForRule") return editingForRule(ruleSet, link.ruleId, cases);
  const testCase = cases.find((c) => c.id === link.id);
  if (!testCase) return { tone: "warning", text: `There is no test case “${link.id}” in the draft (any more).` };
  return { testCase, isNew: false, notice: { tone: "info", text: `Opened from a link: “${testCase.name}”. Run the test cases below to see why it fails.` } };
}

const isEditing = (value: Editing | Notice | null): value is Editing => value !== null && "testCase" in value;

export function TestCasesWorkspace({ slug, ruleSet, initialTestCases, initialRevision, link }: TestCasesWorkspaceProps) {
  const list = useTestCaseList(slug, initialTestCases, initialRevision);
  const { cases, setCases } = list;
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  // Links are applied during render (the first paint already shows the case), and again when the page gets another link.
  const linkKey = link ? `${link.kind}:${link.kind === "case" ? link.id : link.ruleId}` : "";
  const [openedLink, setOpenedLink] = useState("");
  if (linkKey !== openedLink) {
    setOpenedLink(linkKey);
    const opened = editingFor(link, ruleSet, cases);
    setEditing(isEditing(opened) ? opened : null);
    setNotice(opened && !isEditing(opened) ? opened : null);
    setHighlightId(link?.kind === "case" && isEditing(opened) ? link.id : null);
  }
  const unpinned = useMemo(() => {
    try {
      return unpinnedRedFlags(ruleSet, cases);
    } catch {
      return [];
    }
  }, [ruleSet, cases]);
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

  const addForRule = (ruleId: string) => {
    if (editing) return;
    const opened = editingForRule(ruleSet, ruleId, cases);
    if (isEditing(opened)) setEditing(opened);
    else setNotice(opened);
  };
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

      {notice && (
        <p role="status" data-testid="tests-link-notice" className={`rounded-md border p-3 text-sm ${notice.tone === "warning" ? "border-amber-300 bg-amber-50 text-amber-950" : "border-slate-200 bg-white text-slate-800"}`}>
          {notice.text}
        </p>
      )}

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
          highlightId={highlightId}
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
        <div ref={editorRef} className="space-y-2">
          {editing.notice && (
            <p
              data-testid="test-case-editor-notice"
              className={`rounded-md border p-3 text-sm ${editing.notice.tone === "warning" ? "border-amber-300 bg-amber-50 text-amber-950" : "border-brand-200 bg-brand-50 text-brand-900"}`}
            >
              {editing.notice.text}
            </p>
          )}
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

      <RunPanel
        slug={slug}
        ruleSet={ruleSet}
        currentRevision={list.revision}
        dirty={list.dirty}
        ensureSaved={() => list.save()}
        unpinned={unpinned}
        onAddCaseForRule={editing || !hydrated ? undefined : addForRule}
      />
      <ImportExport slug={slug} list={list} />
    </div>
  );
}
