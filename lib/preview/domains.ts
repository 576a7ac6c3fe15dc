/**
 * The answers worth trying for each question when comparing two versions.
 *
 * Only facts that can change a result are considered: facts read by an enabled
 * rule of either version, plus (transitively) the facts their follow-up
 * conditions read. For each, a small set of values that together behave like
 * every possible answer: for numbers, every threshold mentioned in either
 * version's conditions (converted to the fact's unit) plus one value inside
 * each gap between neighbouring thresholds and bounds. All comparisons are
 * against those thresholds, so any other number behaves exactly like the
 * representative of its gap (this is the "t−ε, t, t+ε" idea with ε chosen
 * per gap, which also gives readable values such as 73 rather than 72.000001).
 * "Unanswered" is always tried as well, by the explorer.
 */
import {
  canConvert,
  convertUnit,
  isAll,
  isAny,
  isNot,
  type AnswerValue,
  type CompiledRuleSet,
  type Condition,
  type Fact,
  type NumberFact,
  type NumberOperand,
} from "@/lib/engine";

/** Multiple-choice options tried one at a time; beyond this the list is cut to keep the space small. */
export const MAX_CHOICE_OPTIONS = 16;

export interface FactDomain {
  id: string;
  /** The draft's definition when it has the fact, else the published one. */
  fact: Fact;
  /** Answered values to try (unanswered is implicit). */
  values: AnswerValue[];
  /** Per value: does each version accept it? A version without the fact accepts nothing. */
  acceptedByPublished: boolean[];
  acceptedByDraft: boolean[];
}

function visit(condition: Condition, found: (comparison: Extract<Condition, { fact: string }>) => void): void {
  if (isAll(condition)) condition.all.forEach((c) => visit(c, found));
  else if (isAny(condition)) condition.any.forEach((c) => visit(c, found));
  else if (isNot(condition)) visit(condition.not, found);
  else found(condition);
}

function relevantFactIds(versions: readonly CompiledRuleSet[]): Set<string> {
  const relevant = new Set<string>();
  for (const v of versions) for (const rule of v.rules) visit(rule.rule.when, (c) => relevant.add(c.fact));
  // A follow-up's parents decide whether its answer counts, so they matter too.
  for (let grew = true; grew; ) {
    grew = false;
    for (const v of versions) {
      for (const f of v.ruleSet.facts) {
        if (!relevant.has(f.id) || !f.askWhen) continue;
        visit(f.askWhen, (c) => {
          if (!relevant.has(c.fact)) {
            relevant.add(c.fact);
            grew = true;
          }
        });
      }
    }
  }
  return relevant;
}

function inUnit(operand: NumberOperand, fact: NumberFact): number | undefined {
  if (typeof operand === "number") return operand;
  if (fact.unit === undefined || !canConvert(operand.unit, fact.unit)) return undefined;
  return convertUnit(operand.value, operand.unit, fact.unit);
}

function thresholds(version: CompiledRuleSet, factId: string, into: Set<number>): void {
  const fact = version.ruleSet.facts.find((f) => f.id === factId);
  if (!fact || fact.type !== "number") return;
  const add = (operand: NumberOperand) => {
    const n = inUnit(operand, fact);
    if (n !== undefined && Number.isFinite(n)) into.add(n);
  };
  const collect = (condition: Condition) =>
    visit(condition, (c) => {
      if (c.fact !== factId) return;
      if (c.op === "between") {
        add(c.min);
        add(c.max);
      } else if (c.op === "eq" || c.op === "neq" || c.op === "lt" || c.op === "lte" || c.op === "gt" || c.op === "gte") {
        if (typeof c.value === "number" || (typeof c.value === "object" && c.value !== null)) add(c.value as NumberOperand);
      }
    });
  for (const rule of version.rules) collect(rule.rule.when);
  for (const f of version.ruleSet.facts) if (f.askWhen) collect(f.askWhen);
}

/** The number with the fewest decimals strictly between a and b, nearest to a. */
export function niceBetween(a: number, b: number): number {
  for (let decimals = 0; decimals <= 6; decimals++) {
    const step = 10 ** -decimals;
    const candidate = Number(((Math.floor(a / step) + 1) * step).toFixed(decimals));
    if (candidate > a && candidate < b) return candidate;
  }
  return (a + b) / 2;
}

function numberValues(versions: readonly CompiledRuleSet[], factId: string): number[] {
  const points = new Set<number>();
  let lo: number | undefined;
  let hi: number | undefined;
  for (const v of versions) {
    thresholds(v, factId, points);
    const fact = v.ruleSet.facts.find((f) => f.id === factId);
    if (fact?.type !== "number") continue;
    // The bounds both versions accept, so a value is not answered in one version and rejected by the other.
    if (fact.min !== undefined) lo = lo === undefined ? fact.min : Math.max(lo, fact.min);
    if (fact.max !== undefined) hi = hi === undefined ? fact.max : Math.min(hi, fact.max);
  }
  if (lo !== undefined) points.add(lo);
  if (hi !== undefined) points.add(hi);
  const sorted = [...points].filter((p) => (lo === undefined || p >= lo) && (hi === undefined || p <= hi)).sort((a, b) => a - b);
  if (sorted.length === 0) return [0];
  const values: number[] = [];
  if (lo === undefined) values.push(Math.floor(sorted[0]) - 1);
  sorted.forEach((p, i) => {
    values.push(p);
    if (i + 1 < sorted.length) values.push(niceBetween(p, sorted[i + 1]));
  });
  if (hi === undefined) values.push(Math.floor(sorted[sorted.length - 1]) + 1);
  return values;
}

function optionIds(versions: readonly CompiledRuleSet[], factId: string): string[] {
  const ids = new Set<string>();
  for (const v of versions) {
    const fact = v.ruleSet.facts.find((f) => f.id === factId);
    if (fact && (fact.type === "singleChoice" || fact.type === "multipleChoice")) for (const o of fact.options) ids.add(o.id);
  }
  return [...ids];
}

function valuesFor(fact: Fact, versions: readonly CompiledRuleSet[]): AnswerValue[] {
  switch (fact.type) {
    case "boolean":
      return [true, false];
    case "number":
      return numberValues(versions, fact.id);
    case "singleChoice":
      return optionIds(versions, fact.id);
    case "multipleChoice": {
      const options = optionIds(versions, fact.id).slice(0, MAX_CHOICE_OPTIONS);
      // Each option alone, none of them, and all of them (for rules needing two at once).
      return [...options.map((o) => [o]), [], ...(options.length > 1 ? [options] : [])];
    }
  }
}

function accepts(version: CompiledRuleSet, factId: string, value: AnswerValue): boolean {
  const slot = version.slotOf.get(factId);
  return slot !== undefined && version.facts[slot].check(value) === undefined;
}

/** Draft document order, then facts only the published version has. */
export function answerDomains(published: CompiledRuleSet, draft: CompiledRuleSet): FactDomain[] {
  const versions = [draft, published];
  const relevant = relevantFactIds(versions);
  const seen = new Set<string>();
  const domains: FactDomain[] = [];
  for (const v of versions) {
    for (const fact of v.ruleSet.facts) {
      if (!relevant.has(fact.id) || seen.has(fact.id)) continue;
      seen.add(fact.id);
      const candidates = valuesFor(fact, versions);
      const acceptedByPublished = candidates.map((value) => accepts(published, fact.id, value));
      const acceptedByDraft = candidates.map((value) => accepts(draft, fact.id, value));
      const keep = candidates.map((_, i) => acceptedByPublished[i] || acceptedByDraft[i]);
      domains.push({
        id: fact.id,
        fact,
        values: candidates.filter((_, i) => keep[i]),
        acceptedByPublished: acceptedByPublished.filter((_, i) => keep[i]),
        acceptedByDraft: acceptedByDraft.filter((_, i) => keep[i]),
      });
    }
  }
  return domains;
}
