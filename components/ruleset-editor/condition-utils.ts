/**
 * How the condition builder presents the document's condition trees: groups with
 * a mode (all / any / none), and per-type operator choices. Kept apart from the
 * components so the mapping between what the clinician picks and what is stored
 * can be tested on its own.
 */
import type { Comparison, Condition, NumberOperand } from "@/lib/engine/schema";
import { isAll, isAny, isComparison, isNot } from "@/lib/engine/schema";
import { KNOWN_UNITS, unitDimension } from "@/lib/engine/units";
import type { DocFact } from "./editor-reducer";

export type GroupMode = "all" | "any" | "none";

export const GROUP_MODE_LABELS: Readonly<Record<GroupMode, string>> = {
  all: "All of",
  any: "Any of",
  none: "None of",
};

export interface GroupView {
  mode: GroupMode;
  children: Condition[];
  /** JSONPath of each child, so lint findings can be matched to the row showing them. */
  childPath: (index: number) => string;
}

/**
 * Reads a group. "None of" is stored as `not` around an `any` group; a `not`
 * around anything else shows as "None of" with that one child, which means the same.
 */
export function readGroup(condition: Condition, path: string): GroupView | null {
  if (isAll(condition)) return { mode: "all", children: condition.all, childPath: (i) => `${path}.all[${i}]` };
  if (isAny(condition)) return { mode: "any", children: condition.any, childPath: (i) => `${path}.any[${i}]` };
  if (isNot(condition)) {
    const inner = condition.not;
    if (isAny(inner)) return { mode: "none", children: inner.any, childPath: (i) => `${path}.not.any[${i}]` };
    return { mode: "none", children: [inner], childPath: () => `${path}.not` };
  }
  return null;
}

export function writeGroup(mode: GroupMode, children: Condition[]): Condition {
  if (mode === "all") return { all: children };
  if (mode === "any") return { any: children };
  // A lone child is stored as a plain `not` (what people write by hand), unless it
  // is itself an "any" group: `not(any)` would read back as this group's own children.
  if (children.length === 1 && !isAny(children[0])) return { not: children[0] };
  return { not: { any: children } };
}

export function isGroup(condition: Condition): boolean {
  return !isComparison(condition);
}

// ---------------------------------------------------------------------------
// Operators

export interface OperatorChoice {
  /** The select's value; for yes/no questions it carries the value too ("eq:true"). */
  value: string;
  label: string;
}

const PRESENCE: OperatorChoice[] = [
  { value: "answered", label: "is answered" },
  { value: "notAnswered", label: "is not answered" },
];

const CHOICES: Readonly<Record<DocFact["type"], OperatorChoice[]>> = {
  boolean: [{ value: "eq:true", label: "is yes" }, { value: "eq:false", label: "is no" }, ...PRESENCE],
  number: [
    { value: "eq", label: "=" },
    { value: "neq", label: "≠" },
    { value: "lt", label: "<" },
    { value: "lte", label: "≤" },
    { value: "gt", label: ">" },
    { value: "gte", label: "≥" },
    { value: "between", label: "between" },
    ...PRESENCE,
  ],
  singleChoice: [{ value: "eq", label: "is" }, { value: "neq", label: "is not" }, { value: "in", label: "is one of" }, ...PRESENCE],
  multipleChoice: [{ value: "includes", label: "includes" }, { value: "in", label: "includes any of" }, ...PRESENCE],
};

/** Screen readers announce "≤" poorly; these are the spoken names of the number operators. */
export const OPERATOR_TITLES: Readonly<Record<string, string>> = {
  eq: "equals",
  neq: "does not equal",
  lt: "less than",
  lte: "at most",
  gt: "more than",
  gte: "at least",
};

export function choiceOf(comparison: Comparison, fact: DocFact | undefined): string {
  if (fact?.type === "boolean" && (comparison.op === "eq" || comparison.op === "neq") && typeof comparison.value === "boolean") {
    return `${comparison.op}:${comparison.value}`;
  }
  return comparison.op;
}

/**
 * The operators offered for a fact. A stored comparison the type does not allow
 * (hand-written JSON, or the question's type changed) is still listed, marked, so
 * the select never silently shows something other than what is stored.
 */
export function operatorChoices(fact: DocFact | undefined, comparison: Comparison): OperatorChoice[] {
  const choices = fact ? CHOICES[fact.type] : PRESENCE;
  const current = choiceOf(comparison, fact);
  if (choices.some((c) => c.value === current)) return choices;
  const legacy: Record<string, string> = { "neq:true": "is not yes", "neq:false": "is not no" };
  return [...choices, { value: current, label: `${legacy[current] ?? current} (not valid for this question)` }];
}

function firstOption(fact: DocFact | undefined): string {
  return fact && "options" in fact ? (fact.options[0]?.id ?? "") : "";
}

/** A sensible starting value for a fact, e.g. "is yes" for a yes/no question. */
export function defaultComparison(fact: DocFact | undefined): Comparison {
  if (!fact) return { fact: "", op: "answered" };
  switch (fact.type) {
    case "boolean":
      return { fact: fact.id, op: "eq", value: true };
    case "number":
      return { fact: fact.id, op: "gt", value: fact.min ?? 0 };
    case "singleChoice":
      return { fact: fact.id, op: "eq", value: firstOption(fact) };
    case "multipleChoice":
      return { fact: fact.id, op: "includes", value: firstOption(fact) };
  }
}

function numberFrom(comparison: Comparison): NumberOperand | undefined {
  if (comparison.op === "between") return comparison.min;
  if ("value" in comparison && (typeof comparison.value === "number" || (typeof comparison.value === "object" && comparison.value !== null))) {
    return comparison.value as NumberOperand;
  }
  return undefined;
}

function optionsFrom(comparison: Comparison): string[] {
  if (comparison.op === "in") return comparison.values;
  if ("value" in comparison && typeof comparison.value === "string") return [comparison.value];
  return [];
}

/** Switches operator, carrying the value across where it still makes sense. */
export function applyOperatorChoice(comparison: Comparison, choice: string, fact: DocFact | undefined): Comparison {
  const factId = comparison.fact;
  if (choice === "answered" || choice === "notAnswered") return { fact: factId, op: choice };
  if (choice.includes(":")) {
    const [op, value] = choice.split(":");
    return { fact: factId, op: op as "eq" | "neq", value: value === "true" };
  }
  if (fact?.type === "number") {
    const current = numberFrom(comparison) ?? fact.min ?? 0;
    if (choice === "between") {
      const max = comparison.op === "between" ? comparison.max : (fact.max ?? (typeof current === "number" ? current : current.value));
      return { fact: factId, op: "between", min: current, max };
    }
    return { fact: factId, op: choice as "eq" | "neq" | "lt" | "lte" | "gt" | "gte", value: current };
  }
  const options = optionsFrom(comparison);
  if (choice === "in") return { fact: factId, op: "in", values: options.length ? options : [firstOption(fact)].filter(Boolean) };
  const single = options[0] ?? firstOption(fact);
  if (choice === "includes") return { fact: factId, op: "includes", value: single };
  return { fact: factId, op: choice as "eq" | "neq", value: single };
}

/** Points a comparison at another question, keeping the operator when it still applies. */
export function retargetComparison(comparison: Comparison, fact: DocFact): Comparison {
  const fresh = defaultComparison(fact);
  const currentChoice = choiceOf(comparison, fact);
  if (!CHOICES[fact.type].some((c) => c.value === currentChoice)) return fresh;
  if (comparison.op === "answered" || comparison.op === "notAnswered") return { fact: fact.id, op: comparison.op };
  // Values rarely carry over between questions (other options, other units), so start afresh.
  return applyOperatorChoice(fresh, currentChoice, fact);
}

// ---------------------------------------------------------------------------
// Number operands and units

/** Units a value may be written in for this fact: its own unit plus any it converts to. */
export function unitChoices(factUnit: string | undefined): string[] {
  if (!factUnit) return [];
  const dimension = unitDimension(factUnit);
  if (!dimension) return [factUnit];
  return KNOWN_UNITS.filter((unit) => unitDimension(unit) === dimension);
}

export function splitOperand(operand: NumberOperand, factUnit: string | undefined): { value: number; unit: string | undefined } {
  return typeof operand === "number" ? { value: operand, unit: factUnit } : { value: operand.value, unit: operand.unit };
}

/** Stores a bare number when the unit is the fact's own, so documents stay as short as hand-written ones. */
export function joinOperand(value: number, unit: string | undefined, factUnit: string | undefined): NumberOperand {
  return unit === undefined || unit === factUnit ? value : { value, unit };
}
