import { describe, expect, it } from "vitest";
import { describeCondition, type Condition } from "../../lib/engine";
import { makeRuleSet, yes } from "./fixtures";

const ruleSet = makeRuleSet([]);
const say = (c: Condition) => describeCondition(c, ruleSet);

describe("describeCondition", () => {
  it("renders OR of yes/no questions using short labels", () => {
    expect(say({ any: [yes("bladder"), yes("saddle")] })).toBe("Loss of bladder control is yes OR saddle numbness is yes");
  });

  it("renders numbers with the unit as written", () => {
    expect(say({ fact: "duration", op: "gt", value: { value: 72, unit: "hours" } })).toBe("Symptom duration is more than 72 hours");
    expect(say({ fact: "duration", op: "gt", value: { value: 3, unit: "days" } })).toBe("Symptom duration is more than 3 days");
    expect(say({ fact: "duration", op: "lte", value: { value: 1, unit: "days" } })).toBe("Symptom duration is at most 1 day");
    expect(say({ fact: "temperature", op: "gte", value: { value: 38.5, unit: "°C" } })).toBe("Temperature is at least 38.5 °C");
    expect(say({ fact: "pain_score", op: "lt", value: 4 })).toBe("Pain score is less than 4");
    expect(say({ fact: "duration", op: "between", min: { value: 2, unit: "days" }, max: { value: 1, unit: "weeks" } })).toBe(
      "Symptom duration is between 2 days and 1 week",
    );
  });

  it("renders choices with option labels", () => {
    expect(say({ fact: "onset", op: "eq", value: "sudden" })).toBe("Onset is suddenly");
    expect(say({ fact: "onset", op: "in", values: ["sudden", "gradual", "unsure"] })).toBe("Onset is one of suddenly, gradually or not sure");
    expect(say({ fact: "areas", op: "includes", value: "leg" })).toBe("Painful areas includes leg");
    expect(say({ fact: "areas", op: "in", values: ["leg", "groin"] })).toBe("Painful areas includes any of leg or groin");
  });

  it("wraps nested groups in parentheses and renders NOT", () => {
    const c: Condition = {
      all: [yes("fever"), { any: [yes("bladder"), { not: { fact: "pain_score", op: "lt", value: 4 } }] }],
    };
    expect(say(c)).toBe("Fever is yes AND (loss of bladder control is yes OR NOT (pain score is less than 4))");
  });

  it("answered / notAnswered / no / neq", () => {
    expect(say({ fact: "fever", op: "notAnswered" })).toBe("Fever has not been answered");
    expect(say({ fact: "fever", op: "answered" })).toBe("Fever has been answered");
    expect(say({ fact: "fever", op: "eq", value: false })).toBe("Fever is no");
    expect(say({ fact: "onset", op: "neq", value: "sudden" })).toBe("Onset is not suddenly");
  });

  it("falls back to the quoted question when a fact has no short label", () => {
    const set = makeRuleSet([]);
    const noLabel = { ...set, facts: set.facts.map((f) => (f.id === "fever" ? { ...f, label: undefined } : f)) };
    expect(describeCondition(yes("fever"), noLabel)).toBe("“Do you have a fever?” is yes");
  });

  it("never throws on unknown facts or options (half-edited documents)", () => {
    expect(say(yes("nope"))).toBe("[unknown question “nope”] is yes");
    expect(say({ fact: "onset", op: "eq", value: "slow" })).toBe("Onset is “slow”");
    expect(say({ all: [] })).toBe("Always");
    expect(say({ any: [] })).toBe("Never");
  });

  it("can leave the first letter alone", () => {
    expect(describeCondition(yes("fever"), ruleSet, { capitalize: false })).toBe("fever is yes");
  });
});
