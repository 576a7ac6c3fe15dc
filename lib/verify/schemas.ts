/**
 * What verification reports: the single source of truth for the admin API's
 * response, the JSON stored with each version, and the OpenAPI description.
 */
import { z } from "zod";

const AnswerValueSchema = z.union([z.boolean(), z.number(), z.string(), z.array(z.string())]);

export const VerifiedOutcomeSchema = z.object({
  disposition: z.string().nullable().describe("Disposition id; null = no disposition (no rule fired, no default)"),
  label: z.string().nullable(),
});
export type VerifiedOutcome = z.infer<typeof VerifiedOutcomeSchema>;

export const CounterexampleSchema = z.object({
  /** Only the answered questions; every other question is unanswered. */
  answers: z.record(z.string(), AnswerValueSchema),
  /** e.g. "leg numbness or tingling yes". */
  description: z.string(),
  /** What the version gives for these answers (invariants only). */
  outcome: VerifiedOutcomeSchema.optional(),
  /** True when no answer set with fewer answered questions shows the same problem (the solver proved it). */
  minimal: z.boolean(),
});
export type Counterexample = z.infer<typeof CounterexampleSchema>;

export const VerificationStatusSchema = z.enum(["proven", "violated", "undecided"]);
export type VerificationStatus = z.infer<typeof VerificationStatusSchema>;

export const InvariantVerdictSchema = z.object({
  id: z.string(),
  source: z.enum(["document", "red-flag"]).describe("Written by the authors, or derived from a red-flag rule"),
  ruleId: z.string().optional(),
  index: z.number().int().optional().describe("Position in document.invariants"),
  kind: z.enum(["atLeast", "onlyWhen"]),
  disposition: z.string(),
  statement: z.string(),
  rationale: z.string(),
  status: VerificationStatusSchema.describe("undecided (not decided in time, or cannot be checked) counts as not proven"),
  message: z.string().optional(),
  counterexample: CounterexampleSchema.optional(),
});
export type InvariantVerdict = z.infer<typeof InvariantVerdictSchema>;

export const ImpactPairSchema = z.object({
  published: VerifiedOutcomeSchema,
  draft: VerifiedOutcomeSchema,
  status: z.enum(["none", "found", "undecided"]).describe("none: proven that no answer set gets this pair"),
  message: z.string().optional(),
  counterexample: CounterexampleSchema.optional(),
});
export type ImpactPair = z.infer<typeof ImpactPairSchema>;

export const ImpactDirectionSchema = z.object({
  /** none: proven for every pair; found: at least one pair has an answer set; undecided: otherwise. */
  status: z.enum(["none", "found", "undecided"]),
  /** Every (published → draft) pair in this direction, found and undecided first. */
  pairs: z.array(ImpactPairSchema),
});
export type ImpactDirection = z.infer<typeof ImpactDirectionSchema>;

export const ExactImpactSchema = z.discriminatedUnion("comparable", [
  z.object({
    comparable: z.literal(true),
    publishedVersion: z.number().int().nullable(),
    /** Less urgent in the draft than in the published version: under-triage, to be acknowledged by the approving reviewer. */
    reductions: ImpactDirectionSchema,
    /** More urgent in the draft: over-triage, for information. */
    increases: ImpactDirectionSchema,
  }),
  z.object({ comparable: z.literal(false), message: z.string() }),
]);
export type ExactImpact = z.infer<typeof ExactImpactSchema>;

export const VerificationReportSchema = z
  .object({
    verifiedAt: z.iso.datetime(),
    invariants: z.array(InvariantVerdictSchema),
    impact: ExactImpactSchema,
    summary: z.object({
      proven: z.number().int(),
      violated: z.number().int(),
      undecided: z.number().int(),
      /** Every invariant proven (what the publication gate requires). */
      allProven: z.boolean(),
    }),
    solver: z.object({
      /** Z3's one-off start-up in this process (0 when it was already running). */
      startupMs: z.number(),
      elapsedMs: z.number(),
      timeBudgetMs: z.number(),
      checks: z.number().int(),
    }),
  })
  .meta({ id: "VerificationReport" });
export type VerificationReport = z.infer<typeof VerificationReportSchema>;
