/**
 * A starting test case for one rule: answers that make it fire, found by
 * trying the representative answers of the questions it reads (the values
 * lib/preview/domains.ts picks: every threshold and one value in each gap),
 * fewest answered questions first, with the engine itself deciding.
 *
 * Used by the test-case page for "add a test case for this rule" links (the
 * publication gate's "rule not exercised" and "red flag not pinned" problems).
 */
import { describeCondition, evaluate, isAll, isAny, isNot, type AnswerValue, type CompiledRuleSet, type Condition, type Rule } from "@/lib/engine";
import { isRedFlagRule, RED_FLAG_TAG } from "@/lib/engine/invariants";
import { answerDomains } from "@/lib/preview/domains";
import { describeAnswers } from "@/lib/preview/examples";
import { testCaseIdFromName } from "./ids";
import type { TestCase } from "./schema";
import { toCompiled, type RuleSetLike } from "./validate";

export interface FiringAnswers {
  /** Only the answered questions; the rest are unanswered. */
  answers: Record<string, AnswerValue>;
  description: string;
  /** What the rule set gives for them. */
  disposition: string | null;
  /** True when that is the rule's own disposition (no more urgent rule fires as well). */
  givesRuleDisposition: boolean;
}

const DEFAULT_MAX_EVALUATIONS = 20_000;

function factsIn(condition: Condition, into: Set<string>): void {
  if (isAll(condition)) condition.all.forEach((c) => factsIn(c, into));
  else if (isAny(condition)) condition.any.forEach((c) => factsIn(c, into));
  else if (isNot(condition)) factsIn(condition.not, into);
  else into.add(condition.fact);
}

/** The rule's facts plus, transitively, the facts deciding whether they are asked. */
function relevantFacts(compiled: CompiledRuleSet, rule: Rule): Set<string> {
  const relevant = new Set<string>();
  factsIn(rule.when, relevant);
  for (let grew = true; grew; ) {
    grew = false;
    for (const fact of compiled.ruleSet.facts) {
      if (!relevant.has(fact.id) || !fact.askWhen) continue;
      const parents = new Set<string>();
      factsIn(fact.askWhen, parents);
      for (const id of parents) {
        if (!relevant.has(id)) {
          relevant.add(id);
          grew = true;
        }
      }
    }
  }
  return relevant;
}

function* combinations(count: number, size: number, start = 0): Generator<number[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= count - size; i++) for (const rest of combinations(count, size - 1, i + 1)) yield [i, ...rest];
}

/**
 * The smallest answer set (fewest answered questions) that makes the rule
 * fire, preferring one where the result is the rule's own disposition. null
 * when none was found within `maxEvaluations` (or the rule is disabled, or the
 * rule set cannot be evaluated).
 */
export function answersThatFire(ruleSet: RuleSetLike, ruleId: string, options: { maxEvaluations?: number } = {}): FiringAnswers | null {
  let compiled: CompiledRuleSet;
  try {
    compiled = toCompiled(ruleSet);
  } catch {
    return null;
  }
  const rule = compiled.ruleSet.rules.find((r) => r.id === ruleId);
  if (!rule || !rule.enabled) return null;
  const relevant = relevantFacts(compiled, rule);
  const domains = answerDomains(compiled, compiled)
    .filter((d) => relevant.has(d.id))
    .map((d) => ({ id: d.id, values: d.values.filter((_, i) => d.acceptedByDraft[i]) }))
    .filter((d) => d.values.length > 0);
  const order = compiled.ruleSet.facts.map((f) => f.id);
  const facts = new Map(compiled.ruleSet.facts.map((f) => [f.id, f]));
  let budget = options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  let fallback: FiringAnswers | null = null;

  const followUps = new Set(compiled.ruleSet.facts.filter((f) => f.askWhen).map((f) => f.id));

  const tryAnswers = (answers: Record<string, AnswerValue>): FiringAnswers | null => {
    budget--;
    const answersFollowUp = Object.keys(answers).some((id) => followUps.has(id));
    let result;
    try {
      result = evaluate(compiled, answers, { trace: answersFollowUp });
    } catch {
      return null;
    }
    if (!result.firedRules.includes(ruleId)) return null;
    // As a person would answer (and as the test-case editor keeps them): a follow-up only once it is asked.
    if (answersFollowUp) {
      const asked = new Map((result.trace?.followUps ?? []).map((f) => [f.factId, f.askWhen]));
      if (Object.keys(answers).some((id) => followUps.has(id) && asked.get(id) !== "true")) return null;
    }
    const disposition = result.disposition?.id ?? null;
    return { answers, description: describeAnswers(answers, facts, order), disposition, givesRuleDisposition: disposition === rule.disposition };
  };

  for (let size = 0; size <= domains.length; size++) {
    for (const chosen of combinations(domains.length, size)) {
      // Odometer over the chosen facts' values.
      const digits = new Array(chosen.length).fill(0);
      for (;;) {
        if (budget <= 0) return fallback;
        const answers: Record<string, AnswerValue> = {};
        chosen.forEach((d, i) => (answers[domains[d].id] = domains[d].values[digits[i]]));
        const found = tryAnswers(answers);
        if (found?.givesRuleDisposition) return found;
        if (found && !fallback) fallback = found;
        let position = chosen.length - 1;
        while (position >= 0 && ++digits[position] === domains[chosen[position]].values.length) digits[position--] = 0;
        if (position < 0) break;
      }
    }
  }
  // Fires, but a more urgent rule fires too: the clinician adjusts the answers.
  return fallback;
}

export interface RuleCaseDraft {
  testCase: TestCase;
  /** The answers found, or null: the clinician fills them in (`condition` says what makes the rule fire). */
  found: FiringAnswers | null;
  /** The rule's condition in plain words. */
  condition: string;
  redFlag: boolean;
}

/**
 * A new test case that exercises (and, for a red flag, pins) a rule: expected
 * disposition = the rule's, the rule among the rules that must fire, tagged
 * `red-flag` for red flags. null when the rule is not in the rule set.
 */
export function testCaseForRule(ruleSet: RuleSetLike, ruleId: string, existing: ReadonlyArray<Pick<TestCase, "id" | "name">>): RuleCaseDraft | null {
  let compiled: CompiledRuleSet | null = null;
  try {
    compiled = toCompiled(ruleSet);
  } catch {
    compiled = null;
  }
  const doc = compiled?.ruleSet;
  const rule = doc?.rules.find((r) => r.id === ruleId);
  if (!doc || !rule) return null;
  const found = answersThatFire(compiled!, ruleId);
  const condition = describeCondition(rule.when, doc);
  const redFlag = isRedFlagRule(rule);
  const names = new Set(existing.map((c) => c.name.trim()));
  const base = `${redFlag ? "Red flag" : "Rule"} “${rule.title}” fires`.slice(0, 190);
  let name = base;
  for (let n = 2; names.has(name); n++) name = `${base} (${n})`;
  const label = doc.dispositions.find((d) => d.id === rule.disposition)?.label ?? rule.disposition;
  const note = found
    ? `Makes the rule “${rule.title}” fire (${condition}) with ${found.description}; expects its disposition “${label}”.` +
      (found.givesRuleDisposition ? "" : ` A more urgent rule fires as well with these answers, so the case fails as it is: change the answers.`)
    : `Answer the questions so that the rule “${rule.title}” fires: ${condition}. Expects its disposition “${label}”.`;
  return {
    testCase: {
      id: testCaseIdFromName(name, new Set(existing.map((c) => c.id))),
      name,
      answers: found ? (structuredClone(found.answers) as TestCase["answers"]) : {},
      expected: { disposition: rule.disposition, firedRules: [rule.id] },
      tags: redFlag ? [RED_FLAG_TAG] : [],
      note,
    },
    found,
    condition,
    redFlag,
  };
}
