"use client";

import { useMemo } from "react";
import { describeCondition, factLookup, type FactLookup } from "@/lib/engine/describe";
import { factLabel, type Comparison, type Condition, type NumberOperand } from "@/lib/engine/schema";
import {
  GROUP_MODE_LABELS,
  applyOperatorChoice,
  choiceOf,
  defaultComparison,
  isGroup,
  joinOperand,
  operatorChoices,
  readGroup,
  retargetComparison,
  splitOperand,
  unitChoices,
  writeGroup,
  OPERATOR_TITLES,
  type GroupMode,
} from "./condition-utils";
import { useFieldError, useReadOnly } from "./editor-context";
import type { DocFact } from "./editor-reducer";
import { NumberField } from "./fields";

interface ConditionBuilderProps {
  value: Condition;
  onChange: (condition: Condition) => void;
  facts: readonly DocFact[];
  /** JSONPath of the condition in the document, e.g. `$.rules[3].when`. */
  path: string;
  legend: string;
  /** Shown before the plain-language sentence, e.g. "This rule fires when:". */
  sentenceLead: string;
  /** A follow-up question cannot depend on itself, so it is left out of its own picker. */
  excludeFactId?: string;
}

interface Shared {
  facts: readonly DocFact[];
  lookup: FactLookup;
  readOnly: boolean;
}

/**
 * Nested all / any / none groups of comparisons. The top level is always shown
 * as a group so there is one obvious place to add conditions; a stored bare
 * comparison is shown inside an "All of" group and saved as one on first edit.
 */
export function ConditionBuilder({ value, onChange, facts, path, legend, sentenceLead, excludeFactId }: ConditionBuilderProps) {
  const readOnly = useReadOnly();
  const lookup = useMemo(() => factLookup({ facts: facts as DocFact[] }), [facts]);
  const pickable = useMemo(() => (excludeFactId ? facts.filter((f) => f.id !== excludeFactId) : facts), [facts, excludeFactId]);
  const shared: Shared = { facts: pickable, lookup, readOnly };
  const wrapped = !isGroup(value);
  const root: Condition = wrapped ? { all: [value] } : value;
  const sentence = describeCondition(value, lookup);

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3" aria-describedby={`${path}-sentence`}>
      <legend className="px-1 text-sm font-medium text-slate-800">{legend}</legend>
      <GroupNode
        condition={root}
        path={path}
        pathOf={wrapped ? () => path : undefined}
        onChange={onChange}
        depth={0}
        shared={shared}
      />
      <p id={`${path}-sentence`} className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900" aria-live="polite">
        <span className="font-medium">{sentenceLead}</span> <span data-testid="condition-sentence">{sentence}</span>
      </p>
    </fieldset>
  );
}

interface GroupNodeProps {
  condition: Condition;
  path: string;
  /** Overrides child paths (used when a bare comparison is shown inside the top-level group). */
  pathOf?: (index: number) => string;
  onChange: (condition: Condition) => void;
  onRemove?: () => void;
  depth: number;
  shared: Shared;
}

const DEPTH_BORDERS = ["border-brand-600", "border-violet-500", "border-teal-600", "border-amber-600"];

function GroupNode({ condition, path, pathOf, onChange, onRemove, depth, shared }: GroupNodeProps) {
  const view = readGroup(condition, path);
  const groupError = useFieldError(path);
  if (!view) return null;
  const childPath = pathOf ?? view.childPath;
  const setChildren = (children: Condition[]) => onChange(writeGroup(view.mode, children));
  const replaceChild = (index: number, child: Condition) => setChildren(view.children.map((c, i) => (i === index ? child : c)));
  const removeChild = (index: number) => setChildren(view.children.filter((_, i) => i !== index));
  const firstFact = shared.facts[0];
  const noFacts = shared.facts.length === 0;

  return (
    <div
      role="group"
      aria-label={`${GROUP_MODE_LABELS[view.mode]} group`}
      className={`space-y-2 border-l-4 pl-3 ${DEPTH_BORDERS[depth % DEPTH_BORDERS.length]}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label="Group type"
          data-path={path}
          className="field-input mt-0 w-auto font-medium"
          value={view.mode}
          onChange={(e) => onChange(writeGroup(e.target.value as GroupMode, view.children))}
        >
          <option value="all">All of</option>
          <option value="any">Any of</option>
          <option value="none">None of</option>
        </select>
        <span className="text-sm text-slate-600">
          {view.mode === "all" && "these are true"}
          {view.mode === "any" && "these are true (at least one)"}
          {view.mode === "none" && "these are true (all must be false)"}
        </span>
        {onRemove && !shared.readOnly && (
          <button type="button" className="btn-secondary ml-auto py-1" onClick={onRemove}>
            Remove group
          </button>
        )}
      </div>
      {groupError && <p className="field-error">{groupError}</p>}
      {view.children.length === 0 && (
        <p className="text-sm text-slate-600">
          {view.mode === "any" ? "An empty “Any of” group is never true." : "An empty group is always true."}
        </p>
      )}
      <ul className="space-y-2">
        {view.children.map((child, i) => (
          <li key={i}>
            {isGroup(child) ? (
              <GroupNode
                condition={child}
                path={childPath(i)}
                onChange={(next) => replaceChild(i, next)}
                onRemove={() => removeChild(i)}
                depth={depth + 1}
                shared={shared}
              />
            ) : (
              <ComparisonRow
                comparison={child as Comparison}
                path={childPath(i)}
                onChange={(next) => replaceChild(i, next)}
                onRemove={() => removeChild(i)}
                shared={shared}
              />
            )}
          </li>
        ))}
      </ul>
      {!shared.readOnly && (
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            className="btn-secondary py-1"
            disabled={noFacts}
            onClick={() => setChildren([...view.children, defaultComparison(firstFact)])}
          >
            Add condition
          </button>
          <button
            type="button"
            className="btn-secondary py-1"
            disabled={noFacts}
            // A nested group is usually the other kind: "any of" inside "all of" and vice versa.
            onClick={() => setChildren([...view.children, writeGroup(view.mode === "all" ? "any" : "all", [defaultComparison(firstFact)])])}
          >
            Add group
          </button>
          {noFacts && <span className="text-sm text-slate-600">Add a question first (Questions tab).</span>}
        </div>
      )}
    </div>
  );
}

interface ComparisonRowProps {
  comparison: Comparison;
  path: string;
  onChange: (comparison: Comparison) => void;
  onRemove: () => void;
  shared: Shared;
}

function ComparisonRow({ comparison, path, onChange, onRemove, shared }: ComparisonRowProps) {
  const fact = shared.lookup.get(comparison.fact) as DocFact | undefined;
  const pickable = shared.facts.some((f) => f.id === comparison.fact);
  const ownError = useFieldError(path);
  const factError = useFieldError(`${path}.fact`);
  const error = ownError ?? factError;
  const choices = operatorChoices(fact, comparison);

  return (
    <div role="group" aria-label="Condition" className="rounded-md border border-slate-200 bg-slate-50 p-2">
      <div className="flex flex-wrap items-start gap-2">
        <select
          aria-label="Question"
          data-path={path}
          className="field-input mt-0 w-full @xl:w-64"
          value={comparison.fact}
          onChange={(e) => {
            const next = shared.facts.find((f) => f.id === e.target.value);
            if (next) onChange(retargetComparison(comparison, next));
          }}
        >
          {!pickable && (
            <option value={comparison.fact}>{fact ? `${factLabel(fact)} (this question)` : `Unknown question “${comparison.fact}”`}</option>
          )}
          {shared.facts.map((f) => (
            <option key={f.id} value={f.id}>
              {factLabel(f)} ({f.id})
            </option>
          ))}
        </select>
        <select
          aria-label="Comparison"
          className="field-input mt-0 w-auto"
          value={choiceOf(comparison, fact)}
          onChange={(e) => onChange(applyOperatorChoice(comparison, e.target.value, fact))}
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value} title={OPERATOR_TITLES[c.value]}>
              {c.label}
            </option>
          ))}
        </select>
        <ValueEditor comparison={comparison} fact={fact} path={path} onChange={onChange} />
        {!shared.readOnly && (
          <button type="button" className="btn-secondary ml-auto py-1" onClick={onRemove} aria-label="Remove condition">
            Remove
          </button>
        )}
      </div>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

interface ValueEditorProps {
  comparison: Comparison;
  fact: DocFact | undefined;
  path: string;
  onChange: (comparison: Comparison) => void;
}

function ValueEditor({ comparison, fact, path, onChange }: ValueEditorProps) {
  if (!fact) return null;
  const op = comparison.op;
  if (op === "answered" || op === "notAnswered") return null;
  if (fact.type === "boolean") return null;

  if (fact.type === "number") {
    if (comparison.op === "between") {
      return (
        <div className="flex flex-wrap items-start gap-2">
          <OperandInput label="From" operand={comparison.min} factUnit={fact.unit} path={`${path}.min`} onChange={(min) => onChange({ ...comparison, min })} />
          <span className="pt-2 text-sm text-slate-600">and</span>
          <OperandInput label="To" operand={comparison.max} factUnit={fact.unit} path={`${path}.max`} onChange={(max) => onChange({ ...comparison, max })} />
        </div>
      );
    }
    if (!("value" in comparison) || comparison.op === "includes") return null;
    // A value of the wrong type (e.g. hand-written "3") shows as 0 until edited; lint reports it meanwhile.
    const raw = comparison.value;
    const operand: NumberOperand = typeof raw === "number" || (typeof raw === "object" && raw !== null) ? (raw as NumberOperand) : 0;
    return (
      <OperandInput
        label="Value"
        operand={operand}
        factUnit={fact.unit}
        path={`${path}.value`}
        onChange={(value) => onChange({ ...comparison, value } as Comparison)}
      />
    );
  }

  const options = fact.options;
  if (comparison.op === "in") {
    return (
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-white px-3 py-2" data-path={`${path}.values`}>
        <legend className="sr-only">Options</legend>
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-brand-600"
              checked={comparison.values.includes(o.id)}
              onChange={(e) =>
                onChange({
                  ...comparison,
                  values: e.target.checked
                    ? options.filter((x) => x.id === o.id || comparison.values.includes(x.id)).map((x) => x.id)
                    : comparison.values.filter((v) => v !== o.id),
                })
              }
            />
            {o.label}
          </label>
        ))}
      </fieldset>
    );
  }
  if (comparison.op === "eq" || comparison.op === "neq" || comparison.op === "includes") {
    const value = typeof comparison.value === "string" ? comparison.value : "";
    const known = options.some((o) => o.id === value);
    return (
      <select
        aria-label="Option"
        data-path={`${path}.value`}
        className="field-input mt-0 w-auto"
        value={value}
        onChange={(e) => onChange({ ...comparison, value: e.target.value } as Comparison)}
      >
        {!known && <option value={value}>{value ? `Unknown option “${value}”` : "Choose an option"}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return null;
}

interface OperandInputProps {
  label: string;
  operand: NumberOperand;
  factUnit: string | undefined;
  path: string;
  onChange: (operand: NumberOperand) => void;
}

/** A number plus, for convertible units (hours / days / weeks…), the unit it is written in. */
function OperandInput({ label, operand, factUnit, path, onChange }: OperandInputProps) {
  const { value, unit } = splitOperand(operand, factUnit);
  const units = unitChoices(factUnit);
  if (unit && !units.includes(unit)) units.push(unit);
  return (
    <div className="flex items-start gap-1">
      <NumberField
        label={label}
        hideLabel
        value={value}
        path={path}
        className="w-28"
        onChange={(next) => onChange(joinOperand(next ?? 0, unit, factUnit))}
      />
      {units.length > 1 ? (
        <select
          aria-label={`${label} unit`}
          className="field-input mt-1 w-auto"
          value={unit}
          onChange={(e) => onChange(joinOperand(value, e.target.value, factUnit))}
        >
          {units.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      ) : (
        unit && <span className="pt-3 text-sm text-slate-600">{unit}</span>
      )}
    </div>
  );
}
