/**
 * Test cases as JSON: either an array of cases or `{ "testCases": [...] }`.
 * Errors use the CSV importer's shape; row = position in the list, from 1.
 */
import { z } from "zod";
import { failed, finishImport, tooManyCases, type ColumnNames, type DraftCase, type ImportError, type ImportResult } from "./import-result";
import { MAX_TEST_CASES, TestCaseSchema, type TestCaseInput } from "./schema";
import { toCompiled, type RuleSetLike } from "./validate";

// Same as a stored case, except the id may be left out and is then derived from the name.
const ImportedCaseSchema = TestCaseSchema.extend({ id: TestCaseSchema.shape.id.optional() });

const JSON_NAMES: ColumnNames = {
  id: "id",
  name: "name",
  problem: (p) =>
    p.field === "answers"
      ? p.factId === null
        ? "answers"
        : `answers.${p.factId}`
      : p.field === "disposition"
        ? "expected.disposition"
        : p.field === "firedRules"
          ? "expected.firedRules"
          : "expected.guidance",
};

/** `input` is the file's text or already-parsed JSON. All-or-nothing. */
export function parseTestCasesJson(ruleSet: RuleSetLike, input: unknown): ImportResult {
  let data = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input.replace(/^\uFEFF/, ""));
    } catch (error) {
      return failed([{ row: 0, message: `The file is not valid JSON: ${(error as Error).message}` }]);
    }
  }
  const list = Array.isArray(data)
    ? data
    : typeof data === "object" && data !== null && Array.isArray((data as { testCases?: unknown }).testCases)
      ? (data as { testCases: unknown[] }).testCases
      : null;
  if (list === null) {
    return failed([{ row: 0, message: "Expected a list of test cases, or an object with a “testCases” list." }]);
  }
  if (list.length > MAX_TEST_CASES) return failed([tooManyCases(list.length)]);

  const compiled = toCompiled(ruleSet);
  const errors: ImportError[] = [];
  const drafts: DraftCase[] = [];
  list.forEach((item, index) => {
    const row = index + 1;
    const parsed = ImportedCaseSchema.safeParse(item);
    if (parsed.success) drafts.push({ row, input: parsed.data });
    else errors.push(...zodErrors(parsed.error, row));
  });
  return finishImport(compiled, drafts, JSON_NAMES, errors);
}

function zodErrors(error: z.ZodError, row: number): ImportError[] {
  return error.issues.map((issue) => {
    const column = issue.path.map(String).join(".");
    return column === "" ? { row, message: issue.message } : { row, column, message: issue.message };
  });
}

/** Pretty-printed `{ "testCases": [...] }`, which parseTestCasesJson reads back. */
export function testCasesToJson(testCases: readonly TestCaseInput[]): string {
  return `${JSON.stringify({ testCases }, null, 2)}\n`;
}
