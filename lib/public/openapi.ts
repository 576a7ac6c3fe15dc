import { z } from "zod";
import { ConditionSchema, SCHEMA_VERSION } from "@/lib/engine";
import {
  EvaluateRequestSchema,
  EvaluateResponseSchema,
  ProblemSchema,
  PublishedRuleSetListSchema,
  PublishedRuleSetSchema,
  PublishedRuleSetSummarySchema,
} from "./schemas";
import { HEALTH_OPENAPI_PATH, HealthSchema } from "./health";

/**
 * The OpenAPI 3.1 description of the public API, generated from the same zod
 * schemas the handlers validate with, so the two cannot drift apart.
 */
function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  registry.add(ConditionSchema, { id: "Condition" });
  registry.add(PublishedRuleSetSchema, { id: "PublishedRuleSet" });
  registry.add(PublishedRuleSetSummarySchema, { id: "PublishedRuleSetSummary" });
  registry.add(PublishedRuleSetListSchema, { id: "PublishedRuleSetList" });
  registry.add(EvaluateRequestSchema, { id: "EvaluateRequest" });
  registry.add(EvaluateResponseSchema, { id: "EvaluateResponse" });
  registry.add(ProblemSchema, { id: "Problem" });
  registry.add(HealthSchema, { id: "Health" });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: "any" });
  // Each component is embedded in this document, so the per-schema dialect marker is dropped.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
      void _dialect;
      return [id, rest];
    }),
  );
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const slugParameter = { name: "slug", in: "path", required: true, schema: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" }, example: "back-pain" };
const etagHeaders = {
  ETag: { description: "Strong validator; send it back in If-None-Match", schema: { type: "string" } },
  "Cache-Control": { schema: { type: "string" } },
};
const ifNoneMatch = { name: "If-None-Match", in: "header", required: false, schema: { type: "string" } };

/** What every client must do with an evaluation; shown on /api-docs too. */
export const EVALUATE_DESCRIPTION =
  "Check `final` first. When `final` is false the outcome is PROVISIONAL: answers to the open questions could still make it more urgent. " +
  "Show the advice (label and action) of `couldEscalateTo`, not of `disposition`, and not `guidance`; ask the questions in `escalationFacts` first, " +
  "most urgent first; never word or style a provisional outcome as reassurance. A person who skips those questions or is not sure keeps the advice of " +
  "`couldEscalateTo` (send no answer, or null, for \"not sure\": never guess \"no\"). When `final` is true, show `disposition` and `guidance`; " +
  "`missingFacts` may still refine it (only towards less urgent). `disposition: null` with `final: true` means the rule set does not cover these answers: " +
  "show your own safe fallback (e.g. contact a clinician), never \"nothing to worry about\".";

export function openApiDocument(serverUrl = "/") {
  return {
    openapi: "3.1.0",
    info: {
      title: "Triage Studio public API",
      version: `1.0.0`,
      description:
        `Published clinical triage rule sets (document schemaVersion ${SCHEMA_VERSION}) and their evaluation. Read-only, no sign-in, CORS open. ` +
        "Only published versions are ever visible. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: serverUrl }],
    paths: {
      "/api/public/health": HEALTH_OPENAPI_PATH,
      "/api/public/rulesets": {
        get: {
          operationId: "listRuleSets",
          summary: "The published rule sets",
          parameters: [ifNoneMatch],
          responses: {
            "200": { description: "Published rule sets", headers: etagHeaders, content: { "application/json": { schema: ref("PublishedRuleSetList") } } },
            "304": { description: "Not modified" },
          },
        },
      },
      "/api/public/rulesets/{slug}": {
        get: {
          operationId: "getRuleSet",
          summary: "The current published version of a rule set",
          parameters: [slugParameter, ifNoneMatch],
          responses: {
            "200": { description: "The document", headers: etagHeaders, content: { "application/json": { schema: ref("PublishedRuleSet") } } },
            "304": { description: "Not modified" },
            "404": problem("Unknown or never published"),
            "410": problem("Withdrawn; `reason` says why"),
          },
        },
      },
      "/api/public/rulesets/{slug}/versions/{version}": {
        get: {
          operationId: "getRuleSetVersion",
          summary: "A specific published version (immutable)",
          parameters: [slugParameter, { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } }, ifNoneMatch],
          responses: {
            "200": { description: "The document", headers: etagHeaders, content: { "application/json": { schema: ref("PublishedRuleSet") } } },
            "304": { description: "Not modified" },
            "404": problem("Unknown, or not a published version"),
            "410": problem("Withdrawn"),
          },
        },
      },
      "/api/public/rulesets/{slug}/evaluate": {
        post: {
          operationId: "evaluate",
          summary: "Evaluate answers against the current (or a given) published version",
          description: EVALUATE_DESCRIPTION,
          parameters: [slugParameter],
          requestBody: { required: true, content: { "application/json": { schema: ref("EvaluateRequest") } } },
          responses: {
            "200": { description: "The triage outcome", content: { "application/json": { schema: ref("EvaluateResponse") } } },
            "400": problem("Invalid body or answers; `errors` names each field"),
            "404": problem("Unknown rule set or version"),
            "410": problem("Withdrawn"),
            "413": problem("Body larger than 64 KiB"),
            "415": problem("Body is not JSON (Content-Type: application/json)"),
            "429": { ...problem("Rate limited per client address"), headers: { "Retry-After": { schema: { type: "integer" } } } },
          },
        },
      },
    },
    components: { schemas: componentSchemas() },
  };
}
