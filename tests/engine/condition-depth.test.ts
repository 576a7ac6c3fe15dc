import { describe, expect, it } from "vitest";
import { MAX_CONDITION_DEPTH, safeParseRuleSet, type Condition } from "../../lib/engine";
import { makeRuleSet, yes } from "./fixtures";

/** `levels` nested groups around one comparison, alternating all/any/not so every kind of group counts. */
function nested(levels: number): Condition {
  let condition: Condition = yes("fever");
  for (let level = 0; level < levels; level++) {
    condition = level % 3 === 0 ? { all: [condition] } : level % 3 === 1 ? { any: [yes("saddle"), condition] } : { not: condition };
  }
  return condition;
}

function depthPath(levels: number): string[] {
  const path: string[] = [];
  for (let level = levels - 1; level >= levels - MAX_CONDITION_DEPTH; level--) {
    path.push(...(level % 3 === 0 ? ["all", "0"] : level % 3 === 1 ? ["any", "1"] : ["not"]));
  }
  return path;
}

describe("condition nesting limit", () => {
  it("accepts a condition exactly at the limit (the comparison is level 32)", () => {
    const result = safeParseRuleSet(makeRuleSet([{ id: "deep", when: nested(MAX_CONDITION_DEPTH - 1), disposition: "urgent" }]));
    expect(result.success).toBe(true);
  });

  it("refuses one level more with the path of the first condition past the limit", () => {
    const result = safeParseRuleSet(makeRuleSet([{ id: "deep", when: nested(MAX_CONDITION_DEPTH), disposition: "urgent" }]));
    expect(result.success).toBe(false);
    expect(result.error!.issues).toHaveLength(1);
    expect(result.error!.issues[0].path.map(String)).toEqual(["rules", "0", "when", ...depthPath(MAX_CONDITION_DEPTH)]);
    expect(result.error!.issues[0].message).toMatch(/more than 32 levels deep/);
  });

  it("answers for 10,000 levels without overflowing the stack, in rules, follow-up questions and invariants alike", () => {
    const deep = nested(10_000);
    const document = makeRuleSet([{ id: "deep", when: deep, disposition: "urgent" }], {
      invariants: [{ id: "deep_invariant", kind: "atLeast", when: deep, disposition: "urgent" }],
    });
    document.facts = [...document.facts, { id: "follow_up", type: "boolean", label: "follow-up", question: "And?", askWhen: deep }];
    const result = safeParseRuleSet(document);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.slice(0, 3).map(String).join("."));
    expect(paths).toEqual(expect.arrayContaining(["rules.0.when", "invariants.0.when", `facts.${document.facts.length - 1}.askWhen`]));
    for (const issue of result.error!.issues) expect(issue.path.length).toBeGreaterThan(MAX_CONDITION_DEPTH);
  });
});
