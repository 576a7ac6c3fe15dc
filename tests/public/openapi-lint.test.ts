import { createConfig, lintFromString } from "@redocly/openapi-core";
import { Document, Spectral } from "@stoplight/spectral-core";
import { Json } from "@stoplight/spectral-parsers";
import { oas } from "@stoplight/spectral-rulesets";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/public/openapi";

/** The public API's OpenAPI document as external tooling sees it: Spectral's spectral:oas and Redocly's recommended rules. */
const text = JSON.stringify(openApiDocument("https://triage.example.org"), null, 2);

const ERROR = 0;

describe("the OpenAPI document under external linters", () => {
  it("has no Spectral spectral:oas errors", async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as never, "all"]] } as never);
    const results = await spectral.run(new Document(text, Json, "openapi.json"));
    const found = results.filter((result) => result.severity === ERROR).map((result) => `${result.code} at ${result.path.join(".")}: ${result.message}`);
    expect(found).toEqual([]);
  });

  it("has no Redocly recommended-rule errors", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: text, absoluteRef: "openapi.json", config });
    const found = problems
      .filter((problem) => problem.severity === "error")
      .map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`);
    expect(found).toEqual([]);
  });

  it("describes HEAD, OPTIONS and 405 on every path, declares no security, and has no fragment $id in component schemas", () => {
    const document = openApiDocument() as unknown as {
      security: unknown[];
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.security).toEqual([]);
    for (const [path, operations] of Object.entries(document.paths)) {
      expect(Object.keys(operations), path).toContain("options");
      if (operations.get) expect(Object.keys(operations), path).toContain("head");
      for (const [method, operation] of Object.entries(operations)) {
        if (method === "parameters") continue;
        expect(Object.keys(operation.responses), `${method} ${path}`).toContain(method === "options" ? "204" : "405");
      }
    }
    expect(JSON.stringify(document.components.schemas)).not.toMatch(/"\$id":\s*"#/);
  });
});
