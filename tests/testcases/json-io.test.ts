import { describe, expect, it } from "vitest";
import { parseTestCasesJson, testCasesToJson, type ImportResult } from "../../lib/testcases";
import { ruleSet } from "./helpers";

const good = { id: "ces", name: "Bladder", answers: { bladder: true }, expected: { disposition: "emergency" } };

function errorsOf(result: ImportResult) {
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("parseTestCasesJson", () => {
  it("accepts a list or { testCases }, fills defaults and derives missing ids from names", () => {
    const expected = [
      { ...good, tags: [], note: "" },
      { id: "saddle-numbness", name: "Saddle numbness", answers: { saddle: true }, expected: { disposition: "emergency" }, tags: [], note: "" },
    ];
    const input = [good, { name: "Saddle numbness", answers: { saddle: true }, expected: { disposition: "emergency" } }];
    expect(parseTestCasesJson(ruleSet, input)).toEqual({ ok: true, testCases: expected });
    expect(parseTestCasesJson(ruleSet, JSON.stringify({ testCases: input }))).toEqual({ ok: true, testCases: expected });
  });

  it("reads back what testCasesToJson writes", () => {
    const result = parseTestCasesJson(ruleSet, [good]);
    if (!result.ok) throw new Error("setup");
    expect(parseTestCasesJson(ruleSet, testCasesToJson(result.testCases))).toEqual(result);
  });

  it("reports file-level problems as row 0", () => {
    expect(errorsOf(parseTestCasesJson(ruleSet, "{ not json"))[0]).toMatchObject({ row: 0, message: expect.stringMatching(/^The file is not valid JSON/) });
    expect(errorsOf(parseTestCasesJson(ruleSet, { cases: [] }))).toEqual([
      { row: 0, message: "Expected a list of test cases, or an object with a “testCases” list." },
    ]);
    const many = Array.from({ length: 5001 }, (_, i) => ({ ...good, id: `c${i}`, name: `C${i}` }));
    expect(errorsOf(parseTestCasesJson(ruleSet, many))).toEqual([{ row: 0, message: "The file has 5001 test cases; a rule set can have at most 5000." }]);
  });

  it("reports shape, engine and reference problems per case (row = position from 1) with a path, and imports nothing", () => {
    const errors = errorsOf(
      parseTestCasesJson(ruleSet, [
        good,
        { ...good, id: "a", name: "Shape", expected: { disposition: "emergency", firedRule: ["x"] }, extra: 1 },
        { ...good, id: "b", name: "Answers", answers: { bladder: "yes", nope: 1, pain_score: 11 } },
        { ...good, id: "c", name: "Refs", expected: { disposition: "urgent", firedRules: ["nope"], guidance: ["g_nope"] } },
        { ...good, name: "Same id" },
        { ...good, id: "d" },
        "not an object",
      ]),
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, "expected"],
      [2, undefined],
      [3, "answers.bladder"],
      [3, "answers.nope"],
      [3, "answers.pain_score"],
      [4, "expected.disposition"],
      [4, "expected.firedRules"],
      [4, "expected.guidance"],
      [5, "id"],
      [6, "name"],
      [7, undefined],
    ]);
    expect(errors.find((e) => e.row === 3 && e.column === "answers.nope")?.message).toBe("“nope” is not a question in this rule set.");
    expect(errors.find((e) => e.row === 5)?.message).toBe("The id “ces” is already used by row 1; ids must be unique.");
  });
});
