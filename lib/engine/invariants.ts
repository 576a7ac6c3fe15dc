/**
 * The safety invariants a rule set must satisfy: the ones its authors wrote
 * (document.invariants) and one for every red-flag rule, derived here so that
 * nobody has to remember to write it.
 *
 * A red-flag rule's invariant reads "whenever <its condition>, the disposition
 * is at least <its disposition>". It is not circular: it fails when the rule is
 * disabled, and it keeps holding the rule set to the red flag whatever else is
 * answered or left unanswered. Authors who want a red flag pinned independently
 * of the rule (so that demoting the rule is caught) write an explicit invariant,
 * which survives edits of the rule.
 *
 * Pure and framework-free: the verifier (lib/verify), lint, the editor and the
 * review page all use these statements.
 */
import { describeCondition, factLookup, type FactLookup } from "./describe";
import type { Condition, Invariant, InvariantKind, RuleSet } from "./schema";

export const RED_FLAG_TAG = "red-flag";

export interface EffectiveInvariant {
  /** The author's id, or `red-flag:<ruleId>` for a derived one. */
  id: string;
  kind: InvariantKind;
  when: Condition;
  disposition: string;
  source: "document" | "red-flag";
  /** The rule a derived invariant comes from. */
  ruleId?: string;
  /** Index in document.invariants (explicit ones) for links into the editor. */
  index?: number;
  /** One plain-language sentence. */
  statement: string;
  rationale: string;
}

export function isRedFlagRule(rule: { tags: readonly string[] }): boolean {
  return rule.tags.includes(RED_FLAG_TAG);
}

export function redFlagInvariantId(ruleId: string): string {
  return `${RED_FLAG_TAG}:${ruleId}`;
}

/** "Whenever saddle numbness is yes, the disposition is at least Emergency." */
export function invariantStatement(
  invariant: Pick<Invariant, "kind" | "when" | "disposition">,
  ruleSet: Pick<RuleSet, "facts" | "dispositions">,
  lookup: FactLookup = factLookup(ruleSet),
): string {
  const disposition = ruleSet.dispositions.find((d) => d.id === invariant.disposition);
  const label = disposition ? `“${disposition.label}”` : `“${invariant.disposition}”`;
  const condition = describeCondition(invariant.when, lookup, { capitalize: false });
  const leastUrgent = ruleSet.dispositions.at(-1)?.id === invariant.disposition;
  const mostUrgent = ruleSet.dispositions[0]?.id === invariant.disposition;
  if (invariant.kind === "atLeast") {
    return `Whenever ${condition}, the disposition is ${label}${mostUrgent ? "" : " or more urgent"}.`;
  }
  return `The disposition is ${label}${leastUrgent ? "" : " or less urgent"} only when ${condition}.`;
}

/** Explicit invariants in document order, then one per red-flag rule (disabled ones included: disabling a red flag must be caught). */
export function effectiveInvariants(ruleSet: RuleSet): EffectiveInvariant[] {
  const lookup = factLookup(ruleSet);
  const explicit: EffectiveInvariant[] = (ruleSet.invariants ?? []).map((invariant, index) => ({
    id: invariant.id,
    kind: invariant.kind,
    when: invariant.when,
    disposition: invariant.disposition,
    source: "document",
    index,
    statement: invariantStatement(invariant, ruleSet, lookup),
    rationale: invariant.rationale,
  }));
  const derived: EffectiveInvariant[] = ruleSet.rules.filter(isRedFlagRule).map((rule) => ({
    id: redFlagInvariantId(rule.id),
    kind: "atLeast",
    when: rule.when,
    disposition: rule.disposition,
    source: "red-flag",
    ruleId: rule.id,
    statement: invariantStatement({ kind: "atLeast", when: rule.when, disposition: rule.disposition }, ruleSet, lookup),
    rationale: `Red-flag rule “${rule.title}”${rule.enabled ? "" : " (disabled)"}.`,
  }));
  return [...explicit, ...derived];
}
