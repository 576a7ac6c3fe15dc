import type { TestCase } from "@/lib/testcases/schema";

export interface TestCaseDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Test cases matched by id; names are what a clinician recognises. */
export function diffTestCases(before: readonly TestCase[], after: readonly TestCase[]): TestCaseDiff {
  const previous = new Map(before.map((testCase) => [testCase.id, testCase]));
  const next = new Map(after.map((testCase) => [testCase.id, testCase]));
  return {
    added: after.filter((testCase) => !previous.has(testCase.id)).map((testCase) => testCase.name),
    removed: before.filter((testCase) => !next.has(testCase.id)).map((testCase) => testCase.name),
    changed: after
      .filter((testCase) => previous.has(testCase.id) && JSON.stringify(previous.get(testCase.id)) !== JSON.stringify(testCase))
      .map((testCase) => testCase.name),
  };
}

export function isEmptyTestCaseDiff(diff: TestCaseDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0;
}

export function summarizeTestCaseDiff(diff: TestCaseDiff): string {
  const parts = [
    diff.added.length ? `${diff.added.length} added` : "",
    diff.changed.length ? `${diff.changed.length} changed` : "",
    diff.removed.length ? `${diff.removed.length} removed` : "",
  ].filter(Boolean);
  return parts.length ? `test cases: ${parts.join(", ")}` : "";
}
