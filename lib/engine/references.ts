/**
 * Reference and type checks: every fact, option, disposition and guidance id a
 * rule mentions must exist, every comparison must make sense for its fact's type
 * and unit, and follow-up questions must not depend on themselves.
 *
 * compile() refuses documents with these errors because the engine cannot give
 * a meaningful answer for them; lint() reports them alongside softer findings.
 */
import { canConvert, convertUnit } from "./units";
import {
  factLabel,
  isAll,
  isAny,
  isNot,
  type Comparison,
  type ComparisonOperator,
  type Condition,
  type Fact,
  type FactType,
  type NumberOperand,
  type RuleSet,
} from "./schema";
import type { LintIssue } from "./lint-types";

// ---------------------------------------------------------------------------
// Walking conditions with JSON paths

export function forEachComparison(
  condition: Condition,
  path: string,
  visit: (comparison: Comparison, path: string) => void,
): void {
  if (isAll(condition)) condition.all.forEach((c, i) => forEachComparison(c, `${path}.all[${i}]`, visit));
  else if (isAny(condition)) condition.any.forEach((c, i) => forEachComparison(c, `${path}.any[${i}]`, visit));
  else if (isNot(condition)) forEachComparison(condition.not, `${path}.not`, visit);
  else visit(condition, path);
}

/** Fact ids a condition reads, in first-mention order. */
export function factsInCondition(condition: Condition): string[] {
  const seen = new Set<string>();
  forEachComparison(condition, "$", (c) => seen.add(c.fact));
  return [...seen];
}

// ---------------------------------------------------------------------------
// Vocabulary shared by lint messages and describe()

export const OPERATOR_WORDS: Readonly<Record<ComparisonOperator, string>> = {
  eq: "is",
  neq: "is not",
  lt: "is less than",
  lte: "is at most",
  gt: "is more than",
  gte: "is at least",
  between: "is between",
  in: "is one of",
  includes: "includes",
  answered: "has been answered",
  notAnswered: "has not been answered",
};

const TYPE_WORDS: Readonly<Record<FactType, string>> = {
  boolean: "a yes/no question",
  number: "a number question",
  singleChoice: "a single-choice question",
  multipleChoice: "a multiple-choice question",
};

/** Which comparisons make sense for each kind of question. */
export const OPERATORS_FOR_TYPE: Readonly<Record<FactType, ReadonlySet<ComparisonOperator>>> = {
  boolean: new Set(["eq", "neq", "answered", "notAnswered"]),
  number: new Set(["eq", "neq", "lt", "lte", "gt", "gte", "between", "answered", "notAnswered"]),
  singleChoice: new Set(["eq", "neq", "in", "answered", "notAnswered"]),
  multipleChoice: new Set(["includes", "in", "answered", "notAnswered"]),
};

const SUGGESTION: Readonly<Record<FactType, string>> = {
  boolean: "Use “is yes”, “is no” or “has been answered”.",
  number: "Use a number comparison such as “is more than” or “is between”.",
  singleChoice: "Use “is”, “is not” or “is one of”.",
  multipleChoice: "Use “includes” or “includes any of”.",
};

/**
 * The value of a number operand expressed in the fact's unit, or undefined when
 * the units cannot be compared. A bare number is taken to be in the fact's unit.
 */
export function operandInFactUnit(operand: NumberOperand, fact: Extract<Fact, { type: "number" }>): number | undefined {
  if (typeof operand === "number") return operand;
  if (fact.unit === undefined) return undefined;
  if (!canConvert(operand.unit, fact.unit)) return undefined;
  return convertUnit(operand.value, operand.unit, fact.unit);
}

/** First definition of each fact id (later duplicates are reported separately). */
export function indexFacts(facts: readonly Fact[]): Map<string, Fact> {
  const map = new Map<string, Fact>();
  for (const fact of facts) if (!map.has(fact.id)) map.set(fact.id, fact);
  return map;
}

// ---------------------------------------------------------------------------
// The checks

interface Owner {
  /** "Rule “Cauda equina signs”" or "The follow-up condition of “pain below the knee”". */
  name: string;
  ruleId?: string;
  factId?: string;
}

function quoted(text: string): string {
  return `“${text}”`;
}

function checkComparison(
  comparison: Comparison,
  path: string,
  owner: Owner,
  facts: ReadonlyMap<string, Fact>,
  issues: LintIssue[],
): void {
  const ids = { ...(owner.ruleId ? { ruleId: owner.ruleId } : {}), factId: comparison.fact };
  const fact = facts.get(comparison.fact);
  if (!fact) {
    issues.push({
      severity: "error",
      code: "unknown-fact",
      message: `${owner.name} refers to a question ${quoted(comparison.fact)} that does not exist in this rule set.`,
      path: `${path}.fact`,
      ...ids,
    });
    return;
  }
  const label = quoted(factLabel(fact));
  if (!OPERATORS_FOR_TYPE[fact.type].has(comparison.op)) {
    issues.push({
      severity: "error",
      code: "operator-not-for-type",
      message: `${owner.name} checks whether ${label} ${OPERATOR_WORDS[comparison.op]} …, but ${label} is ${TYPE_WORDS[fact.type]}. ${SUGGESTION[fact.type]}`,
      path: `${path}.op`,
      ...ids,
    });
    return;
  }
  if (comparison.op === "answered" || comparison.op === "notAnswered") return;

  const mismatch = (expected: string, where: string) =>
    issues.push({
      severity: "error",
      code: "value-type-mismatch",
      message: `${owner.name} compares ${label} with ${describeRaw(valueAt(comparison, where))}, but ${label} is ${TYPE_WORDS[fact.type]}: expected ${expected}.`,
      path: `${path}.${where}`,
      ...ids,
    });

  switch (fact.type) {
    case "boolean":
      if (comparison.op === "eq" || comparison.op === "neq") {
        if (typeof comparison.value !== "boolean") mismatch("yes (true) or no (false)", "value");
      }
      return;
    case "singleChoice":
    case "multipleChoice": {
      const optionIds = new Set(fact.options.map((o) => o.id));
      const checkOption = (value: unknown, where: string) => {
        if (typeof value !== "string") {
          mismatch("one of its option ids", where);
        } else if (!optionIds.has(value)) {
          issues.push({
            severity: "error",
            code: "unknown-option",
            message: `${owner.name} refers to an option ${quoted(value)} that ${label} does not offer. Its options are: ${fact.options.map((o) => o.id).join(", ")}.`,
            path: `${path}.${where}`,
            ...ids,
          });
        }
      };
      if (comparison.op === "in") comparison.values.forEach((v, i) => checkOption(v, `values[${i}]`));
      else if (comparison.op === "eq" || comparison.op === "neq" || comparison.op === "includes") {
        checkOption(comparison.value, "value");
      }
      return;
    }
    case "number": {
      const operands: Array<[unknown, string]> =
        comparison.op === "between"
          ? [
              [comparison.min, "min"],
              [comparison.max, "max"],
            ]
          : "value" in comparison
            ? [[comparison.value, "value"]]
            : [];
      let convertible = true;
      for (const [operand, where] of operands) {
        if (typeof operand === "number") {
          if (fact.unit !== undefined) {
            issues.push({
              severity: "error",
              code: "unit-missing",
              message: `${owner.name} compares ${label} with the number ${operand} but does not say in which unit. ${label} is asked in ${fact.unit}; write it as { "value": ${operand}, "unit": "${fact.unit}" } (or another unit such as days).`,
              path: `${path}.${where}`,
              ...ids,
            });
          }
          continue;
        }
        if (!isQuantity(operand)) {
          mismatch(fact.unit ? `a number with a unit such as ${fact.unit}` : "a number", where);
          convertible = false;
          continue;
        }
        if (fact.unit === undefined) {
          issues.push({
            severity: "error",
            code: "unit-not-convertible",
            message: `${owner.name} compares ${label} with ${operand.value} ${operand.unit}, but ${label} has no unit. Remove the unit or give the question a unit.`,
            path: `${path}.${where}.unit`,
            ...ids,
          });
          convertible = false;
        } else if (!canConvert(operand.unit, fact.unit)) {
          issues.push({
            severity: "error",
            code: "unit-not-convertible",
            message: `${owner.name} compares ${label} (asked in ${fact.unit}) with ${operand.value} ${operand.unit}; ${operand.unit} cannot be converted to ${fact.unit}.`,
            path: `${path}.${where}.unit`,
            ...ids,
          });
          convertible = false;
        }
      }
      if (convertible && comparison.op === "between") {
        const min = operandInFactUnit(comparison.min, fact);
        const max = operandInFactUnit(comparison.max, fact);
        if (min !== undefined && max !== undefined && min > max) {
          issues.push({
            severity: "error",
            code: "between-min-above-max",
            message: `${owner.name} checks whether ${label} is between two values, but the lower value is larger than the upper value, so it can never be true. Swap them.`,
            path,
            ...ids,
          });
        }
      }
      return;
    }
  }
}

function valueAt(comparison: Comparison, where: string): unknown {
  const record = comparison as unknown as Record<string, unknown>;
  const match = /^values\[(\d+)\]$/.exec(where);
  if (match) return (record.values as unknown[])[Number(match[1])];
  return record[where];
}

function isQuantity(value: unknown): value is { value: number; unit: string } {
  return typeof value === "object" && value !== null && "value" in value && "unit" in value;
}

function describeRaw(value: unknown): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (isQuantity(value)) return `${value.value} ${value.unit}`;
  return typeof value === "string" ? quoted(value) : String(value);
}

function checkDuplicates(
  items: readonly { id: string }[],
  basePath: string,
  kind: string,
  idKey: "factId" | "ruleId" | "dispositionId" | "guidanceId" | null,
  issues: LintIssue[],
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) {
      issues.push({
        severity: "error",
        code: "duplicate-id",
        message: `Two ${kind} share the id ${quoted(item.id)}. Each ${kind.replace(/s$/, "")} needs its own id.`,
        path: `${basePath}[${i}].id`,
        ...(idKey ? { [idKey]: item.id } : {}),
      });
    }
    seen.add(item.id);
  });
}

/**
 * Errors that make evaluation meaningless: unknown references, comparisons that
 * do not fit the question type or unit, duplicate ids and follow-up cycles.
 */
export function checkReferences(ruleSet: RuleSet): LintIssue[] {
  const issues: LintIssue[] = [];
  const facts = indexFacts(ruleSet.facts);
  const dispositionIds = new Set(ruleSet.dispositions.map((d) => d.id));
  const guidanceIds = new Set(ruleSet.guidance.map((g) => g.id));

  checkDuplicates(ruleSet.facts, "$.facts", "questions (facts)", "factId", issues);
  checkDuplicates(ruleSet.rules, "$.rules", "rules", "ruleId", issues);
  checkDuplicates(ruleSet.dispositions, "$.dispositions", "dispositions", "dispositionId", issues);
  checkDuplicates(ruleSet.guidance, "$.guidance", "guidance blocks", "guidanceId", issues);

  ruleSet.facts.forEach((fact, i) => {
    if (fact.type === "singleChoice" || fact.type === "multipleChoice") {
      const seen = new Set<string>();
      fact.options.forEach((option, j) => {
        if (seen.has(option.id)) {
          issues.push({
            severity: "error",
            code: "duplicate-id",
            message: `${quoted(factLabel(fact))} lists the option ${quoted(option.id)} twice.`,
            path: `$.facts[${i}].options[${j}].id`,
            factId: fact.id,
          });
        }
        seen.add(option.id);
      });
    }
    if (fact.askWhen) {
      const owner = { name: `The follow-up condition of ${quoted(factLabel(fact))}`, factId: fact.id };
      forEachComparison(fact.askWhen, `$.facts[${i}].askWhen`, (c, p) => checkComparison(c, p, owner, facts, issues));
    }
  });

  ruleSet.dispositions.forEach((disposition, i) => {
    disposition.guidance.forEach((id, j) => {
      if (!guidanceIds.has(id)) {
        issues.push({
          severity: "error",
          code: "unknown-guidance",
          message: `Disposition ${quoted(disposition.label)} attaches guidance ${quoted(id)}, which does not exist.`,
          path: `$.dispositions[${i}].guidance[${j}]`,
          dispositionId: disposition.id,
          guidanceId: id,
        });
      }
    });
  });

  if (ruleSet.defaultDisposition !== undefined && !dispositionIds.has(ruleSet.defaultDisposition)) {
    issues.push({
      severity: "error",
      code: "unknown-disposition",
      message: `The default disposition ${quoted(ruleSet.defaultDisposition)} is not one of the dispositions.`,
      path: "$.defaultDisposition",
      dispositionId: ruleSet.defaultDisposition,
    });
  }

  ruleSet.rules.forEach((rule, i) => {
    const owner = { name: `Rule ${quoted(rule.title)}`, ruleId: rule.id };
    forEachComparison(rule.when, `$.rules[${i}].when`, (c, p) => checkComparison(c, p, owner, facts, issues));
    if (!dispositionIds.has(rule.disposition)) {
      issues.push({
        severity: "error",
        code: "unknown-disposition",
        message: `Rule ${quoted(rule.title)} leads to a disposition ${quoted(rule.disposition)} that does not exist. Choose one of: ${[...dispositionIds].join(", ")}.`,
        path: `$.rules[${i}].disposition`,
        ruleId: rule.id,
        dispositionId: rule.disposition,
      });
    }
    rule.guidance.forEach((id, j) => {
      if (!guidanceIds.has(id)) {
        issues.push({
          severity: "error",
          code: "unknown-guidance",
          message: `Rule ${quoted(rule.title)} attaches guidance ${quoted(id)}, which does not exist.`,
          path: `$.rules[${i}].guidance[${j}]`,
          ruleId: rule.id,
          guidanceId: id,
        });
      }
    });
  });

  issues.push(...checkFollowUps(ruleSet, facts));
  return issues;
}

/**
 * Invariants: their conditions are checked like rule conditions and their
 * disposition must exist. Not part of checkReferences: the engine never
 * evaluates invariants, so a half-written one must not stop previews; lint
 * reports these as errors, which block submission.
 */
export function checkInvariantReferences(ruleSet: RuleSet): LintIssue[] {
  const issues: LintIssue[] = [];
  const invariants = ruleSet.invariants ?? [];
  const facts = indexFacts(ruleSet.facts);
  const dispositionIds = new Set(ruleSet.dispositions.map((d) => d.id));
  checkDuplicates(invariants, "$.invariants", "invariants", null, issues);
  invariants.forEach((invariant, i) => {
    const owner = { name: `Invariant ${quoted(invariant.id)}` };
    forEachComparison(invariant.when, `$.invariants[${i}].when`, (c, p) => checkComparison(c, p, owner, facts, issues));
    if (!dispositionIds.has(invariant.disposition)) {
      issues.push({
        severity: "error",
        code: "unknown-disposition",
        message: `Invariant ${quoted(invariant.id)} names a disposition ${quoted(invariant.disposition)} that does not exist. Choose one of: ${[...dispositionIds].join(", ")}.`,
        path: `$.invariants[${i}].disposition`,
        dispositionId: invariant.disposition,
      });
    }
  });
  for (const issue of issues) issue.invariantId ??= invariantIdAt(invariants, issue.path);
  return issues;
}

function invariantIdAt(invariants: readonly { id: string }[], path: string): string | undefined {
  const match = /^\$\.invariants\[(\d+)\]/.exec(path);
  return match ? invariants[Number(match[1])]?.id : undefined;
}

/**
 * A follow-up question that (directly or through other follow-ups) depends on
 * itself can never be decided, so these are errors.
 */
function checkFollowUps(ruleSet: RuleSet, facts: ReadonlyMap<string, Fact>): LintIssue[] {
  const issues: LintIssue[] = [];
  const indexOf = new Map<string, number>();
  ruleSet.facts.forEach((f, i) => {
    if (!indexOf.has(f.id)) indexOf.set(f.id, i);
  });
  const parents = new Map<string, string[]>();
  for (const fact of facts.values()) {
    const refs = fact.askWhen ? factsInCondition(fact.askWhen).filter((id) => facts.has(id)) : [];
    parents.set(fact.id, refs);
    if (refs.includes(fact.id)) {
      issues.push({
        severity: "error",
        code: "askwhen-self-reference",
        message: `${quoted(factLabel(fact))} is only asked depending on its own answer, so it can never be asked. Make it depend on a different question.`,
        path: `$.facts[${indexOf.get(fact.id)}].askWhen`,
        factId: fact.id,
      });
    }
  }
  // Depth-first search for cycles longer than one question.
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, "visiting");
    stack.push(id);
    for (const parent of parents.get(id) ?? []) {
      if (parent === id) continue;
      const s = state.get(parent);
      if (s === "visiting") {
        const cycle = stack.slice(stack.indexOf(parent));
        const key = [...cycle].sort().join(",");
        if (!reported.has(key)) {
          reported.add(key);
          const names = cycle.map((c) => quoted(factLabel(facts.get(c)!)));
          issues.push({
            severity: "error",
            code: "askwhen-cycle",
            message: `These follow-up questions depend on each other in a circle, so none of them can be asked: ${names.join(" → ")} → ${names[0]}.`,
            path: `$.facts[${indexOf.get(cycle[0])}].askWhen`,
            factId: cycle[0],
          });
        }
      } else if (s === undefined) {
        visit(parent);
      }
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const id of facts.keys()) if (!state.has(id)) visit(id);
  return issues;
}
