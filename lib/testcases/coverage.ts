/**
 * What the test cases leave untested: enabled rules no case fires, dispositions
 * no case ends in, guidance no case shows. Every evaluated case counts (passing
 * or failing): a failing case still exercises the rules it fires.
 */
import { isCompiledRuleSet, parseRuleSet } from "@/lib/engine";
import { isRedFlagRule, RED_FLAG_TAG } from "@/lib/engine/invariants";
import type { TestRunReport } from "./run";
import type { TestCaseInput } from "./schema";
import type { RuleSetLike } from "./validate";

export interface CoverageItem {
  id: string;
  /** Rule title, disposition label or guidance title. */
  label: string;
  /** Rules only, so the UI can highlight untested red flags. */
  tags?: string[];
}

export interface CoverageSection {
  total: number;
  covered: number;
  /** 0–100, one decimal; null when there is nothing to cover. */
  percent: number | null;
  /** In document order. */
  uncovered: CoverageItem[];
}

export interface CoverageReport {
  /** Cases that could be evaluated (invalid ones are left out). */
  casesConsidered: number;
  /** Enabled rules only: disabled rules cannot fire. */
  rules: CoverageSection;
  dispositions: CoverageSection;
  guidance: CoverageSection;
}

function section(items: readonly CoverageItem[], hit: ReadonlySet<string>): CoverageSection {
  const uncovered = items.filter((item) => !hit.has(item.id));
  const covered = items.length - uncovered.length;
  return {
    total: items.length,
    covered,
    percent: items.length === 0 ? null : Math.round((covered / items.length) * 1000) / 10,
    uncovered,
  };
}

export function coverage(ruleSet: RuleSetLike, report: Pick<TestRunReport, "results">): CoverageReport {
  // Only the document is needed, not a compiled one.
  const doc = isCompiledRuleSet(ruleSet) ? ruleSet.ruleSet : parseRuleSet(ruleSet);
  const rules = new Set<string>();
  const dispositions = new Set<string>();
  const guidance = new Set<string>();
  let casesConsidered = 0;
  for (const result of report.results) {
    if (result.actual === null) continue;
    casesConsidered++;
    for (const id of result.actual.firedRules) rules.add(id);
    if (result.actual.disposition !== null) dispositions.add(result.actual.disposition);
    for (const id of result.actual.guidance) guidance.add(id);
  }
  return {
    casesConsidered,
    rules: section(
      doc.rules.filter((r) => r.enabled).map((r) => ({ id: r.id, label: r.title, tags: r.tags })),
      rules,
    ),
    dispositions: section(doc.dispositions.map((d) => ({ id: d.id, label: d.label })), dispositions),
    guidance: section(doc.guidance.map((g) => ({ id: g.id, label: g.title })), guidance),
  };
}

/**
 * Red-flag rules no test case pins. A red flag is pinned by a test case tagged
 * `red-flag` that requires the rule to fire (expected.firedRules) and expects
 * its disposition: so a change that stops the rule firing, or demotes it,
 * fails a test that says which red flag it was. Enabled rules only (a disabled
 * red flag is caught by its invariant).
 */
export function unpinnedRedFlags(ruleSet: RuleSetLike, testCases: readonly Pick<TestCaseInput, "tags" | "expected">[]): CoverageItem[] {
  const doc = isCompiledRuleSet(ruleSet) ? ruleSet.ruleSet : parseRuleSet(ruleSet);
  const pins = testCases.filter((tc) => (tc.tags ?? []).includes(RED_FLAG_TAG));
  return doc.rules
    .filter((rule) => rule.enabled && isRedFlagRule(rule))
    .filter((rule) => !pins.some((tc) => tc.expected.disposition === rule.disposition && (tc.expected.firedRules ?? []).includes(rule.id)))
    .map((rule) => ({ id: rule.id, label: rule.title, tags: rule.tags }));
}
