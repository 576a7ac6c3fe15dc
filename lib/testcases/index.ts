/** Test cases: schema, runner, coverage, CSV/JSON import and export. Pure: no I/O. */
export * from "./schema";
export { slugify, testCaseIdFromName, randomTestCaseId } from "./ids";
export { runTestCases, traceTestCase } from "./run";
export type { ActualOutcome, RunOptions, TestCaseResult, TestFailure, TestRunReport, TriageUrgency } from "./run";
export { coverage, unpinnedRedFlags } from "./coverage";
export type { CoverageItem, CoverageReport, CoverageSection } from "./coverage";
export { checkTestCase } from "./validate";
export type { CaseProblem, RuleSetLike } from "./validate";
export type { ImportError, ImportResult } from "./import-result";
export { CSV_COLUMNS, parseTestCasesCsv, testCasesToCsv } from "./csv";
export { NONE_SELECTED } from "./csv-cells";
export { parseTestCasesJson, testCasesToJson } from "./json-io";
