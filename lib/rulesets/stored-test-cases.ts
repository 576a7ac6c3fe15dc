import type { Prisma } from "@/lib/generated/prisma/client";
import { TestCaseListSchema, type TestCase } from "@/lib/testcases/schema";

/** Reads a version's stored test cases; they were validated on the way in, so a failure here is a bug. */
export function storedTestCases(json: Prisma.JsonValue): TestCase[] {
  return TestCaseListSchema.parse(json ?? []);
}
