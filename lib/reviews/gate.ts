/**
 * The publication gate: everything a version must satisfy before it may be
 * submitted, approved and published, enforced by the lifecycle services (so
 * for the dashboard and the API alike), at submit and again at publish.
 *
 * 1. tests: lint clean; every test case valid and passing;
 * 2. coverage: every enabled rule fired by at least one test case, and every
 *    red-flag rule pinned by a test case tagged `red-flag` (unpinnedRedFlags);
 *    an admin may waive THIS part for one rule set, with a reason (audited);
 * 3. invariants: every safety invariant proven by the solver ("undecided"
 *    counts as not proven). Never waivable: no setting can switch this off;
 * 4. reductions (approve and publish): every reduction in urgency against the
 *    published version that the exact impact finds (or cannot rule out in
 *    time) acknowledged by the approving reviewer with a reason.
 *
 * Pure: the caller runs the solver and reads the database. Each problem says
 * where to fix it.
 */
import { lintRuleSet, type RuleSet } from "@/lib/engine";
import { coverage, runTestCases, unpinnedRedFlags, type TestCaseInput } from "@/lib/testcases";
import type { ImpactPair, VerificationReport } from "@/lib/verify/schemas";
import type { Acknowledgement } from "./schemas";

export type GateCode =
  | "lint_error"
  | "test_failing"
  | "test_invalid"
  | "rule_not_exercised"
  | "red_flag_not_pinned"
  | "invariant_violated"
  | "invariant_undecided"
  | "reduction_not_acknowledged";

export interface GateProblem {
  code: GateCode;
  /** Plain language, for the clinician. */
  message: string;
  /** The dashboard page where it is fixed. */
  href: string;
  /** What the link does, e.g. "Open the rule in the editor". */
  fix: string;
  /** Coverage problems only: an admin's waiver for the rule set lifts them. */
  waivable: boolean;
}

export interface GateInput {
  slug: string;
  number: number;
  /** Drafts are fixed in the editor; frozen versions in a new draft started from them. */
  isDraft: boolean;
  document: RuleSet;
  testCases: readonly TestCaseInput[];
  /** The solver's report on this version (against the published version, for reductions); null when lint errors stopped it. */
  verification: VerificationReport | null;
  coverageWaived: boolean;
  /** Approve/publish: what the approving reviewers acknowledged. Omitted at submit. */
  acknowledgements?: readonly Acknowledgement[];
}

const enc = encodeURIComponent;

/** Every reason the version may not pass, in the order a clinician would fix them. */
export function gateProblems(input: GateInput): GateProblem[] {
  const { slug, document } = input;
  const draftBase = `/rulesets/${enc(slug)}/draft`;
  const where = (draftPath: string, fix: string) =>
    input.isDraft ? { href: draftPath, fix } : { href: `/rulesets/${enc(slug)}`, fix: "Start a new draft from this version to fix it" };
  const problems: GateProblem[] = [];

  // 1. Lint and tests.
  const lintErrors = lintRuleSet(document).filter((issue) => issue.severity === "error");
  for (const issue of lintErrors) {
    problems.push({ code: "lint_error", message: `Lint error: ${issue.message}`, ...where(`${draftBase}?path=${enc(issue.path)}`, "Open it in the editor"), waivable: false });
  }
  if (lintErrors.length > 0) return problems; // nothing else can be evaluated reliably
  const report = runTestCases(document, input.testCases);
  for (const result of report.results) {
    const open = where(`${draftBase}/tests?case=${enc(result.id)}`, "Open the test case");
    if (result.status === "fail") {
      problems.push({ code: "test_failing", message: `Test case “${result.name}” fails: ${result.failures.map((f) => f.message).join("; ")}`, ...open, waivable: false });
    }
    if (result.status === "invalid") {
      problems.push({ code: "test_invalid", message: `Test case “${result.name}” is invalid: ${(result.issues ?? []).map((i) => i.message).join("; ")}`, ...open, waivable: false });
    }
  }

  // 2. Coverage (waivable).
  if (!input.coverageWaived) {
    for (const rule of coverage(document, report).rules.uncovered) {
      problems.push({
        code: "rule_not_exercised",
        message: `Rule “${rule.label}” is not exercised: no test case makes it fire.`,
        ...where(`${draftBase}/tests?newCaseForRule=${enc(rule.id)}`, "Add a test case for it"),
        waivable: true,
      });
    }
    for (const rule of unpinnedRedFlags(document, input.testCases)) {
      const disposition = document.rules.find((r) => r.id === rule.id)?.disposition ?? "";
      const label = document.dispositions.find((d) => d.id === disposition)?.label ?? disposition;
      problems.push({
        code: "red_flag_not_pinned",
        message: `Red-flag rule “${rule.label}” is not pinned: add a test case tagged “red-flag” that expects “${label}” and lists this rule among the rules that must fire.`,
        ...where(`${draftBase}/tests?newCaseForRule=${enc(rule.id)}`, "Add a red-flag test case"),
        waivable: true,
      });
    }
  }

  // 3. Invariants (never waivable).
  if (!input.verification) throw new Error("The gate needs the solver's verification once lint is clean.");
  for (const verdict of input.verification.invariants) {
    if (verdict.status === "proven") continue;
    const open = where(`${draftBase}?${verdict.source === "red-flag" && verdict.ruleId ? `rule=${enc(verdict.ruleId)}` : `invariant=${enc(verdict.id)}`}`, "Open it in the editor");
    if (verdict.status === "violated") {
      const example = verdict.counterexample;
      const gets = example?.outcome ? ` gets “${example.outcome.label ?? "no disposition"}”` : "";
      problems.push({
        code: "invariant_violated",
        message: `Invariant not met: ${verdict.statement} Counterexample: ${example?.description ?? "(none)"}${gets}.`,
        ...open,
        waivable: false,
      });
    } else {
      problems.push({ code: "invariant_undecided", message: `Invariant not proven: ${verdict.statement} ${verdict.message ?? ""}`.trim(), ...open, waivable: false });
    }
  }

  // 4. Reductions against the published version, once a reviewer is involved.
  if (input.acknowledgements && input.verification.impact.comparable) {
    for (const pair of unacknowledged(input.verification.impact.reductions.pairs, input.acknowledgements)) {
      problems.push({
        code: "reduction_not_acknowledged",
        message: `${reductionText(pair, input.verification.impact.publishedVersion)} was not acknowledged with a reason by an approving reviewer.`,
        href: `/rulesets/${enc(slug)}/versions/${input.number}/review#reductions`,
        fix: "Acknowledge it on the review page",
        waivable: false,
      });
    }
  }
  return problems;
}

/** The reductions a reviewer must acknowledge: found, or not ruled out in time. */
export function reductionsToAcknowledge(verification: VerificationReport): ImpactPair[] {
  if (!verification.impact.comparable) return [];
  return verification.impact.reductions.pairs.filter((pair) => pair.status !== "none");
}

export function unacknowledged(pairs: readonly ImpactPair[], acknowledgements: readonly Acknowledgement[]): ImpactPair[] {
  return pairs.filter(
    (pair) =>
      pair.status !== "none" &&
      !acknowledgements.some((a) => a.published === pair.published.disposition && a.draft === pair.draft.disposition && a.reason.trim().length > 0),
  );
}

/** "Published v1 gives “Emergency” where this version gives “Urgent” (e.g. leg tingling yes)". */
export function reductionText(pair: ImpactPair, publishedVersion: number | null): string {
  const before = pair.published.label ?? "no disposition";
  const after = pair.draft.label ?? "no disposition";
  const example = pair.counterexample ? ` (e.g. ${pair.counterexample.description})` : pair.status === "undecided" ? " (not ruled out in time)" : "";
  return `Published version${publishedVersion ? ` ${publishedVersion}` : ""} gives “${before}” where this version gives “${after}”${example}`;
}
