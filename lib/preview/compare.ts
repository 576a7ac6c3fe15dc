/**
 * Impact of a draft on the rule set's own test cases: what each case gets from
 * the published version and from the draft, urgency reductions first.
 */
import { AnswersError, evaluate, type AnswerIssue, type Answers, type CompiledRuleSet } from "@/lib/engine";
import type { TestCaseInput } from "@/lib/testcases/schema";
import { toCompiled, type RuleSetLike } from "@/lib/testcases/validate";
import { urgencyComparator, type UrgencyChange } from "./urgency";

export type Outcome =
  | { valid: true; disposition: string | null; dispositionLabel: string | null; guidance: string[]; complete: boolean }
  /** The answers do not fit this version (e.g. the draft removed a question or an option). */
  | { valid: false; issues: AnswerIssue[] };

export interface CaseImpact {
  id: string;
  name: string;
  tags: string[];
  expectedDisposition: string;
  published: Outcome;
  draft: Outcome;
  dispositionChanged: boolean;
  guidanceChanged: boolean;
  /** "unknown": one side could not be evaluated. */
  urgency: UrgencyChange | "unknown";
  guidanceAdded: string[];
  guidanceRemoved: string[];
}

export interface TestCaseImpactTotals {
  total: number;
  dispositionChanged: number;
  guidanceChanged: number;
  reduced: number;
  increased: number;
  /** A case could not be evaluated against one of the versions. */
  unknown: number;
  unchanged: number;
}

export type TestCaseImpactReport =
  | {
      comparable: true;
      totals: TestCaseImpactTotals;
      /** Reductions first, then unknown, increases, other changes, unchanged; input order within each. */
      cases: CaseImpact[];
    }
  | {
      /** Nothing is published yet: every result is new, there is nothing to compare with. */
      comparable: false;
      message: string;
      totals: { total: number; invalid: number };
      cases: Array<{ id: string; name: string; tags: string[]; expectedDisposition: string; draft: Outcome; urgency: "new" }>;
    };

function outcome(compiled: CompiledRuleSet, answers: unknown): Outcome {
  try {
    const result = evaluate(compiled, answers as Answers, { trace: false });
    return {
      valid: true,
      disposition: result.disposition?.id ?? null,
      dispositionLabel: result.disposition?.label ?? null,
      guidance: result.guidance.map((g) => g.id),
      complete: result.complete,
    };
  } catch (error) {
    if (error instanceof AnswersError) return { valid: false, issues: [...error.issues] };
    throw error;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sortKey(c: CaseImpact): number {
  if (c.urgency === "reduced") return 0;
  if (c.urgency === "unknown") return 1;
  if (c.urgency === "increased") return 2;
  return c.dispositionChanged || c.guidanceChanged ? 3 : 4;
}

export function compareOnTestCases(published: RuleSetLike | null, draft: RuleSetLike, testCases: readonly TestCaseInput[]): TestCaseImpactReport {
  const draftCompiled = toCompiled(draft);
  const describe = (tc: TestCaseInput) => ({ id: tc.id, name: tc.name, tags: tc.tags ?? [], expectedDisposition: tc.expected.disposition });
  if (published === null) {
    const cases = testCases.map((tc) => ({ ...describe(tc), draft: outcome(draftCompiled, tc.answers), urgency: "new" as const }));
    return {
      comparable: false,
      message: "Nothing is published yet, so every result is new: there is no previous result to compare with.",
      totals: { total: cases.length, invalid: cases.filter((c) => !c.draft.valid).length },
      cases,
    };
  }

  const publishedCompiled = toCompiled(published);
  const compare = urgencyComparator(publishedCompiled, draftCompiled);
  const cases: CaseImpact[] = testCases.map((tc) => {
    const before = outcome(publishedCompiled, tc.answers);
    const after = outcome(draftCompiled, tc.answers);
    if (!before.valid || !after.valid) {
      // Becoming unevaluable is a change worth reviewing; both unevaluable is not news.
      const changed = before.valid !== after.valid;
      return {
        ...describe(tc),
        published: before,
        draft: after,
        dispositionChanged: changed,
        guidanceChanged: changed,
        urgency: changed ? "unknown" : "same",
        guidanceAdded: [],
        guidanceRemoved: [],
      };
    }
    return {
      ...describe(tc),
      published: before,
      draft: after,
      dispositionChanged: before.disposition !== after.disposition,
      guidanceChanged: !sameList(before.guidance, after.guidance),
      urgency: compare(before.disposition, after.disposition),
      guidanceAdded: after.guidance.filter((g) => !before.guidance.includes(g)),
      guidanceRemoved: before.guidance.filter((g) => !after.guidance.includes(g)),
    };
  });
  const sorted = cases
    .map((c, i) => [sortKey(c), i, c] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, , c]) => c);
  return {
    comparable: true,
    totals: {
      total: cases.length,
      dispositionChanged: cases.filter((c) => c.dispositionChanged).length,
      guidanceChanged: cases.filter((c) => c.guidanceChanged).length,
      reduced: cases.filter((c) => c.urgency === "reduced").length,
      increased: cases.filter((c) => c.urgency === "increased").length,
      unknown: cases.filter((c) => c.urgency === "unknown").length,
      unchanged: cases.filter((c) => !c.dispositionChanged && !c.guidanceChanged).length,
    },
    cases: sorted,
  };
}
