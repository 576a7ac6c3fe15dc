/**
 * compile(): turns a rule set into closures once, so evaluating answers is a
 * tight loop over precomputed functions with no tree walking, string switches
 * or id look-ups on the hot path.
 */
import { makeAnswerCheck, type AnswerValue } from "./answers";
import { describeComparison, describeCondition, factLookup } from "./describe";
import type { LintIssue } from "./lint-types";
import { checkReferences, factsInCondition, indexFacts, operandInFactUnit } from "./references";
import { checkSatisfiable, toNnf } from "./satisfiability";
import {
  isAll,
  isAny,
  isNot,
  parseRuleSet,
  type Comparison,
  type Condition,
  type Disposition,
  type Fact,
  type Guidance,
  type NumberOperand,
  type Rule,
  type RuleSet,
  type RuleSetInput,
} from "./schema";
import type { Truth } from "./truth";

// Local copies of the truth values (see truth.ts): imported bindings become
// getter calls under CommonJS loaders such as tsx, costing ~20% on the hot path.
const FALSE = 0;
const UNKNOWN = 1;
const TRUE = 2;

/** Answers laid out by fact slot; undefined = unanswered (or not applicable). */
export type Values = Array<AnswerValue | undefined>;
export type Test = (values: Values) => Truth;
type Collect = (values: Values, add: (slot: number) => void) => void;

export interface CompiledCondition {
  readonly kind: "all" | "any" | "not" | "comparison";
  readonly test: Test;
  /**
   * Only valid when test() is UNKNOWN: reports the slots of the unanswered facts
   * that keep it undecided (descending only into UNKNOWN branches), i.e. the
   * questions whose answers could still change the result.
   */
  readonly collectUnknown: Collect;
  readonly children: readonly CompiledCondition[];
  readonly comparison: Comparison | null;
  /** Fact slot for comparisons, -1 for groups. */
  readonly slot: number;
  /** Plain-language text for comparisons, "" for groups. */
  readonly text: string;
  /**
   * Comparisons only: the truth values an answer not given yet could produce,
   * as a mask of 1 << Truth (e.g. `x > 100` on a question whose answers stop at
   * 100 can only be FALSE). Used by finality.ts. 0 for groups.
   */
  readonly anyAnswer: number;
}

export interface CompiledFact {
  readonly fact: Fact;
  readonly slot: number;
  /** Position in question order where every follow-up comes after the questions it depends on. */
  readonly order: number;
  readonly check: (value: unknown) => string | undefined;
  readonly askWhen: CompiledCondition | null;
}

export interface CompiledRule {
  readonly rule: Rule;
  /** Position in the document. */
  readonly index: number;
  /** Urgency of its disposition: 0 is the most urgent. */
  readonly rank: number;
  readonly disposition: Disposition;
  readonly condition: CompiledCondition;
  readonly factSlots: readonly number[];
  readonly guidance: readonly Guidance[];
  readonly text: string;
  /**
   * No answered/notAnswered test and no follow-up question in the condition:
   * its three-valued result only moves from UNKNOWN to TRUE or FALSE as more is
   * answered, never back (finality.ts relies on this to skip work).
   */
  readonly stable: boolean;
  /**
   * Stable, and every comparison in it can still come out either way once its
   * question is answered: then UNKNOWN means "can still fire", and the
   * questions that matter are exactly the unanswered ones under UNKNOWN
   * branches (collectUnknown), with no finer analysis needed.
   */
  readonly simple: boolean;
}

const BRAND: unique symbol = Symbol.for("triage-studio.compiled-rule-set") as never;

export interface CompiledRuleSet {
  readonly [BRAND]: true;
  /** The parsed document (defaults filled in). */
  readonly ruleSet: RuleSet;
  /** In document order; a fact's slot is its index. */
  readonly facts: readonly CompiledFact[];
  readonly slotOf: ReadonlyMap<string, number>;
  /** Facts with an askWhen, parents before children. */
  readonly followUps: readonly CompiledFact[];
  /** Enabled rules sorted by urgency, then document order: the order results are reported in. */
  readonly rules: readonly CompiledRule[];
  /** Enabled rules in document order, for traces. */
  readonly rulesInDocumentOrder: readonly CompiledRule[];
  /** Most urgent first; a disposition's rank is its index. */
  readonly dispositions: readonly Disposition[];
  readonly dispositionGuidance: readonly (readonly Guidance[])[];
  readonly defaultDisposition: Disposition | null;
  /** Index of the default disposition, -1 when there is none. */
  readonly defaultRank: number;
  /** Fact slots in question order (parents before their follow-ups). */
  readonly slotsInOrder: readonly number[];
  /** True when a condition anywhere uses answered/notAnswered. */
  readonly hasPresenceTests: boolean;
  readonly guidanceById: ReadonlyMap<string, Guidance>;
}

export function isCompiledRuleSet(value: unknown): value is CompiledRuleSet {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Thrown by compile() when the document refers to things that don't exist or compares mismatched types. */
export class RuleSetCompileError extends Error {
  readonly issues: readonly LintIssue[];
  constructor(issues: readonly LintIssue[]) {
    super(`The rule set cannot be evaluated:\n${issues.map((i) => `- ${i.path}: ${i.message}`).join("\n")}`);
    this.name = "RuleSetCompileError";
    this.issues = issues;
  }
}

// These are errors for publishing (lint) but the engine can still evaluate
// them unambiguously, so previews keep working while the clinician fixes them.
const NON_BLOCKING = new Set<LintIssue["code"]>(["unit-missing", "between-min-above-max"]);

/**
 * Parses (zod) and compiles a rule set. Throws a ZodError for shape problems
 * and a RuleSetCompileError for broken references, type/unit mismatches,
 * duplicate ids and follow-up cycles.
 */
export function compile(input: RuleSetInput | RuleSet): CompiledRuleSet {
  const ruleSet = parseRuleSet(input);
  const blocking = checkReferences(ruleSet).filter((i) => i.severity === "error" && !NON_BLOCKING.has(i.code));
  if (blocking.length > 0) throw new RuleSetCompileError(blocking);

  const lookup = factLookup(ruleSet);
  const slotOf = new Map<string, number>();
  ruleSet.facts.forEach((f, i) => slotOf.set(f.id, i));
  const factById = new Map(ruleSet.facts.map((f) => [f.id, f]));
  const indexed = indexFacts(ruleSet.facts);
  let hasPresenceTests = false;

  const compileCondition = (condition: Condition): CompiledCondition => {
    if (isAll(condition) || isAny(condition)) {
      const children = (isAll(condition) ? condition.all : condition.any).map(compileCondition);
      const tests = children.map((c) => c.test);
      const collect: Collect = (values, add) => {
        for (const child of children) if (child.test(values) === UNKNOWN) child.collectUnknown(values, add);
      };
      return {
        kind: isAll(condition) ? "all" : "any",
        test: isAll(condition) ? allOf(tests) : anyOf(tests),
        collectUnknown: collect,
        children,
        comparison: null,
        slot: -1,
        text: "",
        anyAnswer: 0,
      };
    }
    if (isNot(condition)) {
      const child = compileCondition(condition.not);
      const inner = child.test;
      return {
        kind: "not",
        test: (values) => (TRUE - inner(values)) as Truth,
        collectUnknown: child.collectUnknown,
        children: [child],
        comparison: null,
        slot: -1,
        text: "",
        anyAnswer: 0,
      };
    }
    const slot = slotOf.get(condition.fact)!;
    if (condition.op === "answered" || condition.op === "notAnswered") hasPresenceTests = true;
    return {
      kind: "comparison",
      test: compileComparison(condition, factById.get(condition.fact)!, slot),
      collectUnknown: (_values, add) => add(slot),
      children: [],
      comparison: condition,
      slot,
      text: describeComparison(condition, lookup),
      anyAnswer: answerOutcomes(condition, indexed, lookup),
    };
  };

  const order = questionOrder(ruleSet.facts);
  const facts: CompiledFact[] = ruleSet.facts.map((fact, slot) => ({
    fact,
    slot,
    order: order.get(fact.id)!,
    check: makeAnswerCheck(fact),
    askWhen: fact.askWhen ? compileCondition(fact.askWhen) : null,
  }));
  const followUps = facts.filter((f) => f.askWhen !== null).sort((a, b) => a.order - b.order);

  const guidanceById = new Map(ruleSet.guidance.map((g) => [g.id, g]));
  const rankOf = new Map(ruleSet.dispositions.map((d, i) => [d.id, i]));
  const rulesInDocumentOrder: CompiledRule[] = [];
  ruleSet.rules.forEach((rule, index) => {
    // Disabled rules are drafts: they are linted but never evaluated.
    if (!rule.enabled) return;
    const rank = rankOf.get(rule.disposition)!;
    const condition = compileCondition(rule.when);
    rulesInDocumentOrder.push({
      rule,
      index,
      rank,
      disposition: ruleSet.dispositions[rank],
      condition,
      factSlots: factsInCondition(rule.when).map((id) => slotOf.get(id)!),
      guidance: rule.guidance.map((id) => guidanceById.get(id)!),
      text: describeCondition(rule.when, lookup),
      stable: isStable(rule.when, factById),
      simple: isStable(rule.when, factById) && everyComparison(condition, (c) => c.anyAnswer === (MASK_TRUE | MASK_FALSE)),
    });
  });
  const rules = [...rulesInDocumentOrder].sort((a, b) => a.rank - b.rank || a.index - b.index);

  return {
    [BRAND]: true,
    ruleSet,
    facts,
    slotOf,
    followUps,
    rules,
    rulesInDocumentOrder,
    dispositions: ruleSet.dispositions,
    dispositionGuidance: ruleSet.dispositions.map((d) => d.guidance.map((id) => guidanceById.get(id)!)),
    defaultDisposition:
      ruleSet.defaultDisposition === undefined ? null : ruleSet.dispositions[rankOf.get(ruleSet.defaultDisposition)!],
    defaultRank: ruleSet.defaultDisposition === undefined ? -1 : rankOf.get(ruleSet.defaultDisposition)!,
    slotsInOrder: facts.map((f) => f.slot).sort((a, b) => facts[a].order - facts[b].order),
    hasPresenceTests,
    guidanceById,
  };
}

const MASK_FALSE = 1 << FALSE;
const MASK_TRUE = 1 << TRUE;

/** What an answer to this comparison's question (once given) could make it: see CompiledCondition.anyAnswer. */
function answerOutcomes(comparison: Comparison, facts: ReadonlyMap<string, Fact>, lookup: ReturnType<typeof factLookup>): number {
  if (comparison.op === "answered") return MASK_TRUE;
  if (comparison.op === "notAnswered") return MASK_FALSE;
  // Sound: checkSatisfiable says false only when no answer can do it.
  const canBeTrue = checkSatisfiable(toNnf(comparison, facts, lookup), facts).satisfiable !== false;
  const canBeFalse = checkSatisfiable(toNnf(comparison, facts, lookup, true), facts).satisfiable !== false;
  return (canBeTrue ? MASK_TRUE : 0) | (canBeFalse ? MASK_FALSE : 0);
}

function everyComparison(node: CompiledCondition, test: (comparison: CompiledCondition) => boolean): boolean {
  return node.kind === "comparison" ? test(node) : node.children.every((child) => everyComparison(child, test));
}

function isStable(condition: Condition, facts: ReadonlyMap<string, Fact>): boolean {
  if (isAll(condition)) return condition.all.every((c) => isStable(c, facts));
  if (isAny(condition)) return condition.any.every((c) => isStable(c, facts));
  if (isNot(condition)) return isStable(condition.not, facts);
  if (condition.op === "answered" || condition.op === "notAnswered") return false;
  return facts.get(condition.fact)?.askWhen === undefined;
}

/**
 * Question order: document order, except that a follow-up always comes after
 * the questions its askWhen reads (so those are decided first). Cycles were
 * rejected by checkReferences.
 */
function questionOrder(facts: readonly Fact[]): Map<string, number> {
  const ids = new Set(facts.map((f) => f.id));
  const order = new Map<string, number>();
  const parentsOf = new Map(facts.map((f) => [f.id, f.askWhen ? factsInCondition(f.askWhen).filter((id) => ids.has(id)) : []]));
  const place = (id: string): void => {
    if (order.has(id)) return;
    for (const parent of parentsOf.get(id) ?? []) place(parent);
    order.set(id, order.size);
  };
  for (const fact of facts) place(fact.id);
  return order;
}

// ---------------------------------------------------------------------------
// Kleene groups. Specialised for small arities because most clinical
// conditions have two or three conjuncts.

function allOf(tests: readonly Test[]): Test {
  const n = tests.length;
  if (n === 0) return () => TRUE;
  if (n === 1) return tests[0];
  if (n === 2) {
    const [a, b] = tests;
    return (v) => {
      const x = a(v);
      if (x === FALSE) return FALSE;
      const y = b(v);
      return y < x ? y : x;
    };
  }
  return (v) => {
    let result: Truth = TRUE;
    for (let i = 0; i < n; i++) {
      const x = tests[i](v);
      if (x === FALSE) return FALSE;
      if (x < result) result = x;
    }
    return result;
  };
}

function anyOf(tests: readonly Test[]): Test {
  const n = tests.length;
  if (n === 0) return () => FALSE;
  if (n === 1) return tests[0];
  if (n === 2) {
    const [a, b] = tests;
    return (v) => {
      const x = a(v);
      if (x === TRUE) return TRUE;
      const y = b(v);
      return y > x ? y : x;
    };
  }
  return (v) => {
    let result: Truth = FALSE;
    for (let i = 0; i < n; i++) {
      const x = tests[i](v);
      if (x === TRUE) return TRUE;
      if (x > result) result = x;
    }
    return result;
  };
}

// ---------------------------------------------------------------------------
// Comparisons. Each returns UNKNOWN when the fact is unanswered, except
// answered/notAnswered which are always decided.

function compileComparison(comparison: Comparison, fact: Fact, s: number): Test {
  if (comparison.op === "answered") return (v) => (v[s] === undefined ? FALSE : TRUE);
  if (comparison.op === "notAnswered") return (v) => (v[s] === undefined ? TRUE : FALSE);

  switch (fact.type) {
    case "boolean": {
      const want = (comparison as { value: boolean }).value;
      const hit = comparison.op === "eq" ? TRUE : FALSE;
      const miss = comparison.op === "eq" ? FALSE : TRUE;
      return (v) => {
        const x = v[s];
        return x === undefined ? UNKNOWN : x === want ? hit : miss;
      };
    }
    case "number": {
      const n = (operand: NumberOperand) => operandInFactUnit(operand, fact)!;
      switch (comparison.op) {
        case "eq":
        case "neq": {
          const t = n(comparison.value as NumberOperand);
          const hit = comparison.op === "eq" ? TRUE : FALSE;
          const miss = comparison.op === "eq" ? FALSE : TRUE;
          return (v) => {
            const x = v[s];
            return x === undefined ? UNKNOWN : x === t ? hit : miss;
          };
        }
        case "lt": {
          const t = n(comparison.value);
          return (v) => {
            const x = v[s];
            return x === undefined ? UNKNOWN : (x as number) < t ? TRUE : FALSE;
          };
        }
        case "lte": {
          const t = n(comparison.value);
          return (v) => {
            const x = v[s];
            return x === undefined ? UNKNOWN : (x as number) <= t ? TRUE : FALSE;
          };
        }
        case "gt": {
          const t = n(comparison.value);
          return (v) => {
            const x = v[s];
            return x === undefined ? UNKNOWN : (x as number) > t ? TRUE : FALSE;
          };
        }
        case "gte": {
          const t = n(comparison.value);
          return (v) => {
            const x = v[s];
            return x === undefined ? UNKNOWN : (x as number) >= t ? TRUE : FALSE;
          };
        }
        case "between": {
          const lo = n(comparison.min);
          const hi = n(comparison.max);
          return (v) => {
            const x = v[s];
            return x === undefined ? UNKNOWN : (x as number) >= lo && (x as number) <= hi ? TRUE : FALSE;
          };
        }
      }
      break;
    }
    case "singleChoice": {
      if (comparison.op === "in") {
        const set = new Set(comparison.values);
        return (v) => {
          const x = v[s];
          return x === undefined ? UNKNOWN : set.has(x as string) ? TRUE : FALSE;
        };
      }
      const want = (comparison as { value: string }).value;
      const hit = comparison.op === "eq" ? TRUE : FALSE;
      const miss = comparison.op === "eq" ? FALSE : TRUE;
      return (v) => {
        const x = v[s];
        return x === undefined ? UNKNOWN : x === want ? hit : miss;
      };
    }
    case "multipleChoice": {
      if (comparison.op === "includes") {
        const want = comparison.value;
        return (v) => {
          const x = v[s];
          return x === undefined ? UNKNOWN : (x as readonly string[]).includes(want) ? TRUE : FALSE;
        };
      }
      if (comparison.op === "in") {
        const set = new Set(comparison.values);
        return (v) => {
          const x = v[s] as readonly string[] | undefined;
          if (x === undefined) return UNKNOWN;
          for (let i = 0; i < x.length; i++) if (set.has(x[i])) return TRUE;
          return FALSE;
        };
      }
      break;
    }
  }
  // checkReferences() rejects every other combination before we get here.
  throw new Error(`Unsupported comparison ${comparison.op} on ${fact.type} fact ${fact.id}`);
}
