/**
 * Test cases: a clinician's worked example ("these answers must give Emergency")
 * stored with each rule-set version. The single source of truth for their shape.
 *
 * Answers are only checked for shape here. Whether they fit the questions (fact
 * ids, options, bounds) depends on the rule set, so lib/testcases/validate.ts
 * checks them with the engine when a case is imported or run.
 */
import { z } from "zod";

export const MAX_TEST_CASES = 5000;

// Kebab or snake case: ids appear in URLs and CSV files, and slugs of names
// (the default id) are kebab case.
export const TEST_CASE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export const TestCaseIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(TEST_CASE_ID, "Use letters, digits, hyphens and underscores, starting with a letter or digit");

export const AnswerValueSchema = z.union([z.boolean(), z.number(), z.string(), z.array(z.string()), z.null()]);

// ";" separates list items in CSV files, so tags must not contain it.
const TagSchema = z.string().trim().min(1).max(50).regex(/^[^;]*$/, "A tag cannot contain “;”");
const RefSchema = z.string().trim().min(1).max(80).regex(/^[^;]*$/, "An id cannot contain “;”");

export const ExpectedSchema = z.strictObject({
  /** A disposition id of the rule set. */
  disposition: RefSchema,
  /** Rule ids that must fire (others may fire too). */
  firedRules: z.array(RefSchema).optional(),
  /** Guidance ids that must be shown (others may be shown too). */
  guidance: z.array(RefSchema).optional(),
});

// strictObject: a misspelt key such as "firedRule" must be an error, never a
// silently skipped check.
export const TestCaseSchema = z.strictObject({
  id: TestCaseIdSchema,
  name: z.string().trim().min(1).max(200),
  /** Keyed by fact id; null or a missing key means unanswered. */
  answers: z.record(z.string(), AnswerValueSchema),
  expected: ExpectedSchema,
  /** e.g. "red-flag". */
  tags: z.array(TagSchema).max(50).default([]),
  note: z.string().max(5000).default(""),
});

export type TestCase = z.output<typeof TestCaseSchema>;
export type TestCaseInput = z.input<typeof TestCaseSchema>;
export type TestCaseExpected = z.output<typeof ExpectedSchema>;

export interface DuplicateIssue {
  /** The later of the two cases. */
  index: number;
  /** The first case with the same value. */
  firstIndex: number;
  field: "id" | "name";
  value: string;
}

/** Repeated ids and names (names compared after trimming), reported on the later case. */
export function findDuplicates(list: ReadonlyArray<{ id?: string; name: string }>): DuplicateIssue[] {
  const issues: DuplicateIssue[] = [];
  const seen = { id: new Map<string, number>(), name: new Map<string, number>() };
  const check = (field: "id" | "name", value: string, index: number) => {
    const firstIndex = seen[field].get(value);
    if (firstIndex === undefined) seen[field].set(value, index);
    else issues.push({ index, firstIndex, field, value });
  };
  list.forEach((item, index) => {
    if (item.id !== undefined) check("id", item.id, index);
    check("name", item.name.trim(), index);
  });
  return issues;
}

/** "The name “Fever” is already used by <where>; names must be unique." */
export function duplicateMessage(issue: DuplicateIssue, where: string): string {
  return `The ${issue.field} “${issue.value}” is already used by ${where}; ${issue.field}s must be unique.`;
}

export const TestCaseListSchema = z
  .array(TestCaseSchema)
  .max(MAX_TEST_CASES, `A rule set can have at most ${MAX_TEST_CASES} test cases`)
  .superRefine((list, ctx) => {
    // Paths are [index, "id" | "name"], i.e. "1.name".
    for (const issue of findDuplicates(list)) {
      ctx.addIssue({ code: "custom", path: [issue.index, issue.field], message: duplicateMessage(issue, `the test case at index ${issue.firstIndex}`) });
    }
  });
