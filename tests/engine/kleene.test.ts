import { describe, expect, it } from "vitest";
import { compile, evaluate, type Answers, type Condition } from "../../lib/engine";
import { kleeneAll, kleeneAny, kleeneNot, FALSE, TRUE, UNKNOWN, truthLabel, type Truth } from "../../lib/engine/truth";
import { makeRuleSet } from "./fixtures";

// fever / bladder encode a truth value each: true -> TRUE, false -> FALSE, unanswered -> UNKNOWN.
const leafA: Condition = { fact: "fever", op: "eq", value: true };
const leafB: Condition = { fact: "bladder", op: "eq", value: true };
const answerFor = (t: Truth): boolean | undefined => (t === TRUE ? true : t === FALSE ? false : undefined);
const VALUES: Truth[] = [FALSE, UNKNOWN, TRUE];

function resultOf(when: Condition, answers: Answers): string {
  const compiled = compile(makeRuleSet([{ id: "r", when, disposition: "emergency" }]));
  return evaluate(compiled, answers).trace!.rules[0].result;
}

function answersFor(a: Truth, b: Truth): Answers {
  const out: Record<string, boolean> = {};
  if (answerFor(a) !== undefined) out.fever = answerFor(a)!;
  if (answerFor(b) !== undefined) out.bladder = answerFor(b)!;
  return out;
}

// The reference truth tables, written out literally (Kleene's strong logic).
const AND: Record<string, string> = {
  "false,false": "false", "false,unknown": "false", "false,true": "false",
  "unknown,false": "false", "unknown,unknown": "unknown", "unknown,true": "unknown",
  "true,false": "false", "true,unknown": "unknown", "true,true": "true",
};
const OR: Record<string, string> = {
  "false,false": "false", "false,unknown": "unknown", "false,true": "true",
  "unknown,false": "unknown", "unknown,unknown": "unknown", "unknown,true": "true",
  "true,false": "true", "true,unknown": "true", "true,true": "true",
};

describe("Kleene truth tables", () => {
  for (const a of VALUES) {
    for (const b of VALUES) {
      const key = `${truthLabel(a)},${truthLabel(b)}`;
      it(`all(${key}) = ${AND[key]}, any(${key}) = ${OR[key]}`, () => {
        expect(resultOf({ all: [leafA, leafB] }, answersFor(a, b))).toBe(AND[key]);
        expect(resultOf({ any: [leafA, leafB] }, answersFor(a, b))).toBe(OR[key]);
        expect(truthLabel(kleeneAll([a, b]))).toBe(AND[key]);
        expect(truthLabel(kleeneAny([a, b]))).toBe(OR[key]);
      });
    }
    it(`not(${truthLabel(a)})`, () => {
      const expected = { false: "true", unknown: "unknown", true: "false" }[truthLabel(a)];
      expect(resultOf({ not: leafA }, answersFor(a, UNKNOWN))).toBe(expected);
      expect(truthLabel(kleeneNot(a))).toBe(expected);
    });
  }

  it("groups of three or more follow the same rules (min / max)", () => {
    const three = { fever: true, bladder: true } as Answers;
    const leafC: Condition = { fact: "saddle", op: "eq", value: true };
    expect(resultOf({ all: [leafA, leafB, leafC] }, three)).toBe("unknown");
    expect(resultOf({ all: [leafA, leafB, leafC] }, { ...three, saddle: false })).toBe("false");
    expect(resultOf({ any: [leafA, leafB, leafC] }, { fever: false, bladder: false })).toBe("unknown");
    expect(resultOf({ any: [leafA, leafB, leafC] }, { fever: false, bladder: false, saddle: true })).toBe("true");
  });

  it("empty groups: all() is true, any() is false", () => {
    expect(resultOf({ all: [] }, {})).toBe("true");
    expect(resultOf({ any: [] }, {})).toBe("false");
  });

  it("nested trees: not(any(A, all(B, C)))", () => {
    const tree: Condition = { not: { any: [leafA, { all: [leafB, { fact: "duration", op: "gt", value: { value: 3, unit: "days" } }] }] } };
    expect(resultOf(tree, { fever: false, bladder: true, duration: 80 })).toBe("false");
    expect(resultOf(tree, { fever: false, bladder: true, duration: 10 })).toBe("true");
    expect(resultOf(tree, { fever: false, bladder: true })).toBe("unknown");
    expect(resultOf(tree, { fever: false, bladder: false })).toBe("true");
    expect(resultOf(tree, { fever: true })).toBe("false");
  });

  it("a rule fires only when its condition is TRUE, never when UNKNOWN", () => {
    const compiled = compile(makeRuleSet([{ id: "r", when: { not: leafA }, disposition: "emergency" }]));
    expect(evaluate(compiled, {}).firedRules).toEqual([]);
    expect(evaluate(compiled, { fever: false }).firedRules).toEqual(["r"]);
  });
});
