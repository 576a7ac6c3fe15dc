/**
 * Checks a test case against one rule set with the engine's own answer checks,
 * so an import rejects exactly what evaluation would reject, with the same
 * messages. Used by the CSV and JSON importers; the runner reports the same
 * problems per case instead of rejecting the whole list.
 */
import { compile, isCompiledRuleSet, validateAnswers, type CompiledRuleSet, type RuleSet, type RuleSetInput } from "@/lib/engine";
import type { TestCaseExpected } from "./schema";

export type RuleSetLike = RuleSet | RuleSetInput | CompiledRuleSet;

export type CaseProblem =
  | { field: "answers"; factId: string | null; message: string }
  | { field: "disposition" | "firedRules" | "guidance"; message: string };

export function toCompiled(ruleSet: RuleSetLike): CompiledRuleSet {
  return isCompiledRuleSet(ruleSet) ? ruleSet : compile(ruleSet);
}

function list(ids: Iterable<string>): string {
  return [...ids].join(", ");
}

export function unknownDispositionMessage(compiled: CompiledRuleSet, id: string): string {
  return `The expected disposition “${id}” is not in this rule set; use one of: ${list(compiled.dispositions.map((d) => d.id))}.`;
}

export function checkTestCase(
  compiled: CompiledRuleSet,
  testCase: { answers: unknown; expected: Pick<TestCaseExpected, "disposition" | "firedRules" | "guidance"> },
): CaseProblem[] {
  const problems: CaseProblem[] = validateAnswers(compiled, testCase.answers).map((issue) => ({
    field: "answers" as const,
    factId: issue.factId,
    message: issue.message,
  }));
  const { ruleSet } = compiled;
  const { expected } = testCase;
  if (!ruleSet.dispositions.some((d) => d.id === expected.disposition)) {
    problems.push({ field: "disposition", message: unknownDispositionMessage(compiled, expected.disposition) });
  }
  // A disabled rule exists, so it is accepted: the run then fails and says it is disabled.
  const rules = new Set(ruleSet.rules.map((r) => r.id));
  for (const id of expected.firedRules ?? []) {
    if (!rules.has(id)) problems.push({ field: "firedRules", message: `The rule “${id}” that must fire is not in this rule set.` });
  }
  const guidance = new Set(ruleSet.guidance.map((g) => g.id));
  for (const id of expected.guidance ?? []) {
    if (!guidance.has(id)) problems.push({ field: "guidance", message: `The guidance “${id}” that must be shown is not in this rule set.` });
  }
  return problems;
}
