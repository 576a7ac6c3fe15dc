"use client";

import { useCallback, useId, useMemo } from "react";
import type { FactType } from "@/lib/engine/schema";
import { KNOWN_UNITS } from "@/lib/engine/units";
import { ConditionBuilder } from "./condition-builder";
import { defaultComparison } from "./condition-utils";
import { useReadOnly } from "./editor-context";
import { countFactUses, type DocFact } from "./editor-reducer";
import { EditorHeading, IdField, ItemToolbar, NumberField, TextField, idProblem } from "./fields";
import { ItemList, type ListItemView } from "./item-list";
import { ItemIssues } from "./lint-panel";
import type { TabEditorProps } from "./tab-props";

const TYPE_LABELS: Readonly<Record<FactType, string>> = {
  boolean: "Yes / no",
  number: "Number",
  singleChoice: "Single choice (pick one)",
  multipleChoice: "Multiple choice (pick any)",
};

export function FactsEditor({ doc, selected, dispatch, lint, onJump }: TabEditorProps) {
  const facts = doc.facts;
  const items = useMemo<ListItemView[]>(
    () =>
      facts.map((f, i) => ({
        key: f.id,
        title: f.label ?? f.question,
        subtitle: f.id,
        chips: [TYPE_LABELS[f.type].split(" (")[0], ...(f.askWhen ? ["Follow-up"] : [])].join("\u001f"),
        errors: lint.byItem.facts.get(i)?.errors ?? 0,
        warnings: lint.byItem.facts.get(i)?.warnings ?? 0,
      })),
    [facts, lint],
  );
  const onSelect = useCallback((index: number) => dispatch({ type: "select", collection: "facts", index }), [dispatch]);
  const fact = facts[selected];

  return (
    <div className="grid gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <ItemList
        label="Questions"
        items={items}
        selected={selected}
        onSelect={onSelect}
        addLabel="Add question"
        onAdd={() => dispatch({ type: "fact/add" })}
        emptyText="No questions yet. Add the first thing you need to ask."
      />
      {fact ? (
        <FactForm key={selected} doc={doc} fact={fact} index={selected} dispatch={dispatch} issues={lint.issuesByItem.facts.get(selected)} onJump={onJump} />
      ) : (
        <p className="card text-sm text-slate-600">Select or add a question.</p>
      )}
    </div>
  );
}

interface FactFormProps extends Pick<TabEditorProps, "doc" | "dispatch" | "onJump"> {
  fact: DocFact;
  index: number;
  issues: ReturnType<TabEditorProps["lint"]["issuesByItem"]["facts"]["get"]>;
}

function FactForm({ doc, fact, index, dispatch, issues, onJump }: FactFormProps) {
  const readOnly = useReadOnly();
  const path = `$.facts[${index}]`;
  const typeId = useId();
  const unitListId = useId();
  const askId = useId();
  const otherIds = doc.facts.filter((_, i) => i !== index).map((f) => f.id);
  const set = (field: "id" | "question" | "label" | "help" | "unit") => (value: string) =>
    dispatch({ type: "fact/set", index, field, value });

  const remove = () => {
    const uses = countFactUses(doc, fact.id);
    const warning = uses > 0 ? ` It is used by ${uses} ${uses === 1 ? "rule or follow-up" : "rules or follow-ups"}, which will then refer to a missing question.` : "";
    if (window.confirm(`Delete the question “${fact.label ?? fact.question}”?${warning}`)) {
      dispatch({ type: "item/remove", collection: "facts", index });
    }
  };

  const toggleFollowUp = (on: boolean) => {
    if (on) {
      const first = doc.facts.find((f) => f.id !== fact.id);
      dispatch({ type: "fact/setAskWhen", index, condition: { all: first ? [defaultComparison(first)] : [] } });
    } else if (window.confirm("Always ask this question? Its follow-up condition will be removed.")) {
      dispatch({ type: "fact/setAskWhen", index, condition: undefined });
    }
  };

  return (
    <section className="card @container space-y-4" aria-label="Question editor">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <EditorHeading path={path}>
          Question {index + 1}: {fact.label ?? fact.question}
        </EditorHeading>
        <ItemToolbar
          index={index}
          count={doc.facts.length}
          onMove={(to) => dispatch({ type: "item/move", collection: "facts", index, to })}
          onDelete={remove}
        />
      </div>
      <ItemIssues issues={issues} onJump={onJump} />
      <fieldset disabled={readOnly} className="min-w-0 space-y-4">
        <legend className="sr-only">Question fields</legend>
        <div className="grid gap-4 @xl:grid-cols-2">
          <IdField label="Question id" value={fact.id} onChange={set("id")} otherIds={otherIds} path={`${path}.id`} />
          <div>
            <label htmlFor={typeId} className="field-label">
              Question type
            </label>
            <select
              id={typeId}
              className="field-input"
              value={fact.type}
              data-path={`${path}.type`}
              onChange={(e) => dispatch({ type: "fact/setType", index, factType: e.target.value as FactType })}
            >
              {(Object.keys(TYPE_LABELS) as FactType[]).map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABELS[t]}
                </option>
              ))}
            </select>
            <p className="mt-1 text-xs text-slate-600">Changing the type resets type-specific settings; check rules that use it.</p>
          </div>
        </div>
        <TextField label="Question text" value={fact.question} onChange={set("question")} path={`${path}.question`} hint="As the person reads it, e.g. “Have you lost control of your bladder?”" />
        <div className="grid gap-4 @xl:grid-cols-2">
          <TextField
            label="Short label"
            value={fact.label ?? ""}
            onChange={set("label")}
            path={`${path}.label`}
            hint="Used in plain-language sentences, e.g. “loss of bladder control”."
          />
          <TextField label="Help text" value={fact.help ?? ""} onChange={set("help")} path={`${path}.help`} hint="Optional explanation shown with the question." />
        </div>

        {fact.type === "number" && (
          <div className="grid gap-4 @2xl:grid-cols-3">
            <TextField
              label="Unit"
              value={fact.unit ?? ""}
              onChange={set("unit")}
              path={`${path}.unit`}
              list={unitListId}
              hint="hours, days, °C, kg… Known units convert in rules (3 days = 72 hours)."
            />
            <datalist id={unitListId}>
              {KNOWN_UNITS.map((u) => (
                <option key={u} value={u} />
              ))}
            </datalist>
            <NumberField label="Minimum" optional value={fact.min} onChange={(value) => dispatch({ type: "fact/setBound", index, bound: "min", value })} path={`${path}.min`} hint="Smallest accepted answer" />
            <NumberField label="Maximum" optional value={fact.max} onChange={(value) => dispatch({ type: "fact/setBound", index, bound: "max", value })} path={`${path}.max`} hint="Largest accepted answer" />
          </div>
        )}

        {(fact.type === "singleChoice" || fact.type === "multipleChoice") && <OptionsEditor fact={fact} index={index} dispatch={dispatch} />}

        <div className="space-y-3">
          <div className="flex items-center gap-2">
            <input
              id={askId}
              type="checkbox"
              className="size-4 accent-brand-600"
              checked={fact.askWhen !== undefined}
              onChange={(e) => toggleFollowUp(e.target.checked)}
            />
            <label htmlFor={askId} className="text-sm font-medium text-slate-800">
              Only ask when…
            </label>
          </div>
          {fact.askWhen !== undefined && (
            <ConditionBuilder
              value={fact.askWhen}
              onChange={(condition) => dispatch({ type: "fact/setAskWhen", index, condition })}
              facts={doc.facts}
              excludeFactId={fact.id}
              path={`${path}.askWhen`}
              legend="Follow-up condition"
              sentenceLead="Asked only when:"
            />
          )}
        </div>
      </fieldset>
    </section>
  );
}

function OptionsEditor({ fact, index, dispatch }: { fact: Extract<DocFact, { options: unknown }>; index: number; dispatch: FactFormProps["dispatch"] }) {
  const readOnly = useReadOnly();
  const path = `$.facts[${index}].options`;
  return (
    <fieldset data-path={path} tabIndex={-1} className="space-y-2 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-800">Answer options</legend>
      <ol className="space-y-2">
        {fact.options.map((option, i) => {
          const others = fact.options.filter((_, j) => j !== i).map((o) => o.id);
          return (
            <li key={i} className="grid gap-2 rounded-md bg-slate-50 p-2 @2xl:grid-cols-[12rem_1fr_auto] @2xl:items-start">
              <TextField
                label={`Option ${i + 1} id`}
                value={option.id}
                monospace
                error={idProblem(option.id, others)}
                onChange={(value) => dispatch({ type: "option/set", factIndex: index, optionIndex: i, field: "id", value })}
                path={`${path}[${i}].id`}
              />
              <TextField
                label={`Option ${i + 1} label`}
                value={option.label}
                onChange={(value) => dispatch({ type: "option/set", factIndex: index, optionIndex: i, field: "label", value })}
                path={`${path}[${i}].label`}
              />
              {!readOnly && (
                <div className="flex gap-1 @2xl:mt-6">
                  <button
                    type="button"
                    className="btn-secondary px-2 py-1"
                    aria-label={`Move option ${i + 1} up`}
                    disabled={i === 0}
                    onClick={() => dispatch({ type: "option/move", factIndex: index, optionIndex: i, to: i - 1 })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn-secondary px-2 py-1"
                    aria-label={`Move option ${i + 1} down`}
                    disabled={i === fact.options.length - 1}
                    onClick={() => dispatch({ type: "option/move", factIndex: index, optionIndex: i, to: i + 1 })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="btn-danger px-2 py-1"
                    aria-label={`Remove option ${i + 1}`}
                    disabled={fact.options.length <= 1}
                    onClick={() => dispatch({ type: "option/remove", factIndex: index, optionIndex: i })}
                  >
                    ✕
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {!readOnly && (
        <button type="button" className="btn-secondary" onClick={() => dispatch({ type: "option/add", factIndex: index })}>
          Add option
        </button>
      )}
    </fieldset>
  );
}
