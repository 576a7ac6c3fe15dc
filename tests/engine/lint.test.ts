import { describe, expect, it } from "vitest";
import { lintRuleSet, type Condition, type LintIssue, type RuleSetInput } from "../../lib/engine";
import { backPainBenchRuleSet } from "../../bench/fixtures/back-pain-bench";
import { makeRuleSet, no, yes } from "./fixtures";

const codes = (issues: LintIssue[]) => issues.map((i) => i.code);
const find = (issues: LintIssue[], code: string) => issues.filter((i) => i.code === code);

/** A clean baseline: every disposition reachable, every fact used, guidance everywhere. */
function clean(extraRules: Parameters<typeof makeRuleSet>[0] = [], overrides: Partial<RuleSetInput> = {}): RuleSetInput {
  return makeRuleSet(
    [
      { id: "cauda", when: { any: [yes("bladder"), yes("saddle")] }, disposition: "emergency", guidance: ["g_cauda"] },
      { id: "fever_long", when: { all: [yes("fever"), { fact: "duration", op: "gt", value: { value: 3, unit: "days" } }] }, disposition: "see_doctor" },
      { id: "mild", when: { all: [{ fact: "pain_score", op: "lt", value: 4 }, { fact: "temperature", op: "lt", value: { value: 38, unit: "°C" } }, { fact: "onset", op: "eq", value: "gradual" }, { fact: "areas", op: "includes", value: "back" }] }, disposition: "self_care", guidance: ["g_rest"] },
      ...extraRules,
    ],
    overrides,
  );
}

describe("lintRuleSet", () => {
  it("finds nothing in a clean rule set and in the back-pain bench fixture", () => {
    expect(lintRuleSet(clean())).toEqual([]);
    expect(lintRuleSet(backPainBenchRuleSet)).toEqual([]);
  });

  it("reports shape problems as schema errors with paths", () => {
    const doc = clean() as unknown as Record<string, unknown>;
    const issues = lintRuleSet({ ...doc, schemaVersion: 2 });
    expect(issues[0]).toMatchObject({ severity: "error", code: "schema", path: "$.schemaVersion" });
    const badId = lintRuleSet({ ...doc, facts: [{ id: "Fever", type: "boolean", question: "?" }] });
    expect(badId[0]).toMatchObject({ code: "schema", path: "$.facts[0].id" });
  });

  it("unknown fact, option, disposition and guidance", () => {
    const issues = lintRuleSet(
      clean([
        { id: "x1", when: yes("feverr"), disposition: "emergency", guidance: ["g_nope"] },
        { id: "x2", when: { fact: "onset", op: "eq", value: "slow" }, disposition: "urgent" },
        { id: "x3", when: { fact: "areas", op: "in", values: ["back", "knee"] }, disposition: "self_care" },
      ]),
    );
    expect(find(issues, "unknown-fact")[0]).toMatchObject({ ruleId: "x1", factId: "feverr", path: "$.rules[3].when.fact", severity: "error" });
    expect(find(issues, "unknown-guidance")[0]).toMatchObject({ ruleId: "x1", guidanceId: "g_nope", path: "$.rules[3].guidance[0]" });
    expect(find(issues, "unknown-disposition")[0]).toMatchObject({ ruleId: "x2", dispositionId: "urgent", path: "$.rules[4].disposition" });
    const options = find(issues, "unknown-option");
    expect(options.map((i) => i.path)).toEqual(["$.rules[4].when.value", "$.rules[5].when.values[1]"]);
    expect(options[0].message).toContain("sudden, gradual, unsure");
  });

  it("unknown guidance on a disposition and unknown default disposition", () => {
    const base = clean();
    const issues = lintRuleSet({
      ...base,
      defaultDisposition: "nowhere",
      dispositions: base.dispositions.map((d, i) => (i === 0 ? { ...d, guidance: ["g_missing"] } : d)),
    });
    expect(find(issues, "unknown-guidance")[0]).toMatchObject({ dispositionId: "emergency", path: "$.dispositions[0].guidance[0]" });
    expect(find(issues, "unknown-disposition")[0]).toMatchObject({ path: "$.defaultDisposition" });
  });

  it("type mismatches: operator not for the question type, wrong value type", () => {
    const issues = lintRuleSet(
      clean([
        { id: "t1", when: { fact: "fever", op: "gt", value: 3 }, disposition: "emergency" },
        { id: "t2", when: { fact: "fever", op: "eq", value: "yes" }, disposition: "emergency" },
        { id: "t3", when: { fact: "areas", op: "eq", value: "back" }, disposition: "emergency" },
        { id: "t4", when: { fact: "onset", op: "includes", value: "sudden" }, disposition: "emergency" },
        { id: "t5", when: { fact: "pain_score", op: "eq", value: true }, disposition: "emergency" },
      ]),
    );
    const notForType = find(issues, "operator-not-for-type");
    expect(notForType.map((i) => i.ruleId)).toEqual(["t1", "t3", "t4"]);
    expect(notForType[0].message).toMatch(/yes\/no question/);
    expect(notForType[0].path).toBe("$.rules[3].when.op");
    expect(find(issues, "value-type-mismatch").map((i) => i.ruleId)).toEqual(["t2", "t5"]);
  });

  it("units: missing unit, unit that cannot be converted, unit on a unitless fact", () => {
    const issues = lintRuleSet(
      clean([
        { id: "u1", when: { fact: "duration", op: "gt", value: 72 }, disposition: "emergency" },
        { id: "u2", when: { fact: "duration", op: "gt", value: { value: 3, unit: "kg" } }, disposition: "emergency" },
        { id: "u3", when: { fact: "pain_score", op: "gt", value: { value: 3, unit: "hours" } }, disposition: "emergency" },
      ]),
    );
    expect(find(issues, "unit-missing")[0]).toMatchObject({ ruleId: "u1", path: "$.rules[3].when.value" });
    expect(find(issues, "unit-not-convertible").map((i) => [i.ruleId, i.path])).toEqual([
      ["u2", "$.rules[4].when.value.unit"],
      ["u3", "$.rules[5].when.value.unit"],
    ]);
  });

  describe("contradictions: rules that can never fire", () => {
    const never = (when: Condition) => find(lintRuleSet(clean([{ id: "c", when, disposition: "emergency" }])), "rule-never-fires");
    const hours = (value: number) => ({ value, unit: "hours" });

    it("all(x > 10, x < 5)", () => {
      const issues = never({ all: [{ fact: "duration", op: "gt", value: hours(10) }, { fact: "duration", op: "lt", value: hours(5) }] });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ severity: "error", ruleId: "c", factId: "duration", path: "$.rules[3].when" });
      expect(issues[0].message).toContain("symptom duration is more than 10 hours and symptom duration is less than 5 hours");
    });
    it("all(a = yes, a = no)", () => {
      expect(never({ all: [yes("fever"), no("fever")] })).toHaveLength(1);
    });
    it("all(a = yes, not(a = yes))", () => {
      expect(never({ all: [yes("fever"), { not: yes("fever") }] })).toHaveLength(1);
    });
    it("between with min above max (also its own error)", () => {
      const when: Condition = { fact: "duration", op: "between", min: hours(72), max: hours(48) };
      expect(never(when)).toHaveLength(1);
      expect(find(lintRuleSet(clean([{ id: "c", when, disposition: "emergency" }])), "between-min-above-max")).toHaveLength(1);
    });
    it("value outside the fact's bounds (also a warning on the comparison)", () => {
      const when: Condition = { fact: "pain_score", op: "gt", value: 10 };
      expect(never(when)[0].message).toMatch(/between 0 and 10/);
      const outOfBounds = find(lintRuleSet(clean([{ id: "c", when, disposition: "emergency" }])), "value-out-of-bounds");
      expect(outOfBounds[0]).toMatchObject({ severity: "warning", path: "$.rules[3].when", factId: "pain_score" });
    });
    it("units are converted before comparing: more than 2 days and less than 40 hours", () => {
      expect(never({ all: [{ fact: "duration", op: "gt", value: { value: 2, unit: "days" } }, { fact: "duration", op: "lt", value: hours(40) }] })).toHaveLength(1);
    });
    it("single choice: eq one option and eq another", () => {
      expect(never({ all: [{ fact: "onset", op: "eq", value: "sudden" }, { fact: "onset", op: "in", values: ["gradual", "unsure"] }] })).toHaveLength(1);
    });
    it("multiple choice: includes and not includes", () => {
      expect(never({ all: [{ fact: "areas", op: "includes", value: "leg" }, { not: { fact: "areas", op: "in", values: ["leg", "groin"] } }] })).toHaveLength(1);
    });
    it("answered and notAnswered together; a value on an unanswered fact", () => {
      expect(never({ all: [{ fact: "fever", op: "notAnswered" }, yes("fever")] })).toHaveLength(1);
    });
    it("does not flag satisfiable conditions", () => {
      expect(never({ all: [{ fact: "duration", op: "gt", value: hours(10) }, { fact: "duration", op: "lt", value: hours(11) }] })).toEqual([]);
      expect(never({ any: [{ all: [yes("fever"), no("fever")] }, yes("saddle")] })).toEqual([]);
      expect(never({ all: [{ fact: "duration", op: "gte", value: hours(10) }, { fact: "duration", op: "lte", value: hours(10) }] })).toEqual([]);
      expect(never({ all: [{ fact: "duration", op: "neq", value: hours(10) }, { fact: "duration", op: "gte", value: hours(10) }] })).toEqual([]);
    });
    it("flags a point that is excluded", () => {
      expect(never({ all: [{ fact: "duration", op: "neq", value: hours(10) }, { fact: "duration", op: "between", min: hours(10), max: hours(10) }] })).toHaveLength(1);
    });
  });

  describe("shadowed rules", () => {
    const shadowed = (rules: Parameters<typeof makeRuleSet>[0]) => find(lintRuleSet(clean(rules)), "rule-shadowed");
    it("B = all(A's conjuncts + more) with a less urgent disposition is shadowed", () => {
      const issues = shadowed([
        { id: "a", when: { all: [yes("fever"), { fact: "pain_score", op: "gte", value: 8 }] }, disposition: "emergency" },
        { id: "b", when: { all: [{ fact: "pain_score", op: "gte", value: 8 }, yes("fever"), { fact: "onset", op: "eq", value: "sudden" }] }, disposition: "see_doctor" },
      ]);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ severity: "warning", ruleId: "b", path: "$.rules[4]" });
      expect(issues[0].message).toContain("Rule a");
    });
    it("B's comparison implies A's: more than 3 days implies more than 48 hours", () => {
      const issues = shadowed([
        { id: "a", when: { fact: "duration", op: "gt", value: { value: 48, unit: "hours" } }, disposition: "emergency" },
        { id: "b", when: { all: [yes("fever"), { fact: "duration", op: "gt", value: { value: 3, unit: "days" } }] }, disposition: "self_care" },
      ]);
      // the baseline rule fever_long (fever AND more than 3 days -> see a doctor) is shadowed too
      expect(issues.map((i) => i.ruleId)).toEqual(["fever_long", "b"]);
    });
    it("A is an any(): B containing one alternative is shadowed", () => {
      // the baseline "cauda" rule is any(bladder, saddle) -> emergency
      expect(shadowed([{ id: "b", when: { all: [yes("saddle"), yes("fever")] }, disposition: "self_care" }]).map((i) => i.ruleId)).toEqual(["b"]);
    });
    it("not shadowed: same urgency, more urgent B, or a weaker B", () => {
      expect(shadowed([{ id: "b", when: { all: [yes("saddle"), yes("fever")] }, disposition: "emergency" }])).toEqual([]);
      expect(
        shadowed([
          { id: "a", when: { all: [yes("fever"), { fact: "duration", op: "gt", value: { value: 3, unit: "days" } }] }, disposition: "emergency" },
          { id: "b", when: { fact: "duration", op: "gt", value: { value: 48, unit: "hours" } }, disposition: "self_care" },
        ]).filter((i) => i.ruleId === "b"),
      ).toEqual([]);
      // a disabled rule shadows nothing
      expect(shadowed([
        { id: "a", when: yes("fever"), disposition: "emergency", enabled: false },
        { id: "b", when: { all: [yes("fever"), yes("saddle")] }, disposition: "self_care" },
      ]).filter((i) => i.ruleId === "b" && i.message.includes("Rule a"))).toEqual([]);
    });
  });

  it("duplicate ids: facts, rules, dispositions, guidance, options", () => {
    const base = clean([{ id: "cauda", when: yes("fever"), disposition: "emergency" }]);
    const issues = lintRuleSet({
      ...base,
      facts: [
        ...base.facts.map((f) => (f.id === "onset" && f.type === "singleChoice" ? { ...f, options: [...f.options, { id: "sudden", label: "again" }] } : f)),
        { id: "fever", type: "boolean", question: "Again?" },
      ],
      dispositions: [...base.dispositions, { id: "self_care", label: "Again", action: "Again" }],
      guidance: [...(base.guidance ?? []), { id: "g_rest", title: "Again", body: "" }],
    });
    const duplicates = find(issues, "duplicate-id").map((i) => i.path);
    expect(duplicates).toEqual(expect.arrayContaining(["$.facts[8].id", "$.rules[3].id", "$.dispositions[3].id", "$.guidance[5].id", "$.facts[6].options[3].id"]));
    expect(duplicates).toHaveLength(5);
  });

  it("facts no rule uses (warning); facts used only in askWhen count as used", () => {
    const base = clean();
    const unusedFever = makeRuleSet([{ id: "x", when: yes("saddle"), disposition: "emergency" }]);
    const issues = find(lintRuleSet(unusedFever), "fact-unused");
    expect(issues.map((i) => i.factId)).toEqual(["fever", "bladder", "duration", "temperature", "pain_score", "onset", "areas"]);
    expect(issues[0]).toMatchObject({ severity: "warning", path: "$.facts[0]" });
    const gating = {
      ...base,
      rules: base.rules.filter((r) => r.id !== "cauda").concat([{ id: "s", title: "S", when: yes("saddle"), disposition: "emergency", citations: [{ source: "x", statement: "y" }] }]),
      facts: base.facts.map((f) => (f.id === "saddle" ? { ...f, askWhen: yes("bladder") } : f)),
    };
    expect(find(lintRuleSet(gating), "fact-unused")).toEqual([]);
  });

  it("askWhen cycles and self-references are errors", () => {
    const base = clean();
    const cyclic = lintRuleSet({
      ...base,
      facts: base.facts.map((f) =>
        f.id === "fever" ? { ...f, askWhen: yes("bladder") } : f.id === "bladder" ? { ...f, askWhen: yes("saddle") } : f.id === "saddle" ? { ...f, askWhen: yes("fever") } : f.id === "onset" ? { ...f, askWhen: { fact: "onset", op: "answered" } } : f,
      ),
    });
    const cycles = find(cyclic, "askwhen-cycle");
    expect(cycles).toHaveLength(1);
    expect(cycles[0].message).toMatch(/fever.*bladder.*saddle|bladder.*saddle.*fever|saddle.*fever.*bladder/);
    expect(find(cyclic, "askwhen-self-reference")[0]).toMatchObject({ factId: "onset", path: "$.facts[6].askWhen", severity: "error" });
  });

  it("unknown facts inside askWhen are reported with their path", () => {
    const base = clean();
    const issues = lintRuleSet({ ...base, facts: base.facts.map((f) => (f.id === "saddle" ? { ...f, askWhen: yes("nope") } : f)) });
    expect(find(issues, "unknown-fact")[0]).toMatchObject({ factId: "nope", path: "$.facts[2].askWhen.fact" });
  });

  it("a disposition no rule leads to; a disposition with no guidance", () => {
    const base = makeRuleSet([{ id: "a", when: yes("fever"), disposition: "see_doctor" }]);
    const issues = lintRuleSet({
      ...base,
      dispositions: base.dispositions.map((d) => (d.id === "see_doctor" ? { ...d, guidance: [] } : d)),
    });
    expect(find(issues, "disposition-unreachable").map((i) => i.dispositionId)).toEqual(["emergency", "self_care"]);
    expect(find(issues, "disposition-without-guidance")).toMatchObject([{ dispositionId: "see_doctor", path: "$.dispositions[1].guidance", severity: "warning" }]);
    // guidance given by a rule leading to it is enough
    const withRuleGuidance = lintRuleSet({
      ...base,
      rules: base.rules.map((r) => ({ ...r, guidance: ["g_book"] })),
      dispositions: base.dispositions.map((d) => (d.id === "see_doctor" ? { ...d, guidance: [] } : d)),
    });
    expect(find(withRuleGuidance, "disposition-without-guidance")).toEqual([]);
    // the default disposition counts as reachable
    expect(find(lintRuleSet({ ...base, defaultDisposition: "self_care" }), "disposition-unreachable").map((i) => i.dispositionId)).toEqual(["emergency"]);
  });

  it("unused guidance, rules without citations, disabled rules (info)", () => {
    const base = clean([{ id: "off", when: yes("fever"), disposition: "emergency", enabled: false }]);
    const issues = lintRuleSet({ ...base, rules: base.rules.map((r, i) => (i === 0 ? { ...r, citations: [] } : r)) });
    expect(find(issues, "guidance-unused")).toEqual([]);
    expect(find(issues, "rule-without-citation")).toMatchObject([{ ruleId: "cauda", severity: "warning" }]);
    expect(find(issues, "rule-disabled")).toMatchObject([{ ruleId: "off", severity: "info", path: "$.rules[3].enabled" }]);
    const extraGuidance = lintRuleSet({ ...base, guidance: [...(base.guidance ?? []), { id: "g_orphan", title: "Orphan", body: "" }] });
    expect(find(extraGuidance, "guidance-unused")).toMatchObject([{ guidanceId: "g_orphan" }]);
  });

  it("invalid number bounds", () => {
    const base = clean();
    const issues = lintRuleSet({ ...base, facts: base.facts.map((f) => (f.id === "pain_score" ? { ...f, min: 10, max: 0 } : f)) });
    expect(codes(issues)).toContain("fact-bounds-invalid");
  });
});

describe("rules without conditions", () => {
  it("warns that an empty rule fires for everyone, and stops once it has a condition", async () => {
    const { lintRuleSet } = await import("../../lib/engine");
    const base = {
      schemaVersion: 1 as const,
      metadata: { slug: "empty-rule", title: "Empty rule" },
      facts: [{ id: "fever", type: "boolean" as const, question: "Fever?" }],
      dispositions: [{ id: "emergency", label: "Emergency", action: "Go now." }],
      rules: [{ id: "r1", title: "New rule", when: { all: [] }, disposition: "emergency" }],
    };
    const empty = lintRuleSet(base).filter((issue) => issue.code === "rule-without-condition");
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatchObject({ severity: "warning", ruleId: "r1", path: "$.rules[0].when" });
    expect(empty[0].message).toContain("fires for everyone");
    const withCondition = { ...base, rules: [{ ...base.rules[0], when: { all: [{ fact: "fever", op: "eq" as const, value: true }] } }] };
    expect(lintRuleSet(withCondition).some((issue) => issue.code === "rule-without-condition")).toBe(false);
    const message = lintRuleSet({ ...base, rules: [] }).find((issue) => issue.code === "disposition-unreachable")?.message;
    expect(message).toMatch(/go now\.$/);
  });
});
