import { describe, expect, it } from "vitest";
import { compile, evaluate, type Answers, type Condition } from "../../lib/engine";
import { makeRuleSet } from "./fixtures";

/** The three-valued result of one condition for one set of answers, read from the trace. */
function truthOf(when: Condition, answers: Answers): string {
  const compiled = compile(makeRuleSet([{ id: "r", when, disposition: "emergency" }]));
  const result = evaluate(compiled, answers);
  const fired = result.firedRules.includes("r");
  const traced = result.trace!.rules[0].result;
  // The fast path and the trace must always agree.
  expect(fired).toBe(traced === "true");
  expect(evaluate(compiled, answers, { trace: false }).firedRules.includes("r")).toBe(fired);
  return traced;
}

describe("boolean comparisons", () => {
  it("eq / neq", () => {
    expect(truthOf({ fact: "fever", op: "eq", value: true }, { fever: true })).toBe("true");
    expect(truthOf({ fact: "fever", op: "eq", value: true }, { fever: false })).toBe("false");
    expect(truthOf({ fact: "fever", op: "eq", value: false }, { fever: false })).toBe("true");
    expect(truthOf({ fact: "fever", op: "neq", value: true }, { fever: false })).toBe("true");
    expect(truthOf({ fact: "fever", op: "neq", value: true }, { fever: true })).toBe("false");
  });
  it("is unknown when unanswered — a missing answer is never 'no'", () => {
    expect(truthOf({ fact: "fever", op: "eq", value: true }, {})).toBe("unknown");
    expect(truthOf({ fact: "fever", op: "eq", value: false }, {})).toBe("unknown");
    expect(truthOf({ fact: "fever", op: "neq", value: true }, {})).toBe("unknown");
    expect(truthOf({ fact: "fever", op: "eq", value: false }, { fever: null })).toBe("unknown");
  });
});

describe("number comparisons", () => {
  const d = (op: "lt" | "lte" | "gt" | "gte" | "eq" | "neq", value: number) =>
    ({ fact: "duration", op, value: { value, unit: "hours" } }) as Condition;
  it.each([
    ["lt", 10, 9, "true"],
    ["lt", 10, 10, "false"],
    ["lte", 10, 10, "true"],
    ["lte", 10, 10.1, "false"],
    ["gt", 10, 10, "false"],
    ["gt", 10, 10.5, "true"],
    ["gte", 10, 10, "true"],
    ["gte", 10, 9.99, "false"],
    ["eq", 10, 10, "true"],
    ["eq", 10, 11, "false"],
    ["neq", 10, 11, "true"],
    ["neq", 10, 10, "false"],
  ] as const)("%s %d with answer %d is %s", (op, threshold, answer, expected) => {
    expect(truthOf(d(op, threshold), { duration: answer })).toBe(expected);
  });
  it("between is inclusive at both ends", () => {
    const between: Condition = { fact: "duration", op: "between", min: { value: 48, unit: "hours" }, max: { value: 72, unit: "hours" } };
    expect(truthOf(between, { duration: 48 })).toBe("true");
    expect(truthOf(between, { duration: 72 })).toBe("true");
    expect(truthOf(between, { duration: 60 })).toBe("true");
    expect(truthOf(between, { duration: 47.9 })).toBe("false");
    expect(truthOf(between, { duration: 72.1 })).toBe("false");
    expect(truthOf(between, {})).toBe("unknown");
  });
  it("unitless facts take bare numbers", () => {
    expect(truthOf({ fact: "pain_score", op: "gte", value: 7 }, { pain_score: 7 })).toBe("true");
    expect(truthOf({ fact: "pain_score", op: "gte", value: 7 }, { pain_score: 6 })).toBe("false");
  });
  it("every numeric operator is unknown when unanswered", () => {
    for (const op of ["lt", "lte", "gt", "gte", "eq", "neq"] as const) expect(truthOf(d(op, 5), {})).toBe("unknown");
  });
});

describe("unit conversion", () => {
  it("'more than 3 days' on an hours fact means more than 72 hours", () => {
    const moreThan3Days: Condition = { fact: "duration", op: "gt", value: { value: 3, unit: "days" } };
    expect(truthOf(moreThan3Days, { duration: 72 })).toBe("false");
    expect(truthOf(moreThan3Days, { duration: 72.5 })).toBe("true");
    expect(truthOf({ fact: "duration", op: "eq", value: { value: 3, unit: "days" } }, { duration: 72 })).toBe("true");
  });
  it("converts minutes and weeks", () => {
    expect(truthOf({ fact: "duration", op: "eq", value: { value: 90, unit: "minutes" } }, { duration: 1.5 })).toBe("true");
    expect(truthOf({ fact: "duration", op: "gte", value: { value: 2, unit: "weeks" } }, { duration: 336 })).toBe("true");
    expect(truthOf({ fact: "duration", op: "gte", value: { value: 2, unit: "weeks" } }, { duration: 335 })).toBe("false");
  });
  it("converts °F to °C (affine, not a factor)", () => {
    const feverF: Condition = { fact: "temperature", op: "gte", value: { value: 100.4, unit: "°F" } };
    expect(truthOf(feverF, { temperature: 38.1 })).toBe("true");
    expect(truthOf(feverF, { temperature: 37.9 })).toBe("false");
  });
  it("between may mix units", () => {
    const c: Condition = { fact: "duration", op: "between", min: { value: 1, unit: "days" }, max: { value: 1, unit: "weeks" } };
    expect(truthOf(c, { duration: 24 })).toBe("true");
    expect(truthOf(c, { duration: 168 })).toBe("true");
    expect(truthOf(c, { duration: 23 })).toBe("false");
  });
});

describe("single-choice comparisons", () => {
  it("eq / neq / in", () => {
    expect(truthOf({ fact: "onset", op: "eq", value: "sudden" }, { onset: "sudden" })).toBe("true");
    expect(truthOf({ fact: "onset", op: "eq", value: "sudden" }, { onset: "gradual" })).toBe("false");
    expect(truthOf({ fact: "onset", op: "neq", value: "sudden" }, { onset: "gradual" })).toBe("true");
    expect(truthOf({ fact: "onset", op: "in", values: ["sudden", "unsure"] }, { onset: "unsure" })).toBe("true");
    expect(truthOf({ fact: "onset", op: "in", values: ["sudden", "unsure"] }, { onset: "gradual" })).toBe("false");
    expect(truthOf({ fact: "onset", op: "in", values: ["sudden"] }, {})).toBe("unknown");
  });
});

describe("multiple-choice comparisons", () => {
  it("includes: the answer contains the option", () => {
    expect(truthOf({ fact: "areas", op: "includes", value: "leg" }, { areas: ["back", "leg"] })).toBe("true");
    expect(truthOf({ fact: "areas", op: "includes", value: "leg" }, { areas: ["back"] })).toBe("false");
    expect(truthOf({ fact: "areas", op: "includes", value: "leg" }, { areas: [] })).toBe("false");
    expect(truthOf({ fact: "areas", op: "includes", value: "leg" }, {})).toBe("unknown");
  });
  it("in: any selected option is in the list", () => {
    expect(truthOf({ fact: "areas", op: "in", values: ["leg", "groin"] }, { areas: ["back", "groin"] })).toBe("true");
    expect(truthOf({ fact: "areas", op: "in", values: ["leg", "groin"] }, { areas: ["back"] })).toBe("false");
    expect(truthOf({ fact: "areas", op: "in", values: ["leg", "groin"] }, { areas: [] })).toBe("false");
  });
});

describe("answered / notAnswered", () => {
  it("are always decided, never unknown", () => {
    expect(truthOf({ fact: "fever", op: "answered" }, {})).toBe("false");
    expect(truthOf({ fact: "fever", op: "answered" }, { fever: false })).toBe("true");
    expect(truthOf({ fact: "fever", op: "notAnswered" }, {})).toBe("true");
    expect(truthOf({ fact: "fever", op: "notAnswered" }, { fever: null })).toBe("true");
    expect(truthOf({ fact: "areas", op: "answered" }, { areas: [] })).toBe("true");
  });
});
