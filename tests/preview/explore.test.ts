import { describe, expect, it } from "vitest";
import { compile } from "../../lib/engine";
import { answerDomains, exampleToTestCase, exploreAnswerSpace, type ExploreReport } from "../../lib/preview/impact";
import { niceBetween } from "../../lib/preview/domains";
import { runTestCases } from "../../lib/testcases";
import { makeRuleSet, yes } from "../engine/fixtures";
import { draft, published, withFollowUp } from "./helpers";

function comparable(report: ExploreReport) {
  if (!report.comparable) throw new Error("expected a comparable report");
  return report;
}

describe("answerDomains", () => {
  it("considers only facts that rules (or their follow-up conditions) read, and tries each threshold, a value in each gap and the bounds", () => {
    const domains = answerDomains(compile(published), compile(draft));
    expect(domains.map((d) => d.id)).toEqual(["fever", "bladder", "saddle", "duration"]);
    expect(domains.find((d) => d.id === "bladder")?.values).toEqual([true, false]);
    // Thresholds 72 h (3 days) and 120 h (5 days), bounds 0 and 2000.
    expect(domains.find((d) => d.id === "duration")?.values).toEqual([0, 1, 72, 73, 120, 121, 2000]);
  });

  it("tries each option alone, none and all for multiple choice; options of both versions", () => {
    const p = makeRuleSet([{ id: "a", when: { fact: "areas", op: "includes", value: "leg" }, disposition: "see_doctor" }]);
    const d = makeRuleSet([{ id: "a", when: { fact: "onset", op: "eq", value: "sudden" }, disposition: "see_doctor" }]);
    const domains = answerDomains(compile(p), compile(d));
    expect(domains.map((x) => [x.id, x.values])).toEqual([
      ["onset", ["sudden", "gradual", "unsure"]],
      ["areas", [["back"], ["leg"], ["groin"], [], ["back", "leg", "groin"]]],
    ]);
  });

  it("picks readable values inside gaps", () => {
    expect(niceBetween(72, 120)).toBe(73);
    expect(niceBetween(38, 38.5)).toBe(38.1);
    expect(niceBetween(37.77777777777778, 38)).toBe(37.8);
  });
});

describe("exploreAnswerSpace: exhaustive", () => {
  const report = comparable(exploreAnswerSpace(published, draft));

  it("enumerates every combination of a small space and counts changes", () => {
    // fever 3 × bladder 3 × saddle 3 × duration 8 (7 values + unanswered).
    expect(report).toMatchObject({ mode: "exhaustive", combinations: 216, total: 216, truncated: false });
    // Reduced: bladder not yes and either saddle yes (3 fever × 2 bladder × 8 durations = 48)
    // or, with saddle not yes and fever not yes, duration 73 or 120 (2 × 2 × 2 × 2 = 16).
    expect(report.reducedUrgency).toBe(64);
    // Increased: fever yes, bladder and saddle not yes, duration unanswered or at most 72 h (2 × 2 × 4 = 16).
    expect(report.increasedUrgency).toBe(16);
    expect(report.changedDisposition).toBe(80);
  });

  it("returns minimal examples, reductions first", () => {
    expect(report.examples.map((e) => [e.urgency, e.answers])).toEqual([
      ["reduced", { saddle: true }],
      ["reduced", { duration: 73 }],
      ["reduced", { duration: 120 }],
      ["increased", { fever: true }],
    ]);
    expect(report.examples[0]).toMatchObject({
      published: { disposition: "emergency", label: "Emergency" },
      draft: { disposition: "see_doctor", label: "See a doctor" },
      description: "saddle numbness yes",
    });
    expect(report.examples[1].description).toBe("symptom duration 73 hours");
    expect(report.examples[1].draft.disposition).toBeNull();
  });

  it("reports nothing when the versions agree", () => {
    const same = comparable(exploreAnswerSpace(published, published));
    expect(same).toMatchObject({ changedDisposition: 0, reducedUrgency: 0, increasedUrgency: 0, examples: [] });
  });

  it("needs a published version", () => {
    expect(exploreAnswerSpace(null, draft)).toMatchObject({ comparable: false });
  });
});

describe("exploreAnswerSpace: sampled", () => {
  it("samples when the space is larger than maxExhaustive, deterministically for a seed", () => {
    const a = comparable(exploreAnswerSpace(published, draft, { maxExhaustive: 100, samples: 3000, seed: 7 }));
    const b = comparable(exploreAnswerSpace(published, draft, { maxExhaustive: 100, samples: 3000, seed: 7 }));
    expect(a.mode).toBe("sampled");
    expect(a.total).toBe(3000);
    expect(a.reducedUrgency).toBeGreaterThan(0);
    expect(b).toEqual(a);
    // The same minimal examples are found by sampling.
    expect(a.examples.map((e) => e.answers)).toContainEqual({ saddle: true });
    expect(a.examples[0].urgency).toBe("reduced");
  });

  it("stops at the time budget and says so", () => {
    const report = comparable(exploreAnswerSpace(published, draft, { maxExhaustive: 1, samples: 1e9, timeBudgetMs: 30 }));
    expect(report.truncated).toBe(true);
    expect(report.total).toBeLessThan(1e9);
  });
});

describe("exploreAnswerSpace: follow-up questions", () => {
  const before = withFollowUp([{ id: "radiates", when: yes("radiates"), disposition: "see_doctor" }]);
  const after = withFollowUp([
    { id: "radiates", when: yes("radiates"), disposition: "self_care" },
    { id: "below_knee", when: yes("below_knee"), disposition: "see_doctor" },
  ]);

  it("never answers a follow-up that does not apply, and does not count those combinations twice", () => {
    const report = comparable(exploreAnswerSpace(before, after));
    expect(report.factsConsidered).toEqual(["radiates", "below_knee"]);
    // 3 × 3 combinations minus "radiates no" with below_knee answered (2).
    expect(report).toMatchObject({ mode: "exhaustive", combinations: 9, total: 7 });
    for (const example of report.examples) expect(example.answers.radiates === false && "below_knee" in example.answers).toBe(false);
    expect(report.examples.map((e) => [e.urgency, e.answers])).toEqual([
      ["reduced", { radiates: true }],
      // An unanswered parent leaves the follow-up open, so its answer counts.
      ["increased", { below_knee: true }],
    ]);
  });

  it("drops such answers from samples too", () => {
    const report = comparable(exploreAnswerSpace(before, after, { maxExhaustive: 1, samples: 500 }));
    for (const example of report.examples) expect(example.answers.radiates === false && "below_knee" in example.answers).toBe(false);
  });
});

describe("exploreAnswerSpace: questions only one version has", () => {
  it("leaves a new question unanswered for the published version", () => {
    const draftWithNew = withFollowUp([{ id: "radiates", when: yes("radiates"), disposition: "emergency" }]);
    const report = comparable(exploreAnswerSpace(published, draftWithNew));
    expect(report.factsConsidered).toContain("radiates");
    expect(report.examples.find((e) => e.urgency === "increased")?.answers).toEqual({ radiates: true });
  });
});

describe("exampleToTestCase", () => {
  const report = comparable(exploreAnswerSpace(published, draft));
  const reduced = report.examples[0];
  const increased = report.examples.find((e) => e.urgency === "increased")!;

  it("expects the PUBLISHED (more urgent) result when the draft reduces urgency, so the case fails until a clinician confirms", () => {
    const testCase = exampleToTestCase(reduced, draft);
    expect(testCase).toMatchObject({
      id: "explored-saddle-numbness-yes",
      name: "Explored: saddle numbness yes",
      answers: { saddle: true },
      expected: { disposition: "emergency" },
      tags: ["explored"],
    });
    expect(testCase.note).toMatch(/LESS URGENT/);
    const run = runTestCases(draft, [testCase]);
    expect(run.results[0]).toMatchObject({ status: "fail", underTriage: true });
  });

  it("expects the draft's result otherwise", () => {
    const testCase = exampleToTestCase(increased, draft);
    expect(testCase.expected).toEqual({ disposition: "see_doctor" });
    expect(runTestCases(draft, [testCase]).passed).toBe(1);
  });

  it("does not clash with existing cases", () => {
    const first = exampleToTestCase(reduced, draft);
    const second = exampleToTestCase(reduced, draft, { existing: [first] });
    expect(second.name).toBe("Explored: saddle numbness yes (2)");
    expect(second.id).toBe("explored-saddle-numbness-yes-2");
  });
});
