/**
 * Static checks on a rule set, written for the clinician editing it. Each
 * finding carries a JSONPath so the editor can jump to the spot.
 *
 * Errors block publishing; warnings are things a reviewer should look at;
 * info notes are reminders (e.g. disabled rules).
 */
import { factLookup } from "./describe";
import type { LintIssue } from "./lint-types";
import { checkInvariantReferences, checkReferences, factsInCondition, forEachComparison, indexFacts } from "./references";
import { checkSatisfiable, implies, toNnf, type Nnf } from "./satisfiability";
import { factLabel, isAll, isAny, isNot, safeParseRuleSet, type Condition, type RuleSet } from "./schema";

export type { LintCode, LintIssue, LintSeverity } from "./lint-types";

/** Lints a document as stored (it need not be valid: shape problems come back as "schema" errors). */
export function lintRuleSet(document: unknown): LintIssue[] {
  const parsed = safeParseRuleSet(document);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      severity: "error",
      code: "schema",
      message: `The document is not in the rule-set format here: ${issue.message}.`,
      path: toJsonPath(issue.path),
    }));
  }
  const ruleSet = parsed.data;
  return [
    ...checkReferences(ruleSet),
    ...checkInvariantReferences(ruleSet),
    ...checkFactBounds(ruleSet),
    ...checkConditions(ruleSet),
    ...checkUsage(ruleSet),
  ];
}

export function toJsonPath(segments: readonly PropertyKey[]): string {
  let path = "$";
  for (const s of segments) {
    if (typeof s === "number") path += `[${s}]`;
    else if (typeof s === "string" && /^[A-Za-z_$][\w$]*$/.test(s)) path += `.${s}`;
    else path += `[${JSON.stringify(String(s))}]`;
  }
  return path;
}

const q = (text: string) => `“${text}”`;

function checkFactBounds(ruleSet: RuleSet): LintIssue[] {
  const issues: LintIssue[] = [];
  ruleSet.facts.forEach((fact, i) => {
    if (fact.type === "number" && fact.min !== undefined && fact.max !== undefined && fact.min > fact.max) {
      issues.push({
        severity: "error",
        code: "fact-bounds-invalid",
        message: `${q(factLabel(fact))} has a smallest allowed answer (${fact.min}) above its largest (${fact.max}), so no answer would be accepted.`,
        path: `$.facts[${i}]`,
        factId: fact.id,
      });
    }
  });
  return issues;
}

/** Contradictions, out-of-range values and rules shadowed by more urgent ones. */
function checkConditions(ruleSet: RuleSet): LintIssue[] {
  const issues: LintIssue[] = [];
  const facts = indexFacts(ruleSet.facts);
  const lookup = factLookup(ruleSet);
  const rankOf = new Map(ruleSet.dispositions.map((d, i) => [d.id, i]));

  const checkBounds = (owner: string, path: string, condition: RuleSet["rules"][number]["when"], ruleId?: string) => {
    forEachComparison(condition, path, (comparison, p) => {
      const fact = facts.get(comparison.fact);
      if (!fact || fact.type !== "number" || (fact.min === undefined && fact.max === undefined)) return;
      const result = checkSatisfiable(toNnf(comparison, facts, lookup), facts);
      if (result.satisfiable === false) {
        issues.push({
          severity: "warning",
          code: "value-out-of-bounds",
          message: `${owner}: ${result.reason}, so this comparison never holds.`,
          path: p,
          factId: fact.id,
          ...(ruleId ? { ruleId } : {}),
        });
      }
    });
  };

  ruleSet.facts.forEach((fact, i) => {
    if (fact.askWhen) checkBounds(`The follow-up condition of ${q(factLabel(fact))}`, `$.facts[${i}].askWhen`, fact.askWhen);
  });

  const analysed: { index: number; nnf: Nnf; rank: number | undefined; canFire: boolean }[] = [];
  ruleSet.rules.forEach((rule, i) => {
    checkBounds(`Rule ${q(rule.title)}`, `$.rules[${i}].when`, rule.when, rule.id);
    const nnf = toNnf(rule.when, facts, lookup);
    const result = checkSatisfiable(nnf, facts);
    if (result.satisfiable === false) {
      issues.push({
        severity: "error",
        code: "rule-never-fires",
        message: `Rule ${q(rule.title)} can never fire: ${result.reason}.`,
        path: `$.rules[${i}].when`,
        ruleId: rule.id,
        ...(result.factId ? { factId: result.factId } : {}),
      });
    }
    if (result.satisfiable !== false && countComparisons(rule.when) === 0) {
      // An empty "all of" is true: a rule saved before its conditions were added would triage everyone.
      issues.push({
        severity: "warning",
        code: "rule-without-condition",
        message: `Rule ${q(rule.title)} has no conditions yet, so it fires for everyone who is triaged.`,
        path: `$.rules[${i}].when`,
        ruleId: rule.id,
      });
    }
    analysed.push({ index: i, nnf, rank: rankOf.get(rule.disposition), canFire: result.satisfiable !== false });
  });

  // Shadowing: B never changes the outcome if, whenever B fires, a rule with a
  // strictly more urgent disposition fires too. Same-urgency rules are not
  // shadows: they still add their guidance.
  for (const b of analysed) {
    const ruleB = ruleSet.rules[b.index];
    if (!ruleB.enabled || !b.canFire || b.rank === undefined) continue;
    const shadow = analysed.find(
      (a) =>
        a !== b &&
        ruleSet.rules[a.index].enabled &&
        a.rank !== undefined &&
        a.rank < b.rank! &&
        implies(b.nnf, a.nnf, facts),
    );
    if (shadow) {
      const ruleA = ruleSet.rules[shadow.index];
      const dispositionA = ruleSet.dispositions[shadow.rank!];
      issues.push({
        severity: "warning",
        code: "rule-shadowed",
        message: `Rule ${q(ruleB.title)} can never change the result: whenever it fires, the more urgent rule ${q(ruleA.title)} (${dispositionA.label}) fires too. Make it more specific, change its disposition, or remove it.`,
        path: `$.rules[${b.index}]`,
        ruleId: ruleB.id,
        dispositionId: ruleB.disposition,
      });
    }
  }
  return issues;
}

/** Things defined but never used, or used without supporting content. */
function checkUsage(ruleSet: RuleSet): LintIssue[] {
  const issues: LintIssue[] = [];
  const usedFacts = new Set<string>();
  for (const rule of ruleSet.rules) for (const id of factsInCondition(rule.when)) usedFacts.add(id);
  // A question that only gates follow-ups still matters: it decides what is asked.
  for (const fact of ruleSet.facts) if (fact.askWhen) for (const id of factsInCondition(fact.askWhen)) usedFacts.add(id);

  ruleSet.facts.forEach((fact, i) => {
    if (!usedFacts.has(fact.id)) {
      issues.push({
        severity: "warning",
        code: "fact-unused",
        message: `The question ${q(factLabel(fact))} is not used by any rule or follow-up, so its answer never affects the result.`,
        path: `$.facts[${i}]`,
        factId: fact.id,
      });
    }
  });

  const enabledRules = ruleSet.rules.filter((r) => r.enabled);
  ruleSet.dispositions.forEach((disposition, i) => {
    const leading = enabledRules.filter((r) => r.disposition === disposition.id);
    if (leading.length === 0 && ruleSet.defaultDisposition !== disposition.id) {
      issues.push({
        severity: "warning",
        code: "disposition-unreachable",
        message: `No enabled rule leads to ${q(disposition.label)}, so nobody will ever be told to ${lowerFirst(disposition.action)}.`,
        path: `$.dispositions[${i}]`,
        dispositionId: disposition.id,
      });
    }
    const reachable = leading.length > 0 || ruleSet.defaultDisposition === disposition.id;
    if (reachable && disposition.guidance.length === 0 && leading.every((r) => r.guidance.length === 0)) {
      issues.push({
        severity: "warning",
        code: "disposition-without-guidance",
        message: `People sent to ${q(disposition.label)} get no guidance: neither the disposition nor any rule leading to it attaches a guidance block.`,
        path: `$.dispositions[${i}].guidance`,
        dispositionId: disposition.id,
      });
    }
  });

  const usedGuidance = new Set<string>();
  for (const rule of ruleSet.rules) for (const id of rule.guidance) usedGuidance.add(id);
  for (const disposition of ruleSet.dispositions) for (const id of disposition.guidance) usedGuidance.add(id);
  ruleSet.guidance.forEach((guidance, i) => {
    if (!usedGuidance.has(guidance.id)) {
      issues.push({
        severity: "warning",
        code: "guidance-unused",
        message: `The guidance ${q(guidance.title)} is not attached to any rule or disposition, so it is never shown.`,
        path: `$.guidance[${i}]`,
        guidanceId: guidance.id,
      });
    }
  });

  ruleSet.rules.forEach((rule, i) => {
    if (rule.enabled && rule.citations.length === 0) {
      issues.push({
        severity: "warning",
        code: "rule-without-citation",
        message: `Rule ${q(rule.title)} cites no source; add the statement it is based on so a reviewer can check it.`,
        path: `$.rules[${i}].citations`,
        ruleId: rule.id,
      });
    }
    if (!rule.enabled) {
      issues.push({
        severity: "info",
        code: "rule-disabled",
        message: `Rule ${q(rule.title)} is disabled and is not used when triaging.`,
        path: `$.rules[${i}].enabled`,
        ruleId: rule.id,
      });
    }
  });
  return issues;
}

function lowerFirst(text: string): string {
  // Actions are written as sentences; the message supplies its own full stop.
  return (text.charAt(0).toLowerCase() + text.slice(1)).replace(/[.\s]+$/, "");
}

function countComparisons(condition: Condition): number {
  if (isAll(condition)) return condition.all.reduce((sum, child) => sum + countComparisons(child), 0);
  if (isAny(condition)) return condition.any.reduce((sum, child) => sum + countComparisons(child), 0);
  if (isNot(condition)) return countComparisons(condition.not);
  return 1;
}
