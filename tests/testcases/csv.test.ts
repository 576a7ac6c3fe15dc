import { describe, expect, it } from "vitest";
import { parseTestCasesCsv, testCasesToCsv, type ImportResult, type TestCase } from "../../lib/testcases";
import { ruleSet, testCase } from "./helpers";

const HEADER = "name,expected_disposition,id,must_fire,must_show,tags,note,fever,bladder,saddle,duration,temperature,pain_score,onset,areas";

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join("\n");
}

function errorsOf(result: ImportResult) {
  if (result.ok) throw new Error(`expected errors, got ${result.testCases.length} cases`);
  return result.errors;
}

function casesOf(result: ImportResult): TestCase[] {
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.testCases;
}

describe("parseTestCasesCsv: happy path", () => {
  it("converts every cell by the fact's type; empty cells are unanswered", () => {
    const cases = casesOf(
      parseTestCasesCsv(
        ruleSet,
        "\uFEFF" +
          csv(
            'Bladder red flag,emergency,ces-1,bladder,g_cauda; g_emergency,red-flag;adult,"Checks CES, first",No,YES,0,72.5,38,7,sudden,back;leg',
            "Nothing,self_care,,,,,,,false,FALSE,,,,,(none)",
            "",
            "Only duration,self_care,,short,,,,,,,1,,,,",
          ),
      ),
    );
    expect(cases).toEqual([
      {
        id: "ces-1",
        name: "Bladder red flag",
        answers: { fever: false, bladder: true, saddle: false, duration: 72.5, temperature: 38, pain_score: 7, onset: "sudden", areas: ["back", "leg"] },
        expected: { disposition: "emergency", firedRules: ["bladder"], guidance: ["g_cauda", "g_emergency"] },
        tags: ["red-flag", "adult"],
        note: "Checks CES, first",
      },
      { id: "nothing", name: "Nothing", answers: { bladder: false, saddle: false, areas: [] }, expected: { disposition: "self_care" }, tags: [], note: "" },
      { id: "only-duration", name: "Only duration", answers: { duration: 1 }, expected: { disposition: "self_care", firedRules: ["short"] }, tags: [], note: "" },
    ]);
  });

  it("needs only name and expected_disposition plus any fact columns, in any order", () => {
    const cases = casesOf(parseTestCasesCsv(ruleSet, "saddle,expected_disposition,name\r\n1,emergency,Saddle\r\n"));
    expect(cases).toEqual([{ id: "saddle", name: "Saddle", answers: { saddle: true }, expected: { disposition: "emergency" }, tags: [], note: "" }]);
  });

  it("generates stable ids from names, avoiding ids given in the file and each other", () => {
    const cases = casesOf(parseTestCasesCsv(ruleSet, "name,expected_disposition,id\nFever!,self_care,\nFever?,self_care,\nOther,self_care,fever\n"));
    expect(cases.map((c) => c.id)).toEqual(["fever-2", "fever-3", "fever"]);
  });

  it("reads files saved with ; as the delimiter", () => {
    const cases = casesOf(parseTestCasesCsv(ruleSet, 'name;expected_disposition;areas\nA;see_doctor;"back;groin"\n'));
    expect(cases[0].answers).toEqual({ areas: ["back", "groin"] });
  });
});

describe("parseTestCasesCsv: file-level errors", () => {
  it("names an unknown column", () => {
    expect(errorsOf(parseTestCasesCsv(ruleSet, "name,expected_disposition,fevr\nA,self_care,yes\n"))).toEqual([
      {
        row: 1,
        column: "fevr",
        message: "Unknown column “fevr”: it is neither a test-case column (name, expected_disposition, id, must_fire, must_show, tags, note) nor a question id in this rule set.",
      },
    ]);
  });

  it("requires name and expected_disposition, and rejects repeated or unnamed columns", () => {
    const errors = errorsOf(parseTestCasesCsv(ruleSet, "fever,fever,\nyes,no,\n"));
    expect(errors).toEqual([
      { row: 1, column: "fever", message: "The column “fever” appears twice in the header." },
      { row: 1, message: "Column 3 has no name in the header." },
      { row: 1, column: "name", message: "The header has no “name” column; it is required." },
      { row: 1, column: "expected_disposition", message: "The header has no “expected_disposition” column; it is required." },
    ]);
  });

  it("rejects an empty file and broken quoting", () => {
    expect(errorsOf(parseTestCasesCsv(ruleSet, ""))[0]).toMatchObject({ row: 1 });
    const errors = errorsOf(parseTestCasesCsv(ruleSet, 'name,expected_disposition\nA,self_care\n"B,self_care\n'));
    expect(errors[0].row).toBe(3);
    expect(errors[0].message).toMatch(/not valid CSV/);
  });
});

describe("parseTestCasesCsv: row-level errors (all-or-nothing)", () => {
  it("reports each problem with the spreadsheet row and column, and imports nothing", () => {
    const errors = errorsOf(
      parseTestCasesCsv(
        ruleSet,
        csv(
          "Good,emergency,,,,,,,yes,,,,,,", // row 2: fine on its own
          "Bad boolean,emergency,,,,,,maybe,,,,,,,", // row 3
          "Bad number,emergency,,,,,,,,,3 days,,,,", // row 4
          "Out of range,emergency,,,,,,,,,,50,11,,", // row 5
          "Unknown option,emergency,,,,,,,,,,,,fast,back;knee", // row 6
          "Twice,emergency,,,,,,,,,,,,,back;back", // row 7
          ",emergency,,,,,,,,,,,,,", // row 8
          "No disposition,,,,,,,,,,,,,,", // row 9
          "Unknown refs,emergncy,,bladder;nope,g_nope,,,,,,,,,,", // row 10
          "Bad id,emergency,has space,,,,,,,,,,,,", // row 11
          "Good,emergency,,,,,,,,,,,,,", // row 12: same name as row 2
          "Short row,emergency", // row 13
        ),
      ),
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, "fever"],
      [4, "duration"],
      [5, "temperature"],
      [5, "pain_score"],
      [6, "onset"],
      [6, "areas"],
      [7, "areas"],
      [8, "name"],
      [9, "expected_disposition"],
      [10, "expected_disposition"],
      [10, "must_fire"],
      [10, "must_show"],
      [11, "id"],
      [12, "name"],
      [13, undefined],
    ]);
    const message = (row: number, column?: string) => errors.find((e) => e.row === row && e.column === column)!.message;
    expect(message(3, "fever")).toBe("“maybe” is not a yes/no answer; use yes, no, true, false, 1 or 0, or leave the cell empty if unanswered.");
    expect(message(4, "duration")).toMatch(/“3 days” is not a number/);
    // Range and option checks are the engine's, with the engine's words.
    expect(message(5, "temperature")).toBe("Answer to “temperature” must be at most 45 °C, got 50 °C.");
    expect(message(5, "pain_score")).toBe("Answer to “pain_score” must be at most 10, got 11.");
    expect(message(6, "onset")).toContain("not an option");
    expect(message(6, "areas")).toContain("knee");
    expect(message(10, "expected_disposition")).toBe("The expected disposition “emergncy” is not in this rule set; use one of: emergency, see_doctor, self_care.");
    expect(message(10, "must_fire")).toBe("The rule “nope” that must fire is not in this rule set.");
    expect(message(10, "must_show")).toBe("The guidance “g_nope” that must be shown is not in this rule set.");
    expect(message(12, "name")).toBe("The name “Good” is already used by row 2; names must be unique.");
    expect(message(13)).toBe("This row has 2 cells but the header has 15 columns.");
  });

  it("rejects a repeated id", () => {
    const errors = errorsOf(parseTestCasesCsv(ruleSet, "name,expected_disposition,id\nA,self_care,x\nB,self_care,x\n"));
    expect(errors).toEqual([{ row: 3, column: "id", message: "The id “x” is already used by row 2; ids must be unique." }]);
  });
});

describe("testCasesToCsv", () => {
  const cases: TestCase[] = [
    testCase({
      id: "ces-1",
      name: "Bladder, with comma",
      answers: { bladder: true, fever: false, duration: 0.1 + 0.2, onset: "gradual", areas: [], temperature: null },
      expected: { disposition: "emergency", firedRules: ["bladder"], guidance: ["g_cauda", "g_emergency"] },
      tags: ["red-flag", "adult"],
      note: 'Line one\nline "two"',
    }),
    testCase({ id: "f", name: "=HYPERLINK(1)", answers: { areas: ["back", "groin"], pain_score: 0 }, expected: { disposition: "self_care" }, note: "-3 is a note" }),
  ];

  it("writes the documented columns, then facts in document order", () => {
    const text = testCasesToCsv(ruleSet, cases);
    expect(text.startsWith(`${HEADER}\r\n`)).toBe(true);
    expect(text).toContain(
      '\r\n"Bladder, with comma",emergency,ces-1,bladder,g_cauda;g_emergency,red-flag;adult,"Line one\nline ""two""",no,yes,,0.30000000000000004,,,gradual,(none)\r\n',
    );
    // Cells a spreadsheet would run as formulas are neutralised; numbers are left alone.
    expect(text).toContain("'=HYPERLINK(1)");
    expect(text).toContain("'-3 is a note");
  });

  it("round-trips through the importer", () => {
    const back = casesOf(parseTestCasesCsv(ruleSet, testCasesToCsv(ruleSet, cases)));
    // null answers become missing keys: both mean unanswered.
    expect(back).toEqual([{ ...cases[0], answers: { bladder: true, fever: false, duration: 0.1 + 0.2, onset: "gradual", areas: [] } }, cases[1]]);
  });

  it("keeps answers to questions the rule set no longer has as extra columns, which the importer then rejects", () => {
    const text = testCasesToCsv(ruleSet, [testCase({ id: "old", answers: { removed_fact: true }, expected: { disposition: "self_care" } })]);
    expect(text.split("\r\n")[0].endsWith(",removed_fact")).toBe(true);
    expect(errorsOf(parseTestCasesCsv(ruleSet, text))[0]).toMatchObject({ row: 1, column: "removed_fact" });
  });
});
