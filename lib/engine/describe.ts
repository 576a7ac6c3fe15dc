/**
 * Renders conditions as plain-language sentences for clinicians:
 * "Loss of bladder control is yes OR saddle numbness is yes".
 *
 * Used by the authoring UI, by diffs between versions and by evaluation traces,
 * so it must never throw on a half-edited document: unknown facts and options
 * are shown by id instead.
 */
import { formatQuantity } from "./units";
import {
  factLabel,
  isAll,
  isAny,
  isNot,
  type Comparison,
  type Condition,
  type NumberOperand,
  type RuleSetInput,
} from "./schema";

type FactLike = RuleSetInput["facts"][number];
export type FactLookup = ReadonlyMap<string, FactLike>;

export interface DescribeOptions {
  /** Capitalise the first letter of the sentence (default true). */
  capitalize?: boolean;
}

export function factLookup(ruleSet: Pick<RuleSetInput, "facts">): FactLookup {
  const map = new Map<string, FactLike>();
  // First definition wins, matching how lint reports later duplicates.
  for (const fact of ruleSet.facts ?? []) if (!map.has(fact.id)) map.set(fact.id, fact);
  return map;
}

/** Renders a whole condition tree. Nested groups are wrapped in parentheses. */
export function describeCondition(
  condition: Condition,
  ruleSet: Pick<RuleSetInput, "facts"> | FactLookup,
  options: DescribeOptions = {},
): string {
  const facts = ruleSet instanceof Map ? ruleSet : factLookup(ruleSet as Pick<RuleSetInput, "facts">);
  const text = describeNode(condition, facts, true);
  return options.capitalize === false ? text : capitalizeFirst(text);
}

function describeNode(condition: Condition, facts: FactLookup, topLevel: boolean): string {
  if (isAll(condition) || isAny(condition)) {
    const children = isAll(condition) ? condition.all : condition.any;
    if (children.length === 0) return isAll(condition) ? "always" : "never";
    if (children.length === 1) return describeNode(children[0], facts, topLevel);
    const joiner = isAll(condition) ? " AND " : " OR ";
    const text = children.map((child) => describeNode(child, facts, false)).join(joiner);
    return topLevel ? text : `(${text})`;
  }
  if (isNot(condition)) {
    return `NOT (${describeNode(condition.not, facts, true)})`;
  }
  return describeComparison(condition, facts);
}

/** One comparison, e.g. "symptom duration is more than 72 hours". */
export function describeComparison(comparison: Comparison, facts: FactLookup): string {
  const fact = facts.get(comparison.fact);
  const subject = fact ? subjectOf(fact) : `[unknown question “${comparison.fact}”]`;
  const unit = fact && fact.type === "number" ? fact.unit : undefined;
  const optionLabel = (id: string): string => {
    if (fact && (fact.type === "singleChoice" || fact.type === "multipleChoice")) {
      const option = fact.options.find((o) => o.id === id);
      if (option) return option.label;
    }
    return `“${id}”`;
  };
  const quantity = (operand: NumberOperand): string =>
    typeof operand === "number" ? formatQuantity(operand, unit) : formatQuantity(operand.value, operand.unit);
  const value = (v: unknown): string => {
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (typeof v === "number") return formatQuantity(v, unit);
    if (typeof v === "string") return optionLabel(v);
    if (v && typeof v === "object" && "value" in v && "unit" in v) {
      const q = v as { value: number; unit: string };
      return formatQuantity(q.value, q.unit);
    }
    return String(v);
  };

  switch (comparison.op) {
    case "eq":
      return `${subject} is ${value(comparison.value)}`;
    case "neq":
      return `${subject} is not ${value(comparison.value)}`;
    case "lt":
      return `${subject} is less than ${quantity(comparison.value)}`;
    case "lte":
      return `${subject} is at most ${quantity(comparison.value)}`;
    case "gt":
      return `${subject} is more than ${quantity(comparison.value)}`;
    case "gte":
      return `${subject} is at least ${quantity(comparison.value)}`;
    case "between":
      return `${subject} is between ${quantity(comparison.min)} and ${quantity(comparison.max)}`;
    case "in": {
      const list = listOf(comparison.values.map(optionLabel));
      if (fact?.type === "multipleChoice") {
        return comparison.values.length === 1 ? `${subject} includes ${list}` : `${subject} includes any of ${list}`;
      }
      return comparison.values.length === 1 ? `${subject} is ${list}` : `${subject} is one of ${list}`;
    }
    case "includes":
      return `${subject} includes ${optionLabel(comparison.value)}`;
    case "answered":
      return `${subject} has been answered`;
    case "notAnswered":
      return `${subject} has not been answered`;
  }
}

function subjectOf(fact: FactLike): string {
  if (fact.label !== undefined) return fact.label;
  // Without a short label the question reads oddly mid-sentence; quoting it keeps it clear.
  return `“${factLabel(fact)}”`;
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function capitalizeFirst(text: string): string {
  const first = text.charAt(0);
  // Quoted questions start with a quote mark; capitalising it is a no-op, which is fine.
  return first.toUpperCase() + text.slice(1);
}
