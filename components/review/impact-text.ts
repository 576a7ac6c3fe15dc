import type { ImpactPair, VerifiedOutcome } from "@/lib/verify/schemas";

/** "Emergency", or "no disposition" when no rule fires and there is no default. */
export function outcomeLabel(outcome: Pick<VerifiedOutcome, "label" | "disposition">): string {
  return outcome.label ?? (outcome.disposition === null ? "no disposition" : outcome.disposition);
}

/**
 * "Published version 1 gives “Emergency” where this version gives “Urgent”",
 * the way the gate words it (lib/reviews/gate.ts reductionText), without the example.
 */
export function pairSentence(pair: Pick<ImpactPair, "published" | "draft">, publishedVersion: number | null, subject = "this version"): string {
  return `Published version${publishedVersion ? ` ${publishedVersion}` : ""} gives “${outcomeLabel(pair.published)}” where ${subject} gives “${outcomeLabel(pair.draft)}”`;
}

/** The pairs that matter in one direction: found first, then those not ruled out in time. */
export function pairsToShow(pairs: readonly ImpactPair[]): ImpactPair[] {
  return [...pairs.filter((pair) => pair.status === "found"), ...pairs.filter((pair) => pair.status === "undecided")];
}

/** "the smallest answer set that shows it" or a caution that a smaller one may exist. */
export function minimalNote(minimal: boolean): string {
  return minimal ? "No answer set with fewer answers shows it." : "A smaller answer set may show it too (not proven minimal in time).";
}
