/**
 * How the editor reads the solver's report (lib/verify/schemas.ts): what each
 * verdict means for the clinician, and when the document cannot be sent at all.
 * Pure, so the rules are tested without React.
 */
import { compile, RuleSetCompileError } from "@/lib/engine";
import { RuleSetSchema, type RuleSetInput } from "@/lib/engine/schema";
import type { ExactImpact, InvariantVerdict, VerificationReport } from "@/lib/verify/schemas";

/** What verifyDraftAction answers. */
export type VerifyDraftResult =
  | ({ ok: true; revision: number; unsaved: boolean; publishedVersion: number | null } & VerificationReport)
  | { ok: false; message: string };

/**
 * - proven: holds for every possible answer set;
 * - violated: a counterexample shows it does not;
 * - timeout: not decided within the time budget (NOT proven);
 * - unchecked: cannot be checked as written, e.g. it names a question that does not exist (NOT proven).
 */
export type VerdictKind = "proven" | "violated" | "timeout" | "unchecked";

export function verdictKind(verdict: Pick<InvariantVerdict, "status" | "message">): VerdictKind {
  if (verdict.status === "proven") return "proven";
  if (verdict.status === "violated") return "violated";
  return /^not decided in time/i.test(verdict.message ?? "") ? "timeout" : "unchecked";
}

export const VERDICT_LABELS: Readonly<Record<VerdictKind, string>> = {
  proven: "Proven",
  violated: "Violated",
  timeout: "Not decided in time",
  unchecked: "Cannot be checked",
};

/**
 * Why the document cannot be verified yet (the solver needs a document the
 * engine can compile), or null when it can be sent.
 */
export function unverifiableReason(doc: RuleSetInput): string | null {
  const parsed = RuleSetSchema.safeParse(doc);
  if (!parsed.success) {
    const count = parsed.error.issues.length;
    return `${count} ${count === 1 ? "field needs" : "fields need"} fixing first (see Checks).`;
  }
  try {
    compile(parsed.data);
    return null;
  } catch (error) {
    if (error instanceof RuleSetCompileError) {
      const count = error.issues.length;
      const first = error.issues[0]?.message ?? "";
      return `${count} ${count === 1 ? "error stops" : "errors stop"} the rule set from being evaluated (see Checks)${first ? `, e.g.: ${first}` : "."}`;
    }
    return "The rule set cannot be evaluated yet (see Checks).";
  }
}

export interface ImpactLine {
  tone: "ok" | "danger" | "warning" | "info";
  text: string;
}

/** The exact impact against the published version, reductions first, in one line. */
export function impactHeadline(impact: ExactImpact): ImpactLine {
  if (!impact.comparable) return { tone: "info", text: impact.message };
  const version = impact.publishedVersion ? `published version ${impact.publishedVersion}` : "the published version";
  const { reductions } = impact;
  if (reductions.status === "none") return { tone: "ok", text: `Proven: no answer set gets a less urgent result than in ${version}.` };
  const found = reductions.pairs.filter((p) => p.status === "found").length;
  const undecided = reductions.pairs.filter((p) => p.status === "undecided").length;
  if (reductions.status === "found") {
    return {
      tone: "danger",
      text:
        `${found} ${found === 1 ? "way" : "ways"} the draft gives a LESS urgent result than ${version}` +
        (undecided ? `; ${undecided} more not ruled out in time.` : ".") +
        " A reviewer must acknowledge each before publishing.",
    };
  }
  return { tone: "warning", text: `Reductions in urgency against ${version} could not be ruled out in time (${undecided}); they count as possible.` };
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
