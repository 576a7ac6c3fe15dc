/**
 * The JSON Schema of the rule-set document, derived from the zod schema so the
 * two can never drift. Editors use it for autocompletion; the public API
 * publishes it next to the documents it serves.
 */
import { z } from "zod";
import { RuleSetSchema, SCHEMA_VERSION } from "./schema";

// "input" describes documents as authored: fields with defaults are optional.
const generated = z.toJSONSchema(RuleSetSchema, { io: "input", target: "draft-2020-12" });

export const ruleSetJsonSchema: Readonly<Record<string, unknown>> = Object.freeze({
  ...generated,
  description: `Triage Studio rule set, format version ${SCHEMA_VERSION}. See docs/rule-format.md.`,
  "x-schemaVersion": SCHEMA_VERSION,
});
