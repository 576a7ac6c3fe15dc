import type { Prisma } from "@/lib/generated/prisma/client";
import { DomainError, fieldIssues } from "@/lib/errors";
import { TestCaseListSchema, type TestCase } from "@/lib/testcases/schema";

/** Reads a version's stored test cases; they were validated on the way in, so a failure here is a bug. */
export function storedTestCases(json: Prisma.JsonValue): TestCase[] {
  return TestCaseListSchema.parse(json ?? []);
}

/**
 * Checks the shape of a test-case list (ids, names, unique). Whether the answers
 * fit the rule set is the test run's business: such a case runs as "invalid"
 * and blocks submission, but never stops an author from saving work in progress.
 */
export function parseTestCasesInput(input: unknown): TestCase[] {
  const result = TestCaseListSchema.safeParse(input);
  if (!result.success) {
    const fields = fieldIssues(result.error).map((field) => ({ ...field, path: `testCases.${field.path}` }));
    throw new DomainError(400, "invalid_test_cases", `The test cases are not valid: ${fields.slice(0, 3).map((f) => `${f.path} ${f.message}`).join("; ")}.`, fields);
  }
  return result.data;
}

export function testCasesJson(testCases: readonly TestCase[]): Prisma.InputJsonValue {
  return testCases as unknown as Prisma.InputJsonValue;
}
