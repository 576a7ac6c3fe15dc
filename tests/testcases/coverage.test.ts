import { describe, expect, it } from "vitest";
import { coverage, runTestCases } from "../../lib/testcases";
import { ruleSet, testCase } from "./helpers";

describe("coverage", () => {
  it("lists enabled rules, dispositions and guidance that no evaluated case reaches", () => {
    const report = runTestCases(ruleSet, [
      testCase({ id: "a", answers: { bladder: true, saddle: false, duration: 10 }, expected: { disposition: "emergency" } }),
      // Failing cases still exercise what they fire.
      testCase({ id: "b", answers: { bladder: false, saddle: false, duration: 10 }, expected: { disposition: "emergency" } }),
      // Invalid cases count for nothing.
      testCase({ id: "c", answers: { saddle: "yes" }, expected: { disposition: "emergency" } }),
    ]);
    const result = coverage(ruleSet, report);
    expect(result.casesConsidered).toBe(2);
    expect(result.rules).toEqual({
      total: 4,
      covered: 2,
      percent: 50,
      uncovered: [
        { id: "saddle", label: "Rule saddle", tags: ["red-flag"] },
        { id: "long", label: "Rule long", tags: [] },
      ],
    });
    expect(result.dispositions).toMatchObject({ total: 3, covered: 2, percent: 66.7, uncovered: [{ id: "see_doctor", label: "See a doctor" }] });
    expect(result.guidance.uncovered.map((g) => g.id)).toEqual(["g_book"]);
    expect(result.guidance).toMatchObject({ total: 5, covered: 4, percent: 80 });
  });

  it("reports null percentages when there is nothing to cover", () => {
    const result = coverage(
      { ...ruleSet, rules: [], guidance: [], dispositions: ruleSet.dispositions.map((d) => ({ ...d, guidance: [] })) },
      { results: [] },
    );
    expect(result.rules.percent).toBeNull();
    expect(result.guidance.percent).toBeNull();
    expect(result.dispositions.percent).toBe(0);
  });
});
