import { describe, expect, it } from "vitest";
import {
  AnswersError,
  answerIssuesFromZod,
  answersSchema,
  compile,
  evaluate,
  validateAnswers,
  type Answers,
} from "../../lib/engine";
import { makeRuleSet, yes } from "./fixtures";

const ruleSet = makeRuleSet([{ id: "r", when: yes("fever"), disposition: "emergency" }]);
const compiled = compile(ruleSet);

function issuesFor(answers: unknown) {
  return validateAnswers(compiled, answers);
}

describe("validateAnswers", () => {
  it("accepts valid answers and treats null as unanswered", () => {
    expect(issuesFor({ fever: true, duration: 12.5, onset: "sudden", areas: ["back", "leg"], bladder: null })).toEqual([]);
    expect(issuesFor({})).toEqual([]);
  });

  it.each([
    [{ feverr: true }, "feverr", /not a question/],
    [{ fever: "yes" }, "fever", /must be true or false/],
    [{ duration: "12" }, "duration", /must be a number/],
    [{ duration: Number.NaN }, "duration", /finite number, got NaN/],
    [{ duration: Number.POSITIVE_INFINITY }, "duration", /finite number/],
    [{ duration: -1 }, "duration", /at least 0 hours, got -1 hours/],
    [{ duration: 2001 }, "duration", /at most 2000 hours/],
    [{ temperature: 50 }, "temperature", /at most 45 °C/],
    [{ onset: "fast" }, "onset", /not an option; expected one of: sudden, gradual, unsure/],
    [{ onset: ["sudden"] }, "onset", /must be one option id/],
    [{ areas: "back" }, "areas", /must be a list of option ids/],
    [{ areas: ["back", "knee"] }, "areas", /"knee", which is not an option/],
    [{ areas: ["back", "back"] }, "areas", /more than once/],
  ])("%j -> problem with %s", (answers, factId, message) => {
    const issues = issuesFor(answers);
    expect(issues).toHaveLength(1);
    expect(issues[0].factId).toBe(factId);
    expect(issues[0].message).toMatch(message);
    expect(issues[0].message).toContain(factId);
  });

  it("lists every problem, each with its fact id", () => {
    const issues = issuesFor({ fever: 1, duration: Number.NaN, nope: true, onset: "sudden" });
    expect(issues.map((i) => i.factId)).toEqual(["fever", "duration", "nope"]);
  });

  it("rejects answers that are not an object", () => {
    for (const bad of [null, [], "fever", 3]) {
      const issues = issuesFor(bad);
      expect(issues).toHaveLength(1);
      expect(issues[0].factId).toBeNull();
    }
  });
});

describe("evaluate() validates first", () => {
  it("throws AnswersError with issues naming each fact", () => {
    let caught: unknown;
    try {
      evaluate(compiled, { fever: "yes", duration: -5 } as unknown as Answers);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AnswersError);
    const error = caught as AnswersError;
    expect(error.issues.map((i) => i.factId)).toEqual(["fever", "duration"]);
    expect(error.message).toContain("fever");
    expect(error.message).toContain("duration");
  });

  it("throws for an unknown fact id rather than ignoring it", () => {
    expect(() => evaluate(compiled, { fevr: true })).toThrow(AnswersError);
  });

  it("throws even with trace off", () => {
    expect(() => evaluate(compiled, { duration: Number.NaN }, { trace: false })).toThrow(/duration/);
  });
});

describe("answersSchema (zod, for the API)", () => {
  const schema = answersSchema(compiled.ruleSet);
  it("accepts what validateAnswers accepts", () => {
    const ok = { fever: true, areas: ["leg"], onset: null };
    expect(schema.safeParse(ok).success).toBe(true);
  });
  it("reports the same problems with the same messages", () => {
    const cases: unknown[] = [
      { fever: "yes" },
      { duration: Number.NaN, nope: 1 },
      { areas: ["back", "knee"], onset: "fast", temperature: 10 },
      [],
    ];
    for (const answers of cases) {
      const parsed = schema.safeParse(answers);
      expect(parsed.success).toBe(false);
      if (parsed.success) continue;
      const fromZod = answerIssuesFromZod(parsed.error);
      const direct = issuesFor(answers);
      expect(fromZod.map((i) => i.factId)).toEqual(direct.map((i) => i.factId));
      if (!Array.isArray(answers)) expect(fromZod.map((i) => i.message)).toEqual(direct.map((i) => i.message));
    }
  });
});
