import { describe, expect, it } from "vitest";
import { parseRuleSet, ruleSetJsonSchema, RuleSetSchema, SCHEMA_VERSION } from "../../lib/engine";
import { backPainBenchRuleSet } from "../../bench/fixtures/back-pain-bench";
import { makeRuleSet, yes } from "./fixtures";

type Json = Record<string, unknown>;

/** Collects every "$ref" in a schema. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe("JSON Schema of the rule-set document", () => {
  const schema = ruleSetJsonSchema as Json;

  it("is a draft 2020-12 JSON Schema object describing the document", () => {
    expect(typeof schema.$schema).toBe("string");
    expect(String(schema.$schema)).toMatch(/draft\/2020-12\/schema$/);
    expect(schema.type).toBe("object");
    expect(schema["x-schemaVersion"]).toBe(SCHEMA_VERSION);
    const properties = schema.properties as Json;
    expect(Object.keys(properties)).toEqual(
      expect.arrayContaining(["schemaVersion", "metadata", "facts", "dispositions", "rules", "guidance", "defaultDisposition"]),
    );
    expect((properties.schemaVersion as Json).const).toBe(1);
    expect(schema.required).toEqual(expect.arrayContaining(["schemaVersion", "metadata", "facts", "dispositions", "rules"]));
    // it survives a JSON round trip (no functions, no cycles)
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it("defines the recursive Condition once and every $ref resolves", () => {
    const defs = schema.$defs as Json;
    expect(defs.Condition).toBeDefined();
    const all = refs(schema);
    expect(all.length).toBeGreaterThan(0);
    for (const ref of all) {
      expect(ref.startsWith("#/$defs/") || ref === "#").toBe(true);
      if (ref !== "#") expect(defs[ref.slice("#/$defs/".length)]).toBeDefined();
    }
  });

  it("documents the operators and fact types", () => {
    const text = JSON.stringify(schema);
    for (const op of ["eq", "neq", "lt", "lte", "gt", "gte", "between", "in", "includes", "answered", "notAnswered"]) {
      expect(text).toContain(`"${op}"`);
    }
    for (const type of ["boolean", "number", "singleChoice", "multipleChoice"]) expect(text).toContain(`"${type}"`);
  });

  it("sample documents pass the zod schema, and defaults are filled in", () => {
    expect(RuleSetSchema.safeParse(backPainBenchRuleSet).success).toBe(true);
    const parsed = parseRuleSet(makeRuleSet([{ id: "r", when: yes("fever"), disposition: "emergency" }]));
    expect(parsed.rules[0]).toMatchObject({ enabled: true, guidance: [], tags: [] });
    expect(parsed.schemaVersion).toBe(1);
  });

  it("the zod schema rejects wrong versions, non-snake-case ids and unknown keys", () => {
    const doc = makeRuleSet([{ id: "r", when: yes("fever"), disposition: "emergency" }]);
    expect(RuleSetSchema.safeParse({ ...doc, schemaVersion: 2 }).success).toBe(false);
    expect(RuleSetSchema.safeParse({ ...doc, facts: [{ id: "Bad-Id", type: "boolean", question: "?" }] }).success).toBe(false);
    expect(RuleSetSchema.safeParse({ ...doc, rules: [{ ...doc.rules[0], when: { fact: "fever", op: "eq", value: true, extra: 1 } }] }).success).toBe(false);
    expect(RuleSetSchema.safeParse({ ...doc, rules: [{ ...doc.rules[0], when: { fact: "fever", op: "like", value: true } }] }).success).toBe(false);
  });
});
