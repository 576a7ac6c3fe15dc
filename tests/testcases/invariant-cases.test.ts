import { describe, expect, it } from "vitest";
import { evaluate, type RuleSetInput } from "@/lib/engine";
import { runTestCases, unpinnedRedFlags } from "@/lib/testcases";
import { counterexampleToTestCase, findEquivalentCase, safeDisposition } from "@/lib/testcases/from-counterexample";
import { answersThatFire, testCaseForRule } from "@/lib/testcases/rule-case";
import { TestCaseSchema } from "@/lib/testcases/schema";
import type { InvariantVerdict } from "@/lib/verify/schemas";
import { makeRuleSet, no, yes } from "../engine/fixtures";

const dispositions = [
  { id: "emergency", label: "Emergency" },
  { id: "see_doctor", label: "See a doctor" },
  { id: "self_care", label: "Self-care" },
];

function verdict(overrides: Partial<InvariantVerdict> = {}): InvariantVerdict {
  return {
    id: "saddle_emergency",
    source: "document",
    index: 0,
    kind: "atLeast",
    disposition: "emergency",
    statement: "Whenever saddle numbness is yes, the disposition is “Emergency”.",
    rationale: "",
    status: "violated",
    counterexample: {
      answers: { saddle: true },
      description: "saddle numbness yes",
      outcome: { disposition: "self_care", label: "Self-care" },
      minimal: true,
    },
    ...overrides,
  };
}

describe("counterexample → test case", () => {
  it("expects the safe disposition: the invariant's for atLeast, the next more urgent for onlyWhen", () => {
    expect(safeDisposition({ kind: "atLeast", disposition: "see_doctor" }, dispositions)?.id).toBe("see_doctor");
    expect(safeDisposition({ kind: "onlyWhen", disposition: "self_care" }, dispositions)?.id).toBe("see_doctor");
    expect(safeDisposition({ kind: "onlyWhen", disposition: "see_doctor" }, dispositions)?.id).toBe("emergency");
    expect(safeDisposition({ kind: "onlyWhen", disposition: "emergency" }, dispositions)).toBeNull();
    expect(safeDisposition({ kind: "atLeast", disposition: "unknown" }, dispositions)).toBeNull();
  });

  it("builds a valid case named from the statement, tagged invariant, with the counterexample's answers", () => {
    const built = counterexampleToTestCase(verdict(), dispositions, []);
    if (!built.ok) throw new Error(built.message);
    expect(built.testCase).toMatchObject({
      name: "Whenever saddle numbness is yes, the disposition is “Emergency” (e.g. saddle numbness yes)",
      answers: { saddle: true },
      expected: { disposition: "emergency" },
      tags: ["invariant"],
    });
    expect(built.testCase.expected).not.toHaveProperty("firedRules");
    expect(built.testCase.note).toContain("the draft gave “Self-care”");
    expect(built.testCase.note).toContain("saddle_emergency");
    expect(TestCaseSchema.safeParse(built.testCase).success).toBe(true);
  });

  it("red flags: tagged red-flag as well, and the rule must fire, so the case pins the red flag", () => {
    const built = counterexampleToTestCase(verdict({ id: "red-flag:cauda", source: "red-flag", ruleId: "cauda", index: undefined }), dispositions, []);
    if (!built.ok) throw new Error(built.message);
    expect(built.testCase.tags).toEqual(["invariant", "red-flag"]);
    expect(built.testCase.expected).toEqual({ disposition: "emergency", firedRules: ["cauda"] });
    const doc = makeRuleSet([{ id: "cauda", when: yes("saddle"), disposition: "emergency", tags: ["red-flag"] }]);
    expect(unpinnedRedFlags(doc, [built.testCase])).toEqual([]);
  });

  it("onlyWhen: the case expects the next more urgent disposition and fails on the rule set that breaks it", () => {
    // "Self-care only when there is no fever": a rule sends fever to self-care.
    const doc = makeRuleSet([{ id: "fever_home", when: yes("fever"), disposition: "self_care" }], { defaultDisposition: "see_doctor" });
    const built = counterexampleToTestCase(
      verdict({
        kind: "onlyWhen",
        disposition: "self_care",
        counterexample: { answers: { fever: true }, description: "fever yes", outcome: { disposition: "self_care", label: "Self-care" }, minimal: true },
      }),
      dispositions,
      [],
    );
    if (!built.ok) throw new Error(built.message);
    expect(built.testCase.expected.disposition).toBe("see_doctor");
    expect(runTestCases(doc, [built.testCase]).results[0].status).toBe("fail");
  });

  it("keeps ids and names unique in the list, and refuses what cannot be expected", () => {
    const first = counterexampleToTestCase(verdict(), dispositions, []);
    if (!first.ok) throw new Error(first.message);
    const second = counterexampleToTestCase(verdict(), dispositions, [first.testCase]);
    if (!second.ok) throw new Error(second.message);
    expect(second.testCase.name).toBe(`${first.testCase.name} (2)`);
    expect(second.testCase.id).not.toBe(first.testCase.id);
    expect(counterexampleToTestCase(verdict({ kind: "onlyWhen" }), dispositions, [])).toMatchObject({ ok: false, message: expect.stringContaining("most urgent") });
    expect(counterexampleToTestCase(verdict({ counterexample: undefined }), dispositions, [])).toMatchObject({ ok: false });
    const long = counterexampleToTestCase(verdict({ statement: "x".repeat(400) }), dispositions, []);
    expect(long.ok && long.testCase.name.length).toBe(200);
  });

  it("recognises a case with the same answers and expectation (pressed twice)", () => {
    const built = counterexampleToTestCase(verdict(), dispositions, []);
    if (!built.ok) throw new Error(built.message);
    const existing = [{ ...built.testCase, id: "other", name: "Other", answers: { saddle: true, fever: null } }];
    expect(findEquivalentCase(existing, built.testCase)?.id).toBe("other");
    expect(findEquivalentCase(existing, { ...built.testCase, expected: { disposition: "see_doctor" } })).toBeUndefined();
    expect(findEquivalentCase(existing, { ...built.testCase, answers: { saddle: false } })).toBeUndefined();
  });
});

describe("a new test case for a rule", () => {
  const doc: RuleSetInput = makeRuleSet(
    [
      { id: "cauda", when: { all: [yes("saddle"), { fact: "duration", op: "gt", value: { value: 2, unit: "days" } }] }, disposition: "emergency", tags: ["red-flag"] },
      { id: "leg", when: { fact: "areas", op: "includes", value: "leg" }, disposition: "see_doctor" },
      { id: "sudden", when: { all: [{ fact: "onset", op: "eq", value: "sudden" }, no("fever")] }, disposition: "self_care" },
      { id: "fever_sudden", when: { all: [{ fact: "onset", op: "eq", value: "sudden" }, yes("fever")] }, disposition: "emergency" },
      { id: "off", when: yes("bladder"), disposition: "emergency", enabled: false },
    ],
    {
      defaultDisposition: "self_care",
      facts: [
        ...makeRuleSet([]).facts,
        // A follow-up: only asked about legs.
        { id: "numb_leg", type: "boolean", question: "Is your leg numb?", label: "leg numbness", askWhen: { fact: "areas", op: "includes", value: "leg" } },
      ],
    },
  );

  it("finds the fewest answers that make the rule fire with its own disposition", () => {
    const found = answersThatFire(doc, "cauda");
    expect(found?.answers).toEqual({ saddle: true, duration: expect.any(Number) });
    expect(found!.answers.duration as number).toBeGreaterThan(48);
    expect(found?.givesRuleDisposition).toBe(true);
    expect(evaluate(doc, found!.answers).firedRules).toContain("cauda");
    expect(answersThatFire(doc, "leg")?.answers).toEqual({ areas: ["leg"] });
    expect(answersThatFire(doc, "sudden")?.answers).toEqual({ onset: "sudden", fever: false });
    expect(answersThatFire(doc, "off")).toBeNull();
    expect(answersThatFire(doc, "missing")).toBeNull();
  });

  it("respects follow-ups: a follow-up's answer only counts when it is asked", () => {
    const withFollowUp = { ...doc, rules: [...doc.rules, { id: "numb", title: "Numb leg", when: yes("numb_leg"), disposition: "see_doctor", citations: [] }] };
    expect(answersThatFire(withFollowUp, "numb")?.answers).toEqual({ areas: ["leg"], numb_leg: true });
  });

  it("prefills expected disposition, fired rule, red-flag tag and a note saying which answers make it fire", () => {
    const draft = testCaseForRule(doc, "cauda", []);
    expect(draft?.redFlag).toBe(true);
    expect(draft?.testCase).toMatchObject({ name: "Red flag “Rule cauda” fires", expected: { disposition: "emergency", firedRules: ["cauda"] }, tags: ["red-flag"] });
    expect(draft?.testCase.note).toContain("saddle numbness yes");
    expect(TestCaseSchema.safeParse(draft?.testCase).success).toBe(true);
    expect(runTestCases(doc, [draft!.testCase]).results[0].status).toBe("pass");
    expect(unpinnedRedFlags(doc, [draft!.testCase])).toEqual([]);
    const plain = testCaseForRule(doc, "leg", [draft!.testCase]);
    expect(plain?.testCase.tags).toEqual([]);
    expect(testCaseForRule(doc, "missing", [])).toBeNull();
  });

  it("leaves the answers to the clinician when none are found, and says what makes the rule fire", () => {
    const draft = testCaseForRule(doc, "off", []);
    expect(draft?.found).toBeNull();
    expect(draft?.testCase.answers).toEqual({});
    expect(draft?.testCase.note).toMatch(/loss of bladder control is yes/i);
  });
});
