/**
 * The explorer's fast path must give exactly the disposition evaluate() gives
 * (and ignore exactly the same answers), or its counts would be wrong.
 */
import { describe, expect, it } from "vitest";
import { compile, evaluate, type Answers, type RuleSetInput } from "../../lib/engine";
import { dispositionOnly, type SlotValues } from "../../lib/preview/fast-outcome";
import { backPainBenchRuleSet } from "../../bench/fixtures/back-pain-bench";
import { generateAnswers, generateRuleSet } from "../../bench/fixtures/generate";

/** The generated rule set with follow-ups: b20..b29 are only asked when b0..b9 is yes, n5 only when s0 is o0 or o1. */
function withFollowUps(ruleSet: RuleSetInput): RuleSetInput {
  return {
    ...ruleSet,
    facts: ruleSet.facts.map((f) => {
      const i = Number(f.id.slice(1));
      if (f.id.startsWith("b") && i >= 20) return { ...f, askWhen: { fact: `b${i - 20}`, op: "eq" as const, value: true } };
      if (f.id === "n5") return { ...f, askWhen: { fact: "s0", op: "in" as const, values: ["o0", "o1"] } };
      return f;
    }),
  };
}

function agree(ruleSet: RuleSetInput, answerSets: readonly Answers[]) {
  const compiled = compile(ruleSet);
  const fast = dispositionOnly(compiled);
  const values: SlotValues = new Array(compiled.facts.length);
  const ignored = new Uint8Array(compiled.facts.length);
  let checked = 0;
  for (const answers of answerSets) {
    values.fill(undefined);
    ignored.fill(0);
    for (const [id, value] of Object.entries(answers)) if (value !== null && value !== undefined) values[compiled.slotOf.get(id)!] = value;
    const expected = evaluate(compiled, answers, { trace: false });
    const got = fast(values, ignored);
    if (got !== (expected.disposition?.id ?? null)) throw new Error(`disagree on ${JSON.stringify(answers)}: ${got} vs ${expected.disposition?.id}`);
    const ignoredIds = compiled.facts.filter((f) => ignored[f.slot] === 1).map((f) => f.fact.id);
    expect(ignoredIds.sort()).toEqual([...expected.ignoredAnswers].sort());
    checked++;
  }
  return checked;
}

describe("dispositionOnly agrees with evaluate()", () => {
  it.each([1, 2, 3])("on a generated 60-rule set with follow-ups (seed %i), sparse and dense answers", (seed) => {
    const plain = generateRuleSet(seed, 60);
    const answers = [...generateAnswers(plain, 1000, seed, 0.7), ...generateAnswers(plain, 1000, seed + 100, 0.1, 0.5)];
    expect(agree(withFollowUps(plain), answers)).toBe(2000);
  });

  it("on the back-pain bench rule set, with the follow-up answered whether or not it applies", () => {
    const answers = generateAnswers(backPainBenchRuleSet, 2000, 5).map((a, i) => (i % 2 === 0 ? { ...a, pain_below_knee: i % 4 === 0 } : a));
    expect(agree(backPainBenchRuleSet, answers)).toBe(2000);
  });

  it("returns the default disposition when no rule fires", () => {
    const ruleSet = { ...generateRuleSet(4, 5), rules: [], defaultDisposition: "d4" };
    expect(dispositionOnly(compile(ruleSet))(new Array(50).fill(undefined), new Uint8Array(50))).toBe("d4");
  });
});
