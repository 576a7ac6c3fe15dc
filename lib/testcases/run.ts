/**
 * Runs test cases against a rule set and says, in plain language, which ones
 * fail and how. Under-triage (a less urgent result than expected) is the
 * failure that can hurt someone, so it is counted and worded separately.
 */
import {
  AnswersError,
  evaluate,
  type AnswerIssue,
  type Answers,
  type CompiledRuleSet,
  type EvaluationResult,
  type EvaluationTrace,
} from "@/lib/engine";
import type { TestCaseExpected, TestCaseInput } from "./schema";
import { toCompiled, unknownDispositionMessage, type RuleSetLike } from "./validate";

/** The actual result relative to the expected one: "lower" is UNDER-TRIAGE. */
export type TriageUrgency = "lower" | "higher" | "same";

export interface ActualOutcome {
  /** Disposition id, or null when no rule fired and there is no default. */
  disposition: string | null;
  dispositionLabel: string | null;
  decidedBy: EvaluationResult["decidedBy"];
  firedRules: string[];
  /** Guidance ids in the order shown. */
  guidance: string[];
  complete: boolean;
  missingFacts: string[];
}

export type TestFailure =
  | { kind: "disposition"; message: string; expected: string; actual: string | null; urgency: "lower" | "higher" }
  | { kind: "missing-rule"; message: string; ruleId: string }
  | { kind: "missing-guidance"; message: string; guidanceId: string };

export interface TestCaseResult {
  id: string;
  name: string;
  tags: string[];
  status: "pass" | "fail" | "invalid";
  expected: TestCaseExpected;
  /** null when the answers could not be evaluated. */
  actual: ActualOutcome | null;
  failures: TestFailure[];
  /** null when it cannot be told (invalid case). */
  urgency: TriageUrgency | null;
  /** The result is less urgent than expected. */
  underTriage: boolean;
  /** Unanswered questions could still change the result; reported, not a failure by itself. */
  incomplete: boolean;
  /** Why the case is invalid: the engine's answer issues, or an unknown expected disposition (factId null). */
  issues?: AnswerIssue[];
  /** Only with `{ trace: true }`; null when the case is invalid. */
  trace?: EvaluationTrace | null;
}

export interface TestRunReport {
  total: number;
  passed: number;
  failed: number;
  invalid: number;
  /** Cases whose result is LESS urgent than expected. */
  underTriage: number;
  incomplete: number;
  /** In the order the cases were given. */
  results: TestCaseResult[];
}

export interface RunOptions {
  /** Attach each case's explanation (2–5× slower). Default off; traceTestCase explains one case on demand. */
  trace?: boolean;
}

/** Compiles once, then evaluates every case. Throws only if the rule set itself cannot be compiled. */
export function runTestCases(ruleSet: RuleSetLike, testCases: readonly TestCaseInput[], options: RunOptions = {}): TestRunReport {
  const compiled = toCompiled(ruleSet);
  const rankOf = new Map(compiled.dispositions.map((d, i) => [d.id, i]));
  const report: TestRunReport = { total: testCases.length, passed: 0, failed: 0, invalid: 0, underTriage: 0, incomplete: 0, results: [] };
  for (const testCase of testCases) {
    const result = runOne(compiled, rankOf, testCase, options.trace === true);
    if (result.status === "pass") report.passed++;
    else if (result.status === "fail") report.failed++;
    else report.invalid++;
    if (result.underTriage) report.underTriage++;
    if (result.incomplete) report.incomplete++;
    report.results.push(result);
  }
  return report;
}

/** One case with the full explanation, for "show the trace". Throws AnswersError when its answers do not fit the rule set. */
export function traceTestCase(ruleSet: RuleSetLike, testCase: Pick<TestCaseInput, "answers">): EvaluationResult {
  return evaluate(toCompiled(ruleSet), testCase.answers as Answers, { trace: true });
}

function runOne(compiled: CompiledRuleSet, rankOf: ReadonlyMap<string, number>, testCase: TestCaseInput, trace: boolean): TestCaseResult {
  const base = { id: testCase.id, name: testCase.name, tags: testCase.tags ?? [], expected: testCase.expected, ...(trace ? { trace: null } : {}) };
  let evaluation: EvaluationResult;
  try {
    evaluation = evaluate(compiled, testCase.answers as Answers, { trace });
  } catch (error) {
    if (!(error instanceof AnswersError)) throw error;
    return { ...base, status: "invalid", actual: null, failures: [], urgency: null, underTriage: false, incomplete: false, issues: [...error.issues] };
  }
  const actual: ActualOutcome = {
    disposition: evaluation.disposition?.id ?? null,
    dispositionLabel: evaluation.disposition?.label ?? null,
    decidedBy: evaluation.decidedBy,
    firedRules: evaluation.firedRules,
    guidance: evaluation.guidance.map((g) => g.id),
    complete: evaluation.complete,
    missingFacts: evaluation.missingFacts,
  };
  const incomplete = !evaluation.complete;
  const expectedRank = rankOf.get(testCase.expected.disposition);
  if (expectedRank === undefined) {
    const issues = [{ factId: null, message: unknownDispositionMessage(compiled, testCase.expected.disposition) }];
    return { ...base, status: "invalid", actual, failures: [], urgency: null, underTriage: false, incomplete, issues, ...(trace ? { trace: evaluation.trace } : {}) };
  }

  const failures: TestFailure[] = [];
  // No disposition at all is treated as the least urgent outcome: the client
  // falls back to generic advice, which is never more than the rule set's own.
  const actualRank = actual.disposition === null ? Infinity : rankOf.get(actual.disposition)!;
  const urgency: TriageUrgency = actualRank > expectedRank ? "lower" : actualRank < expectedRank ? "higher" : "same";
  if (urgency !== "same") {
    const expectedLabel = compiled.dispositions[expectedRank].label;
    failures.push({
      kind: "disposition",
      message: dispositionMessage(expectedLabel, actual.dispositionLabel, urgency),
      expected: testCase.expected.disposition,
      actual: actual.disposition,
      urgency,
    });
  }
  const fired = new Set(actual.firedRules);
  for (const ruleId of testCase.expected.firedRules ?? []) {
    if (!fired.has(ruleId)) failures.push({ kind: "missing-rule", message: missingRuleMessage(compiled, ruleId), ruleId });
  }
  const shown = new Set(actual.guidance);
  for (const guidanceId of testCase.expected.guidance ?? []) {
    if (!shown.has(guidanceId)) failures.push({ kind: "missing-guidance", message: missingGuidanceMessage(compiled, guidanceId), guidanceId });
  }
  return {
    ...base,
    status: failures.length === 0 ? "pass" : "fail",
    actual,
    failures,
    urgency,
    underTriage: urgency === "lower",
    incomplete,
    ...(trace ? { trace: evaluation.trace } : {}),
  };
}

function dispositionMessage(expected: string, actual: string | null, urgency: "lower" | "higher"): string {
  const got = actual ?? "no disposition (no rule fired and the rule set has no default)";
  return urgency === "lower"
    ? `Expected ${expected} but got ${got} — LESS URGENT than expected (under-triage).`
    : `Expected ${expected} but got ${got} — more urgent than expected (over-triage).`;
}

function missingRuleMessage(compiled: CompiledRuleSet, ruleId: string): string {
  const rule = compiled.ruleSet.rules.find((r) => r.id === ruleId);
  if (!rule) return `Rule “${ruleId}” was expected to fire, but it is not in this rule set.`;
  if (!rule.enabled) return `Rule “${rule.title}” (${ruleId}) was expected to fire, but it is disabled.`;
  return `Rule “${rule.title}” (${ruleId}) was expected to fire, but did not.`;
}

function missingGuidanceMessage(compiled: CompiledRuleSet, guidanceId: string): string {
  const guidance = compiled.guidanceById.get(guidanceId);
  if (!guidance) return `Guidance “${guidanceId}” was expected to be shown, but it is not in this rule set.`;
  return `Guidance “${guidance.title}” (${guidanceId}) was expected to be shown, but was not.`;
}
