"use client";

import { useId, useMemo, type Dispatch } from "react";
import type { LintIssue } from "@/lib/engine/lint-types";
import type { RuleSetInput } from "@/lib/engine/schema";
import { CitationsEditor } from "./citations-editor";
import { ConditionBuilder } from "./condition-builder";
import { useFieldError, useReadOnly } from "./editor-context";
import type { DocRule, EditorAction } from "./editor-reducer";
import { EditorHeading, GuidancePicker, IdField, ItemToolbar, ListField, TextField } from "./fields";
import { ItemIssues } from "./lint-panel";

interface RuleFormProps {
  doc: RuleSetInput;
  rule: DocRule;
  index: number;
  dispatch: Dispatch<EditorAction>;
  issues: readonly LintIssue[] | undefined;
  onJump: (issue: LintIssue) => void;
}

export function RuleForm({ doc, rule, index, dispatch, issues, onJump }: RuleFormProps) {
  const readOnly = useReadOnly();
  const path = `$.rules[${index}]`;
  const dispositionId = useId();
  const enabledId = useId();
  const dispositionError = useFieldError(`${path}.disposition`);
  const guidance = useMemo(() => doc.guidance ?? [], [doc.guidance]);
  const enabled = rule.enabled ?? true;
  const otherIds = useMemo(() => doc.rules.filter((_, i) => i !== index).map((r) => r.id), [doc.rules, index]);
  const knownDisposition = doc.dispositions.some((d) => d.id === rule.disposition);
  const set = (field: "id" | "title" | "rationale") => (value: string) => dispatch({ type: "rule/set", index, field, value });

  const remove = () => {
    if (window.confirm(`Delete the rule “${rule.title}”? Nothing is stored until you save.`)) {
      dispatch({ type: "item/remove", collection: "rules", index });
    }
  };

  return (
    <section className="card @container space-y-4" aria-label="Rule editor">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <EditorHeading path={path}>
          Rule {index + 1}: {rule.title || "Untitled"}
          {!enabled && <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700">Disabled</span>}
        </EditorHeading>
        <ItemToolbar
          index={index}
          count={doc.rules.length}
          onMove={(to) => dispatch({ type: "item/move", collection: "rules", index, to })}
          onDelete={remove}
        >
          <button type="button" className="btn-secondary" onClick={() => dispatch({ type: "rule/duplicate", index })}>
            Duplicate
          </button>
        </ItemToolbar>
      </div>
      <ItemIssues issues={issues} onJump={onJump} />
      <fieldset disabled={readOnly} className="min-w-0 space-y-4">
        <legend className="sr-only">Rule fields</legend>
        <div className="flex items-center gap-2">
          <input
            id={enabledId}
            type="checkbox"
            role="switch"
            aria-checked={enabled}
            className="size-4 accent-brand-600"
            checked={enabled}
            data-path={`${path}.enabled`}
            onChange={(e) => dispatch({ type: "rule/setEnabled", index, enabled: e.target.checked })}
          />
          <label htmlFor={enabledId} className="text-sm font-medium text-slate-800">
            Enabled
          </label>
          <span className="text-xs text-slate-600">Disabled rules are kept but never used when triaging.</span>
        </div>
        <div className="grid gap-4 @xl:grid-cols-2">
          <TextField label="Rule title" value={rule.title} onChange={set("title")} path={`${path}.title`} />
          <IdField label="Rule id" value={rule.id} onChange={set("id")} otherIds={otherIds} path={`${path}.id`} hint="Stable reference used in evaluation traces." />
        </div>
        <ConditionBuilder
          value={rule.when}
          onChange={(when) => dispatch({ type: "rule/setWhen", index, when })}
          facts={doc.facts}
          path={`${path}.when`}
          legend="When"
          sentenceLead="This rule fires when:"
        />
        <div>
          <label htmlFor={dispositionId} className="field-label">
            Disposition
          </label>
          <select
            id={dispositionId}
            className="field-input"
            value={rule.disposition}
            data-path={`${path}.disposition`}
            aria-invalid={!knownDisposition || dispositionError ? true : undefined}
            onChange={(e) => dispatch({ type: "rule/set", index, field: "disposition", value: e.target.value })}
          >
            {!knownDisposition && <option value={rule.disposition}>Unknown disposition “{rule.disposition}”</option>}
            {doc.dispositions.map((d, i) => (
              <option key={`${d.id}-${i}`} value={d.id}>
                {i + 1}. {d.label}
              </option>
            ))}
          </select>
          {(dispositionError || !knownDisposition) && <p className="field-error">{dispositionError ?? "Choose a disposition that exists."}</p>}
        </div>
        <GuidancePicker
          legend="Extra guidance when this rule fires"
          guidance={guidance}
          value={rule.guidance ?? []}
          onChange={(ids) => dispatch({ type: "rule/setGuidance", index, guidance: ids })}
          path={`${path}.guidance`}
        />
        <TextField
          label="Rationale"
          value={rule.rationale ?? ""}
          onChange={set("rationale")}
          path={`${path}.rationale`}
          multiline
          rows={3}
          hint="Why this rule exists, for reviewers."
        />
        <CitationsEditor
          citations={rule.citations ?? []}
          onChange={(citations) => dispatch({ type: "rule/setCitations", index, citations })}
          path={`${path}.citations`}
        />
        <ListField
          label="Tags (comma-separated)"
          value={rule.tags ?? []}
          onChange={(tags) => dispatch({ type: "rule/setTags", index, tags })}
          path={`${path}.tags`}
          placeholder="red-flag, neuro"
        />
      </fieldset>
    </section>
  );
}
