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
  // Each component is embedded in this document, so the per-schema dialect marker is dropped, and so is
  // the `$id` zod writes from `uri`: a fragment `$id` is not allowed in 2020-12 and components are found by $ref.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as Record<string, unknown>;
      void _dialect;
      void _id;
      return [id, rest];
    }),
  );
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const slugParameter = {
  name: "slug",
  in: "path",
  required: true,
  description: "The rule set's identifier, as listed by listRuleSets",
  schema: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" },
  example: "back-pain",
};
const versionParameter = { name: "version", in: "path", required: true, description: "A published version number", schema: { type: "integer", minimum: 1 } };
const etagHeaders = {
  ETag: {
    description:
      "Strong validator of this representation: each content coding (identity, gzip, br) has its own (suffix -gz, -br). Send it back in If-None-Match.",
    schema: { type: "string" },
  },
  "Cache-Control": { description: "How long the answer may be reused", schema: { type: "string" } },
  Vary: { description: "Always Accept-Encoding", schema: { type: "string" } },
};
const conditionalParameters = [
  {
    name: "If-None-Match",
    in: "header",
    required: false,
    description: "ETags you hold; 304 when one is the representation this request selects (weak comparison)",
    schema: { type: "string" },
  },
  { name: "If-Match", in: "header", required: false, description: "412 unless one is the selected representation's ETag (strong comparison)", schema: { type: "string" } },
  { name: "Accept-Encoding", in: "header", required: false, description: "br, gzip or identity, q-values respected; anything else gets identity", schema: { type: "string" } },
];
const methodNotAllowed = (allow: string) => ({
  ...problem(`Any other method; \`Allow\` lists ${allow}`),
  headers: { Allow: { description: "The methods this path answers", schema: { type: "string" } } },
});
const preflight = (operationId: string, allow: string, pathParameters: unknown[]) => ({
  operationId,
  tags: ["CORS"],
  summary: "CORS preflight",
  description: `Allows ${allow} from any origin, and of the requested headers the ones this path reads.`,
  parameters: [
    ...pathParameters,
    { name: "Access-Control-Request-Headers", in: "header", required: false, description: "The headers the browser asks to send", schema: { type: "string" } },
  ],
  responses: {
    "204": {
      description: "Preflight answer",
      headers: {
        Allow: { description: allow, schema: { type: "string" } },
        "Access-Control-Allow-Methods": { description: allow, schema: { type: "string" } },
        "Access-Control-Allow-Headers": { description: "The requested headers this path reads", schema: { type: "string" } },
      },
    },
  },
});

/** A read path: GET, its HEAD twin (same headers, no body), OPTIONS, and what both answer besides 200. */
function readPath(name: string, get: { summary: string; description: string; tags: string[]; parameters: unknown[]; schema: string; problems: Record<string, string> }) {
  const allow = "GET, HEAD, OPTIONS";
  const responses = (withBody: boolean) => ({
    "200": {
      description: withBody ? "The representation" : "The headers GET would send, without the body",
      headers: etagHeaders,
      ...(withBody ? { content: { "application/json": { schema: ref(get.schema) } } } : {}),
    },
    "304": { description: "Not modified: If-None-Match named this representation", headers: etagHeaders },
    ...Object.fromEntries(Object.entries(get.problems).map(([status, description]) => [status, withBody ? problem(description) : { description }])),
    "405": methodNotAllowed(allow),
    "412": withBody ? problem("If-Match did not match") : { description: "If-Match did not match" },
  });
  const operation = { tags: get.tags, parameters: [...get.parameters, ...conditionalParameters] };
  return {
    get: { operationId: name, summary: get.summary, description: get.description, ...operation, responses: responses(true) },
    head: { operationId: `${name}Head`, summary: `${get.summary} (headers only)`, description: `HEAD of ${name}.`, ...operation, responses: responses(false) },
    options: preflight(`${name}Preflight`, allow, get.parameters),
  };
}

/** The health path: GET, HEAD, OPTIONS and 405, like every other path; never cached, so no validators. */
function healthPath() {
  const allow = "GET, HEAD, OPTIONS";
  const get = { ...HEALTH_OPENAPI_PATH.get, tags: ["Health"], responses: { ...HEALTH_OPENAPI_PATH.get.responses, "405": methodNotAllowed(allow) } };
  const headResponses = Object.fromEntries(Object.entries(get.responses).map(([status, { description }]) => [status, { description }]));
  return {
    get,
    head: { operationId: "healthHead", tags: ["Health"], summary: `${get.summary} (headers only)`, description: "HEAD of health.", responses: headResponses },
    options: preflight("healthPreflight", allow, []),
  };
}

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
    // No sign-in on any operation: the public API only ever returns published content.
    security: [],
    tags: [
      { name: "CORS", description: "Preflight answers for browsers" },
      { name: "Evaluation", description: "Triage outcomes for a person's answers" },
      { name: "Health", description: "For load balancers and operators" },
      { name: "Reference", description: "This document" },
      { name: "Rule sets", description: "Published rule sets and their versions" },
    ],
    paths: {
      "/api/public/health": healthPath(),
      "/api/public/rulesets": readPath("listRuleSets", {
        summary: "The published rule sets",
        description: "Every rule set with a current published version that is not withdrawn.",
        tags: ["Rule sets"],
        parameters: [],
        schema: "PublishedRuleSetList",
        problems: {},
      }),
      "/api/public/rulesets/{slug}": readPath("getRuleSet", {
        summary: "The current published version of a rule set",
        description: "Follows publication, rollback and withdrawal within PUBLIC_CACHE_CHECK_MS; cache for 30 s.",
        tags: ["Rule sets"],
        parameters: [slugParameter],
        schema: "PublishedRuleSet",
        problems: { "404": "Unknown or never published", "410": "Withdrawn; `reason` says why" },
      }),
      "/api/public/rulesets/{slug}/versions/{version}": readPath("getRuleSetVersion", {
        summary: "A specific published version (immutable)",
        description: "A published version never changes: cache it for good.",
        tags: ["Rule sets"],
        parameters: [slugParameter, versionParameter],
        schema: "PublishedRuleSet",
        problems: { "404": "Unknown, or not a published version", "410": "Withdrawn" },
      }),
      "/api/public/rulesets/{slug}/evaluate": {
        post: {
          operationId: "evaluate",
          tags: ["Evaluation"],
          summary: "Evaluate answers against the current (or a given) published version",
          description: EVALUATE_DESCRIPTION,
          parameters: [slugParameter],
          requestBody: { required: true, content: { "application/json": { schema: ref("EvaluateRequest") } } },
          responses: {
            "200": { description: "The triage outcome", content: { "application/json": { schema: ref("EvaluateResponse") } } },
            "400": problem("Invalid body or answers; `errors` names each field"),
            "404": problem("Unknown rule set or version"),
            "405": methodNotAllowed("POST, OPTIONS"),
            "410": problem("Withdrawn"),
            "413": { ...problem("Body larger than 64 KiB; the connection is closed after this answer"), headers: { Connection: { description: "close", schema: { type: "string" } } } },
            "415": problem("Body is not JSON (Content-Type: application/json)"),
            "429": { ...problem("Rate limited per client address"), headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } },
          },
        },
        options: preflight("evaluatePreflight", "POST, OPTIONS", [slugParameter]),
      },
      "/api/public/openapi.json": readPath("openApiDocument", {
        summary: "This document",
        description: "The OpenAPI 3.1 description of the public API, generated from the schemas the handlers validate with.",
        tags: ["Reference"],
        parameters: [],
        schema: "OpenApiDocument",
        problems: {},
      }),
    },
    components: { schemas: { ...componentSchemas(), OpenApiDocument: { type: "object", description: "An OpenAPI 3.1 document" } } },
  };
}
