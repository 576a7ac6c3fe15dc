import { describe, expect, it } from "vitest";
import { AnswersError, compile } from "../../lib/engine";
import { runTestCases, traceTestCase } from "../../lib/testcases";
import { ruleSet, testCase } from "./helpers";

describe("runTestCases", () => {
  it("passes when disposition, rules and guidance match, and counts the report", () => {
    const report = runTestCases(ruleSet, [
      testCase({
        id: "ces",
        answers: { bladder: true, saddle: false, duration: 10 },
        expected: { disposition: "emergency", firedRules: ["bladder"], guidance: ["g_cauda", "g_emergency"] },
        tags: ["red-flag"],
      }),
      testCase({ id: "rest", answers: { bladder: false, saddle: false, duration: 10 }, expected: { disposition: "self_care" } }),
    ]);
    expect(report).toMatchObject({ total: 2, passed: 2, failed: 0, invalid: 0, underTriage: 0 });
    const [ces] = report.results;
    expect(ces).toMatchObject({ id: "ces", status: "pass", urgency: "same", underTriage: false, failures: [], tags: ["red-flag"] });
    expect(ces.actual).toMatchObject({ disposition: "emergency", firedRules: ["bladder", "short"], guidance: ["g_cauda", "g_emergency"], complete: true });
    expect(ces.trace).toBeUndefined();
  });

  it("flags a less urgent result as UNDER-TRIAGE in plain language", () => {
    const report = runTestCases(ruleSet, [
      testCase({ id: "missed", answers: { bladder: false, saddle: false, duration: 10 }, expected: { disposition: "emergency" } }),
    ]);
    expect(report).toMatchObject({ failed: 1, underTriage: 1 });
    const [result] = report.results;
    expect(result).toMatchObject({ status: "fail", urgency: "lower", underTriage: true });
    expect(result.failures).toEqual([
      {
        kind: "disposition",
        expected: "emergency",
        actual: "self_care",
        urgency: "lower",
        message: "Expected Emergency but got Self-care — LESS URGENT than expected (under-triage).",
      },
    ]);
  });

  it("reports a more urgent result as a failure that is not under-triage", () => {
    const [result] = runTestCases(ruleSet, [
      testCase({ id: "over", answers: { bladder: true }, expected: { disposition: "self_care" } }),
    ]).results;
    expect(result).toMatchObject({ status: "fail", urgency: "higher", underTriage: false });
    expect(result.failures[0].message).toBe("Expected Self-care but got Emergency — more urgent than expected (over-triage).");
  });

  it("treats no disposition at all as less urgent than any expected one", () => {
    const report = runTestCases(ruleSet, [testCase({ id: "nothing", answers: { bladder: false, saddle: false }, expected: { disposition: "self_care" } })]);
    const [result] = report.results;
    expect(result.actual?.disposition).toBeNull();
    expect(result).toMatchObject({ status: "fail", urgency: "lower", underTriage: true });
    expect(result.failures[0].message).toContain("got no disposition");
    expect(result.failures[0].message).toContain("LESS URGENT");
  });

  it("fails on rules that must fire and guidance that must be shown, naming each", () => {
    const [result] = runTestCases(ruleSet, [
      testCase({
        id: "rules",
        answers: { bladder: true, saddle: false, duration: 10 },
        expected: { disposition: "emergency", firedRules: ["saddle", "draft_rule", "gone"], guidance: ["g_rest", "g_missing"] },
      }),
    ]).results;
    expect(result.status).toBe("fail");
    expect(result.urgency).toBe("same");
    expect(result.failures.map((f) => f.kind)).toEqual(["missing-rule", "missing-rule", "missing-rule", "missing-guidance", "missing-guidance"]);
    expect(result.failures.map((f) => f.message)).toEqual([
      "Rule “Rule saddle” (saddle) was expected to fire, but did not.",
      "Rule “Rule draft_rule” (draft_rule) was expected to fire, but it is disabled.",
      "Rule “gone” was expected to fire, but it is not in this rule set.",
      "Guidance “Rest” (g_rest) was expected to be shown, but was not.",
      "Guidance “g_missing” was expected to be shown, but it is not in this rule set.",
    ]);
  });

  it("marks cases whose answers do not fit the rule set as invalid, with the engine's issues, without stopping the run", () => {
    const report = runTestCases(ruleSet, [
      testCase({ id: "bad", answers: { bladder: "yes", nope: true, duration: 5000 }, expected: { disposition: "emergency" } }),
      testCase({ id: "good", answers: { bladder: true }, expected: { disposition: "emergency" } }),
    ]);
    expect(report).toMatchObject({ total: 2, passed: 1, invalid: 1 });
    const [bad] = report.results;
    expect(bad).toMatchObject({ status: "invalid", actual: null, urgency: null, underTriage: false });
    expect(bad.issues?.map((i) => i.factId)).toEqual(["bladder", "nope", "duration"]);
  });

  it("marks an unknown expected disposition as invalid but still shows the actual result", () => {
    const [result] = runTestCases(ruleSet, [testCase({ id: "typo", answers: { bladder: true }, expected: { disposition: "emergncy" } })]).results;
    expect(result.status).toBe("invalid");
    expect(result.actual?.disposition).toBe("emergency");
    expect(result.issues?.[0].message).toContain("“emergncy” is not in this rule set");
  });

  it("reports an incomplete result without failing the case", () => {
    const [result] = runTestCases(ruleSet, [testCase({ id: "partial", answers: { duration: 10 }, expected: { disposition: "self_care" } })]).results;
    expect(result).toMatchObject({ status: "pass", incomplete: true });
    expect(result.actual?.missingFacts).toEqual(["bladder", "saddle"]);
  });

  it("accepts a compiled rule set, and attaches traces only when asked", () => {
    const cases = [testCase({ id: "a", answers: { bladder: true }, expected: { disposition: "emergency" } })];
    const report = runTestCases(compile(ruleSet), cases, { trace: true });
    expect(report.results[0].trace?.rules.find((r) => r.ruleId === "bladder")?.fired).toBe(true);
  });
});

describe("traceTestCase", () => {
  it("returns the engine's result with the explanation", () => {
    const result = traceTestCase(ruleSet, { answers: { saddle: true } });
    expect(result.disposition?.id).toBe("emergency");
    expect(result.trace?.rules.map((r) => r.ruleId)).toEqual(["bladder", "saddle", "long", "short"]);
  });

  it("throws the engine's AnswersError for answers that do not fit", () => {
    expect(() => traceTestCase(ruleSet, { answers: { saddle: 3 } })).toThrow(AnswersError);
  });
});
