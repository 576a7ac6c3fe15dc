/**
 * Test cases as a spreadsheet: one row per case, one column per question.
 *
 * Columns: name, expected_disposition, id (optional), must_fire, must_show,
 * tags, note, then one column per fact id. Lists in a cell are separated by ";".
 * Errors name the row as a spreadsheet shows it (header = row 1) and the column.
 */
import Papa from "papaparse";
import type { Answers, AnswerValue, Fact } from "@/lib/engine";
import { escapeFormula, formatAnswerCell, joinList, parseAnswerCell, splitList, unescapeFormula } from "./csv-cells";
import { failed, finishImport, tooManyCases, type ColumnNames, type DraftCase, type ImportError, type ImportResult } from "./import-result";
import { MAX_TEST_CASES, TEST_CASE_ID, type TestCaseInput } from "./schema";
import { toCompiled, type RuleSetLike } from "./validate";

export const CSV_COLUMNS = ["name", "expected_disposition", "id", "must_fire", "must_show", "tags", "note"] as const;
type CaseColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED: readonly CaseColumn[] = ["name", "expected_disposition"];
const CASE_COLUMNS: ReadonlySet<string> = new Set(CSV_COLUMNS);

// A fact whose id is also a test-case column ("note") is written "fact:note";
// any fact column may be written that way.
const FACT_PREFIX = "fact:";
function factColumn(factId: string): string {
  return CASE_COLUMNS.has(factId) ? FACT_PREFIX + factId : factId;
}
function factIdOf(column: string): string | undefined {
  if (column.startsWith(FACT_PREFIX)) return column.slice(FACT_PREFIX.length);
  return CASE_COLUMNS.has(column) ? undefined : column;
}

const CSV_NAMES: ColumnNames = {
  id: "id",
  name: "name",
  problem: (p) =>
    p.field === "answers"
      ? factColumn(p.factId ?? "")
      : p.field === "disposition"
        ? "expected_disposition"
        : p.field === "firedRules"
          ? "must_fire"
          : "must_show",
};

/** Parses a CSV file of test cases for `ruleSet`. All-or-nothing. */
export function parseTestCasesCsv(ruleSet: RuleSetLike, text: string): ImportResult {
  const compiled = toCompiled(ruleSet);
  const body = text.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter: guessDelimiter(body) });
  // Papa counts records from 0 with the header as record 0, so record i is spreadsheet row i + 1.
  const syntaxErrors: ImportError[] = parsed.errors.map((e) => ({
    row: (e.row ?? -1) + 1,
    message: `The file is not valid CSV here: ${e.message}.`,
  }));
  if (syntaxErrors.length > 0) return failed(syntaxErrors);

  const records = parsed.data;
  if (records.length === 0 || records[0].every((cell) => cell.trim() === "")) {
    return failed([{ row: 1, message: `The first row must be the header, with at least the columns ${REQUIRED.join(" and ")}.` }]);
  }
  const header = records[0].map((cell) => cell.trim());
  const headerErrors = checkHeader(header, compiled.ruleSet.facts);
  if (headerErrors.length > 0) return failed(headerErrors);

  const factById = new Map(compiled.ruleSet.facts.map((f) => [f.id, f]));
  const errors: ImportError[] = [];
  const drafts: DraftCase[] = [];
  for (let i = 1; i < records.length; i++) {
    const record = records[i];
    if (record.every((cell) => cell.trim() === "")) continue;
    const row = i + 1;
    if (record.length !== header.length) {
      errors.push({ row, message: `This row has ${record.length} cells but the header has ${header.length} columns.` });
      continue;
    }
    const draft = parseRow(header, record.map(unescapeFormula), row, factById, errors);
    if (draft) drafts.push(draft);
  }
  if (drafts.length > MAX_TEST_CASES) return failed([tooManyCases(drafts.length)]);
  return finishImport(compiled, drafts, CSV_NAMES, errors);
}

/**
 * Spreadsheets set to some locales save with ";" or tabs. Only the header is
 * looked at: its cells are column names, which never contain a delimiter,
 * whereas data cells hold ";"-separated lists (Papa's own guess, which samples
 * data rows, picked ";" for valid comma files in property tests).
 */
function guessDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r|\n|$/));
  const count = (d: string) => header.split(d).length - 1;
  const best = [",", ";", "\t"].reduce((a, b) => (count(b) > count(a) ? b : a));
  return count(best) > 0 ? best : ",";
}

function checkHeader(header: readonly string[], facts: readonly Fact[]): ImportError[] {
  const factIds = new Set(facts.map((f) => f.id));
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  header.forEach((column, index) => {
    const factId = factIdOf(column);
    if (column === "") {
      errors.push({ row: 1, message: `Column ${index + 1} has no name in the header.` });
    } else if (seen.has(factId === undefined ? column : `${FACT_PREFIX}${factId}`)) {
      errors.push({ row: 1, column, message: `The column “${column}” appears twice in the header.` });
    } else if (factId !== undefined && !factIds.has(factId)) {
      errors.push({
        row: 1,
        column,
        message: `Unknown column “${column}”: it is neither a test-case column (${CSV_COLUMNS.join(", ")}) nor a question id in this rule set.`,
      });
    }
    seen.add(factId === undefined ? column : `${FACT_PREFIX}${factId}`);
  });
  for (const column of REQUIRED) {
    if (!seen.has(column)) errors.push({ row: 1, column, message: `The header has no “${column}” column; it is required.` });
  }
  return errors;
}

function parseRow(
  header: readonly string[],
  cells: readonly string[],
  row: number,
  factById: ReadonlyMap<string, Fact>,
  errors: ImportError[],
): DraftCase | null {
  const errorCount = errors.length;
  const answers: Record<string, AnswerValue> = {};
  const byColumn = new Map<string, string>();
  header.forEach((column, index) => {
    const factId = factIdOf(column);
    if (factId === undefined) {
      byColumn.set(column, cells[index]);
      return;
    }
    const result = parseAnswerCell(factById.get(factId)!, cells[index]);
    if (!result.ok) errors.push({ row, column, message: result.message });
    else if (result.value !== undefined) answers[factId] = result.value;
  });

  const name = (byColumn.get("name") ?? "").trim();
  if (name === "") errors.push({ row, column: "name", message: "Every test case needs a name." });
  else if (name.length > 200) errors.push({ row, column: "name", message: "The name is longer than 200 characters." });
  const disposition = (byColumn.get("expected_disposition") ?? "").trim();
  if (disposition === "") errors.push({ row, column: "expected_disposition", message: "Every test case needs the disposition it must end in." });
  const id = (byColumn.get("id") ?? "").trim();
  if (id !== "" && (id.length > 80 || !TEST_CASE_ID.test(id))) {
    errors.push({ row, column: "id", message: `“${id}” is not a valid id: use up to 80 letters, digits, hyphens and underscores, starting with a letter or digit.` });
  }
  if (errors.length > errorCount) return null;

  const firedRules = splitList(byColumn.get("must_fire") ?? "");
  const guidance = splitList(byColumn.get("must_show") ?? "");
  const input: DraftCase["input"] = {
    ...(id === "" ? {} : { id }),
    name,
    answers: answers as Answers as TestCaseInput["answers"],
    expected: {
      disposition,
      ...(firedRules.length > 0 ? { firedRules } : {}),
      ...(guidance.length > 0 ? { guidance } : {}),
    },
    tags: splitList(byColumn.get("tags") ?? ""),
    note: byColumn.get("note") ?? "",
  };
  return { row, input };
}

/**
 * The CSV the importer reads back: case columns in the documented order, then
 * the rule set's facts in document order, then (so nothing is lost silently)
 * any answered question the rule set no longer has; importing such a file
 * fails on that column until the answers are fixed.
 */
export function testCasesToCsv(ruleSet: RuleSetLike, testCases: readonly TestCaseInput[]): string {
  const facts = toCompiled(ruleSet).ruleSet.facts;
  const factById = new Map(facts.map((f) => [f.id, f]));
  const extra = new Set<string>();
  for (const testCase of testCases) {
    for (const [key, value] of Object.entries(testCase.answers)) if (!factById.has(key) && value !== null && value !== undefined) extra.add(key);
  }
  const factIds = [...facts.map((f) => f.id), ...[...extra].sort()];
  const fields = [...CSV_COLUMNS, ...factIds.map(factColumn)];
  const data = testCases.map((testCase) => {
    const answers = testCase.answers as Record<string, unknown>;
    const caseCells: Record<CaseColumn, string> = {
      name: testCase.name,
      expected_disposition: testCase.expected.disposition,
      id: testCase.id,
      must_fire: joinList(testCase.expected.firedRules),
      must_show: joinList(testCase.expected.guidance),
      tags: joinList(testCase.tags),
      note: testCase.note ?? "",
    };
    const cells = [...CSV_COLUMNS.map((c) => caseCells[c]), ...factIds.map((id) => formatAnswerCell(factById.get(id), answers[id]))];
    return cells.map(escapeFormula);
  });
  return Papa.unparse({ fields, data }, { newline: "\r\n" }) + "\r\n";
}
