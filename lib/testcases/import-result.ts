/**
 * What an import returns. Imports are all-or-nothing: a clinician fixes the
 * file and imports it again, rather than ending up with half a suite.
 */
import type { CompiledRuleSet } from "@/lib/engine";
import { duplicateMessage, findDuplicates, MAX_TEST_CASES, TestCaseSchema, type TestCase, type TestCaseInput } from "./schema";
import { testCaseIdFromName } from "./ids";
import { checkTestCase, type CaseProblem } from "./validate";

export interface ImportError {
  /**
   * Where the problem is, counted as a spreadsheet shows it: CSV header = row 1,
   * first data row = row 2; JSON: the case's position in the list, from 1.
   * 0 = the file as a whole.
   */
  row: number;
  /** CSV column name, or JSON path such as "expected.disposition" or "answers.fever". */
  column?: string;
  message: string;
}

export type ImportResult = { ok: true; testCases: TestCase[] } | { ok: false; errors: ImportError[] };

// A file for the wrong rule set can produce an error per cell; past this the
// list helps nobody and only bloats the response.
export const MAX_IMPORT_ERRORS = 500;

export function failed(errors: readonly ImportError[]): ImportResult {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  if (sorted.length <= MAX_IMPORT_ERRORS) return { ok: false, errors: sorted };
  const shown = sorted.slice(0, MAX_IMPORT_ERRORS);
  shown.push({ row: 0, message: `…and ${sorted.length - MAX_IMPORT_ERRORS} more problems. Fix these and import again.` });
  return { ok: false, errors: shown };
}

export function tooManyCases(count: number): ImportError {
  return { row: 0, message: `The file has ${count} test cases; a rule set can have at most ${MAX_TEST_CASES}.` };
}

/** A parsed case before ids are assigned, with the row it came from. */
export interface DraftCase {
  row: number;
  input: Omit<TestCaseInput, "id"> & { id?: string };
}

/** How a format names the place of a problem (CSV column vs JSON path). */
export interface ColumnNames {
  id: string;
  name: string;
  problem: (problem: CaseProblem) => string;
}

/**
 * The steps both importers share: engine validation against the rule set,
 * unique ids and names, ids generated from names, then the schema as a last
 * check so nothing leaves here that TestCaseListSchema would reject.
 */
export function finishImport(
  compiled: CompiledRuleSet,
  drafts: readonly DraftCase[],
  columns: ColumnNames,
  /** Problems found while reading rows that produced no draft; reported together with these checks. */
  earlier: readonly ImportError[] = [],
): ImportResult {
  if (drafts.length > MAX_TEST_CASES) return failed([tooManyCases(drafts.length)]);
  const errors: ImportError[] = [...earlier];
  for (const draft of drafts) {
    for (const problem of checkTestCase(compiled, draft.input)) {
      errors.push({ row: draft.row, column: columns.problem(problem), message: problem.message });
    }
  }
  for (const issue of findDuplicates(drafts.map((d) => ({ id: d.input.id, name: d.input.name })))) {
    errors.push({
      row: drafts[issue.index].row,
      column: issue.field === "id" ? columns.id : columns.name,
      message: duplicateMessage(issue, `row ${drafts[issue.firstIndex].row}`),
    });
  }
  if (errors.length > 0) return failed(errors);

  const taken = new Set(drafts.flatMap((d) => (d.input.id === undefined ? [] : [d.input.id])));
  const testCases: TestCase[] = [];
  for (const draft of drafts) {
    let id = draft.input.id;
    if (id === undefined) {
      id = testCaseIdFromName(draft.input.name, taken);
      taken.add(id);
    }
    const parsed = TestCaseSchema.safeParse({ ...draft.input, id });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row: draft.row, column: issue.path.join(".") || undefined, message: issue.message });
    } else {
      testCases.push(parsed.data);
    }
  }
  return errors.length > 0 ? failed(errors) : { ok: true, testCases };
}
