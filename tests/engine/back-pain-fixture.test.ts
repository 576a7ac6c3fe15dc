import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../../lib/engine";
import { backPainBenchRuleSet } from "../../bench/fixtures/back-pain-bench";
import { generateAnswers } from "../../bench/fixtures/generate";

const compiled = compile(backPainBenchRuleSet);

describe("back-pain bench fixture", () => {
  it("uses exactly the shared vocabulary's dispositions, most urgent first", () => {
    expect(compiled.dispositions.map((d) => d.id)).toEqual(["emergency", "urgent", "see_doctor", "self_care"]);
  });

  it("a bowel or bladder change is an emergency whatever else is answered", () => {
    for (const answers of generateAnswers(backPainBenchRuleSet, 300, 7)) {
      const result = evaluate(compiled, { ...answers, bowel_bladder_change: true }, { trace: false });
      expect(result.disposition?.id).toBe("emergency");
    }
  });

  it("with nothing answered, red-flag questions come first in missingFacts", () => {
    const result = evaluate(compiled, {});
    expect(result.disposition).toBeNull();
    expect(result.missingFacts.slice(0, 3)).toEqual(["heard_pop_under_load", "bowel_bladder_change", "saddle_numbness"]);
  });

  it("'more than 3 days' reads hours: 72 hours is not more than 3 days, 73 is", () => {
    const base = { pain_present: true, bowel_bladder_change: false, saddle_numbness: false, leg_weakness: false, fever_chills: false, unexplained_weight_loss: false };
    expect(evaluate(compiled, { ...base, symptom_duration_hours: 72 }).firedRules).not.toContain("persisting_beyond_72h");
    expect(evaluate(compiled, { ...base, symptom_duration_hours: 73 }).firedRules).toContain("persisting_beyond_72h");
  });

  it("pain below the knee is only used when the pain spreads into the leg", () => {
    const answers = { pain_below_knee: true, leg_numbness_tingling: true, pain_radiates_leg: false };
    const result = evaluate(compiled, answers);
    expect(result.notApplicableFacts).toEqual(["pain_below_knee"]);
    expect(result.firedRules).not.toContain("sciatica_with_numbness");
    expect(evaluate(compiled, { ...answers, pain_radiates_leg: true }).firedRules).toContain("sciatica_with_numbness");
  });
});
