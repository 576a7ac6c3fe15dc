import { describe, expect, it } from "vitest";
import { compile, evaluate, RuleSetCompileError, type Condition, type RuleSetInput } from "../../lib/engine";
import { makeRuleSet, no, yes } from "./fixtures";

const longerThan3Days: Condition = { fact: "duration", op: "gt", value: { value: 3, unit: "days" } };

describe("outcome", () => {
  const ruleSet = makeRuleSet([
    { id: "rest", when: { fact: "duration", op: "lte", value: { value: 2, unit: "days" } }, disposition: "self_care", guidance: ["g_rest"] },
    { id: "long", when: longerThan3Days, disposition: "see_doctor", guidance: ["g_warning", "g_book"] },
    { id: "bladder", when: yes("bladder"), disposition: "emergency", guidance: ["g_cauda", "g_emergency"], tags: ["red-flag"] },
    { id: "saddle", when: yes("saddle"), disposition: "emergency", guidance: ["g_cauda"] },
    { id: "fever_long", when: { all: [yes("fever"), longerThan3Days] }, disposition: "see_doctor" },
  ]);
  const compiled = compile(ruleSet);

  it("the most urgent fired disposition wins, and the full object is returned", () => {
    const result = evaluate(compiled, { duration: 100, bladder: true, saddle: false, fever: false });
    expect(result.disposition).toEqual(ruleSet.dispositions[0]);
    expect(result.decidedBy).toBe("rule");
  });

  it("lists fired rules by urgency, then document order", () => {
    const result = evaluate(compiled, { duration: 100, bladder: true, saddle: true, fever: true });
    expect(result.firedRules).toEqual(["bladder", "saddle", "long", "fever_long"]);
  });

  it("guidance: winning rules' guidance in document order, then the disposition's; no duplicates; less urgent rules' guidance omitted", () => {
    const result = evaluate(compiled, { duration: 100, bladder: true, saddle: true, fever: true });
    expect(result.guidance.map((g) => g.id)).toEqual(["g_cauda", "g_emergency"]);
    const seeDoctor = evaluate(compiled, { duration: 100, bladder: false, saddle: false, fever: true });
    // rule "long" gives g_warning, g_book; disposition adds g_book (dup), g_warning (dup)
    expect(seeDoctor.guidance.map((g) => g.id)).toEqual(["g_warning", "g_book"]);
    expect(seeDoctor.guidance[0]).toMatchObject({ title: "Warning signs", body: "Watch for red flags." });
  });

  it("usedFacts: answered facts the fired rules read", () => {
    const result = evaluate(compiled, { duration: 100, bladder: true, saddle: false, fever: true, onset: "sudden" });
    expect(result.usedFacts).toEqual(["fever", "bladder", "duration"]);
  });

  it("no rule fired and no default: disposition null, decidedBy none", () => {
    const result = evaluate(compiled, { duration: 60, bladder: false, saddle: false, fever: false });
    expect(result.disposition).toBeNull();
    expect(result.decidedBy).toBe("none");
    expect(result.firedRules).toEqual([]);
    expect(result.guidance).toEqual([]);
    expect(result.complete).toBe(true);
  });

  it("no rule fired with a defaultDisposition: that disposition and its guidance", () => {
    const withDefault = compile({ ...ruleSet, defaultDisposition: "see_doctor" });
    const result = evaluate(withDefault, { duration: 60, bladder: false, saddle: false, fever: false });
    expect(result.disposition?.id).toBe("see_doctor");
    expect(result.decidedBy).toBe("default");
    expect(result.guidance.map((g) => g.id)).toEqual(["g_book", "g_warning"]);
  });

  it("disabled rules are never evaluated", () => {
    const set = makeRuleSet([{ id: "off", when: yes("fever"), disposition: "emergency", enabled: false }]);
    const result = evaluate(set, { fever: true });
    expect(result.firedRules).toEqual([]);
    expect(result.trace!.rules).toEqual([]);
  });

  it("accepts a raw document as well as a compiled one, with identical results", () => {
    const answers = { duration: 100, bladder: false, fever: true };
    expect(evaluate(ruleSet, answers)).toEqual(evaluate(compiled, answers));
  });
});

describe("missingFacts", () => {
  const ruleSet = makeRuleSet([
    { id: "rest", when: { all: [no("fever"), { fact: "pain_score", op: "lt", value: 4 }] }, disposition: "self_care" },
    { id: "long", when: { all: [longerThan3Days, { fact: "onset", op: "eq", value: "gradual" }] }, disposition: "see_doctor" },
    { id: "cauda", when: { any: [yes("bladder"), yes("saddle")] }, disposition: "emergency", tags: ["red-flag"] },
  ]);
  const compiled = compile(ruleSet);

  it("an unknown red-flag rule makes its facts missing, most urgent first, even when a less urgent rule fired", () => {
    const result = evaluate(compiled, { fever: false, pain_score: 2 });
    expect(result.disposition?.id).toBe("self_care");
    expect(result.complete).toBe(false);
    // emergency facts (bladder, saddle) before see_doctor facts (duration, onset); then question order
    expect(result.missingFacts).toEqual(["bladder", "saddle", "duration", "onset"]);
  });

  it("only facts that can still change the outcome: decided rules and less urgent unknown rules don't count", () => {
    const result = evaluate(compiled, { duration: 100, onset: "gradual" });
    expect(result.disposition?.id).toBe("see_doctor");
    // "rest" (self_care) is unknown but less urgent than see_doctor: fever/pain_score are not missing
    expect(result.missingFacts).toEqual(["bladder", "saddle"]);
  });

  it("rules of the same urgency as the result still count (they could add guidance)", () => {
    const result = evaluate(compiled, { bladder: true });
    expect(result.disposition?.id).toBe("emergency");
    expect(result.missingFacts).toEqual([]);
    const equal = compile(
      makeRuleSet([
        { id: "a", when: yes("bladder"), disposition: "emergency" },
        { id: "b", when: yes("saddle"), disposition: "emergency" },
      ]),
    );
    expect(evaluate(equal, { bladder: true }).missingFacts).toEqual(["saddle"]);
  });

  it("skips facts under branches that are already decided", () => {
    const set = compile(makeRuleSet([{ id: "r", when: { any: [{ all: [yes("fever"), yes("bladder")] }, yes("saddle")] }, disposition: "emergency" }]));
    // fever is false, so all(fever, bladder) is false: bladder can no longer matter
    expect(evaluate(set, { fever: false }).missingFacts).toEqual(["saddle"]);
  });

  it("complete once every relevant question is answered", () => {
    const result = evaluate(compiled, { bladder: false, saddle: false, duration: 10, fever: true });
    expect(result.missingFacts).toEqual([]);
    expect(result.complete).toBe(true);
    expect(result.disposition).toBeNull();
  });
});

describe("follow-up questions (askWhen)", () => {
  const base = makeRuleSet([
    { id: "leg", when: { fact: "areas", op: "includes", value: "leg" }, disposition: "self_care" },
    { id: "long_leg", when: { all: [{ fact: "areas", op: "includes", value: "leg" }, longerThan3Days] }, disposition: "see_doctor" },
    { id: "saddle", when: yes("saddle"), disposition: "emergency" },
  ]);
  // duration is only asked when leg pain is reported; saddle only when duration is asked and long
  const ruleSet: RuleSetInput = {
    ...base,
    facts: base.facts.map((f) =>
      f.id === "duration"
        ? { ...f, askWhen: { fact: "areas", op: "includes", value: "leg" } }
        : f.id === "saddle"
          ? { ...f, askWhen: { fact: "duration", op: "gt", value: { value: 1, unit: "days" } } }
          : f,
    ),
  };
  const compiled = compile(ruleSet);

  it("a follow-up whose askWhen is false is not applicable: not missing, its answer ignored", () => {
    const result = evaluate(compiled, { areas: ["back"], duration: 100 });
    expect(result.notApplicableFacts).toEqual(["duration"]);
    expect(result.ignoredAnswers).toEqual(["duration"]);
    expect(result.missingFacts).toEqual([]);
    expect(result.firedRules).toEqual([]);
    const trace = result.trace!;
    expect(trace.followUps.find((f) => f.factId === "duration")).toMatchObject({ askWhen: "false", status: "notApplicable" });
    // saddle depends on the masked duration: its askWhen stays unknown, but with
    // no askable question behind it, it is not listed as missing (checked above).
    expect(trace.followUps.find((f) => f.factId === "saddle")).toMatchObject({ askWhen: "unknown", status: "unanswered" });
  });

  it("a follow-up whose askWhen is true is asked and used", () => {
    const result = evaluate(compiled, { areas: ["leg"], duration: 100 });
    expect(result.firedRules).toEqual(["long_leg", "leg"]);
    expect(result.missingFacts).toEqual(["saddle"]);
    expect(evaluate(compiled, { areas: ["leg"], duration: 100, saddle: true }).disposition?.id).toBe("emergency");
  });

  it("when a follow-up's askWhen is still unknown, the questions it depends on are asked first", () => {
    const result = evaluate(compiled, {});
    // saddle (emergency) depends on duration, which depends on areas
    expect(result.missingFacts.slice(0, 3)).toEqual(["areas", "duration", "saddle"]);
    expect(result.notApplicableFacts).toEqual([]);
  });

  it("a follow-up that depends on a not-applicable question is not asked", () => {
    const result = evaluate(compiled, { areas: [] });
    expect(result.missingFacts).not.toContain("saddle");
    expect(result.missingFacts).not.toContain("duration");
  });

  it("an answer to a follow-up with unknown askWhen is used", () => {
    const result = evaluate(compiled, { saddle: true });
    expect(result.disposition?.id).toBe("emergency");
  });
});

describe("trace", () => {
  const ruleSet = makeRuleSet([
    { id: "r", when: { all: [yes("fever"), { not: longerThan3Days }, { fact: "onset", op: "in", values: ["sudden", "unsure"] }] }, disposition: "see_doctor" },
  ]);

  it("explains each comparison with its result, the answer seen and a sentence", () => {
    const trace = evaluate(ruleSet, { fever: true, duration: 12 }).trace!;
    const rule = trace.rules[0];
    expect(rule).toMatchObject({ ruleId: "r", result: "unknown", fired: false, disposition: "see_doctor" });
    expect(rule.text).toBe("Fever is yes AND NOT (symptom duration is more than 3 days) AND onset is one of suddenly or not sure");
    if (rule.condition.kind !== "all") throw new Error("expected all");
    const [fever, notLong, onset] = rule.condition.children;
    expect(fever).toMatchObject({ kind: "comparison", result: "true", actual: true, factStatus: "answered", text: "fever is yes" });
    expect(notLong).toMatchObject({ kind: "not", result: "true" });
    if (notLong.kind !== "not") throw new Error("expected not");
    expect(notLong.child).toMatchObject({ result: "false", actual: 12, text: "symptom duration is more than 3 days" });
    expect(onset).toMatchObject({ result: "unknown", actual: null, factStatus: "unanswered" });
  });

  it("trace: false skips the trace but gives the same result", () => {
    const answers = { fever: true, duration: 12, onset: "sudden" };
    const fast = evaluate(ruleSet, answers, { trace: false });
    const full = evaluate(ruleSet, answers);
    expect(fast.trace).toBeNull();
    expect({ ...full, trace: null }).toEqual(fast);
    expect(fast.firedRules).toEqual(["r"]);
  });
});

describe("compile", () => {
  it("rejects documents with broken references, listing each with a path", () => {
    const broken = makeRuleSet([
      { id: "a", when: yes("feverr"), disposition: "emergency" },
      { id: "b", when: yes("fever"), disposition: "urgentt" },
    ]);
    let caught: unknown;
    try {
      compile(broken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RuleSetCompileError);
    const issues = (caught as RuleSetCompileError).issues;
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["unknown-fact", "$.rules[0].when.fact"],
      ["unknown-disposition", "$.rules[1].disposition"],
    ]);
  });

  it("rejects documents that are not in the format (zod)", () => {
    expect(() => compile({ schemaVersion: 2 } as unknown as RuleSetInput)).toThrow();
  });

  it("precomputes urgency order", () => {
    const compiled = compile(
      makeRuleSet([
        { id: "low", when: yes("fever"), disposition: "self_care" },
        { id: "high", when: yes("fever"), disposition: "emergency" },
      ]),
    );
    expect(compiled.rules.map((r) => r.rule.id)).toEqual(["high", "low"]);
    expect(compiled.rulesInDocumentOrder.map((r) => r.rule.id)).toEqual(["low", "high"]);
  });
});
