import { z } from "zod";
import { RuleSetSchema } from "../engine";

/**
 * The shapes of the public API. The OpenAPI document (lib/public/openapi.ts),
 * the route handlers and the client SDK all use these.
 */

export const PublishedRuleSetSchema = RuleSetSchema.extend({
  version: z.number().int().min(1).describe("The published version number"),
  publishedAt: z.iso.datetime().describe("When this version was first published"),
  contentHash: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .describe("sha256 of the canonical JSON (RFC 8785) of the document without version, publishedAt and contentHash"),
}).meta({ id: "PublishedRuleSet", title: "A published rule set" });
export type PublishedRuleSet = z.infer<typeof PublishedRuleSetSchema>;

export const PublishedRuleSetSummarySchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    description: z.string().describe("For authors and reviewers; do not show it to the person using a checker"),
    summary: z.string().optional().describe("For the person using a checker, in plain language (metadata.summary), when the rule set has one"),
    version: z.number().int(),
    publishedAt: z.iso.datetime(),
    contentHash: z.string(),
  })
  .meta({ id: "PublishedRuleSetSummary" });

export const PublishedRuleSetListSchema = z
  .object({ ruleSets: z.array(PublishedRuleSetSummarySchema) })
  .meta({ id: "PublishedRuleSetList" });

const AnswerValueSchema = z.union([z.boolean(), z.number(), z.string(), z.array(z.string()), z.null()]);

export const EvaluateRequestSchema = z
  .strictObject({
    answers: z.record(z.string(), AnswerValueSchema).describe("Answers by fact id; leave a question out (or null) when unanswered"),
    version: z.number().int().min(1).optional().describe("A specific published version; default: the current one"),
  })
  .meta({ id: "EvaluateRequest" });
export type EvaluateRequest = z.infer<typeof EvaluateRequestSchema>;

const DispositionRefSchema = z.object({
  id: z.string(),
  label: z.string(),
  action: z.string().describe("What the person should do, e.g. “Go to the emergency department now”"),
  urgencyRank: z.number().int().describe("Position in the rule set's dispositions: 0 = most urgent"),
});

const GuidanceBlockSchema = z.object({ id: z.string(), title: z.string(), body: z.string().describe("Markdown") });

const QuestionRefSchema = z.object({ id: z.string().describe("Fact id: send the answer under this key"), question: z.string() });

export const EvaluateResponseSchema = z
  .object({
    ruleSet: z.object({ slug: z.string(), version: z.number().int(), contentHash: z.string() }),
    disposition: DispositionRefSchema.nullable().describe(
      "The outcome of the answers given so far: the most urgent disposition of the rules that fired, else the rule set's default. " +
        "null when no rule fired and the rule set has no default: show your own safe fallback, never 'nothing to worry about'. " +
        "While `final` is false this is PROVISIONAL and must not be shown as the advice: show `couldEscalateTo` instead.",
    ),
    decidedBy: z.enum(["rule", "default", "none"]).describe("rule: a rule fired; default: nothing fired, the default applies; none: nothing fired, no default"),
    final: z
      .boolean()
      .describe(
        "true when no answer to the questions still open can make the outcome MORE urgent (computed soundly from the rules: never true while an escalation is reachable). " +
          "false means the outcome is provisional: show the advice (label and action) of `couldEscalateTo`, ask `escalationFacts` first, and never reassure " +
          "(no 'self-care', no 'nothing to worry about') until a response with final: true. A person who cannot or will not answer them gets the advice of `couldEscalateTo`.",
      ),
    couldEscalateTo: DispositionRefSchema.nullable().describe(
      "When `final` is false: the most urgent disposition that answering more could lead to; this is the advice to show while the outcome is provisional. null when final.",
    ),
    escalationFacts: z
      .array(QuestionRefSchema)
      .describe(
        "When `final` is false: the unanswered questions whose answers could lead to a more urgent disposition, most urgent first. Ask these before anything else; " +
          "the outcome is final once they are answered (or no longer apply). Empty when final.",
      ),
    complete: z.boolean().describe("true when no unanswered question could change the outcome at all (missingFacts is empty); implies final"),
    guidance: z
      .array(GuidanceBlockSchema)
      .describe("The guidance of `disposition`, in order. While `final` is false it belongs to a provisional outcome: do not show it as the advice"),
    escalationGuidance: z
      .array(GuidanceBlockSchema)
      .describe("When `final` is false: the guidance of `couldEscalateTo`, to show with its action while the outcome is provisional. Empty when final."),
    firedRules: z.array(z.object({ id: z.string(), title: z.string() })),
    missingFacts: z
      .array(QuestionRefSchema)
      .describe("Every unanswered question that could still change the outcome (more or less urgent), most urgent first; ask `escalationFacts` first"),
  })
  .meta({ id: "EvaluateResponse" });
export type EvaluateResponse = z.infer<typeof EvaluateResponseSchema>;

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    reason: z.string().optional().describe("Why a rule set was withdrawn (410)"),
  })
  .meta({ id: "Problem" });
