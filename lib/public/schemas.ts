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
    description: z.string(),
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

export const EvaluateResponseSchema = z
  .object({
    ruleSet: z.object({ slug: z.string(), version: z.number().int(), contentHash: z.string() }),
    disposition: z
      .object({ id: z.string(), label: z.string(), action: z.string(), urgencyRank: z.number().int().describe("0 = most urgent") })
      .nullable()
      .describe("null when no rule fired and the rule set has no default: show your own safe fallback, never 'nothing to worry about'"),
    decidedBy: z.enum(["rule", "default", "none"]),
    complete: z.boolean().describe("false while unanswered questions could still change the outcome"),
    guidance: z.array(z.object({ id: z.string(), title: z.string(), body: z.string().describe("Markdown") })),
    firedRules: z.array(z.object({ id: z.string(), title: z.string() })),
    missingFacts: z.array(z.object({ id: z.string(), question: z.string() })).describe("Ask these next, most urgent first"),
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
