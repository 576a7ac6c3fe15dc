"use client";

import { useId, useMemo, useState } from "react";
import { patientState } from "@/components/patient-preview/answers";
import { QuestionForm } from "@/components/patient-preview/question-form";
import type { AnswerValue, Answers, RuleSet } from "@/lib/engine";
import type { TestCase } from "@/lib/testcases";

interface TestCaseEditorProps {
  ruleSet: RuleSet;
  initial: TestCase;
  isNew: boolean;
  /** Names of the other cases (trimmed): names must be unique. */
  otherNames: ReadonlySet<string>;
  onApply: (testCase: TestCase) => void;
  onCancel: () => void;
}

type Errors = Partial<Record<"name" | "disposition" | "tags", string>>;

function parseTags(text: string): string[] {
  return [...new Set(text.split(",").map((t) => t.trim()).filter(Boolean))];
}

/**
 * One case, with answers entered through the patient question form so they
 * are given exactly as a person would give them. Changes reach the list on
 * "Apply"; the list is saved separately.
 */
export function TestCaseEditor({ ruleSet, initial, isNew, otherNames, onApply, onCancel }: TestCaseEditorProps) {
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [answers, setAnswers] = useState<Answers>(initial.answers);
  const [disposition, setDisposition] = useState(initial.expected.disposition);
  const [firedRules, setFiredRules] = useState<string[]>(initial.expected.firedRules ?? []);
  const [guidance, setGuidance] = useState<string[]>(initial.expected.guidance ?? []);
  const [tagsText, setTagsText] = useState(initial.tags.join(", "));
  const [note, setNote] = useState(initial.note);
  const [errors, setErrors] = useState<Errors>({});

  const state = useMemo(() => {
    try {
      return patientState(ruleSet, answers);
    } catch {
      return null;
    }
  }, [ruleSet, answers]);
  // Answers a person could not give (unknown question, not shown, out of range) are dropped on apply: say so up front.
  const [dropped] = useState(() => {
    try {
      const kept = patientState(ruleSet, initial.answers).answers;
      return Object.keys(initial.answers).filter((k) => initial.answers[k] !== null && !(k in kept));
    } catch {
      return [];
    }
  });

  const apply = () => {
    const tags = parseTags(tagsText);
    const next: Errors = {};
    if (!name.trim()) next.name = "Give the case a name.";
    else if (name.trim().length > 200) next.name = "At most 200 characters.";
    else if (otherNames.has(name.trim())) next.name = "Another test case has this name; names must be unique.";
    if (!disposition) next.disposition = "Choose the disposition these answers must give.";
    const badTag = tags.find((t) => t.length > 50 || t.includes(";"));
    if (badTag) next.tags = `“${badTag}”: tags are at most 50 characters and cannot contain “;”.`;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    onApply({
      id: initial.id,
      name: name.trim(),
      answers: { ...(state?.answers ?? (answers as TestCase["answers"])) } as TestCase["answers"],
      expected: {
        disposition,
        ...(firedRules.length ? { firedRules } : {}),
        ...(guidance.length ? { guidance } : {}),
      },
      tags,
      note,
    });
  };

  const toggle = (list: string[], set: (next: string[]) => void, value: string) =>
    set(list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);
  const errorProps = (field: keyof Errors) =>
    errors[field] ? { "aria-invalid": true as const, "aria-describedby": `${id}-${field}-error` } : {};
  const errorText = (field: keyof Errors) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    ) : null;
  const result = state?.result;

  return (
    <section className="card space-y-4 border-brand-600" aria-labelledby={`${id}-heading`} data-testid="test-case-editor">
      <h2 id={`${id}-heading`} className="scroll-mt-32 text-lg font-semibold" tabIndex={-1}>
        {isNew ? "New test case" : `Edit test case: ${initial.name}`}
      </h2>
      <div>
        <label htmlFor={`${id}-name`} className="field-label">
          Name
        </label>
        <input id={`${id}-name`} className="field-input" value={name} onChange={(e) => setName(e.target.value)} {...errorProps("name")} />
        {errorText("name")}
      </div>

      <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
        {dropped.length > 0 && (
          <p className="mb-2 text-sm text-amber-900">
            Answers a person could not give are removed when you apply: {dropped.join(", ")}.
          </p>
        )}
        <QuestionForm ruleSet={ruleSet} answers={answers} legend="Answers" onAnswer={(fact: string, value: AnswerValue | null) => setAnswers((a) => ({ ...a, [fact]: value }))} />
        <p className="mt-3 text-sm text-slate-800" aria-live="polite" data-testid="editor-current-result">
          With these answers the draft gives: <strong>{result ? (result.disposition?.label ?? "no disposition") : "— (the draft cannot be evaluated)"}</strong>
        </p>
      </div>

      <div>
        <label htmlFor={`${id}-disposition`} className="field-label">
          Expected disposition
        </label>
        <select id={`${id}-disposition`} className="field-input" value={disposition} onChange={(e) => setDisposition(e.target.value)} {...errorProps("disposition")}>
          <option value="">Choose…</option>
          {ruleSet.dispositions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
          {disposition && !ruleSet.dispositions.some((d) => d.id === disposition) && <option value={disposition}>{disposition} (not in the draft)</option>}
        </select>
        {errorText("disposition")}
      </div>

      <CheckboxGroup
        legend="Rules that must fire"
        items={ruleSet.rules.map((r) => ({ id: r.id, label: `${r.title}${r.enabled ? "" : " (disabled)"}` }))}
        selected={firedRules}
        onToggle={(value) => toggle(firedRules, setFiredRules, value)}
        empty="The draft has no rules."
      />
      <CheckboxGroup
        legend="Guidance that must be shown"
        items={ruleSet.guidance.map((g) => ({ id: g.id, label: g.title }))}
        selected={guidance}
        onToggle={(value) => toggle(guidance, setGuidance, value)}
        empty="The draft has no guidance."
      />

      <div>
        <label htmlFor={`${id}-tags`} className="field-label">
          Tags <span className="font-normal text-slate-600">(comma-separated, e.g. red-flag)</span>
        </label>
        <input id={`${id}-tags`} className="field-input" value={tagsText} onChange={(e) => setTagsText(e.target.value)} {...errorProps("tags")} />
        {errorText("tags")}
      </div>
      <div>
        <label htmlFor={`${id}-note`} className="field-label">
          Note
        </label>
        <textarea id={`${id}-note`} className="field-input" rows={2} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" onClick={apply}>
          {isNew ? "Add to the list" : "Apply changes"}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="text-xs text-slate-600">Changes go into the list on this page; “Save test cases” stores them in the draft.</p>
    </section>
  );
}

function CheckboxGroup(props: { legend: string; items: { id: string; label: string }[]; selected: string[]; onToggle: (id: string) => void; empty: string }) {
  const known = new Set(props.items.map((i) => i.id));
  const missing = props.selected.filter((s) => !known.has(s));
  return (
    <fieldset>
      <legend className="field-label">
        {props.legend} <span className="font-normal text-slate-600">({props.selected.length} selected)</span>
      </legend>
      {props.items.length === 0 && missing.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{props.empty}</p>
      ) : (
        <div className="mt-1 max-h-48 space-y-1 overflow-y-auto rounded-md border border-slate-200 bg-white p-2">
          {[...props.items, ...missing.map((m) => ({ id: m, label: `${m} (not in the draft)` }))].map((item) => (
            <label key={item.id} className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-0.5 size-4 accent-brand-600" checked={props.selected.includes(item.id)} onChange={() => props.onToggle(item.id)} />
              <span>
                {item.label} <span className="font-mono text-xs text-slate-500">{item.id}</span>
              </span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
